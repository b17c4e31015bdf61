/**
 * later-15aeae1e (harness/revisions/later-15aeae1e): nicolinc/iommufd arm-smmu-v3-kdump.c @15aeae1e,
 * self-contained (its own ASID/VMID reservation scan, no kexec.c), called as the posted v7 1/7
 * calls its adoption. Smoke test on the intact 2-level story, and what it really does there, pinned.
 */
import { failuresOf } from '../../harness/fuzz/evaluate';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { intactTwoLevel } from '../../harness/stories/intact';
import { loadProperties } from '../../properties';

const REV = 'later-15aeae1e';
const properties = loadProperties();
const run = () => runWithBaseline(loadRevision(REV), intactTwoLevel());
const signatures = (ctx: ReturnType<typeof run>) =>
  properties.flatMap((p) => failuresOf(p.check(ctx)).map((f) => f.signature)).sort();

describe(`${REV} on the intact 2-level crashed kernel (intactTwoLevel)`, () => {
  test('the table is adopted and every insert reuses the crashed kernel\'s L2 table', () => {
    const ctx = run();
    expect(ctx.outcome.adopt_attempted).toBe(true);
    expect(ctx.outcome.adopted).toBe(true);
    expect(ctx.outcome.inserts.map((i) => i.ret)).toEqual([0, 0, 0]);
    expect(ctx.outcome.log.map((l) => l.text)).toContain("kdump: adopting crashed kernel's stream table");
    for (const name of ['intact-table-adopted', 'inserted-bus-usable', 'clean-fallback', 'no-crash']) {
      expect({ name, verdict: properties.find((p) => p.name === name)!.check(ctx) }).toEqual({ name, verdict: { ok: true } });
    }
  });

  test('its scan reserves the VMIDs of the crashed kernel\'s stage-2 STEs (SIDs 0x100, 0x2000) while adopted', () => {
    const r = run().outcome.reservations?.after_init;
    expect(r?.asids).toEqual([]);
    expect(r?.vmids.map((v) => [v.vmid, v.site])).toEqual([
      [0x101, 'arm_smmu_kdump_resv_vmid'],
      [0x2001, 'arm_smmu_kdump_resv_vmid'],
    ]);
  });

  test('what else the story gives, pinned: latest\'s two findings, the scan under its own name', () => {
    // l1_dma left 0 (as v6, v7, latest); the probe-time scan of every L2 table (as latest's
    // arm_smmu_kexec_scan_and_resv_ids(), here inline as arm_smmu_kdump_resv_ids()).
    expect(signatures(run())).toEqual([
      'adopted-state-consistent:l1_dma@after_init',
      'no-over-allocation:memremap@arm_smmu_kdump_resv_ids',
    ]);
  });
});

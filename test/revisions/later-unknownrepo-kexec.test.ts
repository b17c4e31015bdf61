/**
 * later-unknownrepo-kexec (harness/revisions/later-unknownrepo-kexec): the unknown-repository
 * arm-smmu-v3-kexec.c (index id 70682373322, commit not resolvable), which carries the kdump
 * adoption itself under CONFIG_CRASH_DUMP and reserves no ASID or VMID; called exactly as the
 * posted v7 1/7 calls its adoption. Smoke test on the intact 2-level story, pinned.
 */
import { failuresOf } from '../../harness/fuzz/evaluate';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { intactTwoLevel } from '../../harness/stories/intact';
import { loadProperties } from '../../properties';

const REV = 'later-unknownrepo-kexec';
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
    // The file's own dev_fmt() is "kexec: ".
    expect(ctx.outcome.log.map((l) => l.text)).toContain("kexec: adopting crashed kernel's stream table");
    for (const name of ['intact-table-adopted', 'inserted-bus-usable', 'clean-fallback', 'no-crash', 'no-over-allocation']) {
      expect({ name, verdict: properties.find((p) => p.name === name)!.check(ctx) }).toEqual({ name, verdict: { ok: true } });
    }
  });

  test('nothing is reserved: no scan at probe (no transient L2 mappings), no VMID taken out of vmid_map', () => {
    const o = run().outcome;
    expect(o.reservations?.after_init).toEqual({ asids: [], vmids: [] });
    // The only mapping the probe makes is the L1 table's (latest and later-15aeae1e also map each L2 table, transiently).
    const probeMaps = o.ledger.filter((e) => e.phase === 'probe' && e.kind.includes('memremap'));
    expect(probeMaps.map((e) => [e.kind, e.site, e.size])).toEqual([['memremap', 'arm_smmu_kdump_adopt_strtab_2lvl', 2048n]]);
  });

  test('what else the story gives, pinned: l1_dma, and the unreserved VMIDs v6/v7 have too', () => {
    expect(signatures(run())).toEqual([
      'adopted-state-consistent:l1_dma@after_init',
      'asid-vmid-reserved:vmid-unreserved@after_init',
    ]);
  });
});

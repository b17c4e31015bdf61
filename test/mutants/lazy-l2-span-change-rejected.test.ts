/**
 * lazy-l2-span-change-rejected kills latest-no-deferred-span-check: the SPAN re-test in
 * arm_smmu_kdump_adopt_deferred_l2_strtab() is what keeps a descriptor a device rewrote after
 * adoption from sizing the L2 mapping.
 */
import { spanChangedAfterAdoption } from '../../harness/stories/findingScenarios';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-no-deferred-span-check';

describe(`lazy-l2-span-change-rejected catches ${MUTANT}`, () => {
  // After adoption a device rewrites L1[1] from SPAN 9 to SPAN 10; SIDs 0x100 and 0x2000 inserted.
  const r = runBoth('lazy-l2-span-change-rejected', MUTANT, spanChangedAfterAdoption());

  test('latest: the insert of SID 0x100 is refused with -EINVAL, SID 0x2000 still works', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    const o = r.latest.ctx.outcome;
    expect(o.inserts.map((i) => i.ret)).toEqual([-22, 0]);
    expect(o.inserts[0].acquired).toEqual([]);
    expect(o.log.map((l) => l.text)).toContain('kdump: L1[1] span 10 changed since adopt (was 9)');
  });

  test('mutant: the insert devm_memremaps 2^(10-1) STEs = 32 KiB from the changed descriptor', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('lazy-l2-span-change-rejected:mapped-devm_memremap@arm_smmu_kdump_adopt_deferred_l2_strtab');
    expect(f.message).toContain('L1[1] = L1 descriptor 0x14000000a (SPAN=10, L2Ptr=0x140000000)');
    expect(f.message).toContain('devm_memremap of 32 KiB (PA 0x140000000)');
  });
});

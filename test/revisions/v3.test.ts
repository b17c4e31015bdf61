/**
 * v3 ([PATCH rc v3] 1/5..5/5, harness/revisions/v3) on the intact crashed 2-level table: it
 * adopts eagerly (arm_smmu_adopt_strtab(): the L1 table and every L2 table it points at are
 * devm_memremapped at probe, each range first tested by arm_smmu_kdump_phys_is_corrupted()),
 * and an insert reuses the mapping made at probe.
 */
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE } from '../../harness/kernel/ramMap';
import { calls, failedSignatures, intactStory, mappedPas } from './_smoke';

const hex = (v: bigint) => `0x${v.toString(16)}`;

describe('v3 on the intact crashed 2-level table', () => {
  const ctx = intactStory('v3');
  const o = ctx.outcome;

  test('adopts it and binds; every insert succeeds', () => {
    expect(o.crash).toBeUndefined();
    expect({ probe: o.probe_ret, attempted: o.adopt_attempted, adopted: o.adopted }).toEqual({ probe: 0, attempted: true, adopted: true });
    expect(o.inserts.map((i) => [i.sid, i.ret])).toEqual([[0x100, 0], [0x101, 0], [0x2000, 0]]);
  });

  test('maps the L1 table and both L2 tables at probe (eagerly), nothing at insert', () => {
    expect(calls(o, 'devm_memremap', 'probe').map((c) => c.site)).toEqual(Array(3).fill('arm_smmu_adopt_strtab_2lvl'));
    expect(mappedPas(o, 'probe')).toEqual([hex(CRASHED_STRTAB_BASE), hex(CRASHED_L2_BASE), hex(CRASHED_L2_BASE + 0x4000n)]);
    expect(calls(o, 'devm_memremap', 'insert')).toEqual([]);
    expect(calls(o, 'dmam_alloc_coherent', 'insert')).toEqual([]);
  });

  test('asks region_intersects() about each range before mapping it: disjoint', () => {
    const asked = calls(o, 'region_intersects', 'probe');
    expect(asked.map((c) => c.args.split(',')[0])).toEqual(mappedPas(o, 'probe'));
    expect(asked.map((c) => c.ret)).toEqual(Array(3).fill('REGION_DISJOINT'));
  });

  test('fails no-over-allocation for the L2 tables mapped at probe before their inserts, and asid-vmid-reserved (as v6 and v7)', () => {
    expect(failedSignatures(ctx).sort()).toEqual([
      'asid-vmid-reserved:vmid-unreserved@after_init',
      'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl',
    ]);
  });
});

/**
 * v2 ([PATCH rc v2], harness/revisions/v2) on the intact crashed 2-level table: it adopts eagerly
 * (arm_smmu_adopt_strtab(): the L1 table and every L2 table it points at are devm_memremapped at
 * probe, with no range check and no fallback), and an insert reuses the mapping made at probe.
 */
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE } from '../../harness/kernel/ramMap';
import { calls, failedSignatures, intactStory, mappedPas } from './_smoke';

const hex = (v: bigint) => `0x${v.toString(16)}`;

describe('v2 on the intact crashed 2-level table', () => {
  const ctx = intactStory('v2');
  const o = ctx.outcome;

  test('adopts it and binds; every insert succeeds', () => {
    expect(o.crash).toBeUndefined();
    expect({ probe: o.probe_ret, attempted: o.adopt_attempted, adopted: o.adopted }).toEqual({ probe: 0, attempted: true, adopted: true });
    expect(o.inserts.map((i) => [i.sid, i.ret])).toEqual([[0x100, 0], [0x101, 0], [0x2000, 0]]);
  });

  test('maps the L1 table and both L2 tables at probe (eagerly), nothing at insert, and asks no region_intersects()', () => {
    expect(calls(o, 'devm_memremap', 'probe').map((c) => c.site)).toEqual(Array(3).fill('arm_smmu_adopt_strtab_2lvl'));
    expect(mappedPas(o, 'probe')).toEqual([hex(CRASHED_STRTAB_BASE), hex(CRASHED_L2_BASE), hex(CRASHED_L2_BASE + 0x4000n)]);
    expect(calls(o, 'devm_memremap', 'insert')).toEqual([]);
    expect(calls(o, 'dmam_alloc_coherent', 'insert')).toEqual([]);
    expect(o.trace.filter((t) => t.call === 'region_intersects')).toEqual([]);
  });

  test('retains SMMUEN without the "SMMU currently enabled" warning (its kdump check is at the top of the reset)', () => {
    const texts = o.log.map((l) => l.text);
    expect(texts).toContain('kdump: retaining SMMUEN for in-flight DMA');
    expect(texts).not.toContain('SMMU currently enabled! Resetting...');
  });

  test('fails no-over-allocation for the L2 tables mapped at probe before their inserts, and asid-vmid-reserved (as v6 and v7)', () => {
    expect(failedSignatures(ctx).sort()).toEqual([
      'asid-vmid-reserved:vmid-unreserved@after_init',
      'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl',
    ]);
  });
});

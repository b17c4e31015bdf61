/**
 * v5 ([PATCH v5] 1/6..6/6, harness/revisions/v5) on the intact crashed 2-level table: it adopts,
 * maps the L1 table at probe and each L2 table only when a SID of its bus is inserted, and asks
 * region_intersects() about every range first (arm_smmu_kdump_phys_is_corrupted()).
 */
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE } from '../../harness/kernel/ramMap';
import { intactTwoLevel, withCorruption } from '../../harness/stories/intact';
import { loadRevision, runScenario } from '../../harness/scenario/api';
import { calls, failedSignatures, intactStory, mappedPas } from './_smoke';

const hex = (v: bigint) => `0x${v.toString(16)}`;

describe('v5 on the intact crashed 2-level table', () => {
  const ctx = intactStory('v5');
  const o = ctx.outcome;

  test('adopts it and binds; every insert succeeds', () => {
    expect(o.crash).toBeUndefined();
    expect({ probe: o.probe_ret, attempted: o.adopt_attempted, adopted: o.adopted }).toEqual({ probe: 0, attempted: true, adopted: true });
    expect(o.inserts.map((i) => [i.sid, i.ret])).toEqual([[0x100, 0], [0x101, 0], [0x2000, 0]]);
    expect(o.log.map((l) => l.text)).toContain("kdump: adopting crashed kernel's stream table");
  });

  test('maps the L1 table at probe and the two L2 tables lazily, one per bus, at insert', () => {
    expect(calls(o, 'devm_memremap', 'probe').map((c) => c.site)).toEqual(['arm_smmu_kdump_adopt_strtab_2lvl']);
    expect(mappedPas(o, 'probe')).toEqual([hex(CRASHED_STRTAB_BASE)]);
    expect(calls(o, 'devm_memremap', 'insert').map((c) => c.site)).toEqual(['arm_smmu_kdump_adopt_l2_strtab', 'arm_smmu_kdump_adopt_l2_strtab']);
    expect(mappedPas(o, 'insert')).toEqual([hex(CRASHED_L2_BASE), hex(CRASHED_L2_BASE + 0x4000n)]);
    expect(calls(o, 'dmam_alloc_coherent', 'insert')).toEqual([]);
  });

  test('asks region_intersects(IORESOURCE_MEM | IORESOURCE_BUSY) about the L1 table and each L2 table: disjoint', () => {
    const probe = calls(o, 'region_intersects', 'probe');
    const insert = calls(o, 'region_intersects', 'insert');
    // At probe: the L1 table, then the two L2 tables its descriptors point at (checked, not mapped).
    expect(probe.map((c) => c.args.split(',')[0])).toEqual([hex(CRASHED_STRTAB_BASE), hex(CRASHED_L2_BASE), hex(CRASHED_L2_BASE + 0x4000n)]);
    expect(insert.map((c) => c.args.split(',')[0])).toEqual([hex(CRASHED_L2_BASE), hex(CRASHED_L2_BASE + 0x4000n)]);
    for (const c of [...probe, ...insert]) {
      expect(c.args).toContain('0x80000200');
      expect(c.ret).toBe('REGION_DISJOINT');
    }
  });

  test("fails only asid-vmid-reserved (the crashed kernel's VMIDs are not reserved, as in v6 and v7)", () => {
    expect(failedSignatures(ctx)).toEqual(['asid-vmid-reserved:vmid-unreserved@after_init']);
  });

  test('a STRTAB_BASE pointing into its own RAM is refused by arm_smmu_kdump_phys_is_corrupted() and falls back', () => {
    const s = withCorruption(intactTwoLevel(), { kind: 'test', target: 'reg', reg: 'STRTAB_BASE', op: 'set', value: 0x4000_0000_8010_0000n });
    const r = runScenario(loadRevision('v5'), s);
    expect(calls(r, 'region_intersects', 'probe').map((c) => c.ret)).toEqual(['REGION_INTERSECTS']);
    expect(r.log.map((l) => l.text)).toEqual(expect.arrayContaining(['kdump: l1 stream table is corrupted', 'kdump: falling back to full reset']));
    expect({ probe: r.probe_ret, adopted: r.adopted }).toEqual({ probe: 0, adopted: false });
    expect(calls(r, 'devm_memremap', 'probe')).toEqual([]);
  });
});

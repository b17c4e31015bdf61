/**
 * The driver's own C against the simulated kernel, in the style of KUnit's arm-smmu-v3-test.c:
 * the real logic runs, the records (ledger, MMIO writes, trace, log) are compared with what the
 * kernel facts say must happen. Case names say the case in kernel words.
 */
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE, OWN_RAM_END } from '../../harness/kernel/ramMap';
import { ARM_SMMU_FEAT_2_LVL_STRTAB, ARM_SMMU_OPT_KDUMP_ADOPT, STRTAB_L2_SIZE } from '../../harness/kernel/smmuRegs';
import { describeProbe } from '../../harness/report/outcome';
import { loadRevision, runScenario } from '../../harness/scenario/api';
import type { LedgerEntry, Outcome } from '../../harness/scenario/types';
import { intactTwoLevel, mainlineNumL1Ents, normalBoot, withCorruption } from '../../harness/stories/intact';

const mainline = loadRevision('mainline');
const v6 = loadRevision('v6');

function entries(o: Outcome, kind: LedgerEntry['kind'], site?: string): LedgerEntry[] {
  return o.ledger.filter((e) => e.kind === kind && (site === undefined || e.site === site));
}

function written(o: Outcome, reg: string, phase = 'probe'): bigint[] {
  return o.mmio_writes.filter((w) => w.reg === reg && w.phase === phase).map((w) => w.value);
}

describe('mainline, normal boot: arm_smmu_init_strtab allocates what KERNEL_FACTS.md says', () => {
  test.each([12, 16, 20, 25, 32])('arm_smmu_init_strtab_2lvl, sid_bits=%i', (sid_bits) => {
    const o = runScenario(mainline, normalBoot(sid_bits));
    expect(o.crash).toBeUndefined();
    expect(o.probe_ret).toBe(0);
    const n = mainlineNumL1Ents(sid_bits);
    expect(entries(o, 'dmam_alloc_coherent', 'arm_smmu_init_strtab_2lvl').map((e) => e.size)).toEqual([BigInt(n * 8)]);
    expect(entries(o, 'devm_kmalloc', 'arm_smmu_init_strtab_2lvl').map((e) => e.size)).toEqual([BigInt(n * 8)]);
    expect(o.after_probe!.strtab_cfg.num_l1_ents).toBe(n);
    // arm_smmu_write_strtab(): FMT 2-level, SPLIT 8, LOG2SIZE ilog2(num_l1_ents) + 8.
    expect(written(o, 'STRTAB_BASE_CFG')).toEqual([BigInt((1 << 16) | (8 << 6) | (Math.log2(n) + 8))]);
    expect(o.violations).toEqual([]);
  });

  test.each([1, 4, 8])('arm_smmu_init_strtab_linear, sid_bits=%i', (sid_bits) => {
    const o = runScenario(mainline, normalBoot(sid_bits));
    expect(o.probe_ret).toBe(0);
    expect(o.after_hw_probe!.features & ARM_SMMU_FEAT_2_LVL_STRTAB).toBe(0); // sid_bits <= STRTAB_SPLIT
    expect(entries(o, 'dmam_alloc_coherent', 'arm_smmu_init_strtab_linear').map((e) => e.size)).toEqual([BigInt(2 ** sid_bits * 64)]);
    expect(o.after_probe!.strtab_cfg.num_ents).toBe(2 ** sid_bits);
    expect(o.violations).toEqual([]);
  });

  test('linear-only hardware with sid_bits=26: the u32 size wraps to 0; dmam_alloc_coherent(0) returns NULL and the model says it did not settle that', () => {
    const o = runScenario(mainline, normalBoot(26, false));
    expect(o.crash).toBeUndefined();
    expect(o.probe_ret).toBe(-12);
    expect(o.log.map((l) => l.text)).toContain('failed to allocate linear stream table (0 bytes)');
    // Not a silent NULL: the call is a model note in the Outcome and in the report.
    expect(o.model_notes).toEqual([expect.objectContaining({ service: 'dmam_alloc_coherent', site: 'arm_smmu_init_strtab_linear', phase: 'probe' })]);
    expect(o.model_notes![0].note).toMatch(/size 0: .*not settled/);
    expect(describeProbe(o).join('\n')).toMatch(/MODEL +dmam_alloc_coherent\(\) by arm_smmu_init_strtab_linear:\d+ in probe .*size 0/);
    expect(o.warnings).toEqual([]);
  });

  test('an allocation of a real size leaves no model note', () => {
    expect(runScenario(mainline, normalBoot(16)).model_notes).toBeUndefined();
  });

  test('arm_smmu_init_l2_strtab allocates one 16 KiB L2 per L1 index and writes its descriptor', () => {
    const o = runScenario(mainline, normalBoot(16, true, [0x100, 0x1ff, 0x2000]));
    const l2 = entries(o, 'dmam_alloc_coherent', 'arm_smmu_init_l2_strtab');
    expect(l2.map((e) => e.size)).toEqual([BigInt(STRTAB_L2_SIZE), BigInt(STRTAB_L2_SIZE)]);
    expect(o.inserts.map((i) => i.ret)).toEqual([0, 0, 0]);
    // SPAN = STRTAB_SPLIT + 1, L2PTR = the L2's DMA address.
    expect(o.inserts[0].l1_desc_after).toBe(l2[0].pa! | 9n);
  });

  test('teardown releases every devm allocation, in reverse order of registration', () => {
    const o = runScenario(mainline, normalBoot(16, true, [0x100]));
    expect(o.violations).toEqual([]);
    const released = o.ledger.filter((e) => e.released_at !== undefined).sort((a, b) => a.released_at! - b.released_at!);
    expect(released.map((e) => e.id)).toEqual(o.ledger.map((e) => e.id).reverse());
  });
});

describe('v6: arm_smmu_kdump_adopt_strtab on an intact crashed table', () => {
  const s = intactTwoLevel(16, [0x100, 0x101, 0x2000]);
  const o = runScenario(v6, s);

  test('arm_smmu_device_hw_probe_kdump sets ARM_SMMU_OPT_KDUMP_ADOPT and the table is adopted', () => {
    expect(o.crash).toBeUndefined();
    expect(o.probe_ret).toBe(0);
    expect(o.adopt_attempted).toBe(true);
    expect(o.adopted).toBe(true);
    expect(o.after_probe!.options & ARM_SMMU_OPT_KDUMP_ADOPT).toBeTruthy();
  });

  test('the L1 table is memremapped from STRTAB_BASE, l2ptrs kcalloc()ed, nothing allocated by mainline', () => {
    const l1 = entries(o, 'memremap', 'arm_smmu_kdump_adopt_strtab_2lvl');
    expect(l1.map((e) => [e.pa, e.size])).toEqual([[CRASHED_STRTAB_BASE, 256n * 8n]]);
    expect(entries(o, 'kmalloc', 'arm_smmu_kdump_adopt_strtab_2lvl').map((e) => e.size)).toEqual([256n * 8n]);
    expect(entries(o, 'dmam_alloc_coherent')).toEqual([]);
  });

  test("inserting an attached SID reuses the crashed kernel's L2 table without allocating", () => {
    expect(o.inserts.map((i) => i.ret)).toEqual([0, 0, 0]);
    const l2 = entries(o, 'devm_memremap', 'arm_smmu_kdump_adopt_l2_strtab');
    expect(l2.map((e) => [e.pa, e.size])).toEqual([
      [CRASHED_L2_BASE, BigInt(STRTAB_L2_SIZE)],
      [CRASHED_L2_BASE + BigInt(STRTAB_L2_SIZE), BigInt(STRTAB_L2_SIZE)],
    ]);
    expect(o.inserts[1].acquired).toEqual([]); // 0x101 shares 0x100's L1 entry
  });

  test('the adopted reset keeps SMMUEN and never writes STRTAB_BASE/STRTAB_BASE_CFG', () => {
    expect(written(o, 'STRTAB_BASE')).toEqual([]);
    expect(written(o, 'STRTAB_BASE_CFG')).toEqual([]);
    expect(written(o, 'CR0').every((v) => (v & 1n) === 1n)).toBe(true);
    expect(written(o, 'GBPA')).toEqual([]);
  });

  test("teardown under the 'keep' policy releases everything exactly once", () => {
    expect(o.violations).toEqual([]);
    expect(o.ledger.every((e) => e.released_at !== undefined)).toBe(true);
  });
});

describe('v6: fallback to the full reset', () => {
  const bad = withCorruption(intactTwoLevel(16), {
    kind: 'STRTAB_BASE_CFG:fmt', target: 'reg', reg: 'STRTAB_BASE_CFG', op: 'set', value: BigInt((3 << 16) | (8 << 6) | 16),
  });
  const o = runScenario(v6, bad);

  test('an invalid STRTAB_BASE_CFG.FMT is refused with a log line and the option cleared', () => {
    expect(o.adopt_attempted).toBe(true);
    expect(o.adopted).toBe(false);
    expect(o.log.map((l) => l.text)).toEqual(expect.arrayContaining(['kdump: invalid STRTAB format 3']));
  });

  test("mainline's path then builds a fresh table and fully resets the SMMU", () => {
    expect(o.probe_ret).toBe(0);
    expect(entries(o, 'dmam_alloc_coherent', 'arm_smmu_init_strtab_2lvl')).toHaveLength(1);
    expect(written(o, 'STRTAB_BASE')).toHaveLength(1);
    expect(written(o, 'STRTAB_BASE_CFG')).toEqual([BigInt((1 << 16) | (8 << 6) | 16)]);
    const cr0 = written(o, 'CR0');
    expect(cr0[0]).toBe(0n); // arm_smmu_device_disable()
    expect(cr0[cr0.length - 1] & 1n).toBe(1n); // SMMUEN at the end
  });
});

describe("v6: a STRTAB_BASE inside the kdump kernel's own RAM", () => {
  test('memremap returns the direct map (REGION_INTERSECTS), even at the top of the crashkernel region', () => {
    const s = withCorruption(intactTwoLevel(16, []), {
      kind: 'STRTAB_BASE:own-ram', target: 'reg', reg: 'STRTAB_BASE', op: 'set', value: (1n << 62n) | (OWN_RAM_END - 0x1000n),
    });
    const o = runScenario(v6, s);
    expect(o.crash).toBeUndefined();
    expect(entries(o, 'memremap-ram').map((e) => [e.pa, e.size])).toEqual([[OWN_RAM_END - 0x1000n, 2048n]]);
    expect(o.adopted).toBe(true);
  });
});

describe('v6: devres and faults', () => {
  test('devm_add_action_or_reset runs arm_smmu_kdump_adopt_cleanup when it cannot register it', () => {
    const s = { ...intactTwoLevel(16), faults: [{ site: 'arm_smmu_kdump_adopt_strtab:devm_add_action', nth: 1 }] };
    const o = runScenario(v6, s);
    const action = o.trace.find((t) => t.call === 'devres_action');
    expect(action?.args).toMatch(/^arm_smmu_kdump_adopt_cleanup\(/);
    expect(action?.phase).toBe('probe');
    expect(o.adopted).toBe(false);
    expect(o.log.map((l) => l.text)).toEqual(expect.arrayContaining(['kdump: failed to set up cleanup action']));
  });

  test('a failed L2 devm_memremap rejects only that insert', () => {
    const s = { ...intactTwoLevel(16, [0x100, 0x2000]), faults: [{ site: 'arm_smmu_kdump_adopt_l2_strtab:devm_memremap', nth: 1 }] };
    const o = runScenario(v6, s);
    expect(o.inserts.map((i) => i.ret)).toEqual([-12, 0]);
  });
});

describe('register policies at teardown', () => {
  test("v6's cleanup reads STRTAB_BASE_CFG after runtime PM put: under 'zero' it takes the linear branch and leaks l2ptrs", () => {
    const s = { ...intactTwoLevel(16), teardown: { policy: 'zero' as const, garbage_seed: 1 } };
    const o = runScenario(v6, s);
    const leaks = o.violations.filter((v) => v.kind === 'leak');
    expect(leaks.map((v) => v.site)).toEqual(['arm_smmu_kdump_adopt_strtab_2lvl']);
    expect(leaks[0].message).toMatch(/^kmalloc of 2048 bytes/);
  });

  test("under 'keep' the same teardown releases everything", () => {
    expect(runScenario(v6, intactTwoLevel(16)).violations).toEqual([]);
  });
});

/**
 * Hand-built Outcomes for the property unit tests: a clean adopted run (2-level and linear), a
 * clean fallback, and the mainline baseline — each a fresh object a test may then corrupt in one
 * place, to show the property catches exactly that.
 *
 * The numbers follow mainline on sid_bits=16 hardware: num_l1_ents = 256, L1 table 2 KiB, l2ptrs
 * 2 KiB, one 16 KiB L2 per L1 index inserted. They stand in for the simulator, so their register
 * values come from the harness's SMMU model, never from the properties' own reading of it.
 */
import {
  ARM_SMMU_FEAT_2_LVL_STRTAB, ARM_SMMU_FEAT_COHERENCY, ARM_SMMU_OPT_KDUMP_ADOPT, FIELD_PREP, GBPA_ABORT, GBPA_UPDATE,
  REG_OFFSETS, STRTAB_BASE_CFG_FMT_2LVL, STRTAB_BASE_CFG_FMT_LINEAR, STRTAB_BASE_RA, STRTAB_L1_DESC_SPAN,
  STRTAB_L1_DESC_SPAN_DRIVER, STRTAB_SPLIT, strtabBaseCfg,
} from '../../harness/kernel/smmuRegs';
import { crashedStrtabBase, crashedStrtabBaseCfg } from '../../harness/kernel/smmuTable';
import type {
  CrashedTable, InsertResult, LedgerEntry, MmioWrite, Outcome, Phase, PropertyContext, Scenario, SmmuState, StrtabCfg,
} from '../../harness/scenario/types';
import { emptyOutcome } from '../../harness/scenario/outcome';

export const KiB = 1024n;
export const L1_BASE = 0x1_0000_0000n; // crashed RAM
export const L2_BASE = 0x1_4000_0000n; // crashed RAM
export const RA = STRTAB_BASE_RA;
export const CFG_2LVL_16 = BigInt(strtabBaseCfg(STRTAB_BASE_CFG_FMT_2LVL, STRTAB_SPLIT, 16));
export const FEAT_2LVL = ARM_SMMU_FEAT_2_LVL_STRTAB;
export const FEAT_COHERENCY = ARM_SMMU_FEAT_COHERENCY;
export const OPT_KDUMP_ADOPT = ARM_SMMU_OPT_KDUMP_ADOPT;
const GBPA_UPDATE_ABORT = BigInt(GBPA_UPDATE | GBPA_ABORT);
/** Where the fresh tables live: DMA memory of the kdump kernel's own RAM. */
export const FRESH_L1_DMA = 0x8010_0000n;
export const FRESH_L2_DMA = 0x8020_0000n;

export function desc(l2: bigint, span = STRTAB_L1_DESC_SPAN_DRIVER): bigint {
  return l2 | FIELD_PREP(STRTAB_L1_DESC_SPAN, span);
}

export function scenario2lvl(): Scenario {
  return {
    hardware: { sid_bits: 16, two_level: true, coherent: true },
    kdump: true,
    crashed: {
      smmuen: true,
      sfm_err: false,
      table: { ...TABLE_2LVL, attached: [...TABLE_2LVL.attached] },
    },
    corruption: [],
    dma: [],
    faults: [],
    inserts: [0x100, 0x300],
    teardown: { policy: 'keep', garbage_seed: 0 },
  };
}

export function cfg(p: Partial<StrtabCfg> = {}): StrtabCfg {
  return { raw: [], l1tab: 0n, l2ptrs: 0n, l1_dma: 0n, num_l1_ents: 0, linear_table: 0n, ste_dma: 0n, num_ents: 0, ...p };
}

/** The 2-level strtab_cfg union with both views consistent. */
export function cfg2lvl(l1tab: bigint, l2ptrs: bigint, l1_dma: bigint, num_l1_ents: number): StrtabCfg {
  return cfg({ l1tab, l2ptrs, l1_dma, num_l1_ents, linear_table: l1tab, ste_dma: l2ptrs, num_ents: Number(l1_dma & 0xffffffffn) });
}

export function cfgLinear(table: bigint, ste_dma: bigint, num_ents: number): StrtabCfg {
  return cfg({ linear_table: table, ste_dma, num_ents, l1tab: table, l2ptrs: ste_dma, l1_dma: BigInt(num_ents) });
}

function state(features: number, options: number, strtab_cfg: StrtabCfg, sid_bits = 16): SmmuState {
  return { features, options, sid_bits, strtab_cfg: { ...strtab_cfg, raw: [...strtab_cfg.raw] } };
}

class Ledger {
  entries: LedgerEntry[] = [];
  add(e: Omit<LedgerEntry, 'id' | 'line'> & { line?: number }): LedgerEntry {
    const entry: LedgerEntry = { line: 100 + this.entries.length, ...e, id: this.entries.length };
    this.entries.push(entry);
    return entry;
  }
}

function w(step: number, phase: Phase, reg: string, value: bigint): MmioWrite {
  return { step, phase, reg, offset: REG_OFFSETS[reg], value };
}

const TABLE_2LVL: CrashedTable = { fmt: '2lvl', base: L1_BASE, log2size: 16, attached: [0x100], l2_base: L2_BASE };

/** What runScenario records of every run: the registers adoption read, the faults that fired. */
function base(revision: string, table: CrashedTable = TABLE_2LVL): Outcome {
  return {
    ...emptyOutcome(revision), probe_ret: 0, phase_end: { setup: 5, probe: 25, insert: 50, teardown: 70 },
    strtab_regs_at_probe: { strtab_base: crashedStrtabBase(table), strtab_base_cfg: crashedStrtabBaseCfg(table) },
    faults_fired: [],
  };
}

/** The full reset of mainline's arm_smmu_device_reset (SMMUEN found set), steps from `at`. */
function fullReset(at: number, l1dma: bigint, cr0Enables: bigint[] = [0x8n, 0xcn, 0xdn]): MmioWrite[] {
  return [
    w(at, 'probe', 'GBPA', GBPA_UPDATE_ABORT),
    w(at + 1, 'probe', 'CR0', 0n),
    w(at + 2, 'probe', 'STRTAB_BASE', l1dma | RA),
    w(at + 3, 'probe', 'STRTAB_BASE_CFG', CFG_2LVL_16),
    ...cr0Enables.map((v, i) => w(at + 4 + i, 'probe', 'CR0', v)),
  ];
}

/** Mainline, normal boot, same hardware and inserts: the allocation baseline. */
export function baseline2lvl(): Outcome {
  const o = base('mainline');
  const l = new Ledger();
  const l1 = l.add({ kind: 'dmam_alloc_coherent', addr: 0x7000_0000_1000n, size: 2n * KiB, pa: FRESH_L1_DMA, site: 'arm_smmu_init_strtab_2lvl', acquired_at: 10, released_at: 66, released_by: 'devres', phase: 'probe' });
  const ptrs = l.add({ kind: 'devm_kmalloc', addr: 0x7000_0000_2000n, size: 2n * KiB, site: 'arm_smmu_init_strtab_2lvl', acquired_at: 11, released_at: 65, released_by: 'devres', phase: 'probe' });
  l.add({ kind: 'devres_action', addr: 0n, size: 0n, site: 'arm_smmu_init_strtab', action: 'arm_smmu_destroy_vmid_map', acquired_at: 12, released_at: 64, released_by: 'devres', phase: 'probe' });
  const a = l.add({ kind: 'dmam_alloc_coherent', addr: 0x7000_0001_0000n, size: 16n * KiB, pa: FRESH_L2_DMA, site: 'arm_smmu_init_l2_strtab', acquired_at: 30, released_at: 63, released_by: 'devres', phase: 'insert' });
  const b = l.add({ kind: 'dmam_alloc_coherent', addr: 0x7000_0001_4000n, size: 16n * KiB, pa: FRESH_L2_DMA + 0x4000n, site: 'arm_smmu_init_l2_strtab', acquired_at: 40, released_at: 62, released_by: 'devres', phase: 'insert' });
  o.ledger = l.entries;
  const c = cfg2lvl(l1.addr, ptrs.addr, FRESH_L1_DMA, 256);
  o.after_hw_probe = state(FEAT_2LVL | FEAT_COHERENCY, 0, cfg());
  o.after_init = state(FEAT_2LVL | FEAT_COHERENCY, 0, c);
  o.after_probe = state(FEAT_2LVL | FEAT_COHERENCY, 0, c);
  o.mmio_writes = [...fullReset(14, FRESH_L1_DMA), w(60, 'teardown', 'CR0', 0n)];
  o.registers = { STRTAB_BASE: FRESH_L1_DMA | RA, STRTAB_BASE_CFG: CFG_2LVL_16, CR0: 0n };
  o.inserts = [
    { sid: 0x100, ret: 0, l2ptr_slot_before: 0n, l2ptr_slot: a.addr, l1_desc_before: 0n, l1_desc_after: desc(FRESH_L2_DMA), acquired: [a.id], step_from: 29, step_to: 31 },
    { sid: 0x300, ret: 0, l2ptr_slot_before: 0n, l2ptr_slot: b.addr, l1_desc_before: 0n, l1_desc_after: desc(FRESH_L2_DMA + 0x4000n), acquired: [b.id], step_from: 39, step_to: 41 },
  ];
  o.peak_live_bytes = 36n * KiB;
  return o;
}

/**
 * A clean adoption of the crashed kernel's 2-level table (v7/latest shape): L1 memremapped,
 * l2ptrs kcalloc'ed, cleanup devres action; insert 0x100 adopts the crashed L2 of L1[1]
 * (devm_memremap), insert 0x300 finds L1[3] empty and allocates a fresh L2.
 */
export function adopted2lvl(): Outcome {
  const o = base('latest');
  const l = new Ledger();
  const l1 = l.add({ kind: 'memremap', addr: 0x6000_0000_0000n, size: 2n * KiB, pa: L1_BASE, site: 'arm_smmu_kdump_adopt_strtab_2lvl', acquired_at: 10, released_at: 65, released_by: 'memunmap', phase: 'probe' });
  const ptrs = l.add({ kind: 'kmalloc', addr: 0x7000_0000_2000n, size: 2n * KiB, site: 'arm_smmu_kdump_adopt_strtab_2lvl', acquired_at: 11, released_at: 64, released_by: 'kfree', phase: 'probe' });
  l.add({ kind: 'devres_action', addr: 0n, size: 0n, site: 'arm_smmu_kdump_adopt_strtab', action: 'arm_smmu_kdump_adopt_cleanup', acquired_at: 12, released_at: 63, released_by: 'devres', phase: 'probe' });
  const a = l.add({ kind: 'devm_memremap', addr: 0x6000_0001_0000n, size: 16n * KiB, pa: L2_BASE, site: 'arm_smmu_kdump_adopt_l2_strtab', acquired_at: 30, released_at: 62, released_by: 'devres', phase: 'insert' });
  const b = l.add({ kind: 'dmam_alloc_coherent', addr: 0x7000_0001_4000n, size: 16n * KiB, pa: FRESH_L2_DMA, site: 'arm_smmu_init_l2_strtab', acquired_at: 40, released_at: 61, released_by: 'devres', phase: 'insert' });
  o.ledger = l.entries;
  o.adopt_attempted = true;
  o.adopted = true;
  const c = cfg2lvl(l1.addr, ptrs.addr, L1_BASE, 256);
  o.after_hw_probe = state(FEAT_2LVL | FEAT_COHERENCY, OPT_KDUMP_ADOPT, cfg());
  o.after_init = state(FEAT_2LVL | FEAT_COHERENCY, OPT_KDUMP_ADOPT, c);
  o.after_probe = state(FEAT_2LVL | FEAT_COHERENCY, OPT_KDUMP_ADOPT, c);
  // Retain SMMUEN: queues disabled with SMMUEN kept, then re-enabled.
  o.mmio_writes = [w(14, 'probe', 'CR0', 0x1n), w(15, 'probe', 'GERRORN', 0x100n), w(16, 'probe', 'CR0', 0x9n), w(17, 'probe', 'CR0', 0xdn), w(60, 'teardown', 'CR0', 0n)];
  o.registers = { STRTAB_BASE: L1_BASE | RA, STRTAB_BASE_CFG: CFG_2LVL_16, CR0: 0n };
  o.inserts = [
    { sid: 0x100, ret: 0, l2ptr_slot_before: 0n, l2ptr_slot: a.addr, l1_desc_before: desc(L2_BASE), l1_desc_after: desc(L2_BASE), acquired: [a.id], step_from: 29, step_to: 31 },
    { sid: 0x300, ret: 0, l2ptr_slot_before: 0n, l2ptr_slot: b.addr, l1_desc_before: 0n, l1_desc_after: desc(FRESH_L2_DMA), acquired: [b.id], step_from: 39, step_to: 41 },
  ];
  o.peak_live_bytes = 36n * KiB;
  return o;
}

/**
 * A clean fallback: L1[5] of the crashed table has SPAN 11, adoption maps the L1 table, sees
 * it, undoes everything, and mainline's path builds and installs a fresh table.
 */
export function fallback2lvl(): Outcome {
  const o = base('latest');
  const l = new Ledger();
  l.add({ kind: 'memremap', addr: 0x6000_0000_0000n, size: 2n * KiB, pa: L1_BASE, site: 'arm_smmu_kdump_adopt_strtab_2lvl', acquired_at: 10, released_at: 13, released_by: 'memunmap', phase: 'probe' });
  l.add({ kind: 'kmalloc', addr: 0x7000_0000_8000n, size: 2n * KiB, site: 'arm_smmu_kdump_adopt_strtab_2lvl', acquired_at: 11, released_at: 12, released_by: 'kfree', phase: 'probe' });
  const l1 = l.add({ kind: 'dmam_alloc_coherent', addr: 0x7000_0000_1000n, size: 2n * KiB, pa: FRESH_L1_DMA, site: 'arm_smmu_init_strtab_2lvl', acquired_at: 15, released_at: 66, released_by: 'devres', phase: 'probe' });
  const ptrs = l.add({ kind: 'devm_kmalloc', addr: 0x7000_0000_2000n, size: 2n * KiB, site: 'arm_smmu_init_strtab_2lvl', acquired_at: 16, released_at: 65, released_by: 'devres', phase: 'probe' });
  l.add({ kind: 'devres_action', addr: 0n, size: 0n, site: 'arm_smmu_init_strtab', action: 'arm_smmu_destroy_vmid_map', acquired_at: 17, released_at: 64, released_by: 'devres', phase: 'probe' });
  const a = l.add({ kind: 'dmam_alloc_coherent', addr: 0x7000_0001_0000n, size: 16n * KiB, pa: FRESH_L2_DMA, site: 'arm_smmu_init_l2_strtab', acquired_at: 30, released_at: 63, released_by: 'devres', phase: 'insert' });
  const b = l.add({ kind: 'dmam_alloc_coherent', addr: 0x7000_0001_4000n, size: 16n * KiB, pa: FRESH_L2_DMA + 0x4000n, site: 'arm_smmu_init_l2_strtab', acquired_at: 40, released_at: 62, released_by: 'devres', phase: 'insert' });
  o.ledger = l.entries;
  o.adopt_attempted = true;
  o.adopted = false;
  o.init_end_step = 18;
  const c = cfg2lvl(l1.addr, ptrs.addr, FRESH_L1_DMA, 256);
  o.after_hw_probe = state(FEAT_2LVL | FEAT_COHERENCY, OPT_KDUMP_ADOPT, cfg());
  o.after_init = state(FEAT_2LVL | FEAT_COHERENCY, 0, c);
  o.after_probe = state(FEAT_2LVL | FEAT_COHERENCY, 0, c);
  // kdump kernel: EVTQ/PRIQ skipped, so fewer CR0 steps than mainline's normal boot.
  o.mmio_writes = [...fullReset(19, FRESH_L1_DMA, [0x8n, 0x9n]), w(60, 'teardown', 'CR0', 0n)];
  o.registers = { STRTAB_BASE: FRESH_L1_DMA | RA, STRTAB_BASE_CFG: CFG_2LVL_16, CR0: 0n };
  o.log = [
    { level: 3, site: 'arm_smmu_kexec_check_strtab_l1_desc', fmt: 'L1[%u] unsupported span %u (vs %u)\n', text: 'L1[5] unsupported span 11 (vs 9)', phase: 'probe', step: 12 },
    { level: 4, site: 'arm_smmu_kdump_adopt_strtab', fmt: 'falling back to full reset\n', text: 'falling back to full reset', phase: 'probe', step: 14 },
  ];
  o.inserts = [
    { sid: 0x100, ret: 0, l2ptr_slot_before: 0n, l2ptr_slot: a.addr, l1_desc_before: 0n, l1_desc_after: desc(FRESH_L2_DMA), acquired: [a.id], step_from: 29, step_to: 31 },
    { sid: 0x300, ret: 0, l2ptr_slot_before: 0n, l2ptr_slot: b.addr, l1_desc_before: 0n, l1_desc_after: desc(FRESH_L2_DMA + 0x4000n), acquired: [b.id], step_from: 39, step_to: 41 },
  ];
  return o;
}

export function scenarioFallback(): Scenario {
  const s = scenario2lvl();
  s.corruption = [{ kind: 'l1-span', target: 'l1', idx: 5, op: 'set', value: desc(L2_BASE + 0x4000n, 11) }];
  return s;
}

export function ctxAdopted(): PropertyContext {
  return { scenario: scenario2lvl(), outcome: adopted2lvl(), baseline: baseline2lvl() };
}

export function ctxFallback(): PropertyContext {
  return { scenario: scenarioFallback(), outcome: fallback2lvl(), baseline: baseline2lvl() };
}

// ---------------------------------------------------------------------------------------------
// Linear: sid_bits=12 hardware without 2-level support; the crashed table is 4096 STEs = 256 KiB.

export const LINEAR_BASE = 0x1_0000_0000n;
export const CFG_LINEAR_12 = BigInt(strtabBaseCfg(STRTAB_BASE_CFG_FMT_LINEAR, 0, 12));
const TABLE_LINEAR: CrashedTable = { fmt: 'linear', base: LINEAR_BASE, log2size: 12, attached: [5], l2_base: 0n };

export function scenarioLinear(): Scenario {
  const s = scenario2lvl();
  s.hardware = { sid_bits: 12, two_level: false, coherent: true };
  s.crashed.table = { ...TABLE_LINEAR, attached: [...TABLE_LINEAR.attached] };
  s.inserts = [5, 0x123];
  return s;
}

export function adoptedLinear(): Outcome {
  const o = base('latest', TABLE_LINEAR);
  const l = new Ledger();
  const t = l.add({ kind: 'memremap', addr: 0x6000_0000_0000n, size: 256n * KiB, pa: LINEAR_BASE, site: 'arm_smmu_kdump_adopt_strtab_linear', acquired_at: 10, released_at: 64, released_by: 'memunmap', phase: 'probe' });
  l.add({ kind: 'devres_action', addr: 0n, size: 0n, site: 'arm_smmu_kdump_adopt_strtab', action: 'arm_smmu_kdump_adopt_cleanup', acquired_at: 12, released_at: 63, released_by: 'devres', phase: 'probe' });
  o.ledger = l.entries;
  o.adopt_attempted = true;
  o.adopted = true;
  const c = cfgLinear(t.addr, LINEAR_BASE, 4096);
  o.after_hw_probe = state(FEAT_COHERENCY, OPT_KDUMP_ADOPT, cfg(), 12);
  o.after_init = state(FEAT_COHERENCY, OPT_KDUMP_ADOPT, c, 12);
  o.after_probe = state(FEAT_COHERENCY, OPT_KDUMP_ADOPT, c, 12);
  o.mmio_writes = [w(14, 'probe', 'CR0', 0x1n), w(16, 'probe', 'CR0', 0x9n), w(60, 'teardown', 'CR0', 0n)];
  o.registers = { STRTAB_BASE: LINEAR_BASE | RA, STRTAB_BASE_CFG: CFG_LINEAR_12, CR0: 0n };
  const ins = (sid: number, from: number): InsertResult => ({ sid, ret: 0, l2ptr_slot_before: 0n, l2ptr_slot: 0n, acquired: [], step_from: from, step_to: from + 1 });
  o.inserts = [ins(5, 30), ins(0x123, 40)];
  return o;
}

export function baselineLinear(): Outcome {
  const o = base('mainline', TABLE_LINEAR);
  const l = new Ledger();
  const t = l.add({ kind: 'dmam_alloc_coherent', addr: 0x7000_0000_0000n, size: 256n * KiB, pa: FRESH_L1_DMA, site: 'arm_smmu_init_strtab_linear', acquired_at: 10, released_at: 64, released_by: 'devres', phase: 'probe' });
  o.ledger = l.entries;
  const c = cfgLinear(t.addr, FRESH_L1_DMA, 4096);
  o.after_hw_probe = state(FEAT_COHERENCY, 0, cfg(), 12);
  o.after_init = state(FEAT_COHERENCY, 0, c, 12);
  o.after_probe = state(FEAT_COHERENCY, 0, c, 12);
  o.mmio_writes = [w(14, 'probe', 'GBPA', GBPA_UPDATE_ABORT), w(15, 'probe', 'CR0', 0n), w(16, 'probe', 'STRTAB_BASE', FRESH_L1_DMA | RA), w(17, 'probe', 'STRTAB_BASE_CFG', CFG_LINEAR_12), w(18, 'probe', 'CR0', 0xdn)];
  o.registers = { STRTAB_BASE: FRESH_L1_DMA | RA, STRTAB_BASE_CFG: CFG_LINEAR_12 };
  return o;
}

export function ctxLinear(): PropertyContext {
  return { scenario: scenarioLinear(), outcome: adoptedLinear(), baseline: baselineLinear() };
}

/** Asserts a failure and returns it (typed), for signature/message checks. */
export function expectFail(v: import('../../harness/scenario/types').Verdict): { signature: string; message: string } {
  if (v.ok) throw new Error('expected the property to fail, but it held');
  return v;
}

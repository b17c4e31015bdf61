/**
 * Reading an Outcome: the fields the properties need that the fixed data model
 * (harness/scenario/types.ts) does not carry yet are declared here as OPTIONAL extras, with a
 * stated fallback when absent. Each is requested from the simulator's author by name.
 */
import type {
  InsertResult, LedgerEntry, MmioWrite, Outcome, Phase, PropertyContext, Scenario,
} from '../../harness/scenario/types';
import {
  ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG, ARM_SMMU_FEAT_2_LVL_STRTAB, ARM_SMMU_OPT_KDUMP_ADOPT, REG_NAME_BY_OFFSET,
  STRTAB_BASE_RA, STRTAB_SPLIT, type StrtabFmt,
} from './kernel';

export interface OutcomeExtras {
  /**
   * REQUESTED: STRTAB_BASE and STRTAB_BASE_CFG as the kdump kernel's probe found them (after
   * the scenario's corruption, before any write by the driver): what adoption read.
   * Fallback: Outcome.registers when the run never wrote them, else rebuilt from the Scenario.
   */
  strtab_regs_at_probe?: { strtab_base: bigint; strtab_base_cfg: bigint };
  /**
   * REQUESTED: the step counter right after arm_smmu_init_structures() returned (adoption done
   * or fallen back, fresh table built). Fallback: phase_end.probe.
   */
  init_end_step?: number;
  /**
   * REQUESTED: every scheduled fault that fired: its site (`function:service`), which call,
   * the step and phase. Fallback: unknown (checks that must tell an injected failure from a
   * real one are then skipped when the scenario schedules any fault).
   */
  faults_fired?: { site: string; nth: number; step: number; phase: Phase }[];
}

export interface InsertExtras {
  /** REQUESTED: l2ptrs[l1_idx] before the insert (2-level only). Fallback: inferred, see slotWasEmpty(). */
  l2ptr_slot_before?: bigint;
}

export function extras(o: Outcome): Outcome & OutcomeExtras {
  return o as Outcome & OutcomeExtras;
}

export function insertExtras(r: InsertResult): InsertResult & InsertExtras {
  return r as InsertResult & InsertExtras;
}

/** The step at which arm_smmu_init_structures() had returned. */
export function initEndStep(o: Outcome): { step: number; source: string } {
  const x = extras(o);
  if (x.init_end_step !== undefined) return { step: x.init_end_step, source: 'init_end_step' };
  if (o.phase_end.probe !== undefined) return { step: o.phase_end.probe, source: 'end of probe (Outcome.init_end_step absent)' };
  return { step: Number.POSITIVE_INFINITY, source: 'unknown' };
}

/** Faults that fired in [from, to], or undefined when the Outcome does not say. */
export function faultsFiredBetween(o: Outcome, from: number, to: number): { site: string }[] | undefined {
  const f = extras(o).faults_fired;
  if (!f) return undefined;
  return f.filter((x) => x.step >= from && x.step <= to);
}

// ---------------------------------------------------------------------------------------------
// MMIO

export function writeOffset(w: MmioWrite): number {
  if (typeof w.offset === 'number') return w.offset;
  for (const [off, name] of Object.entries(REG_NAME_BY_OFFSET)) if (name === w.reg) return Number(off);
  return -1;
}

export function writesTo(o: Outcome, offset: number, phases?: readonly Phase[]): MmioWrite[] {
  return o.mmio_writes.filter((w) => writeOffset(w) === offset && (!phases || phases.includes(w.phase)));
}

// ---------------------------------------------------------------------------------------------
// What adoption read

export interface StrtabRegs {
  base: bigint;
  cfg: bigint;
  /** Where the values come from, for messages. */
  source: string;
}

/**
 * MODEL: the crashed kernel's STRTAB_BASE/STRTAB_BASE_CFG rebuilt from the scenario: mainline's
 * arm_smmu_write_strtab() (RA | base; FMT | SPLIT (2-level only) | LOG2SIZE), then the
 * scenario's register mutations in order.
 */
export function strtabRegsFromScenario(s: Scenario): { base: bigint; cfg: bigint } {
  const t = s.crashed.table;
  let base = t.base | STRTAB_BASE_RA;
  let cfg =
    BigInt(t.fmt === '2lvl' ? 1 : 0) << 16n | BigInt(t.fmt === '2lvl' ? STRTAB_SPLIT : 0) << 6n | BigInt(t.log2size & 0x3f);
  for (const m of s.corruption) {
    if (m.target !== 'reg') continue;
    if (m.reg === 'STRTAB_BASE') base = m.op === 'set' ? m.value : base ^ m.value;
    if (m.reg === 'STRTAB_BASE_CFG') cfg = (m.op === 'set' ? m.value : cfg ^ m.value) & 0xffffffffn;
  }
  return { base: base & ((1n << 64n) - 1n), cfg };
}

/** The STRTAB_BASE/STRTAB_BASE_CFG the hardware held when the kdump kernel probed. */
export function probedStrtabRegs(ctx: PropertyContext): StrtabRegs {
  const o = ctx.outcome;
  const x = extras(o).strtab_regs_at_probe;
  if (x) return { base: x.strtab_base, cfg: x.strtab_base_cfg, source: 'the registers at probe' };
  const untouched =
    writesTo(o, ARM_SMMU_STRTAB_BASE).length === 0 && writesTo(o, ARM_SMMU_STRTAB_BASE_CFG).length === 0;
  const b = o.registers['STRTAB_BASE'];
  const c = o.registers['STRTAB_BASE_CFG'];
  if (untouched && b !== undefined && c !== undefined) {
    return { base: b, cfg: c & 0xffffffffn, source: 'the registers (never written by the driver)' };
  }
  const r = strtabRegsFromScenario(ctx.scenario);
  return { ...r, source: 'the scenario (crashed table + register corruption)' };
}

/** The format mainline uses on this hardware, as the kdump kernel's hardware probe found it. */
export function probedFormat(o: Outcome, s: Scenario): StrtabFmt {
  const f = o.after_hw_probe?.features;
  if (f !== undefined) return f & ARM_SMMU_FEAT_2_LVL_STRTAB ? '2lvl' : 'linear';
  return s.hardware.two_level && s.hardware.sid_bits > STRTAB_SPLIT ? '2lvl' : 'linear';
}

export function probedSidBits(o: Outcome, s: Scenario): number {
  return o.after_hw_probe?.sid_bits ?? s.hardware.sid_bits;
}

/** The probe crashed (no state after init to judge), as opposed to returning an error. */
export function probeCrashed(o: Outcome): boolean {
  return o.crash !== undefined && (o.crash.phase === 'probe' || o.crash.phase === 'setup');
}

// ---------------------------------------------------------------------------------------------
// Adopted, or not

/** Ledger kinds that map existing memory (the crashed kernel's table) rather than allocate. */
const MAPPING_KINDS: readonly LedgerEntry['kind'][] = ['memremap', 'memremap-ram', 'devm_memremap'];

/**
 * Whether arm_smmu_init_structures() left the crashed kernel's table adopted, judged from what
 * strtab_cfg holds rather than from ARM_SMMU_OPT_KDUMP_ADOPT (a fallback that forgets to clear
 * the option has still tossed the table). The table pointer (l2.l1tab, the same word as
 * linear.table) live when init returned is either a mapping of existing memory (adopted: the
 * crashed kernel's table) or an allocation (fallen back: mainline's fresh table, always
 * dmam_alloc_coherent). Only when it is neither (NULL, or nothing live) does the option bit
 * after init say which one the driver believes, and the matching property then reports the
 * NULL table. `entry` is the ledger entry the pointer is in, if any.
 */
export function adoptedTable(o: Outcome): { adopted: boolean; entry?: LedgerEntry; source: string } {
  const st = o.after_init;
  if (!st) return { adopted: false, source: 'no state after init' };
  const ptr = st.strtab_cfg.l1tab;
  const end = initEndStep(o).step;
  const entry =
    ptr === 0n
      ? undefined
      : o.ledger.find(
          (e) =>
            e.kind !== 'devres_action' && ptr >= e.addr && ptr < e.addr + (e.size > 0n ? e.size : 1n) &&
            e.acquired_at <= end && (e.released_at === undefined || e.released_at > end),
        );
  if (entry && MAPPING_KINDS.includes(entry.kind)) return { adopted: true, entry, source: `strtab_cfg points into a ${entry.kind} by ${entry.site}` };
  if (entry) return { adopted: false, entry, source: `strtab_cfg points into a ${entry.kind} by ${entry.site}` };
  const opt = (st.options & ARM_SMMU_OPT_KDUMP_ADOPT) !== 0;
  return { adopted: opt, source: `strtab_cfg holds no live table; ARM_SMMU_OPT_KDUMP_ADOPT ${opt ? 'set' : 'clear'} after init` };
}

export function isAdopted(o: Outcome): boolean {
  return adoptedTable(o).adopted;
}

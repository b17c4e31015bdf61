/**
 * Reading an Outcome: what adoption read, when init ended, which faults fired, whether the
 * crashed kernel's table was adopted. Each reads what the Outcome carries (runScenario records
 * it); a field the simulator must always record and did not is a harness bug, said as such.
 */
import type { LedgerEntry, MmioWrite, Outcome, Phase, PropertyContext, Scenario } from '../../harness/scenario/types';
import { ARM_SMMU_FEAT_2_LVL_STRTAB, ARM_SMMU_OPT_KDUMP_ADOPT, STRTAB_SPLIT, type StrtabFmt } from './kernel';

function carried<K extends keyof Outcome>(o: Outcome, field: K): NonNullable<Outcome[K]> {
  const v = o[field];
  if (v === undefined || v === null) throw new Error(`harness bug: the Outcome of ${o.revision} carries no ${String(field)}`);
  return v as NonNullable<Outcome[K]>;
}

/**
 * The step at which arm_smmu_init_structures() had returned; when it never ran (the hardware
 * probe failed), the end of probe.
 */
export function initEndStep(o: Outcome): { step: number; source: string } {
  if (o.init_end_step !== undefined) return { step: o.init_end_step, source: 'init_end_step' };
  if (o.phase_end.probe !== undefined) return { step: o.phase_end.probe, source: 'end of probe (arm_smmu_init_structures() never returned)' };
  return { step: Number.POSITIVE_INFINITY, source: 'unknown' };
}

/** The scheduled faults that fired during the run. */
export function faultsFired(o: Outcome): NonNullable<Outcome['faults_fired']> {
  return carried(o, 'faults_fired');
}

/** Faults that fired in [from, to]. */
export function faultsFiredBetween(o: Outcome, from: number, to: number): { site: string }[] {
  return faultsFired(o).filter((x) => x.step >= from && x.step <= to);
}

// ---------------------------------------------------------------------------------------------
// MMIO

export function writeOffset(w: MmioWrite): number {
  return w.offset;
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

/** The STRTAB_BASE/STRTAB_BASE_CFG the hardware held when the kdump kernel probed. */
export function probedStrtabRegs(ctx: PropertyContext): StrtabRegs {
  const r = carried(ctx.outcome, 'strtab_regs_at_probe');
  return { base: r.strtab_base, cfg: r.strtab_base_cfg, source: 'the registers at probe' };
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

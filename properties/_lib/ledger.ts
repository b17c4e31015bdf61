/** Queries over Outcome.ledger. */
import type { LedgerEntry } from '../../harness/scenario/types';

/**
 * Functions of the adoption code, by name. v1..v3 call them arm_smmu_adopt_strtab*, v4+
 * arm_smmu_kdump_*, the later code also arm_smmu_kexec_* (shared helpers); `site` is the C
 * caller's __func__.
 */
const ADOPTION_SITE = /kdump|kexec|adopt/i;

export function isAdoptionSite(site: string | undefined): boolean {
  return site !== undefined && ADOPTION_SITE.test(site);
}

/** Where mainline allocates its stream table (arm_smmu_init_strtab and the lazy L2 path). */
export const MAINLINE_STRTAB_SITES: readonly string[] = [
  'arm_smmu_init_strtab_2lvl',
  'arm_smmu_init_strtab_linear',
  'arm_smmu_init_l2_strtab',
];

export function isMainlineStrtabSite(site: string): boolean {
  return MAINLINE_STRTAB_SITES.includes(site);
}

/** The table-building allocations of mainline's arm_smmu_init_strtab (not the lazy L2s). */
export function isFreshTableSite(site: string): boolean {
  return site === 'arm_smmu_init_strtab_2lvl' || site === 'arm_smmu_init_strtab_linear';
}

/** Mappings and allocations: everything but devres action records (and the crashed kernel's setup). */
export function isMemory(e: LedgerEntry): boolean {
  return e.kind !== 'devres_action' && e.phase !== 'setup';
}

export function isLiveAt(e: LedgerEntry, step: number): boolean {
  return e.acquired_at <= step && (e.released_at === undefined || e.released_at > step);
}

export interface LivePoint {
  step: number;
  bytes: bigint;
  live: LedgerEntry[];
}

/**
 * Live bytes right after each acquisition (the only moments the total can grow), in step
 * order. Transient mappings count: a memremap released two steps later is live at its own step.
 */
export function liveTimeline(entries: readonly LedgerEntry[]): LivePoint[] {
  const steps = [...new Set(entries.map((e) => e.acquired_at))].sort((a, b) => a - b);
  return steps.map((step) => {
    const live = entries.filter((e) => isLiveAt(e, step));
    return { step, bytes: live.reduce((s, e) => s + e.size, 0n), live };
  });
}

export function peakLive(entries: readonly LedgerEntry[]): LivePoint {
  let best: LivePoint = { step: 0, bytes: 0n, live: [] };
  for (const p of liveTimeline(entries)) if (p.bytes > best.bytes) best = p;
  return best;
}

export function entryById(entries: readonly LedgerEntry[], id: number | undefined): LedgerEntry | undefined {
  if (id === undefined) return undefined;
  return entries.find((e) => e.id === id);
}

import type { LedgerEntry, Property, PropertyContext, Verdict } from '../harness/scenario/types';
import { describeBudget, mainlineStrtabBudget, type StrtabBudget } from './_lib/budget';
import { describeAcquire, describeEntries, formatSize } from './_lib/format';
import { decodeStrtabBaseCfg, describeStrtabBaseCfg, fmtLabel, type StrtabFmt } from './_lib/kernel';
import {
  isAdoptionSite, isFreshTableSite, isMainlineStrtabSite, isMemory, liveTimeline, peakLive,
} from './_lib/ledger';
import { probedFormat, probedSidBits, probedStrtabRegs } from './_lib/outcome';
import { PASS, fail } from './_lib/verdict';

const NAME = 'no-over-allocation';

/**
 * Caps per step. While adoption is in progress (and for good, once it succeeded) the cap is
 * mainline's allocation for the format adoption works on (STRTAB_BASE_CFG.FMT as read); once
 * the fallback started building its fresh table, it is mainline's allocation for the format
 * the hardware probe chose — so an adoption mapping still live then is over the cap.
 */
interface Caps {
  adopt: StrtabBudget;
  main: StrtabBudget;
  /** First step of the fallback's fresh table (Infinity: no fallback table). */
  fallbackStart: number;
  /** Bytes mainline allocates outside the stream table, from the baseline's ledger. */
  other: bigint;
  /** The baseline's own stream-table peak (cross-check), when comparable. */
  baselineStrtab?: bigint;
}

function capAt(step: number, c: Caps): { budget: StrtabBudget; bytes: bigint } {
  const budget = step >= c.fallbackStart ? c.main : c.adopt;
  let bytes = budget.total;
  if (c.baselineStrtab !== undefined && budget.fmt === c.main.fmt && c.baselineStrtab > bytes) bytes = c.baselineStrtab;
  return { budget, bytes: bytes + c.other };
}

function check(ctx: PropertyContext): Verdict {
  const { scenario, outcome, baseline } = ctx;
  const sidBits = probedSidBits(outcome, scenario);
  const mainFmt = probedFormat(outcome, scenario);
  let adoptFmt: StrtabFmt = mainFmt;
  let regsNote = '';
  if (outcome.adopt_attempted) {
    const regs = probedStrtabRegs(ctx);
    const fmt = decodeStrtabBaseCfg(regs.cfg).fmtName;
    if (fmt) adoptFmt = fmt;
    regsNote = ` Adoption read ${describeStrtabBaseCfg(regs.cfg)} (from ${regs.source}).`;
  }
  const entries = outcome.ledger.filter(isMemory);
  const fresh = entries.filter((e) => e.phase === 'probe' && isFreshTableSite(e.site));
  const fallbackStart =
    outcome.adopt_attempted && !outcome.adopted && fresh.length
      ? Math.min(...fresh.map((e) => e.acquired_at))
      : outcome.adopt_attempted
        ? Number.POSITIVE_INFINITY
        : Number.NEGATIVE_INFINITY;

  const baseMem = baseline.ledger.filter(isMemory);
  const other = peakLive(baseMem.filter((e) => !isMainlineStrtabSite(e.site) && !isAdoptionSite(e.site))).bytes;
  const baseFmt = baseline.after_hw_probe ? probedFormat(baseline, scenario) : undefined;
  const baseComparable = baseFmt === mainFmt && baseline.after_hw_probe?.sid_bits === sidBits;
  const baselineStrtab = baseComparable
    ? peakLive(baseMem.filter((e) => isMainlineStrtabSite(e.site))).bytes
    : undefined;

  const caps: Caps = {
    adopt: mainlineStrtabBudget(adoptFmt, sidBits, scenario.inserts),
    main: mainlineStrtabBudget(mainFmt, sidBits, scenario.inserts),
    fallbackStart,
    other,
    baselineStrtab,
  };

  let worst: { step: number; bytes: bigint; live: LedgerEntry[]; cap: bigint; budget: StrtabBudget } | undefined;
  let first: { step: number; live: LedgerEntry[] } | undefined;
  for (const p of liveTimeline(entries)) {
    const cap = capAt(p.step, caps);
    if (p.bytes <= cap.bytes) continue;
    first ??= p;
    if (!worst || p.bytes - cap.bytes > worst.bytes - worst.cap) worst = { ...p, cap: cap.bytes, budget: cap.budget };
  }
  if (!worst || !first) return PASS;

  // The entry to blame, for a signature that names the cause rather than the biggest table:
  // the mapping or allocation whose acquisition first took the total over the cap (when it is
  // adoption code's), else the largest adoption entry live then, else the newest entry.
  const crossing = first.live.filter((e) => e.acquired_at === first!.step);
  const adoptLive = first.live.filter((e) => isAdoptionSite(e.site));
  const culprit =
    crossing.find((e) => isAdoptionSite(e.site)) ??
    (adoptLive.length > 0
      ? adoptLive.reduce((a, b) => (b.size > a.size ? b : a))
      : first.live.reduce((a, b) => (b.acquired_at > a.acquired_at ? b : a)));
  const phase = worst.live.find((e) => e.acquired_at === worst!.step)?.phase ?? 'probe';
  const afterFallback = worst.step >= fallbackStart;
  const why = afterFallback
    ? `after adoption fell back, while mainline's fresh ${fmtLabel(mainFmt)} table was being built`
    : outcome.adopted
      ? `with the crashed kernel's ${fmtLabel(adoptFmt)} table adopted`
      : outcome.adopt_attempted
        ? `while adopting the crashed kernel's ${fmtLabel(adoptFmt)} table`
        : 'on the normal (non-adoption) path';
  const otherNote = other ? ` (plus ${formatSize(other)} mainline allocates outside the stream table)` : '';
  const baseNote =
    baselineStrtab !== undefined
      ? ` Cross-check: a normal boot of mainline on this hardware allocated ${formatSize(baselineStrtab)} for its ` +
        `${fmtLabel(mainFmt)} stream table (model: ${formatSize(caps.main.total)}).`
      : '';
  const message =
    `${describeAcquire(culprit)}: at step ${worst.step} (${phase}), ${why}, the driver had ` +
    `${formatSize(worst.bytes)} mapped or allocated; the kdump kernel's own mainline code would allocate ` +
    `${formatSize(worst.cap)} — ${describeBudget(worst.budget)}${otherNote}.${regsNote}${baseNote}\n` +
    `Live at the peak:\n${describeEntries(worst.live)}`;
  return fail(NAME, culprit.kind, culprit.site, message);
}

const property: Property = {
  name: NAME,
  description:
    'At every step of a run — transient mappings included — what the driver has mapped plus allocated ' +
    '(ledger entries live at that step, devres action records excluded) never exceeds what the kdump ' +
    "kernel's own mainline code would allocate for a stream table of the format being adopted, sized for " +
    "this hardware's sid_bits: 2-level = the L1 table and the l2ptrs array for min(((2^sid_bits - 1) >> 8) + 1, " +
    'STRTAB_MAX_L1_ENTRIES) entries (8 bytes each) plus one 16 KiB L2 per distinct in-range L1 index inserted; ' +
    'linear = 2^sid_bits STEs of 64 bytes. Once adoption has fallen back, the cap becomes mainline\'s table for ' +
    'the probed format, so an adoption mapping still alive next to the fresh table is caught. The mainline ' +
    "baseline run's ledger cross-checks the cap. This matters because every size the adoption code uses comes " +
    "from registers and descriptors a crashed kernel or a DMA-ing device may have corrupted: a kdump kernel " +
    'runs in a small crashkernel reservation, and a mapping sized by a corrupted LOG2SIZE or SPAN can exhaust ' +
    'it (or the vmalloc space) and lose the vmcore.',
  check,
};

export default property;

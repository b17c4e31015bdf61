import type { LedgerEntry, Outcome, Property, PropertyContext, Verdict } from '../harness/scenario/types';
import { describeBudget, mainlineStrtabBudget, type StrtabBudget } from './_lib/budget';
import { describeAcquire, describeEntries, formatSize } from './_lib/format';
import { decodeStrtabBaseCfg, describeStrtabBaseCfg, fmtLabel, type StrtabFmt } from './_lib/kernel';
import {
  isAdoptionSite, isFreshTableSite, isMainlineStrtabSite, isMemory, liveTimeline, peakLive,
} from './_lib/ledger';
import { isAdopted, probedFormat, probedSidBits, probedStrtabRegs } from './_lib/outcome';
import { PASS, allOf, fail } from './_lib/verdict';

const NAME = 'no-over-allocation';

/**
 * Caps per step. While adoption is in progress (and for good, once it succeeded) the cap is
 * mainline's allocation for the format adoption works on (STRTAB_BASE_CFG.FMT as read); once
 * the fallback started building its fresh table, it is mainline's allocation for the format
 * the hardware probe chose — so an adoption mapping still live then is over the cap. Either
 * counts only the inserts started by that step: an L2 table mainline would allocate for a
 * later insert is no allowance for a mapping made before it.
 */
interface Caps {
  adoptFmt: StrtabFmt;
  mainFmt: StrtabFmt;
  sidBits: number;
  /** The SIDs inserted, in order, and the step each insert started at. */
  sids: readonly number[];
  starts: readonly number[];
  /** First step of the fallback's fresh table (Infinity: no fallback table). */
  fallbackStart: number;
  /** Bytes mainline allocates outside the stream table, from the baseline's ledger. */
  other: bigint;
  /** The baseline's own stream-table peak after its first k inserts (cross-check), when comparable. */
  baselineStrtab?: (k: number) => bigint;
}

function capAt(step: number, c: Caps): { budget: StrtabBudget; bytes: bigint } {
  const k = c.starts.filter((s) => s <= step).length;
  const budget = mainlineStrtabBudget(step >= c.fallbackStart ? c.mainFmt : c.adoptFmt, c.sidBits, c.sids.slice(0, k));
  let bytes = budget.total;
  const base = c.baselineStrtab && budget.fmt === c.mainFmt ? c.baselineStrtab(k) : undefined;
  if (base !== undefined && base > bytes) bytes = base;
  return { budget, bytes: bytes + c.other };
}

/**
 * The step each insert of the run started at (InsertResult.step_from). An insert that crashed
 * has no InsertResult: it started right after the previous one (or after probe).
 */
function insertStarts(o: Outcome, scenarioInserts: number): number[] {
  const starts = o.inserts.map((r) => r.step_from);
  if (o.crash?.phase === 'insert' && starts.length < scenarioInserts) {
    const prev = o.inserts[o.inserts.length - 1];
    starts.push(prev ? prev.step_to + 1 : (o.phase_end.probe ?? 0) + 1);
  }
  return starts;
}

/** Peak live bytes of `entries` up to the end of the first k inserts of `o` (k = 0: probe). */
function peakAfterInserts(o: Outcome, entries: readonly LedgerEntry[], k: number): bigint {
  const end = k === 0 ? o.phase_end.probe : o.inserts[Math.min(k, o.inserts.length) - 1]?.step_to;
  let best = 0n;
  for (const p of liveTimeline(entries)) if ((end === undefined || p.step <= end) && p.bytes > best) best = p.bytes;
  return best;
}

/**
 * What the property counts: mappings and allocations, but not a memremap that handed back a
 * direct-map pointer to the kdump kernel's own RAM (ledger kind memremap-ram): it maps and
 * allocates nothing. Writes through such a pointer are kdump-memory-untouched's business.
 */
function counted(e: LedgerEntry): boolean {
  return isMemory(e) && e.kind !== 'memremap-ram';
}

function check(ctx: PropertyContext): Verdict {
  const { scenario, outcome } = ctx;
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
  const adopted = isAdopted(outcome);
  const entries = outcome.ledger.filter(counted);
  const fresh = entries.filter((e) => e.phase === 'probe' && isFreshTableSite(e.site));
  const fallbackStart =
    outcome.adopt_attempted && !adopted && fresh.length
      ? Math.min(...fresh.map((e) => e.acquired_at))
      : outcome.adopt_attempted
        ? Number.POSITIVE_INFINITY
        : Number.NEGATIVE_INFINITY;

  // The baseline only raises the cap (what mainline allocates outside the stream table, its own
  // table where larger than the model's): a run within the model's cap at every step passes
  // whatever the baseline holds, and leaves mainline's run unmade (made on first read).
  const starts = insertStarts(outcome, scenario.inserts.length);
  const modelOnly: Caps = { adoptFmt, mainFmt, sidBits, sids: scenario.inserts, starts, fallbackStart, other: 0n };
  const timeline = liveTimeline(entries);
  if (timeline.every((p) => p.bytes <= capAt(p.step, modelOnly).bytes)) return PASS;

  const baseline = ctx.baseline;
  const baseMem = baseline.ledger.filter(isMemory);
  const other = peakLive(baseMem.filter((e) => !isMainlineStrtabSite(e.site) && !isAdoptionSite(e.site))).bytes;
  const baseFmt = baseline.after_hw_probe ? probedFormat(baseline, scenario) : undefined;
  const baseComparable = baseFmt === mainFmt && baseline.after_hw_probe?.sid_bits === sidBits;
  const baseStrtab = baseMem.filter((e) => isMainlineStrtabSite(e.site));
  const baselineStrtab = baseComparable ? (k: number) => peakAfterInserts(baseline, baseStrtab, k) : undefined;

  const caps: Caps = { ...modelOnly, other, baselineStrtab };

  // Who is to blame, for signatures that name causes rather than the biggest table. At the first
  // point over the cap: the entry acquired there (when it is adoption code's), else the largest
  // adoption entry live then, else the newest entry. Later, a point is a new cause only if it is
  // still over the cap without the entries already blamed (a legitimate L2 table next to an
  // oversized L1 mapping is not; a second oversized mapping is): each distinct cause is its own
  // finding, so a first one never masks the next, told at the point where its excess is largest.
  interface Point { step: number; bytes: bigint; live: LedgerEntry[]; cap: bigint; budget: StrtabBudget }
  const blamed = new Map<string, { culprit: LedgerEntry; at: Point }>();
  const blamedIds = new Map<number, string>();
  const keyOf = (e: LedgerEntry): string => `${e.kind}@${e.site}`;
  for (const p of timeline) {
    const cap = capAt(p.step, caps);
    if (p.bytes <= cap.bytes) continue;
    const at: Point = { ...p, cap: cap.bytes, budget: cap.budget };
    const known = p.live.filter((e) => blamedIds.has(e.id));
    const rest = p.bytes - known.reduce((sum, e) => sum + e.size, 0n);
    let key: string;
    if (known.length > 0 && rest <= cap.bytes) {
      key = blamedIds.get(known.reduce((a, b) => (b.size > a.size ? b : a)).id)!;
    } else {
      const fresh = p.live.filter((e) => !blamedIds.has(e.id));
      const crossing = fresh.filter((e) => e.acquired_at === p.step);
      const adoptLive = fresh.filter((e) => isAdoptionSite(e.site));
      const culprit =
        crossing.find((e) => isAdoptionSite(e.site)) ??
        (adoptLive.length > 0
          ? adoptLive.reduce((a, b) => (b.size > a.size ? b : a))
          : fresh.reduce((a, b) => (b.acquired_at > a.acquired_at ? b : a)));
      key = keyOf(culprit);
      blamedIds.set(culprit.id, key);
      if (!blamed.has(key)) blamed.set(key, { culprit, at });
    }
    const b = blamed.get(key)!;
    if (p.bytes - at.cap > b.at.bytes - b.at.cap) b.at = at;
  }
  if (blamed.size === 0) return PASS;

  const explain = (culprit: LedgerEntry, worst: Point): Verdict => {
    const phase = worst.live.find((e) => e.acquired_at === worst.step)?.phase ?? 'probe';
    const afterFallback = worst.step >= fallbackStart;
    const why = afterFallback
      ? `after adoption fell back, while mainline's fresh ${fmtLabel(mainFmt)} table was being built`
      : adopted
        ? `with the crashed kernel's ${fmtLabel(adoptFmt)} table adopted`
        : outcome.adopt_attempted
          ? `while adopting the crashed kernel's ${fmtLabel(adoptFmt)} table`
          : 'on the normal (non-adoption) path';
    const otherNote = other ? ` (plus ${formatSize(other)} mainline allocates outside the stream table)` : '';
    const k = caps.starts.filter((st) => st <= worst.step).length;
    const baseAtK = baselineStrtab?.(k);
    const baseNote =
      baseAtK !== undefined
        ? ` Cross-check: a normal boot of mainline on this hardware had allocated ${formatSize(baseAtK)} for its ` +
          `${fmtLabel(mainFmt)} stream table by the same point (${k} insert${k === 1 ? '' : 's'}; model: ` +
          `${formatSize(mainlineStrtabBudget(mainFmt, sidBits, scenario.inserts.slice(0, k)).total)}).`
        : '';
    const message =
      `${describeAcquire(culprit)}: at step ${worst.step} (${phase}), ${why}, the driver had ` +
      `${formatSize(worst.bytes)} mapped or allocated; the kdump kernel's own mainline code would allocate ` +
      `${formatSize(worst.cap)} — ${describeBudget(worst.budget)}${otherNote}.${regsNote}${baseNote}\n` +
      `Live at the peak:\n${describeEntries(worst.live)}`;
    return fail(NAME, culprit.kind, culprit.site, message);
  };
  return allOf([...blamed.values()].map((b) => explain(b.culprit, b.at)));
}

const property: Property = {
  name: NAME,
  usesBaseline: true, // compares with mainline's normal boot of the same scenario
  description:
    'At every step of a run — transient mappings included — what the driver has mapped plus allocated ' +
    '(ledger entries live at that step; devres action records excluded, and so is a memremap that returned a ' +
    "direct-map pointer to the kdump kernel's own RAM, which maps and allocates nothing) never exceeds what the kdump " +
    "kernel's own mainline code would allocate for a stream table of the format being adopted, sized for " +
    "this hardware's sid_bits: 2-level = the L1 table and the l2ptrs array for min(((2^sid_bits - 1) >> 8) + 1, " +
    'STRTAB_MAX_L1_ENTRIES) entries (8 bytes each) plus one 16 KiB L2 per distinct in-range L1 index inserted so ' +
    'far (an insert counts from the step it starts: a later insert is no allowance for a mapping made before it); ' +
    'linear = 2^sid_bits STEs of 64 bytes. Once adoption has fallen back, the cap becomes mainline\'s table for ' +
    'the probed format, so an adoption mapping still alive next to the fresh table is caught. The mainline ' +
    "baseline run's ledger cross-checks the cap. This matters because every size the adoption code uses comes " +
    "from registers and descriptors a crashed kernel or a DMA-ing device may have corrupted: a kdump kernel " +
    'runs in a small crashkernel reservation, and a mapping sized by a corrupted LOG2SIZE or SPAN can exhaust ' +
    'it (or the vmalloc space) and lose the vmcore.',
  check,
};

export default property;

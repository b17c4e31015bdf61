import type { Crash, LedgerEntry, Outcome, Property, PropertyContext, Scenario, Verdict, Violation } from '../harness/scenario/types';
import { RAM_MAP, regionOf } from '../harness/kernel/ramMap';
import { describeEntry, hex } from './_lib/format';
import { entryById } from './_lib/ledger';
import { allOf, fail } from './_lib/verdict';

const NAME = 'no-crash';

/** Runtime helpers that sit innermost on a stack without being the code at fault. */
const HELPER = /^(__asan|__ubsan|__|memset$|memcpy$|memmove$|kshim_|le64_to_cpu$|readl|readq|writel|writeq)/;

/**
 * The innermost driver function of a crash stack (innermost first): the first arm_smmu_* frame,
 * else the first frame that is not a sanitizer/libc helper (clang inlines static functions into
 * the kshim_* entry points, so an arm_smmu_* frame may be missing).
 */
export function crashFunction(stack: readonly string[]): string {
  return (
    stack.find((f) => /^arm_smmu_/.test(f)) ??
    stack.find((f) => !HELPER.test(f)) ??
    stack.find((f) => !/^(__asan|__ubsan|memset$|memcpy$|memmove$)/.test(f)) ??
    stack[0] ??
    'unknown'
  );
}

/** The mapping (ledger entry) a faulting physical address was read through, if known. */
function mappingOf(o: Outcome, pa: bigint | undefined): LedgerEntry | undefined {
  if (pa === undefined) return undefined;
  const hits = o.ledger.filter((e) => e.pa !== undefined && e.kind !== 'devres_action' && pa >= e.pa && pa < e.pa + e.size);
  return hits.find((e) => e.released_at === undefined) ?? hits[hits.length - 1];
}

function hasHoleCorruption(s: Scenario): boolean {
  return [...s.corruption, ...s.dma].some((m) => /hole/i.test(m.kind));
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

/**
 * What the aborting physical address is, for the signature: two corruptions that abort in
 * different kinds of memory are two bugs, and deduplication must not merge them. The RAM map
 * (harness/kernel/ramMap) has no RAM below its first bank (MMIO and firmware: where a zeroed
 * address lands), holes between banks, and nothing above its top.
 */
export function abortRegion(pa: bigint | undefined): { what: string; says: string } {
  if (pa === undefined) return { what: 'external-abort', says: '' };
  const r = regionOf(pa);
  if (r.kind !== 'hole') return { what: `external-abort-${r.kind}-ram`, says: ` PA ${hex(pa)} is ${r.kind} RAM.` };
  if (r.start === 0n) {
    return { what: 'external-abort-below-ram', says: ` PA ${hex(pa)} lies below the first RAM bank (MMIO and firmware, no RAM there: where a zeroed or NULL address lands).` };
  }
  const above = !RAM_MAP.some((x) => x.kind !== 'hole' && x.start > pa);
  if (above) return { what: 'external-abort-above-ram', says: ` PA ${hex(pa)} lies above the top of physical memory.` };
  return { what: 'external-abort-hole', says: ` PA ${hex(pa)} is a physical hole between RAM banks.` };
}

function crashVerdict(ctx: PropertyContext, c: Crash): Verdict {
  const stack = c.stack.length ? ` Stack (innermost first): ${c.stack.join(' <- ')}.` : '';
  if (c.kind === 'external-abort') {
    // Named by the function that mapped the hole (stable across inlining and revisions) and by
    // the kind of memory it aborted in.
    const m = mappingOf(ctx.outcome, c.pa);
    const fn = m && m.site ? m.site : crashFunction(c.stack);
    const through = m ? ` The mapping read: ${describeEntry(m)}.` : '';
    const region = abortRegion(c.pa);
    const known = hasHoleCorruption(ctx.scenario)
      ? ' The scenario points a table into a hole (a "hole" corruption): the known limitation that memremap() maps non-RAM without complaint and the first read aborts.'
      : ' No "hole" corruption in this scenario: this is NOT the known hole limitation.';
    return fail(NAME, region.what, fn, `External abort during ${c.phase}: ${c.message}.${region.says}${through}${known}${stack}`);
  }
  const fn = crashFunction(c.stack);
  return fail(NAME, 'trap', fn, `The driver trapped in ${fn} during ${c.phase}: ${c.message} — on arm64 an oops in the kdump kernel, and the vmcore is lost.${stack}`);
}

function violationVerdict(ctx: PropertyContext, bad: Violation): Verdict {
  const { outcome } = ctx;
  const c = outcome.crash;
  const entry = entryById(outcome.ledger, bad.entry);
  const site = bad.site ?? entry?.site ?? (c ? crashFunction(c.stack) : 'unknown');
  const at = bad.addr !== undefined ? ` at ${hex(bad.addr)}${bad.size !== undefined ? ` (${bad.size} bytes)` : ''}` : '';
  return fail(NAME, bad.kind, site, `${bad.kind === 'null-deref' ? 'NULL pointer dereference' : 'Out-of-bounds access'}${at} in ${site} during ${bad.phase} (step ${bad.step}): ${bad.message}.${entry ? `\nNearest ledger entry: ${describeEntry(entry)}` : ''}`);
}

function warnVerdict(o: Outcome, w: Outcome['warnings'][number]): Verdict {
  const same = o.warnings.filter((x) => basename(x.file) === basename(w.file) && x.cond === w.cond).length;
  const more = same > 1 ? ` (${same} times in this run)` : '';
  return fail(NAME, 'warn', `${basename(w.file)}:${w.cond}`, `WARN_ON(${w.cond}) fired at ${basename(w.file)}:${w.line} during ${w.phase} (step ${w.step})${more}: a splat in a kdump kernel on input a crashed kernel or a device can produce; with panic_on_warn it is a crash.`);
}

/**
 * Every crash, sanitizer report and WARN of the run, each with its own signature (the first
 * leads: an external abort, then NULL/out-of-bounds reports, then a trap, then the WARNs in the
 * order they fired). A harness limit is not an event of the C: the engine counts it and never
 * files it (its run is not judged), so it is not reported here either.
 */
function check(ctx: PropertyContext): Verdict {
  const { outcome } = ctx;
  const c = outcome.crash;
  const events: Verdict[] = [];
  if (c && c.kind === 'external-abort') events.push(crashVerdict(ctx, c));
  for (const v of outcome.violations) if (v.kind === 'null-deref' || v.kind === 'out-of-bounds') events.push(violationVerdict(ctx, v));
  if (c && c.kind === 'trap') events.push(crashVerdict(ctx, c));
  for (const w of outcome.warnings) events.push(warnVerdict(outcome, w));
  return allOf(events);
}

const property: Property = {
  name: NAME,
  description:
    'On any input, the C never traps (a WebAssembly trap is an oops), never dereferences NULL or accesses out ' +
    'of bounds (recorded by the simulator as null-deref/out-of-bounds), never takes an external abort, and ' +
    'never fires a WARN_ON: the kdump kernel is the last chance to save a vmcore, and every input it reads ' +
    "here — registers, L1 descriptors, L2 tables — may have been corrupted by the crashed kernel or a device. " +
    'Reading through a mapping of a physical hole aborts as on arm64; the signature names the function that ' +
    'mapped it and the kind of memory it aborted in (external-abort-hole: a hole between RAM banks, the known ' +
    'limitation when a "hole" corruption put a table there; external-abort-below-ram: the MMIO/firmware range ' +
    'below the first RAM bank, where a zeroed address lands; external-abort-above-ram), so that one bug never ' +
    'hides another under a shared signature. Every distinct event of a run is reported, each with its own ' +
    'signature: a first WARN does not mask a second, nor an abort a NULL or out-of-bounds report. WARN ' +
    'signatures name file and condition, never the line, which differs between revisions. A harness limit (an ' +
    'access the simulator cannot back) is not an event of the C: it is never reported here.',
  check,
};

export default property;

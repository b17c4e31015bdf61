import type { Crash, LedgerEntry, Outcome, Property, PropertyContext, Scenario, Verdict } from '../harness/scenario/types';
import { regionOf } from '../harness/kernel/ramMap';
import { describeEntry, hex } from './_lib/format';
import { entryById } from './_lib/ledger';
import { PASS, fail } from './_lib/verdict';

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

function crashVerdict(ctx: PropertyContext, c: Crash): Verdict {
  const stack = c.stack.length ? ` Stack (innermost first): ${c.stack.join(' <- ')}.` : '';
  if (c.kind === 'external-abort') {
    // Named by the function that mapped the hole (stable across inlining and revisions).
    const m = mappingOf(ctx.outcome, c.pa);
    const fn = m && m.site ? m.site : crashFunction(c.stack);
    const through = m ? ` The mapping read: ${describeEntry(m)}.` : '';
    const region = c.pa !== undefined ? ` PA ${hex(c.pa)} is a ${regionOf(c.pa).kind === 'hole' ? 'physical hole' : `${regionOf(c.pa).kind} RAM address`}.` : '';
    const known = hasHoleCorruption(ctx.scenario)
      ? ' The scenario points a table into a hole (a "hole" corruption): the known limitation that memremap() maps non-RAM without complaint and the first read aborts.'
      : ' No "hole" corruption in this scenario: this is NOT the known hole limitation.';
    return fail(NAME, 'external-abort', fn, `External abort during ${c.phase}: ${c.message}.${region}${through}${known}${stack}`);
  }
  const fn = crashFunction(c.stack);
  if (c.kind === 'harness-limit') {
    return fail(NAME, 'harness-limit', fn, `The simulator could not back an access in ${fn} during ${c.phase} (${c.message}); this is a limit of the harness, not a verdict on the C — but the run stopped there.${stack}`);
  }
  return fail(NAME, 'trap', fn, `The driver trapped in ${fn} during ${c.phase}: ${c.message} — on arm64 an oops in the kdump kernel, and the vmcore is lost.${stack}`);
}

function check(ctx: PropertyContext): Verdict {
  const { outcome } = ctx;
  const c = outcome.crash;
  if (c && c.kind === 'external-abort') return crashVerdict(ctx, c);
  const bad = outcome.violations.find((v) => v.kind === 'null-deref' || v.kind === 'out-of-bounds');
  if (bad) {
    const entry = entryById(outcome.ledger, bad.entry);
    const site = bad.site ?? entry?.site ?? (c ? crashFunction(c.stack) : 'unknown');
    const at = bad.addr !== undefined ? ` at ${hex(bad.addr)}${bad.size !== undefined ? ` (${bad.size} bytes)` : ''}` : '';
    return fail(NAME, bad.kind, site, `${bad.kind === 'null-deref' ? 'NULL pointer dereference' : 'Out-of-bounds access'}${at} in ${site} during ${bad.phase} (step ${bad.step}): ${bad.message}.${entry ? `\nNearest ledger entry: ${describeEntry(entry)}` : ''}`);
  }
  if (c) return crashVerdict(ctx, c);
  const w = outcome.warnings[0];
  if (w) {
    const more = outcome.warnings.length > 1 ? ` (${outcome.warnings.length - 1} more)` : '';
    return fail(NAME, 'warn', `${basename(w.file)}:${w.cond}`, `WARN_ON(${w.cond}) fired at ${basename(w.file)}:${w.line} during ${w.phase} (step ${w.step})${more}: a splat in a kdump kernel on input a crashed kernel or a device can produce; with panic_on_warn it is a crash.`);
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  description:
    'On any input, the C never traps (a WebAssembly trap is an oops), never dereferences NULL or accesses out ' +
    'of bounds (recorded by the simulator as null-deref/out-of-bounds), never takes an external abort, and ' +
    'never fires a WARN_ON: the kdump kernel is the last chance to save a vmcore, and every input it reads ' +
    "here — registers, L1 descriptors, L2 tables — may have been corrupted by the crashed kernel or a device. " +
    'Reading through a mapping of a physical hole aborts as on arm64; such scenarios come only from the ' +
    '"hole" corruption kinds, and their crashes carry their own signature (external-abort@<function>) so the ' +
    'known limitation does not hide other crashes. WARN signatures name file and condition, never the line, ' +
    'which differs between revisions.',
  check,
};

export default property;

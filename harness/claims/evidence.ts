/** Reading the evidence a ruling rests on out of an Outcome, as lines a reviewer can check. */
import type { LedgerEntry, Outcome } from '../scenario/types';
import { describeEntry, hex } from '../../properties/_lib/format';

export { describeEntry, hex };

/** The ledger entries acquired by `site` (a C function), optionally of one kind. */
export function entriesBy(o: Outcome, site: string, kind?: LedgerEntry['kind']): LedgerEntry[] {
  return o.ledger.filter((e) => e.site === site && (kind === undefined || e.kind === kind));
}

export function released(e: LedgerEntry): boolean {
  return e.released_at !== undefined;
}

/** "ledger: #0 memremap of 2 KiB (PA 0x100000000) by ...:326, acquired at step 8 (probe), released ..." */
export function ledgerLine(e: LedgerEntry): string {
  return `ledger: ${describeEntry(e)}`;
}

/** The kernel log lines of a run whose text matches `re`, as printed ("log (probe): ..."). */
export function logLines(o: Outcome, re: RegExp): string[] {
  return o.log.filter((l) => re.test(l.text)).map((l) => `log (${l.phase}): ${l.text.trim()}`);
}

export function hasLog(o: Outcome, re: RegExp): boolean {
  return o.log.some((l) => re.test(l.text));
}

/** Every violation of the run (leaks, double releases, ...), as evidence lines. */
export function violationLines(o: Outcome): string[] {
  return o.violations.map((v) => `violation: ${v.kind} in ${v.phase} (step ${v.step}): ${v.message}`);
}

/** The trace lines of calls to `call` (a kernel service or stub). */
export function traceLines(o: Outcome, call: RegExp): string[] {
  return o.trace.filter((t) => call.test(t.call)).map((t) => `trace (${t.phase}, step ${t.step}): ${t.call}(${t.args})${t.ret !== undefined ? ` = ${t.ret}` : ''}`);
}

/** MMIO writes to a register during the run. */
export function mmioLines(o: Outcome, reg: string): string[] {
  return o.mmio_writes.filter((w) => w.reg === reg).map((w) => `mmio (${w.phase}, step ${w.step}): ${w.reg} <- ${hex(w.value)}`);
}

export function crashLine(o: Outcome): string[] {
  const c = o.crash;
  if (!c) return [];
  return [`crash: ${c.kind} during ${c.phase}${c.pa !== undefined ? ` at PA ${hex(c.pa)}` : ''}: ${c.message}${c.stack.length ? ` (stack: ${c.stack.slice(0, 4).join(' <- ')})` : ''}`];
}

/** "v6: probe returned 0, adopted" — the headline of a run. */
export function headline(label: string, o: Outcome): string {
  const probe = o.crash ? `crashed (${o.crash.kind}) in ${o.crash.phase}` : `probe returned ${o.probe_ret}`;
  const adoption = o.adopted ? 'crashed kernel\'s table adopted'
    : !o.adopt_attempted ? 'no adoption attempted'
    : o.crash ? 'adoption attempted' : 'adoption attempted, fell back';
  return `${label}: ${probe}, ${adoption}`;
}

/**
 * The report of one failure, for a person: what failed and why, the scenario in kernel terms,
 * what the kernel did (trace, dmesg, ledger), how it was found and how to reproduce it.
 */
import type { PropertyContext, Scenario } from '../scenario/types';
import { describeLedger, describeLog, describeProbe, describeTrace } from './outcome';
import { reproduceLines, type ReproduceInput } from './reproduce';
import { describeScenario } from './scenario';

export interface FailureReportInput extends ReproduceInput {
  revision: string;
  signature: string;
  message: string;
  /** 'new' | 'known' | a replay verdict such as 'unexpected' — shown in the headline. */
  status: string;
  scenario: Scenario;
  context: PropertyContext;
  /** fast-check path of the counterexample, and shrink details. */
  path?: string | null;
  shrinkSteps?: number;
  flaky?: boolean;
  shrinkInterrupted?: boolean;
  /** A line about the corpus entry (saved / duplicate of ...). */
  savedNote?: string;
}

const rule = (title: string) => `-- ${title} ${'-'.repeat(Math.max(3, 76 - title.length))}`;

export function formatFailure(r: FailureReportInput): string {
  const o = r.context.outcome;
  const lines: string[] = [];
  lines.push('='.repeat(80));
  lines.push(`FAIL ${r.property} on ${r.revision} (${r.status})`);
  lines.push(`  why:       ${r.message}`);
  lines.push(`  signature: ${r.signature}`);
  if (r.flaky) {
    lines.push('  FLAKY: replaying this run did not fail again; the harness is not deterministic for it.');
    lines.push('         The unshrunk scenario was kept; please report this as a harness bug.');
  }
  lines.push(rule(`scenario${r.shrinkSteps !== undefined ? ` (shrunk in ${r.shrinkSteps} steps${r.shrinkInterrupted ? ', interrupted by Ctrl-C' : ''})` : ''}`));
  lines.push(...describeScenario(r.scenario));
  lines.push(rule('outcome'));
  lines.push(...describeProbe(o, r.context.baseline));
  lines.push(rule(`leaks and misuse (${o.violations.length})`));
  lines.push(...describeLedger(o));
  lines.push(rule(`kernel log (${o.log.length} line${o.log.length === 1 ? '' : 's'}, ${o.warnings.length} WARN_ON)`));
  const log = describeLog(o);
  lines.push(...(log.length > 0 ? log : ['  (empty)']));
  lines.push(rule(`kernel-service calls (${o.trace.length})`));
  lines.push(...describeTrace(o));
  lines.push(rule('found'));
  if (r.seed) lines.push(`  seed ${r.seed.value}${r.seed.text !== undefined ? ` (text ${JSON.stringify(r.seed.text)})` : ''}, path ${r.path ?? '?'}`);
  else lines.push('  hand-written entry (no seed/path)');
  if (r.savedNote) lines.push(`  ${r.savedNote}`);
  lines.push(rule('reproduce'));
  lines.push(...reproduceLines(r).map((l) => '  ' + l));
  lines.push('');
  return lines.join('\n');
}

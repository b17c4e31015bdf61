/** What `npm run claims` prints for one ruling: the claim, the ruling and why, the runs, the evidence. */
import { describeScenario } from '../report/scenario';
import type { ClaimRuling } from './rule';

export function formatRuling(r: ClaimRuling, opts: { scenarios: boolean }): string {
  const c = r.claim;
  const lines = [
    `${c.id}: ${r.judgement.ruling.toUpperCase()}`,
    `  claim:    ${c.claim}`,
    `  said by:  ${c.who}, "${c.quote}" (../shared/${c.mail})`,
    `  ruling:   ${r.judgement.why}`,
    '  runs:',
  ];
  for (const run of c.runs) {
    lines.push(`    ${run.label} (${run.revision}): ${run.story}`);
    if (opts.scenarios) for (const l of describeScenario(run.scenario)) lines.push(`      ${l}`);
  }
  lines.push('  evidence:');
  for (const e of r.judgement.evidence) lines.push(`    ${e}`);
  return lines.join('\n') + '\n';
}

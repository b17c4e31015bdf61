/**
 * `npm run claims [-- ID ...] [--json] [--scenarios]`: rules on the review claims of
 * harness/claims/catalog.ts by running their scenarios on the C, and prints each ruling with its
 * evidence. Exit 0 when every claim was ruled on (whatever the rulings), 2 for bad usage.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors';
import { stringifyDocument } from '../report/json';
import { CLAIMS, claimById } from './catalog';
import { formatRuling } from './format';
import { ruleOn } from './rule';

/** Where the rulings go: stdout, or a test's buffer (the commands' Io of harness/cli/io.ts fits). */
export interface RulingsOut {
  out(text: string): void;
}

export const CLAIMS_USAGE = `usage: npm run claims [-- [ID ...] [--json] [--scenarios]]
  Rules on each review claim by running its scenarios on the posted C: confirmed, refuted, or
  not decidable here (and why), with the ledger / log lines that show it.
  ID           only these claims (${CLAIMS.map((c) => c.id).join(', ')})
  --scenarios  print each run's scenario in full
  --json       one JSON document on stdout
`;

export async function claimsCommand(argv: string[], io: RulingsOut): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, scenarios: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. ${CLAIMS_USAGE}`);
  }
  if (parsed.values.help) { io.out(CLAIMS_USAGE); return 0; }
  const claims = parsed.positionals.length === 0 ? CLAIMS : parsed.positionals.map((id) => {
    const c = claimById(id);
    if (!c) throw new UsageError(`no claim "${id}". Known claims: ${CLAIMS.map((x) => x.id).join(', ')}.`);
    return c;
  });
  const rulings = claims.map(ruleOn);
  if (parsed.values.json) {
    io.out(stringifyDocument({
      command: 'claims',
      claims: rulings.map((r) => ({
        id: r.claim.id, who: r.claim.who, mail: r.claim.mail, quote: r.claim.quote, claim: r.claim.claim,
        ruling: r.judgement.ruling, why: r.judgement.why, evidence: r.judgement.evidence,
        runs: r.claim.runs.map((x) => ({ label: x.label, revision: x.revision, story: x.story })),
      })),
    }));
    return 0;
  }
  for (const r of rulings) io.out(formatRuling(r, { scenarios: !!parsed.values.scenarios }) + '\n');
  const count = (k: string) => rulings.filter((r) => r.judgement.ruling === k).length;
  io.out(`${rulings.length} claims: ${count('confirmed')} confirmed, ${count('refuted')} refuted, ${count('not decidable here')} not decidable here\n`);
  return 0;
}

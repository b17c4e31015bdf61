/** Ruling on a claim: run each of its scenarios on its revision, then let the judge read them. */
import { loadRevision, runScenario } from '../scenario/api';
import type { Outcome } from '../scenario/types';
import type { Judgement, ReviewClaim } from './claim';

export interface ClaimRuling {
  claim: ReviewClaim;
  judgement: Judgement;
  outcomes: Record<string, Outcome>;
}

export function ruleOn(claim: ReviewClaim): ClaimRuling {
  const outcomes: Record<string, Outcome> = {};
  for (const r of claim.runs) {
    if (r.label in outcomes) throw new Error(`claim ${claim.id}: two runs are labelled "${r.label}"`);
    outcomes[r.label] = runScenario(loadRevision(r.revision), r.scenario);
  }
  return { claim, judgement: claim.judge(outcomes), outcomes };
}

/**
 * A claim made in review about the posted C, and how it is ruled on: scenarios run on the
 * revisions the claim is about, and a judge that reads their Outcomes and says confirmed,
 * refuted or not decidable here, with the ledger / log / trace lines that show it. The ruling is
 * computed from the runs every time, never written down: test/claims pins what it must be.
 */
import type { Outcome, Scenario } from '../scenario/types';

export type Ruling = 'confirmed' | 'refuted' | 'not decidable here';

/** One run a claim needs: a scenario on a revision, named so the judge can find its Outcome. */
export interface ClaimRun {
  /** Key of the run in the judge's outcomes, e.g. "v6" or "v6, registers read zero". */
  label: string;
  revision: string;
  /** One sentence: what this run is, in kernel words. */
  story: string;
  scenario: Scenario;
}

export interface Judgement {
  ruling: Ruling;
  /** Why, in kernel terms, with the numbers; for "not decidable here", what is missing. */
  why: string;
  /** Ledger entries, kernel log lines, trace lines and fields of the Outcomes, as evidence. */
  evidence: string[];
}

export interface ReviewClaim {
  /** kebab-case, stable: `npm run claims -- <id>`. */
  id: string;
  /** Who said it, and where: the mail under ../shared/revisions/mails/ or ../shared/seeds/. */
  who: string;
  mail: string;
  /** The reviewer's words (short). */
  quote: string;
  /** The claim as the runs test it. */
  claim: string;
  runs: ClaimRun[];
  judge(outcomes: Readonly<Record<string, Outcome>>): Judgement;
}

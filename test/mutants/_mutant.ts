/**
 * Mutation testing of the properties: a mutant is `latest` with one check of its C removed
 * (harness/revisions/mutants/<name>.patch, built like every revision and listed in
 * harness/revisions/revisions.json with "mutant": true). A property is not vacuous when a
 * scenario makes it fail on the mutant, with a known signature, and not fail with that
 * signature on `latest`.
 */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { PropertyContext, Scenario, Verdict } from '../../harness/scenario/types';
import { loadProperties } from '../../properties';

export type Failed = Extract<Verdict, { ok: false }>;

export interface Run {
  ctx: PropertyContext;
  verdict: Verdict;
}

export interface MutantRuns {
  latest: Run;
  mutant: Run;
}

export function check(property: string, revision: string, scenario: Scenario): Run {
  const p = loadProperties().find((x) => x.name === property);
  if (!p) throw new Error(`no property ${property}`);
  const ctx = runWithBaseline(loadRevision(revision), scenario);
  return { ctx, verdict: p.check(ctx) };
}

/** The same scenario on `latest` and on the mutant, checked by one property. */
export function runBoth(property: string, mutant: string, scenario: Scenario): MutantRuns {
  return { latest: check(property, 'latest', scenario), mutant: check(property, mutant, scenario) };
}

export function failed(v: Verdict): Failed {
  if (v.ok) throw new Error('expected the property to fail, but it held');
  return v;
}

/** `latest` may fail the property for another reason (a recorded finding), never with `signature`. */
export function signatureOf(v: Verdict): string | undefined {
  return v.ok ? undefined : v.signature;
}

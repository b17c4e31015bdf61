/**
 * The mainline baseline is cached by its scenario (harness/scenario/run.ts): a run must give
 * exactly the same PropertyContext with the cache as without it, on generated scenarios, when
 * a scenario comes back (a revision and its base, a shrunk counterexample run again) and when
 * the cache is full and drops its oldest entries.
 */
import fc from 'fast-check';
import { scenario as scenarioArb } from '../../generators';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { baselineCache } from '../../harness/scenario/run';
import type { Scenario } from '../../harness/scenario/types';
import { canonical } from '../_support/canonical';

const scenarios = fc.sample(scenarioArb(), { seed: 11, numRuns: 200 });
const revisions = ['v6', 'latest'].map((n) => loadRevision(n));

function contexts(list: readonly Scenario[]): string[] {
  const out: string[] = [];
  // Each scenario on two revisions, as a revision and its base are: the second is a cache hit.
  for (const s of list) for (const r of revisions) out.push(canonical(runWithBaseline(r, s)));
  return out;
}

afterEach(() => {
  baselineCache.enabled = true;
  baselineCache.max = 256;
});

test('the cached baseline gives the same contexts as running mainline every time (200 generated scenarios, two revisions)', () => {
  baselineCache.enabled = false;
  const uncached = contexts(scenarios);
  baselineCache.enabled = true;
  baselineCache.max = 16; // small, so that entries are dropped and recomputed along the way
  const hits = baselineCache.hits;
  const cached = contexts([...scenarios, ...scenarios.slice(0, 20)]);
  expect(baselineCache.hits - hits).toBeGreaterThanOrEqual(scenarios.length);
  expect(cached.slice(0, uncached.length)).toEqual(uncached);
  expect(cached.slice(uncached.length)).toEqual(uncached.slice(0, 40));
});

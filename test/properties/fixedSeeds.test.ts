/**
 * A fixed-seed smoke fuzz that can fail: the generator (seed 1, 200 scenarios) and the properties
 * together must rediscover, on v6, v7 and latest, signatures the Findings catalog records for
 * that revision — the fuzzer
 * finds real bugs on its own, not only the hand-written stories. A generator that stopped
 * producing the corruptions, or properties that stopped judging, find none. (It used to be an
 * allow-list: "fails only with a recorded signature", which a property that always passes passed.)
 */
import fc from 'fast-check';
import { scenario } from '../../generators';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { Property, PropertyContext } from '../../harness/scenario/types';
import { loadProperties } from '../../properties';
import { PASS } from '../../properties/_lib/verdict';
import { PINNED_ENTRIES } from '../findings/_catalog';
import { signaturesOf } from './_canFail';

const SEED = 1;
const RUNS = 200;
const scenarios = fc.sample(scenario(), { seed: SEED, numRuns: RUNS });

describe.each(['v6', 'v7', 'latest'] as const)('%s', (rev) => {
  const recorded = new Set(PINNED_ENTRIES.map((f) => f.fails[rev]).filter((s): s is string => s !== undefined));
  const revision = loadRevision(rev);
  const runs: PropertyContext[] = scenarios.map((s) => runWithBaseline(revision, s));

  /** The recorded signatures of `rev` the properties give on the fuzzed runs. */
  function rediscovered(properties: readonly Property[]): string[] {
    const found = new Set<string>();
    for (const ctx of runs) for (const p of properties) for (const sig of signaturesOf(p.check(ctx))) if (recorded.has(sig)) found.add(sig);
    return [...found].sort();
  }

  test(`seed ${SEED}, ${RUNS} generated scenarios: the properties rediscover recorded findings of ${rev}`, () => {
    expect(recorded.size).toBeGreaterThan(0);
    expect(rediscovered(loadProperties()).length).toBeGreaterThan(0);
  });

  test('the same runs judged by constant-PASS imitations of the properties rediscover nothing (the test can fail)', () => {
    expect(rediscovered(loadProperties().map((p) => ({ ...p, check: () => PASS })))).toEqual([]);
  });
});

/**
 * The scenario of run index i, exactly as fast-check would produce it for
 * fc.check(prop, { seed, path: String(i) }) — so a finding's path replays with fast-check's
 * own machinery, and the shrinker starts from the very value the run saw.
 *
 * fc.sample with { seed, path: String(start), numRuns } yields the values of indexes
 * start.. in order; reaching `start` costs one cheap rng jump per skipped index, so the chunk
 * grows with `start` to keep that cost per run constant.
 */
import * as fc from 'fast-check';
import type { Scenario } from '../scenario/types';
import { ownsRun, type Shard } from './shard';

const MIN_CHUNK = 64;
const MAX_CHUNK = 8192;

export interface Generated {
  index: number;
  scenario: Scenario;
}

export function* scenarioStream(
  arbitrary: fc.Arbitrary<Scenario>, seed: number, shard: Shard, runs: number,
): Generator<Generated> {
  for (let start = 0; start < runs;) {
    const size = Math.min(Math.max(MIN_CHUNK, Math.min(start, MAX_CHUNK)), runs - start);
    const values = fc.sample(arbitrary, { seed, path: String(start), numRuns: size });
    for (let k = 0; k < values.length; k++) {
      const index = start + k;
      if (ownsRun(shard, index)) yield { index, scenario: values[k] };
    }
    start += size;
  }
}

/** The value at a fast-check path ("run:shrink:..."), e.g. to rebuild a finding from its seed. */
export function scenarioAt(arbitrary: fc.Arbitrary<Scenario>, seed: number, fcPath: string): Scenario {
  return fc.sample(arbitrary, { seed, path: fcPath, numRuns: 1 })[0];
}

/**
 * The scenario of run index i, exactly as fast-check would produce it for
 * fc.check(prop, { seed, path: String(i) }) — so a finding's path replays with fast-check's
 * own machinery, and the shrinker starts from the very value the run saw.
 *
 * fast-check draws run i from its default random generator (pure-rand's xorshift128plus from the
 * seed) jumped i + 1 times, with the bias of run i; scenarioStream does the same, one index at a
 * time, so each run costs one jump and its own generation. (fc.sample with a path re-jumps from
 * index 0 on every call, so the stream used to generate in chunks of up to 8192 scenarios: a
 * second of work at once, which left the worker processes of --jobs idle meanwhile.)
 * test/fuzz/fuzzer.test.ts checks the stream against fast-check's own replay of each path.
 */
import * as fc from 'fast-check';
import { xorshift128plus } from 'pure-rand/generator/xorshift128plus';
import type { Scenario } from '../scenario/types';
import { ownsRun, type Shard } from './shard';

export interface Generated {
  index: number;
  scenario: Scenario;
}

/** fast-check's seed for a numeric `seed` parameter (QualifiedParameters' readSeed). */
function fcSeed(seed: number): number {
  const seed32 = seed | 0;
  return seed === seed32 ? seed32 : seed32 ^ ((seed - seed32) * 4294967296);
}

/** The bias fast-check gives run `index` (runIdToFrequency: 2 + floor(log10(index + 1))). */
function biasOfRun(index: number): number {
  return 2 + ~~(Math.log(index + 1) * 0.4342944819032518);
}

export function* scenarioStream(
  arbitrary: fc.Arbitrary<Scenario>, seed: number, shard: Shard, runs: number,
): Generator<Generated> {
  const rng = xorshift128plus(fcSeed(seed));
  for (let index = 0; index < runs; index++) {
    rng.jump();
    // fc.Random clones the generator: the draws of run i leave the jumps of the next runs alone.
    if (ownsRun(shard, index)) yield { index, scenario: arbitrary.generate(new fc.Random(rng), biasOfRun(index)).value_ };
  }
}

/** The value at a fast-check path ("run:shrink:..."), e.g. to rebuild a finding from its seed. */
export function scenarioAt(arbitrary: fc.Arbitrary<Scenario>, seed: number, fcPath: string): Scenario {
  return fc.sample(arbitrary, { seed, path: fcPath, numRuns: 1 })[0];
}

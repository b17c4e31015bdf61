/**
 * Shrinking one new finding with fast-check's own shrinker: fc.check replays run `index` from
 * { seed, path } and shrinks with the predicate "this property fails with this same signature".
 * Holding the signature fixed keeps the shrinker from sliding to a different bug on the way
 * (Hypothesis calls that slippage): the saved entry is the smallest scenario of *this* failure.
 *
 * The property is async only so that Ctrl-C can get in (signals are handled by the event loop);
 * once aborted, every candidate "passes" and fast-check stops with the smallest failure so far.
 */
import * as fc from 'fast-check';
import type { Property, PropertyContext, Scenario } from '../scenario/types';
import { judgeRun } from './harnessLimit';
import { Yielder } from './yielder';

export interface Shrunk {
  scenario: Scenario;
  /** fast-check path of the shrunk value, "index:shrink:...". */
  path: string;
  steps: number;
  /** The replay at `index` did not fail: the harness is not deterministic for this scenario. */
  flaky: boolean;
  /** Ctrl-C stopped shrinking early. */
  interrupted: boolean;
}

export interface ShrinkRequest {
  arbitrary: fc.Arbitrary<Scenario>;
  seed: number;
  index: number;
  original: Scenario;
  run: (s: Scenario) => PropertyContext;
  property: Property;
  signature: string;
  signal?: AbortSignal;
  yielder: Yielder;
  /**
   * The base of a revision built from a path: a candidate the base fails the same way is not
   * this failure (it would be known), so the shrinker stays on what is new against the base.
   */
  runBase?: (s: Scenario) => PropertyContext;
}

export async function shrinkFailure(req: ShrinkRequest): Promise<Shrunk> {
  let harnessError: unknown;
  const stillFails = async (s: Scenario): Promise<boolean> => {
    if (req.signal?.aborted || harnessError !== undefined) return true;
    await req.yielder.maybeYield();
    try {
      const ctx = req.run(s);
      // A run that met a simulator limit was not checked: it cannot stand for the failure.
      const judged = judgeRun([req.property], ctx);
      if (judged.limit || !judged.found.some((f) => f.signature === req.signature)) return true;
      if (req.runBase) {
        const base = judgeRun([req.property], req.runBase(s));
        if (!base.limit && base.found.some((f) => f.signature === req.signature)) return true;
      }
      return false;
    } catch (err) {
      // A harness crash must not become "the failure" the shrinker chases.
      harnessError = err;
      return true;
    }
  };
  const out = await fc.check(fc.asyncProperty(req.arbitrary, stillFails), {
    seed: req.seed, path: String(req.index), numRuns: 1,
  });
  if (harnessError !== undefined) throw harnessError;
  const interrupted = req.signal?.aborted === true;
  if (!out.failed || out.counterexample === null) {
    return { scenario: req.original, path: String(req.index), steps: 0, flaky: !interrupted, interrupted };
  }
  return {
    scenario: out.counterexample[0],
    path: out.counterexamplePath ?? String(req.index),
    steps: out.numShrinks,
    flaky: false,
    interrupted,
  };
}

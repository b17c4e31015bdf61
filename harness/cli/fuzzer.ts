/**
 * The fuzz loop. For each run index i of this shard: the scenario of index i (generate.ts),
 * runWithBaseline, every selected property. A failure is
 *  - known   when the corpus already records (property, signature) for this revision, or this
 *            run already found it: counted, and the loop goes on;
 *  - new     otherwise: shrunk (shrink.ts), handed to `persist` at once (so Ctrl-C or a crash
 *            later loses nothing), then the loop goes on looking for other signatures.
 * The loop ends when the runs are done, the time budget is spent, or the signal aborts.
 * Given the same seed, runs, shard, properties and harness, everything it returns except
 * elapsedMs is the same.
 */
import type * as fc from 'fast-check';
import type { Property, PropertyContext, Scenario } from '../scenario/types';
import type { KnownFindings } from '../corpus/known';
import type { LoadedEntry } from '../corpus/load';
import type { SaveResult } from '../corpus/save';
import { GenerationStatistics } from '../report/statistics';
import { checkProperty, failures } from './evaluate';
import { scenarioStream } from './generate';
import { shrinkFailure, type Shrunk } from './shrink';
import type { Shard } from './shard';
import { Yielder } from './yielder';

export interface FuzzPlan {
  seed: number;
  /** Run indexes 0..runs-1 (Infinity: until time or Ctrl-C). */
  runs: number;
  timeMs?: number;
  shard: Shard;
}

export interface NewFindingToSave {
  property: string;
  signature: string;
  message: string;
  scenario: Scenario;
  path: string;
}

export interface FuzzEnv {
  arbitrary: fc.Arbitrary<Scenario>;
  labels: (s: Scenario) => string[];
  properties: readonly Property[];
  /** runWithBaseline bound to the revision under test. */
  run: (s: Scenario) => PropertyContext;
  known: KnownFindings;
  /** Saves a new, shrunk finding (the corpus); undefined result = not saved. */
  persist?: (f: NewFindingToSave) => SaveResult | undefined;
  /** Called once per new finding, right after it is saved (streamed text output). */
  onNewFinding?: (f: Finding) => void;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export interface Finding {
  property: string;
  signature: string;
  /** The message of the shrunk counterexample (new) or of the first run that hit it (known). */
  message: string;
  status: 'new' | 'known';
  /** Runs of this fuzz run that failed this way. */
  runs: number;
  firstIndex: number;
  /** Corpus entry that records it (known). */
  known?: LoadedEntry;
  /** New: the shrunk counterexample and its outcome. */
  shrunk?: Shrunk;
  context?: PropertyContext;
  saved?: SaveResult;
}

export interface Progress {
  runsDone: number;
  newFindings: number;
  knownFindings: number;
  elapsedMs: number;
}

export type StoppedBy = 'runs' | 'time' | 'interrupt';

export interface FuzzResult {
  runsDone: number;
  /** The slowest run (wall clock): a health check, like Hypothesis's "too slow" warning. */
  slowest?: { index: number; ms: number };
  stoppedBy: StoppedBy;
  /** In order of first discovery. */
  findings: Finding[];
  statistics: GenerationStatistics;
  elapsedMs: number;
}

export async function fuzz(plan: FuzzPlan, env: FuzzEnv): Promise<FuzzResult> {
  const now = env.now ?? Date.now;
  const start = now();
  const yielder = new Yielder(now);
  const statistics = new GenerationStatistics();
  const findings = new Map<string, Finding>();
  const counts = { new: 0, known: 0 };
  let runsDone = 0;
  let stoppedBy: StoppedBy = 'runs';
  let slowest: FuzzResult['slowest'];

  for (const { index, scenario } of scenarioStream(env.arbitrary, plan.seed, plan.shard, plan.runs)) {
    await yielder.maybeYield();
    if (env.signal?.aborted) { stoppedBy = 'interrupt'; break; }
    if (plan.timeMs !== undefined && now() - start >= plan.timeMs) { stoppedBy = 'time'; break; }

    const t0 = now();
    const ctx = env.run(scenario);
    const ms = now() - t0;
    if (slowest === undefined || ms > slowest.ms) slowest = { index, ms };
    runsDone++;
    statistics.record(env.labels(scenario), ctx.outcome.coverage);

    for (const f of failures(env.properties, ctx)) {
      const key = JSON.stringify([f.property.name, f.signature]);
      const seen = findings.get(key);
      if (seen) { seen.runs++; continue; }
      const known = env.known.get(f.property.name, f.signature);
      if (known) {
        findings.set(key, {
          property: f.property.name, signature: f.signature, message: f.message,
          status: 'known', runs: 1, firstIndex: index, known,
        });
        counts.known++;
        continue;
      }
      const shrunk = await shrinkFailure({
        arbitrary: env.arbitrary, seed: plan.seed, index, original: scenario, run: env.run,
        property: f.property, signature: f.signature, signal: env.signal, yielder,
      });
      const context = env.run(shrunk.scenario);
      const verdict = checkProperty(f.property, context);
      const message = verdict.ok ? f.message : verdict.message;
      const finding: Finding = {
        property: f.property.name, signature: f.signature, message, status: 'new', runs: 1,
        firstIndex: index, shrunk, context,
      };
      finding.saved = env.persist?.({
        property: finding.property, signature: finding.signature, message, scenario: shrunk.scenario, path: shrunk.path,
      });
      findings.set(key, finding);
      counts.new++;
      env.onNewFinding?.(finding);
    }
    env.onProgress?.({ runsDone, newFindings: counts.new, knownFindings: counts.known, elapsedMs: now() - start });
  }
  if (stoppedBy === 'runs' && env.signal?.aborted) stoppedBy = 'interrupt';
  return { runsDone, slowest, stoppedBy, findings: [...findings.values()], statistics, elapsedMs: now() - start };
}

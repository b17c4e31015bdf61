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
 *
 * A revision built from a path is also compared with its base, run on every scenario
 * (`runBase`): a failure the base has on the same scenario is known (kept), and a base failure
 * whose property holds on the revision is fixed. A run that meets a limit of the simulator
 * (harnessLimit.ts) is counted apart and its properties are not checked.
 */
import type * as fc from 'fast-check';
import type { Property, PropertyContext, Scenario } from '../scenario/types';
import type { KnownFindings } from '../corpus/known';
import type { LoadedEntry } from '../corpus/load';
import type { SaveResult } from '../corpus/save';
import { GenerationStatistics } from '../report/statistics';
import { checkProperty } from './evaluate';
import { HarnessLimits, judgeRun } from './harnessLimit';
import { scenarioStream, type Generated } from './generate';
import { CoverageGuide, reachOf, WAIT, type GuidedRun, type Reach } from './guide';
import { shrinkFailure, type Shrunk } from './shrink';
import type { Shard } from './shard';
import type { CheckedRun } from './runPool';
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
  /**
   * runWithBaseline bound to the revision under test, for the checks (and shrinking): without
   * mainline's baseline when no selected property reads it.
   */
  run: (s: Scenario) => PropertyContext;
  /** The same with the baseline always, for a new finding's report (undefined: `run`). */
  runForReport?: (s: Scenario) => PropertyContext;
  /**
   * `run` and the checks of `properties` in a worker process (--jobs N): the loop submits up to
   * `lookahead` runs ahead and takes their results in run-index order. They must equal what
   * `run` and judgeRun give in the main process.
   */
  runAhead?: (s: Scenario) => Promise<CheckedRun>;
  lookahead?: number;
  /** runWithBaseline bound to the base of a revision built from a path (undefined otherwise). */
  runBase?: (s: Scenario) => PropertyContext;
  known: KnownFindings;
  /**
   * Coverage guidance (guide.ts): some runs are derived from scenarios that reached new edges of the C.
   * Off (--no-guide): every run is fast-check's run of its index.
   */
  guide?: boolean;
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
  /** Why it is known: the corpus records it, or the base fails the same way on the same scenario. */
  knownBy?: 'corpus' | 'base';
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

/** A failure of the base that the revision under test does not have (its property held). */
export interface Fixed {
  property: string;
  signature: string;
  message: string;
  /** Runs where the base failed this way and the revision held. */
  runs: number;
  firstIndex: number;
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
  /** With a base: what the revision fixed, in order of first discovery. */
  fixed?: Fixed[];
  /** Runs that met a limit of the simulator (not checked, never findings). */
  limits: HarnessLimits;
  statistics: GenerationStatistics;
  /** The edges of the C (indexes of the revision's edge map) reached by any run, ascending. */
  edges: number[];
  /** With guidance: runs derived from a pool scenario, and runs that reached a new edge. */
  guided?: CoverageGuide['stats'];
  elapsedMs: number;
}

function propertyNamed(properties: readonly Property[], name: string): Property {
  const p = properties.find((q) => q.name === name);
  if (!p) throw new Error(`harness bug: a fuzz worker checked a property the loop did not select: ${name}`);
  return p;
}

/** The stream, each run submitted to `runAhead` up to `depth` runs before the loop takes it. */
function* runsAhead(stream: Iterator<GuidedRun | typeof WAIT>, runAhead: FuzzEnv['runAhead'], depth: number):
  Generator<GuidedRun & { ahead?: Promise<CheckedRun> }> {
  const queue: (GuidedRun & { ahead?: Promise<CheckedRun> })[] = [];
  for (;;) {
    while (queue.length < (runAhead ? Math.max(1, depth) : 1)) {
      const n = stream.next();
      if (n.done) break;
      // The guided stream waits for the loop to see earlier runs (it never waits on an empty queue).
      if (n.value === WAIT) break;
      queue.push(runAhead ? { ...n.value, ahead: runAhead(n.value.scenario) } : n.value);
    }
    const next = queue.shift();
    if (!next) return;
    yield next;
  }
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

  const limits = new HarnessLimits();
  const fixed = new Map<string, Fixed>();
  const key = (property: string, signature: string) => JSON.stringify([property, signature]);

  const guide = env.guide ? new CoverageGuide(plan.seed, plan.shard) : undefined;
  const edges = new Set<number>();
  const stream = guide ? guide.stream(env.arbitrary, plan.runs) : scenarioStream(env.arbitrary, plan.seed, plan.shard, plan.runs);
  for (const { index, scenario, ahead, derived } of runsAhead(stream, env.runAhead, env.lookahead ?? 1)) {
    await yielder.maybeYield();
    if (env.signal?.aborted) { stoppedBy = 'interrupt'; break; }
    if (plan.timeMs !== undefined && now() - start >= plan.timeMs) { stoppedBy = 'time'; break; }

    const t0 = now();
    const done = ahead ? await ahead : undefined;
    const ctx = done ? undefined : env.run(scenario);
    const ms = done ? done.ms : now() - t0;
    if (slowest === undefined || ms > slowest.ms) slowest = { index, ms };
    runsDone++;
    statistics.record(env.labels(scenario), done ? done.coverage : ctx!.outcome.coverage);
    const reach: Reach = done ? done.reach : reachOf(ctx!.outcome);
    for (const e of reach.edges) edges.add(e);
    guide?.observe(index, scenario, reach, derived !== undefined);
    const judged = done ? undefined : judgeRun(env.properties, ctx!);
    const limit = done ? done.limit : judged!.limit;
    if (limit) {
      limits.record(limit, { index });
      env.onProgress?.({ runsDone, newFindings: counts.new, knownFindings: counts.known, elapsedMs: now() - start });
      continue;
    }

    const found = done ? done.found.map((f) => ({ ...f, property: propertyNamed(env.properties, f.property) })) : judged!.found!;
    // The base on the same scenario; undefined when there is no base or it met a simulator limit.
    const baseCtx = env.runBase?.(scenario);
    const baseFound = baseCtx ? judgeRun(env.properties, baseCtx).found : undefined;
    const baseHas = (property: string, signature: string) =>
      baseFound?.some((b) => b.property.name === property && b.signature === signature) === true;
    for (const b of baseFound ?? []) {
      if (found.some((f) => f.property === b.property)) continue;
      const k = key(b.property.name, b.signature);
      const seen = fixed.get(k);
      if (seen) seen.runs++;
      else fixed.set(k, { property: b.property.name, signature: b.signature, message: b.message, runs: 1, firstIndex: index });
    }

    for (const f of found) {
      const k = key(f.property.name, f.signature);
      const seen = findings.get(k);
      const onBase = baseHas(f.property.name, f.signature);
      // Known through the base on an earlier scenario, but not on this one: the revision broke it here.
      if (seen && !(seen.knownBy === 'base' && !onBase)) { seen.runs++; continue; }
      const known = env.known.get(f.property.name, f.signature);
      if (known || onBase) {
        if (seen) { seen.runs++; continue; }
        findings.set(k, {
          property: f.property.name, signature: f.signature, message: f.message,
          status: 'known', knownBy: known ? 'corpus' : 'base', runs: 1, firstIndex: index, known,
        });
        counts.known++;
        continue;
      }
      // A derived run shrinks within its derivation (the pool scenario's other parts stay); its
      // path is then only its run index (fuzz with the seed and --runs index+1 meets it again).
      const shrunk = await shrinkFailure({
        arbitrary: derived?.arbitrary ?? env.arbitrary, seed: derived?.seed ?? plan.seed, index: derived ? 0 : index, original: scenario, run: env.run,
        property: f.property, signature: f.signature, signal: env.signal, yielder,
        runBase: env.runBase,
      });
      if (derived) shrunk.path = String(index);
      const context = (env.runForReport ?? env.run)(shrunk.scenario);
      const verdict = checkProperty(f.property, context);
      const message = verdict.ok ? f.message : verdict.message;
      const finding: Finding = {
        property: f.property.name, signature: f.signature, message, status: 'new', runs: (seen?.runs ?? 0) + 1,
        firstIndex: seen?.firstIndex ?? index, shrunk, context,
      };
      if (seen) counts.known--;
      finding.saved = env.persist?.({
        property: finding.property, signature: finding.signature, message, scenario: shrunk.scenario, path: shrunk.path,
      });
      findings.delete(k);
      findings.set(k, finding);
      counts.new++;
      env.onNewFinding?.(finding);
    }
    env.onProgress?.({ runsDone, newFindings: counts.new, knownFindings: counts.known, elapsedMs: now() - start });
  }
  if (stoppedBy === 'runs' && env.signal?.aborted) stoppedBy = 'interrupt';
  return {
    runsDone, slowest, stoppedBy, findings: [...findings.values()],
    fixed: env.runBase ? [...fixed.values()] : undefined, limits, statistics,
    edges: [...edges].sort((a, b) => a - b), guided: guide?.stats, elapsedMs: now() - start,
  };
}

/**
 * One mutation-testing session of a revision: its mutants (mutants.ts) against a list of
 * scenarios, each mutant killed or not (kill.ts), and the score. The scenarios are assembled
 * by the caller (scenariosFrom() gives the corpus and generated ones).
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { scenario as scenarioArb } from '../../generators';
import type { Toolchain } from '../build';
import { loadCorpusDir } from '../corpus/load';
import { listRevisions, loadRevision, runWithBaseline } from '../scenario/api';
import { REPO_ROOT } from '../scenario/revision';
import type { Property } from '../scenario/types';
import { loadProperties } from '../../properties';
import type { EvaluationSetup, LabelledScenario } from './evaluate';
import { namedFailures, scoreOf, type NamedFailure, type HarnessCrash, type MutantOutcome, type Score } from './kill';
import { generateMutants, type Mutant, ADOPTION_FUNCTIONS } from './mutants';
import { evaluateAll } from './pool';

/** Every corpus entry (of any revision) as a scenario, in file order. */
export function corpusScenarios(dir: string = path.join(REPO_ROOT, 'corpus')): LabelledScenario[] {
  return loadCorpusDir(dir, { missingOk: true }).map((e) => ({ label: `corpus:${e.hash}`, scenario: e.entry.scenario }));
}

/** `runs` scenarios of generators' scenario() with a fixed seed. */
export function generatedScenarios(runs: number, seed: number): LabelledScenario[] {
  if (runs <= 0) return [];
  return fc.sample(scenarioArb(), { seed, numRuns: runs }).map((s, k) => ({ label: `generated:${seed}#${k}`, scenario: s }));
}

export interface SessionOptions {
  /** A listed revision whose sources are in harness/revisions/<name>/ (default latest). */
  revision?: string;
  scenarios: LabelledScenario[];
  toolchain: Toolchain;
  /** Only the first `limit` mutants (in their deterministic order). */
  limit?: number;
  /** Mutate these functions per file (default ADOPTION_FUNCTIONS). */
  scope?: Record<string, readonly string[] | 'all'>;
  workers: number;
  scenarioTimeoutMs: number;
  cacheDir?: string;
  onDone?: (mutant: Mutant, outcome: MutantOutcome, ms: number, doneCount: number, total: number) => void;
}

export interface MutantResult {
  mutant: Mutant;
  outcome: MutantOutcome;
  ms: number;
}

export interface SessionResult {
  revision: string;
  mutants: number;
  results: MutantResult[];
  score: Score;
  scenarios: number;
  /** Scenarios the original itself crashed the harness on (left out of the kill checks). */
  originalCrashes: HarnessCrash[];
  /** Scenarios where the original already fails some property (recorded findings). */
  originalFailing: number;
  seconds: number;
}

/** The original's failures on each scenario (null where the harness itself threw). */
export function originalFailures(revision: string, scenarios: readonly LabelledScenario[], properties: readonly Property[] = loadProperties()): { failures: (NamedFailure[] | null)[]; crashes: HarnessCrash[] } {
  const rev = loadRevision(revision);
  const crashes: HarnessCrash[] = [];
  const failures = scenarios.map(({ label, scenario }) => {
    try {
      return namedFailures(properties, runWithBaseline(rev, scenario));
    } catch (e) {
      crashes.push({ scenario: label, message: e instanceof Error ? e.message : String(e) });
      return null;
    }
  });
  return { failures, crashes };
}

export async function runSession(opts: SessionOptions): Promise<SessionResult> {
  const t0 = Date.now();
  const revision = opts.revision ?? 'latest';
  const info = listRevisions().find((r) => r.name === revision);
  if (!info) throw new Error(`no revision ${revision}`);
  const revisionDir = path.join(REPO_ROOT, 'harness', 'revisions', revision);
  const all = generateMutants(revisionDir, opts.scope ?? ADOPTION_FUNCTIONS);
  const mutants = opts.limit !== undefined ? all.slice(0, opts.limit) : all;
  const { failures, crashes } = originalFailures(revision, opts.scenarios);
  const setup: EvaluationSetup = {
    repoRoot: REPO_ROOT,
    revisionDir,
    originalWasm: path.join(REPO_ROOT, info.wasm),
    toolchain: opts.toolchain,
    cacheDir: opts.cacheDir,
    scenarios: opts.scenarios,
    original: failures,
  };
  if (!fs.existsSync(setup.originalWasm)) throw new Error(`${info.wasm} is missing: npm run build:c -- ${revision}`);
  let count = 0;
  const outcomes = await evaluateAll(mutants.map((m) => ({ file: m.file, text: m.text })), setup, {
    workers: opts.workers,
    scenarioTimeoutMs: opts.scenarioTimeoutMs,
    onDone: (i, o, ms) => opts.onDone?.(mutants[i], o, ms, ++count, mutants.length),
  });
  const results = mutants.map((mutant, i) => ({ mutant, outcome: outcomes[i], ms: outcomes[i].ms }));
  return {
    revision,
    mutants: mutants.length,
    results,
    score: scoreOf(outcomes),
    scenarios: opts.scenarios.length,
    originalCrashes: crashes,
    originalFailing: failures.filter((f) => f !== null && f.length > 0).length,
    seconds: (Date.now() - t0) / 1000,
  };
}

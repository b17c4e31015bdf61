/**
 * `npm run fuzz -- --jobs 2` against `--jobs 1`: the same seed and runs, in-process on the real
 * harness, from a copy of the corpus (known findings are not shrunk again). Wall clock includes
 * the workers' start, as a user sees it; CPU time (every thread of the process) says what the
 * workers cost beyond the runs themselves, which a loaded machine's wall clock hides.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzCommand } from '../harness/cli/fuzzCommand';
import { realHarness } from '../harness/fuzz/harness';
import { RunPool } from '../harness/fuzz/runPool';
import { memoryIo } from '../harness/cli/io';
import { runCommand } from '../harness/cli/main';
import type { Scenario } from '../harness/scenario/types';

const REPO_CORPUS = path.join(__dirname, '..', 'corpus');

export interface FuzzTime {
  /** Wall clock, seconds. */
  wall: number;
  /** CPU time of the whole process (all threads), seconds. */
  cpu: number;
}

export async function fuzzTime(jobs: number, seed: number, runs: number): Promise<FuzzTime> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jobs-'));
  try {
    const corpus = path.join(root, 'corpus');
    fs.cpSync(REPO_CORPUS, corpus, { recursive: true });
    const io = memoryIo({});
    const args = ['--seed', String(seed), '--runs', String(runs), '--revision', 'latest', '--corpus', corpus, '--jobs', String(jobs)];
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    await runCommand((a, i, s) => fuzzCommand(a, realHarness(), i, s), args, io, new AbortController().signal);
    const wall = Number(process.hrtime.bigint() - t) / 1e9;
    const d = process.cpuUsage(c);
    return { wall, cpu: (d.user + d.system) / 1e6 };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function fuzzSeconds(jobs: number, seed: number, runs: number): Promise<number> {
  return (await fuzzTime(jobs, seed, runs)).wall;
}

/**
 * Starts one worker and runs one scenario: a worker's transpiled modules are cached on disk
 * (harness/fuzz/worker.js), so every start but the very first on a machine finds them; timing
 * after this measures that usual start, not the one-off.
 */
export async function warmWorkerStart(scenario: Scenario): Promise<void> {
  const pool = new RunPool(1, { revision: 'latest', properties: [] });
  try {
    await pool.run(scenario);
  } finally {
    await pool.close();
  }
}

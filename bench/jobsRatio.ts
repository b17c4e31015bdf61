/**
 * `npm run fuzz -- --jobs 2` against `--jobs 1`: the same seed and runs on the real harness, each
 * in a fresh process (freshFuzz.ts: both start cold, as a user's run does), from a copy of the
 * corpus (known findings are not shrunk again). Timed from the command's start, after the main
 * process loaded its modules: wall clock includes the workers' start; CPU time (every thread of
 * the process and of its worker processes) says what the workers cost beyond the runs
 * themselves, which a loaded machine's wall clock hides.
 */
import { spawnSync } from 'node:child_process';
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
  /** CPU time of the whole process (all threads) and, with /proc, of its worker processes, seconds. */
  cpu: number;
  /** Whether `cpu` includes the worker processes (false without /proc: the main process only). */
  workersCounted: boolean;
  /** Whether the command started worker processes (it does not for fewer runs than MIN_RUNS_FOR_JOBS). */
  workersStarted: boolean;
}

/**
 * CPU seconds of this process's children that have exited and been waited for (the fuzz worker
 * processes, once the pool closed): /proc/self/stat's cutime + cstime, in clock ticks of 1/100 s
 * (USER_HZ on Linux). Undefined where there is no /proc (FuzzTime.workersCounted says so).
 */
export function childrenCpuSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // fields 16 and 17 of proc(5): cutime, cstime
  } catch {
    return undefined;
  }
}

/** The fuzz command timed in this process (whatever this process warmed before counts). */
export async function fuzzTimeInProcess(jobs: number, seed: number, runs: number): Promise<FuzzTime> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jobs-'));
  try {
    const corpus = path.join(root, 'corpus');
    fs.cpSync(REPO_CORPUS, corpus, { recursive: true });
    const io = memoryIo({});
    const args = ['--seed', String(seed), '--runs', String(runs), '--revision', 'latest', '--corpus', corpus, '--jobs', String(jobs)];
    const c = process.cpuUsage();
    const children = childrenCpuSeconds();
    const t = process.hrtime.bigint();
    await runCommand((a, i, s) => fuzzCommand(a, realHarness(), i, s), args, io, new AbortController().signal);
    const wall = Number(process.hrtime.bigint() - t) / 1e9;
    const d = process.cpuUsage(c);
    // The worker processes' CPU too: --jobs N runs the scenarios in child processes.
    const after = childrenCpuSeconds();
    const workersCounted = children !== undefined && after !== undefined;
    return { wall, cpu: (d.user + d.system) / 1e6 + (workersCounted ? after - children : 0), workersCounted, workersStarted: /worker processes/.test(io.stderr) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The fuzz command timed in a fresh process, with `env` added to this one's environment. */
export function fuzzTime(jobs: number, seed: number, runs: number, env: NodeJS.ProcessEnv = {}): FuzzTime {
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'freshFuzz.ts'), String(jobs), String(seed), String(runs)],
    { cwd: path.join(__dirname, '..'), encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } });
  const last = child.stdout?.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`bench: fuzz --jobs ${jobs} in a fresh process failed (status ${child.status}): ${child.stderr}`);
  return JSON.parse(last) as FuzzTime;
}

/**
 * Starts one worker and runs one scenario: a worker's transpiled modules are cached on disk
 * (harness/tsRequire.js), so every start but the very first on a machine finds them; timing
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

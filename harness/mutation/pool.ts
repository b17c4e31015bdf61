/**
 * Evaluating many mutants: in worker threads (default, one per core, at most `workers`), each
 * scenario of a mutant under a watchdog, so that a mutant which makes the simulated kernel spin
 * (a scan of 2^31 STEs, a loop that never ends) is stopped and reported as a timeout instead of
 * stalling the whole measure; or in this thread (`workers: 0`, no watchdog; for debugging).
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { MutantEvaluator, type EvaluationSetup, type MutantTask } from './evaluate';
import type { MutantOutcome } from './kill';
import type { FromWorker, ToWorker } from './worker';

export interface PoolOptions {
  /** Worker threads; 0 evaluates in this thread without a watchdog. */
  workers: number;
  /** Longest one scenario may run on a mutant before it is stopped as a timeout. */
  scenarioTimeoutMs: number;
  /** Called as each mutant is done (in completion order). */
  onDone?: (index: number, outcome: MutantOutcome, ms: number) => void;
}

export interface TimedOutcome extends MutantOutcome {
  ms: number;
}

function spawn(setup: EvaluationSetup): Worker {
  const file = path.join(__dirname, `worker${path.extname(__filename)}`);
  if (path.extname(__filename) !== '.ts') return new Worker(file, { workerData: setup });
  // Running from TypeScript (ts-node, jest): the worker registers ts-node itself.
  const project = path.join(setup.repoRoot, 'tsconfig.json');
  const boot = `require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(project)} });\nrequire(${JSON.stringify(file)});`;
  return new Worker(boot, { eval: true, workerData: setup });
}

export async function evaluateAll(tasks: readonly MutantTask[], setup: EvaluationSetup, opts: PoolOptions): Promise<TimedOutcome[]> {
  const results: TimedOutcome[] = new Array(tasks.length);
  const done = (i: number, o: MutantOutcome, ms: number) => {
    results[i] = { ...o, ms };
    opts.onDone?.(i, o, ms);
  };
  if (opts.workers <= 0) {
    const ev = new MutantEvaluator(setup);
    tasks.forEach((t, i) => {
      const t0 = Date.now();
      done(i, ev.evaluate(t), Date.now() - t0);
    });
    return results;
  }

  let next = 0;
  const slot = (): Promise<void> =>
    new Promise((resolve) => {
      let worker: Worker;
      let current = -1;
      let scenario = -1;
      let started = 0;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          // The mutant hangs: stop the thread (V8 interrupts WebAssembly loops too), go on with a new one.
          const i = current;
          const label = scenario >= 0 ? setup.scenarios[scenario].label : '(building)';
          current = -1;
          void worker.terminate();
          done(i, { status: 'timeout', scenariosRun: scenario + 1, harnessCrashes: [], detail: `${label} ran over ${opts.scenarioTimeoutMs / 1000} s` }, Date.now() - started);
          start();
        }, opts.scenarioTimeoutMs);
      };
      const feed = () => {
        if (next >= tasks.length) {
          if (timer) clearTimeout(timer);
          void worker.terminate();
          resolve();
          return;
        }
        current = next++;
        scenario = -1;
        started = Date.now();
        arm();
        worker.postMessage({ index: current, task: tasks[current] } satisfies ToWorker);
      };
      const start = () => {
        worker = spawn(setup);
        const w = worker;
        w.on('message', (m: FromWorker) => {
          if (w !== worker || m.index !== current) return;
          if (m.type === 'tick') {
            scenario = m.scenario;
            arm();
            return;
          }
          if (m.type === 'result') done(m.index, m.outcome, m.ms);
          else done(m.index, { status: 'harness-crash', scenariosRun: scenario + 1, harnessCrashes: [{ scenario: scenario >= 0 ? setup.scenarios[scenario].label : '(building)', message: m.message }], detail: m.message }, Date.now() - started);
          feed();
        });
        w.on('error', (e) => {
          if (w !== worker) return;
          // The worker itself died (it could not start, or threw outside a mutant): fatal for
          // the mutant it had, then a fresh worker for the rest.
          if (current >= 0) done(current, { status: 'harness-crash', scenariosRun: scenario + 1, harnessCrashes: [{ scenario: '(worker)', message: e.stack ?? e.message }], detail: e.message }, Date.now() - started);
          else {
            if (timer) clearTimeout(timer);
            resolve();
            return;
          }
          start();
        });
        feed();
      };
      start();
    });
  await Promise.all(Array.from({ length: Math.min(opts.workers, tasks.length) }, slot));
  const missing = results.findIndex((r) => r === undefined);
  if (missing >= 0) throw new Error(`mutation pool: mutant #${missing} was never evaluated (the workers died)`);
  return results;
}

/**
 * A worker thread of the mutation pool (pool.ts): evaluates the mutants it is sent, one at a
 * time, reporting each scenario before it runs it so that the pool's watchdog can stop a mutant
 * that hangs the simulated kernel.
 */
import { parentPort, workerData } from 'worker_threads';
import { MutantEvaluator, type EvaluationSetup, type MutantTask } from './evaluate';

export interface ToWorker {
  index: number;
  task: MutantTask;
}

export type FromWorker =
  | { type: 'tick'; index: number; scenario: number }
  | { type: 'result'; index: number; outcome: import('./kill').MutantOutcome; ms: number }
  | { type: 'error'; index: number; message: string };

if (parentPort) {
  const port = parentPort;
  const evaluator = new MutantEvaluator(workerData as EvaluationSetup);
  port.on('message', (msg: ToWorker) => {
    const t0 = Date.now();
    try {
      const outcome = evaluator.evaluate(msg.task, (scenario) => port.postMessage({ type: 'tick', index: msg.index, scenario } satisfies FromWorker));
      port.postMessage({ type: 'result', index: msg.index, outcome, ms: Date.now() - t0 } satisfies FromWorker);
    } catch (e) {
      port.postMessage({ type: 'error', index: msg.index, message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
    }
  });
}

/**
 * The body of one fuzz worker thread: its own reused instance of the revision (and of mainline
 * for the baseline), running the scenarios the main thread sends, in order, and sending back
 * each PropertyContext (a pure function of the scenario, so identical to a main-thread run).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { realHarness } from '../cli/harness';
import type { Scenario } from '../scenario/types';
import type { RunReply, RunRequest, WorkerSetup } from './runPool';

const harness = realHarness();
const setup = workerData as WorkerSetup;
const revision = harness.loadRevision(setup.revision);

parentPort!.on('message', (req: RunRequest) => {
  let reply: RunReply;
  const t0 = Date.now();
  try {
    const ctx = harness.runWithBaseline(revision, req.scenario as Scenario);
    reply = { id: req.id, ctx, ms: Date.now() - t0 };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});

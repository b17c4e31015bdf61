/**
 * The body of one fuzz worker process: its own reused instance of the revision (and of mainline
 * for the baseline), running the scenarios the main process sends, in order, and sending back
 * what the fuzz loop needs of each: coverage, a simulator limit, the failures of the selected
 * properties (all pure functions of the scenario, so identical to a main-process run). The first
 * message is its WorkerSetup.
 */
import { judgeRun } from './harnessLimit';
import { reachOf, type Reach } from './guide';
// What realHarness wires, minus the generators: a worker only runs and checks (it starts faster).
import { loadRevision, runWithBaseline, type Revision } from '../scenario/api';
import { loadProperties } from '../../properties/index';
import type { Property, Scenario } from '../scenario/types';
import type { RunReply, RunRequest, WorkerSetup } from './runPool';

// The main process gone (killed, crashed): nothing left to run for.
process.on('disconnect', () => process.exit(0));

let revision: Revision | undefined;
let properties: Property[] = [];
let baseline = true;
/**
 * Edges this worker has already sent. A worker runs its runs in index order, so an edge no
 * earlier run (of any worker) reached is one this worker has not sent either: sending only
 * the edges new to the worker, and the run's call sites only with them, gives the coverage
 * guide the same novelty and pool as full lists would, at a fraction of the copying.
 */
const sent = new Set<number>();

function newToWorker(reach: Reach): Reach {
  const edges = reach.edges.filter((e) => !sent.has(e));
  for (const e of edges) sent.add(e);
  return { edges, calls: edges.length > 0 ? reach.calls : [] };
}

function setUp(setup: WorkerSetup): void {
  revision = loadRevision(setup.revision);
  baseline = setup.baseline !== false;
  const all = loadProperties();
  properties = setup.properties.map((name) => {
    const p = all.find((q) => q.name === name);
    if (!p) throw new Error(`fuzz worker: no property ${name}`);
    return p;
  });
}

process.on('message', (msg: WorkerSetup | RunRequest) => {
  if (!('id' in msg)) { setUp(msg); return; }
  const req = msg;
  let reply: RunReply;
  const t0 = Date.now();
  try {
    const ctx = runWithBaseline(revision!, req.scenario as Scenario, { baseline });
    const { limit, found: failed } = judgeRun(properties, ctx);
    const found = (failed ?? []).map((f) => ({ property: f.property.name, signature: f.signature, message: f.message }));
    reply = { id: req.id, ms: Date.now() - t0, coverage: ctx.outcome.coverage, reach: newToWorker(reachOf(ctx.outcome)), limit, found };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  process.send!(reply);
});

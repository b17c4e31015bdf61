/**
 * The body of one fuzz worker process: its own reused instance of the revision (and of mainline
 * for the baseline), running the scenarios the main process sends, in order, and sending back
 * what the fuzz loop needs of each: coverage, a simulator limit, the failures of the selected
 * properties (all pure functions of the scenario, so identical to a main-process run). The first
 * message is its WorkerSetup.
 */
import { failures } from './evaluate';
import { harnessLimitOf } from './harnessLimit';
import { reachOf } from './guide';
// What realHarness wires, minus the generators: a worker only runs and checks (it starts faster).
import { loadRevision, runWithBaseline, type Revision } from '../scenario/api';
import { loadProperties } from '../../properties/index';
import type { Property, Scenario } from '../scenario/types';
import type { RunReply, RunRequest, WorkerSetup } from './runPool';

// The main process gone (killed, crashed): nothing left to run for.
process.on('disconnect', () => process.exit(0));

let revision: Revision | undefined;
let properties: Property[] = [];

function setUp(setup: WorkerSetup): void {
  revision = loadRevision(setup.revision);
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
    const ctx = runWithBaseline(revision!, req.scenario as Scenario);
    const limit = harnessLimitOf(ctx);
    const found = limit ? [] : failures(properties, ctx).map((f) => ({ property: f.property.name, signature: f.signature, message: f.message }));
    reply = { id: req.id, ms: Date.now() - t0, coverage: ctx.outcome.coverage, reach: reachOf(ctx.outcome), limit, found };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  process.send!(reply);
});

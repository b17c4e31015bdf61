/**
 * `npm run fuzz -- --jobs N`: worker processes that run scenarios ahead of the fuzz loop. Each
 * worker has its own reused instance; each checks the selected properties
 * on its run; the loop still takes the results one by one in run-index order, so what it finds,
 * shrinks (on the main process), saves and prints is what --jobs 1 does.
 *
 * Processes, not worker threads: threads of one process share its address space, and the runs
 * contend for it (most likely page faults and the garbage collectors' unmaps; measured on
 * the 2-core CI kind: two threads running 1000 runs each took 5.3 and 6.4 s where one thread
 * ran all 2000 in 5.0 s; two processes running 2000 each took 4.4 and 5.6 s where one took
 * 4.1 s). A process compiles its own modules (a WebAssembly.Module cannot cross processes).
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { HarnessLimitHit } from './harnessLimit';
import type { Reach } from './guide';
import type { Scenario } from '../scenario/types';

export interface WorkerSetup {
  /** A listed revision's name (a revision built from a path runs in the main process only). */
  revision: string;
  /** The properties to check, by name, in the order the loop checks them. */
  properties: string[];
  /** Whether to run mainline's baseline (needsBaseline of the properties); default true. */
  baseline?: boolean;
}

export interface RunRequest {
  id: number;
  scenario: Scenario;
}

/**
 * A run checked in its worker: what the loop needs of it, not the whole context (copying that
 * between processes, and checking the properties in the main one, would cost as much as the run).
 */
export interface CheckedRun {
  /** Wall-clock time of the run in its worker. */
  ms: number;
  coverage: string[];
  /**
   * Edges of the C reached that this worker had not sent before, and the fallible call sites
   * reached when there are any (coverage guidance, guide.ts; see runWorker.ts for why that is
   * all the guide needs).
   */
  reach: Reach;
  /** The run met a limit of the simulator: nothing was checked. */
  limit?: HarnessLimitHit;
  /** failures() of the selected properties, in their order, by property name. */
  found: { property: string; signature: string; message: string }[];
}

export type RunReply = ({ id: number } & CheckedRun) | { id: number; error: string };

export class RunPool {
  private workers: ChildProcess[] = [];
  private pending = new Map<number, { resolve: (r: CheckedRun) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private inFlight: number[] = [];
  private owner = new Map<number, number>();
  private closed = false;

  constructor(readonly jobs: number, setup: WorkerSetup) {
    for (let i = 0; i < jobs; i++) {
      // 'advanced': the structured clone (bigints, as worker threads had), not JSON. Detached (a
      // process group of its own): Ctrl-C at the terminal reaches only the main process, which
      // decides when its workers stop (close()); a worker whose main process is gone exits
      // (runWorker.ts, on 'disconnect').
      const w = fork(path.join(__dirname, 'worker.js'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [], detached: true });
      w.on('message', (r: RunReply) => this.settle(r));
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code, signal) => { if (!this.closed) this.failAll(new Error(`fuzz worker ${i} exited (${signal ?? `code ${code}`})`)); });
      w.send(setup);
      this.workers.push(w);
      this.inFlight.push(0);
    }
  }

  /** Runs `scenario` in a worker; the promise is marked handled, await it to see a failure. */
  run(scenario: Scenario): Promise<CheckedRun> {
    const id = this.nextId++;
    const p = new Promise<CheckedRun>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    p.catch(() => undefined); // a run past the end of the loop is never awaited
    // To the worker with the fewest runs in flight: run times are heavy-tailed, and a worker
    // stuck on a slow run must not hold the runs queued behind it.
    let w = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.inFlight[i] < this.inFlight[w]) w = i;
    this.inFlight[w]++;
    this.owner.set(id, w);
    this.workers[w].send({ id, scenario } satisfies RunRequest);
    return p;
  }

  private settle(r: RunReply): void {
    const w = this.owner.get(r.id);
    if (w !== undefined) { this.inFlight[w]--; this.owner.delete(r.id); }
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if ('error' in r) p.reject(new Error(`in a fuzz worker: ${r.error}`));
    else p.resolve({ ms: r.ms, coverage: r.coverage, reach: r.reach, limit: r.limit, found: r.found });
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => new Promise<void>((resolve) => {
      if (w.exitCode !== null || w.signalCode !== null) { resolve(); return; }
      w.once('exit', () => resolve());
      w.kill();
    })));
  }
}

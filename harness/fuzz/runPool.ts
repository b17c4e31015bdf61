/**
 * `npm run fuzz -- --jobs N`: worker threads that run scenarios ahead of the fuzz loop. Each
 * worker has its own reused instance; the loop still takes the results one by one in run-index
 * order, so what it finds, shrinks (on the main thread), saves and prints is what --jobs 1 does.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PropertyContext, Scenario } from '../scenario/types';

export interface WorkerSetup {
  /** A listed revision's name (a revision built from a path runs on the main thread only). */
  revision: string;
}

export interface RunRequest {
  id: number;
  scenario: Scenario;
}

export type RunReply = { id: number; ctx: PropertyContext; ms: number } | { id: number; error: string };

export interface RunResult {
  ctx: PropertyContext;
  /** Wall-clock time of the run in its worker. */
  ms: number;
}

export class RunPool {
  private workers: Worker[] = [];
  private pending = new Map<number, { resolve: (r: RunResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private closed = false;

  constructor(readonly jobs: number, setup: WorkerSetup) {
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(path.join(__dirname, 'worker.js'), { workerData: setup });
      w.on('message', (r: RunReply) => this.settle(r));
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => { if (!this.closed) this.failAll(new Error(`fuzz worker ${i} exited with code ${code}`)); });
      this.workers.push(w);
    }
  }

  /** Runs `scenario` in a worker (round robin); the promise is marked handled, await it to see a failure. */
  run(scenario: Scenario): Promise<RunResult> {
    const id = this.nextId++;
    const p = new Promise<RunResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    p.catch(() => undefined); // a run past the end of the loop is never awaited
    this.workers[id % this.workers.length].postMessage({ id, scenario } satisfies RunRequest);
    return p;
  }

  private settle(r: RunReply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if ('error' in r) p.reject(new Error(`in a fuzz worker: ${r.error}`));
    else p.resolve({ ctx: r.ctx, ms: r.ms });
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Coverage guidance (issue 11), as libFuzzer does it beside fast-check's generation: a small
 * pool of scenarios that reached edges of the C no earlier run had, and runs that derive from one of
 * them (guideDerive.ts) instead of generating afresh.
 *
 * Deterministic from the seed, and the same for --jobs 1 and --jobs N: the choice for run
 * index i depends only on (seed, i) and on the pool as it stood after every run of this shard
 * with an index below (start of i's block) - LAG (blocks of BLOCK runs). Runs are seen in index
 * order whatever the number of workers, so that pool is always the same; the workers can run
 * LAG to LAG + BLOCK runs ahead of the loop before the stream has to wait for it (WAIT), as
 * many as fuzzCommand queues for two workers.
 *
 * A fresh run of index i is exactly the unguided run i (generate.ts), so its fast-check path
 * still replays it; a derived run is drawn from its derivation arbitrary with a seed of its own.
 */
import * as fc from 'fast-check';
import { edgesOf } from '../kernel/coverage';
import type { Outcome, Scenario } from '../scenario/types';
import { scenarioStream, type Generated } from './generate';
import { derivationOf, siteCallsOf, type SiteCalls } from './guideDerive';
import { ownsRun, WHOLE, type Shard } from './shard';

export const BLOCK = 128;
/** How far behind a run the pool it rests on may be (a multiple of BLOCK). */
export const LAG = 512;
export const POOL_CAP = 32;
/** One run in DERIVE_OUT_OF of a guided block derives a run from a pool scenario. */
const DERIVE_OUT_OF = 2;

/** What a run reached: the edges of the C (indexes of the module's edge map) and the fallible call sites it called. */
export interface Reach {
  edges: readonly number[];
  calls: readonly SiteCalls[];
}

/** What the run of `outcome` reached (the engine's view: edges travel beside the Outcome). */
export function reachOf(outcome: Outcome): Reach {
  return { edges: edgesOf(outcome), calls: siteCallsOf(outcome.trace ?? []) };
}

interface PoolEntry {
  scenario: Scenario;
  calls: readonly SiteCalls[];
}

/** How a guided run was made: enough to shrink it with fast-check (arbitrary, seed, path "0"). */
export interface Derived {
  arbitrary: fc.Arbitrary<Scenario>;
  seed: number;
}

export const WAIT = Symbol('wait for the loop');

export type GuidedRun = Generated & { derived?: Derived };

/** A 32-bit mix of (seed, index, salt): splitmix-like, deterministic. */
function mix(seed: number, index: number, salt: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export class CoverageGuide {
  private pool: PoolEntry[] = [];
  private readonly seen = new Set<number>();
  /** Pool snapshots at block boundaries (index = block start). */
  private readonly frozen = new Map<number, PoolEntry[]>();
  private lastSeen = -1;
  /** Runs that were derivations, and how many of them reached a new edge. */
  readonly stats = { derived: 0, novel: 0, novelDerived: 0 };

  /** Each pool scenario's derivation arbitrary, built once (a pure function of the entry). */
  private readonly derivations = new WeakMap<PoolEntry, fc.Arbitrary<Scenario>>();

  constructor(private readonly seed: number, private readonly shard: Shard) {}

  private derivationOf(parent: PoolEntry): fc.Arbitrary<Scenario> {
    let arbitrary = this.derivations.get(parent);
    if (!arbitrary) {
      arbitrary = derivationOf(parent.scenario, parent.calls);
      this.derivations.set(parent, arbitrary);
    }
    return arbitrary;
  }

  /** The loop saw run `index` (every run, in index order, a harness limit too). */
  observe(index: number, scenario: Scenario, reach: Reach, derived: boolean): void {
    for (let b = Math.ceil((this.lastSeen + 1) / BLOCK) * BLOCK; b <= index; b += BLOCK) this.freeze(b);
    this.lastSeen = index;
    if (derived) this.stats.derived++;
    let novel = false;
    for (const e of reach.edges) if (!this.seen.has(e)) { this.seen.add(e); novel = true; }
    if (!novel) return;
    this.stats.novel++;
    if (derived) this.stats.novelDerived++;
    this.pool.push({ scenario, calls: reach.calls });
    if (this.pool.length > POOL_CAP) this.pool.shift();
  }

  private freeze(boundary: number): void {
    if (!this.frozen.has(boundary)) this.frozen.set(boundary, [...this.pool]);
    // The stream (ahead of the loop) may still need boundaries up to LAG + BLOCK back.
    for (const k of this.frozen.keys()) if (k < boundary - LAG - 2 * BLOCK) this.frozen.delete(k);
  }

  /** The pool for run `index`, or undefined while the loop has not seen the runs it rests on. */
  private poolFor(index: number): PoolEntry[] | undefined {
    const boundary = Math.floor(index / BLOCK) * BLOCK - LAG;
    if (boundary <= 0) return [];
    const got = this.frozen.get(boundary);
    if (got) return got;
    // Every run of this shard below the boundary seen: freeze the pool as it is now.
    let next = this.lastSeen + 1;
    while (next < boundary && !ownsRun(this.shard, next)) next++;
    if (next < boundary) return undefined;
    this.freeze(boundary);
    return this.frozen.get(boundary);
  }

  /** The runs of this shard: fresh ones from `arbitrary`, some derived from the pool; WAIT when the loop must catch up. */
  *stream(arbitrary: fc.Arbitrary<Scenario>, runs: number): Generator<GuidedRun | typeof WAIT> {
    for (const fresh of scenarioStream(arbitrary, this.seed, this.shard, runs)) {
      let pool: PoolEntry[] | undefined;
      while ((pool = this.poolFor(fresh.index)) === undefined) yield WAIT;
      if (pool.length === 0 || mix(this.seed, fresh.index, 0) % DERIVE_OUT_OF !== 0) { yield fresh; continue; }
      const parent = pool[mix(this.seed, fresh.index, 1) % pool.length];
      const m: Derived = { arbitrary: this.derivationOf(parent), seed: mix(this.seed, fresh.index, 2) | 0 };
      // Run 0 of the derivation's own seed: what fast-check replays at path "0".
      yield { index: fresh.index, scenario: scenarioStream(m.arbitrary, m.seed, WHOLE, 1).next().value!.scenario, derived: m };
    }
  }
}

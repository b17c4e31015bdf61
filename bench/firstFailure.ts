/**
 * `npm run bench:first-failure`: how soon the fuzz loop finds each Findings row, the sharpness
 * goal of issue 11 ("every Findings row found by the median seed within 200 runs, by 10 of 10
 * seeds within 3,000"). For each revision (v6, v7, latest) and each seed 1..N, the engine
 * (harness/fuzz/fuzzer.ts on realHarness) runs with an empty corpus until every row of that
 * revision has failed or the cap is reached; a row's figure is the run count at its first
 * failure with exactly its signature (firstIndex + 1). Prints, per row, the median over seeds
 * (a seed that never found it counts as "> cap") and found/seeds.
 *
 * Every failure counts as known here (AllKnown), so nothing is shrunk or saved: the bench
 * measures discovery only, and never touches corpus/.
 *
 * Modes: each mode adjusts the engine's plan and env before a run (`configure`): coverage
 * guidance on (what `npm run fuzz` does) and off (`--no-guide`: every run is fast-check's run of
 * its index, what the generators alone give).
 *
 *   npm run bench:first-failure [-- --revision v6 ... --seeds 10 --cap 3000 --row SUBSTRING ... --mode on|off]
 */
import { parseArgs } from 'node:util';
import { CATALOG, ownSignature, type Rev } from '../harness/findings/catalog';
import { KnownFindings } from '../harness/corpus/known';
import type { LoadedEntry } from '../harness/corpus/load';
import { fuzz, type FuzzEnv, type FuzzPlan } from '../harness/fuzz/fuzzer';
import { realHarness, type Harness } from '../harness/fuzz/harness';
import { WHOLE } from '../harness/fuzz/shard';
import { baselineCache } from '../harness/scenario/run';

export const GOAL = { median: 200, cap: 3000, seeds: 10 } as const;

/** One Findings row of a revision: the property and the revision's own signature for it. */
export interface Row {
  property: string;
  signature: string;
  /** Catalog ids that share this (property, signature) on the revision. */
  ids: string[];
}

/** How the engine is set up for one series of runs (e.g. coverage guidance on or off). */
export interface Mode {
  name: string;
  configure?: (plan: FuzzPlan, env: FuzzEnv) => void;
}

/** The modes measured: coverage guidance (harness/fuzz/guide.ts) on and off. */
export const MODES: readonly Mode[] = [
  { name: 'on', configure: (_plan, env) => { env.guide = true; } },
  { name: 'off', configure: (_plan, env) => { env.guide = false; } },
];

export function rowsOf(rev: Rev): Row[] {
  const rows = new Map<string, Row>();
  for (const f of CATALOG) {
    const signature = ownSignature(f, rev);
    if (signature === undefined) continue;
    const k = JSON.stringify([f.property, signature]);
    const r = rows.get(k);
    if (r) r.ids.push(f.id);
    else rows.set(k, { property: f.property, signature, ids: [f.id] });
  }
  return [...rows.values()];
}

/** Every failure is known (nothing shrunk or saved); remembers which were seen. */
class AllKnown extends KnownFindings {
  readonly seen = new Set<string>();
  constructor(revision: string) {
    super([], revision);
  }
  override get(property: string, signature: string): LoadedEntry | undefined {
    this.seen.add(JSON.stringify([property, signature]));
    return { file: '(bench: every failure counts as known)', hash: '', entry: undefined as never };
  }
}

export interface SeedResult {
  seed: number;
  /** Runs to the row's first failure (firstIndex + 1), by row key; absent: not within the cap. */
  runsTo: Map<string, number>;
  runsDone: number;
  ms: number;
}

export const rowKey = (r: Pick<Row, 'property' | 'signature'>) => JSON.stringify([r.property, r.signature]);

/** One engine run of `rev` with `seed`, stopped as soon as every row has failed. */
export async function firstFailuresOfSeed(
  harness: Harness, rev: Rev, rows: readonly Row[], seed: number, cap: number, mode: Mode = MODES[0],
): Promise<SeedResult> {
  const revision = harness.loadRevision(rev);
  const wanted = new Set(rows.map(rowKey));
  const properties = harness.loadProperties().filter((p) => rows.some((r) => r.property === p.name));
  const known = new AllKnown(rev);
  const stop = new AbortController();
  const plan: FuzzPlan = { seed, runs: cap, shard: WHOLE };
  const env: FuzzEnv = {
    arbitrary: harness.scenario(), labels: harness.scenarioLabels, properties,
    run: (s) => harness.runWithBaseline(revision, s),
    known, signal: stop.signal,
    onProgress: () => {
      if ([...wanted].every((k) => known.seen.has(k))) stop.abort();
    },
  };
  mode.configure?.(plan, env);
  const t = Date.now();
  const result = await fuzz(plan, env);
  const runsTo = new Map<string, number>();
  for (const f of result.findings) {
    const k = rowKey(f);
    if (wanted.has(k)) runsTo.set(k, f.firstIndex + 1);
  }
  return { seed, runsTo, runsDone: result.runsDone, ms: Date.now() - t };
}

/** Median over seeds, a seed that never found the row counting as Infinity. */
export function medianRuns(values: readonly (number | undefined)[]): number {
  const xs = values.map((v) => v ?? Infinity).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const m = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

export function rowLine(rev: string, row: Row, results: readonly SeedResult[], cap: number): string {
  const values = results.map((r) => r.runsTo.get(rowKey(row)));
  const found = values.filter((v) => v !== undefined).length;
  const med = medianRuns(values);
  const met = med <= GOAL.median && found === results.length && results.length >= GOAL.seeds && cap <= GOAL.cap;
  const medText = Number.isFinite(med) ? String(Math.round(med)) : `> ${cap}`;
  const each = values.map((v) => (v === undefined ? '-' : String(v))).join(' ');
  return `${rev.padEnd(7)} ${row.signature.padEnd(76)} median ${medText.padStart(6)}  found ${String(found).padStart(2)}/${results.length}  ` +
    `${met ? 'goal met' : 'goal NOT met'}   [${each}]`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      revision: { type: 'string', multiple: true },
      seeds: { type: 'string', default: String(GOAL.seeds) },
      cap: { type: 'string', default: String(GOAL.cap) },
      row: { type: 'string', multiple: true },
      mode: { type: 'string', multiple: true },
    },
  });
  const revs = (values.revision ?? ['v6', 'v7', 'latest']) as Rev[];
  const seeds = Number(values.seeds);
  const cap = Number(values.cap);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(cap) || cap < 1) {
    console.error(`bench:first-failure: --seeds ${values.seeds} --cap ${values.cap}: both must be positive integers`);
    process.exit(2);
  }
  // The same scenarios run on every revision of a seed: keep their mainline baselines.
  baselineCache.max = Math.max(baselineCache.max, cap);
  const harness = realHarness();
  console.log(`runs to first failure per Findings row (seeds 1..${seeds}, cap ${cap}, empty corpus; ` +
    `goal: median <= ${GOAL.median}, found by ${GOAL.seeds}/${GOAL.seeds} seeds within ${GOAL.cap}; lower is better)`);
  const modes = MODES.filter((m) => values.mode === undefined || values.mode.includes(m.name));
  if (modes.length === 0) {
    console.error(`bench:first-failure: --mode ${values.mode?.join(', ')}: expected ${MODES.map((m) => m.name).join(' or ')}`);
    process.exit(2);
  }
  for (const mode of modes) {
    console.log(`-- coverage guidance ${mode.name}`);
    for (const rev of revs) {
      const rows = rowsOf(rev).filter((r) => values.row === undefined || values.row.some((w) => r.signature.includes(w)));
      if (rows.length === 0) continue;
      const results: SeedResult[] = [];
      for (let seed = 1; seed <= seeds; seed++) results.push(await firstFailuresOfSeed(harness, rev, rows, seed, cap, mode));
      for (const row of rows) console.log(rowLine(rev, row, results, cap));
      const secs = results.reduce((a, r) => a + r.ms, 0) / 1000;
      console.log(`${rev.padEnd(7)} (${results.reduce((a, r) => a + r.runsDone, 0)} runs in ${secs.toFixed(0)} s)`);
    }
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(3);
  });
}

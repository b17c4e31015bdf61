/**
 * Run-time distribution of one revision over a fixed list of scenarios: what a fuzz run feels
 * (one slow run costs as much as hundreds of typical ones). Each run is timed as the fuzz loop
 * times it (runWithBaseline: the kdump run and its mainline baseline).
 */
import type { PropertyContext, Scenario } from '../harness/scenario/types';

export interface RunTimes {
  p50: number;
  p99: number;
  max: number;
  /** The slowest runs, slowest first, with the index of their scenario. */
  slowest: { index: number; ms: number }[];
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function runTimes(scenarios: readonly Scenario[], run: (s: Scenario) => PropertyContext, slowestCount = 3): RunTimes {
  const ms = scenarios.map((s) => {
    const t = process.hrtime.bigint();
    run(s);
    return Number(process.hrtime.bigint() - t) / 1e6;
  });
  const sorted = [...ms].sort((a, b) => a - b);
  const slowest = ms.map((m, index) => ({ index, ms: m })).sort((a, b) => b.ms - a.ms).slice(0, slowestCount);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1], slowest };
}

/** What makes a scenario costly, in a few words: its table's format and size, and its inserts. */
export function costLabel(s: Scenario): string {
  const t = s.crashed.table;
  return `${t.fmt} log2size ${t.log2size} sid_bits ${s.hardware.sid_bits}${s.hardware.two_level ? ' 2lvl-hw' : ''}, ` +
    `${s.inserts.length} inserts, ${s.corruption.length} corruptions, ${s.dma.length} DMA writes`;
}

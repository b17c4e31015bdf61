/**
 * Generation statistics, in the manner of fc.statistics: how many runs carried each scenario
 * label (generators/scenarioLabels) and reached each coverage point (Outcome.coverage: format
 * strings and return codes). A clean run says nothing by itself; these say what it exercised.
 */

export interface StatisticsJson {
  runs: number;
  labels: Record<string, number>;
  coverage: Record<string, number>;
}

export class GenerationStatistics {
  runs = 0;
  private readonly labels = new Map<string, number>();
  private readonly coverage = new Map<string, number>();

  record(labels: readonly string[], coverage: readonly string[]): void {
    this.runs++;
    // Each label/point counts once per run: the percentage is "share of runs".
    for (const l of new Set(labels)) this.labels.set(l, (this.labels.get(l) ?? 0) + 1);
    for (const c of new Set(coverage)) this.coverage.set(c, (this.coverage.get(c) ?? 0) + 1);
  }

  /** Most frequent first, ties by name: a stable order for byte-identical output. */
  private static sorted(m: Map<string, number>): [string, number][] {
    return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  toJson(): StatisticsJson {
    return {
      runs: this.runs,
      labels: Object.fromEntries(GenerationStatistics.sorted(this.labels)),
      coverage: Object.fromEntries(GenerationStatistics.sorted(this.coverage)),
    };
  }

  format(topLabels = 15, topCoverage = 30): string[] {
    if (this.runs === 0) return ['generation statistics: no runs'];
    const lines = [`generation statistics (${this.runs} runs):`];
    const section = (title: string, m: Map<string, number>, top: number) => {
      // Coverage keys are the C's format strings: show their newlines, don't print them.
      const rows = GenerationStatistics.sorted(m).map(([k, n]): [string, number] => [k.replace(/\n$/, '').replace(/\n/g, '\\n'), n]);
      lines.push(`  ${title} (${rows.length} distinct${rows.length > top ? `, top ${top}` : ''}):`);
      if (rows.length === 0) lines.push('    (none)');
      const width = Math.min(60, Math.max(0, ...rows.slice(0, top).map(([k]) => k.length)));
      for (const [k, n] of rows.slice(0, top)) {
        const pct = ((100 * n) / this.runs).toFixed(2).padStart(6);
        lines.push(`    ${k.padEnd(width, '.')}..${pct}% (${n})`);
      }
      if (rows.length > top) lines.push(`    ... and ${rows.length - top} more (all of them in --json)`);
    };
    section('scenario labels', this.labels, topLabels);
    section('coverage reached', this.coverage, topCoverage);
    return lines;
  }
}

/**
 * The verdict matrix a maintainer reads before merging: every property against every revision,
 * on the same evidence — the regression corpus replayed, plus the same generated scenarios
 * (one seed) run on each revision. A cell is "held" or the signatures that failed, so a fix
 * (or a regression) between two revisions is one glance across a row.
 */
import * as fc from 'fast-check';
import type { Harness } from './harness';
import { judgeRun } from './harnessLimit';
import type { LoadedEntry } from '../corpus/load';
import { fixHistory, formatFixHistory, type SeriesOrder } from '../report/fixHistory';

export interface MatrixOptions {
  revisions: readonly string[];
  seed: number;
  runs: number;
  corpus: readonly LoadedEntry[];
}

export interface Matrix {
  revisions: string[];
  properties: string[];
  /** cells[property][revision] = failing signatures, sorted (empty: held). */
  cells: Record<string, Record<string, string[]>>;
  /** Runs per revision that hit a limit of the simulator: not judged (no verdict on the C). */
  limits: Record<string, number>;
  options: Omit<MatrixOptions, 'corpus'> & { corpusEntries: number };
}

export function verdictMatrix(h: Harness, o: MatrixOptions): Matrix {
  const properties = h.loadProperties();
  const scenarios = [...o.corpus.map((l) => l.entry.scenario), ...fc.sample(h.scenario(), { seed: o.seed, numRuns: o.runs })];
  const cells: Matrix['cells'] = {};
  for (const p of properties) cells[p.name] = Object.fromEntries(o.revisions.map((r) => [r, [] as string[]]));
  const limits: Record<string, number> = Object.fromEntries(o.revisions.map((r) => [r, 0]));
  for (const rev of o.revisions) {
    const revision = h.loadRevision(rev);
    const found = new Map<string, Set<string>>(properties.map((p) => [p.name, new Set<string>()]));
    for (const s of scenarios) {
      const ctx = h.runWithBaseline(revision, s);
      const judged = judgeRun(properties, ctx);
      if (judged.limit) { limits[rev]++; continue; }
      for (const f of judged.found) found.get(f.property.name)!.add(f.signature);
    }
    for (const p of properties) cells[p.name][rev] = [...found.get(p.name)!].sort();
  }
  return {
    revisions: [...o.revisions],
    properties: properties.map((p) => p.name),
    cells,
    limits,
    options: { revisions: o.revisions, seed: o.seed, runs: o.runs, corpusEntries: o.corpus.length },
  };
}

/**
 * Markdown: one row per property, one column per revision; the signatures as numbered notes;
 * then, given the series order, each signature's fix history.
 */
export function formatMatrix(m: Matrix, order?: SeriesOrder): string {
  const notes: string[] = [];
  const note = (sig: string): number => {
    const i = notes.indexOf(sig);
    if (i >= 0) return i + 1;
    notes.push(sig);
    return notes.length;
  };
  const lines = [
    `Verdict matrix: ${m.options.corpusEntries} corpus entries + ${m.options.runs} generated scenarios (seed ${m.options.seed}), each run on every revision.`,
    '',
    `| property | ${m.revisions.join(' | ')} |`,
    `|---|${m.revisions.map(() => '---').join('|')}|`,
  ];
  for (const p of m.properties) {
    const cells = m.revisions.map((r) => {
      const sigs = m.cells[p][r];
      return sigs.length === 0 ? 'held' : `fails ${sigs.map((s) => `[${note(s)}]`).join(' ')}`;
    });
    lines.push(`| ${p} | ${cells.join(' | ')} |`);
  }
  if (notes.length) lines.push('', ...notes.map((s, i) => `[${i + 1}] \`${s}\``));
  const limited = m.revisions.filter((r) => (m.limits?.[r] ?? 0) > 0);
  if (limited.length) {
    lines.push('', `Not judged (a limit of the simulator, no verdict on the C): ${limited.map((r) => `${r} ${m.limits[r]} run(s)`).join(', ')}.`);
  }
  if (order) {
    const unknown = Object.keys(order.orderUnknown ?? {});
    lines.push(
      '',
      `Fix history (series order: ${order.series.join(', ')}; variants: ${Object.entries(order.variants).map(([v, of]) => `${v} of ${of}`).join(', ') || 'none'}; ` +
        `order unknown, shown beside the chain: ${unknown.join(', ') || 'none'}; signatures compared through the rename map of harness/revisions/renames.ts):`,
      '',
    );
    lines.push(formatFixHistory(fixHistory(m, order), order).trimEnd());
  }
  return lines.join('\n') + '\n';
}

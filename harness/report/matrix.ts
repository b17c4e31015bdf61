/**
 * The verdict matrix a maintainer reads before merging: every property against every revision,
 * on the same evidence — the regression corpus replayed, plus the same generated scenarios
 * (one seed) run on each revision. A cell is "held" or the signatures that failed, so a fix
 * (or a regression) between two revisions is one glance across a row.
 */
import * as fc from 'fast-check';
import type { Harness } from '../cli/harness';
import { checkProperty } from '../cli/evaluate';
import type { LoadedEntry } from '../corpus/load';
import { fixHistory, formatFixHistory, type SeriesOrder } from './fixHistory';

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
  options: Omit<MatrixOptions, 'corpus'> & { corpusEntries: number };
}

export function verdictMatrix(h: Harness, o: MatrixOptions): Matrix {
  const properties = h.loadProperties();
  const scenarios = [...o.corpus.map((l) => l.entry.scenario), ...fc.sample(h.scenario(), { seed: o.seed, numRuns: o.runs })];
  const cells: Matrix['cells'] = {};
  for (const p of properties) cells[p.name] = Object.fromEntries(o.revisions.map((r) => [r, [] as string[]]));
  for (const rev of o.revisions) {
    const revision = h.loadRevision(rev);
    const found = new Map<string, Set<string>>(properties.map((p) => [p.name, new Set<string>()]));
    for (const s of scenarios) {
      const ctx = h.runWithBaseline(revision, s);
      for (const p of properties) {
        const v = checkProperty(p, ctx);
        if (!v.ok) found.get(p.name)!.add(v.signature);
      }
    }
    for (const p of properties) cells[p.name][rev] = [...found.get(p.name)!].sort();
  }
  return {
    revisions: [...o.revisions],
    properties: properties.map((p) => p.name),
    cells,
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
  if (order) {
    lines.push('', `Fix history (series order: ${order.series.join(', ')}; variants: ${Object.entries(order.variants).map(([v, of]) => `${v} of ${of}`).join(', ') || 'none'}):`, '');
    lines.push(formatFixHistory(fixHistory(m, order), order).trimEnd());
  }
  return lines.join('\n') + '\n';
}

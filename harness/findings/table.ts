/**
 * The README's Findings table, computed: every catalog entry's scenario is run on every listed
 * non-mutant revision and judged by its property; every failure the property reports is the
 * finding's (the catalog's pins say the same, test/findings/ asserts them). Per finding, the
 * "revision" column is the revisions that fail (mainline, the baseline, is left out; a variant is
 * named only where its verdict differs from its base's; order-unknown trees are named apart), the "signature" column the concrete signatures per
 * revision, and the "fixed in" column the fix history (harness/report/fixHistory.ts) over the
 * series order of the recipes, with the changelog bullet where fixNotes.ts records one. The
 * explanation and thread come from the catalog.
 */
import { describeSpans, fixHistory, type SeriesOrder, type SignatureHistory } from '../report/fixHistory';
import type { Matrix } from '../fuzz/matrix';
import { RECIPES } from '../revisions/recipes';
import { seriesOrder } from '../revisions/series';
import { CATALOG, type CatalogEntry } from './catalog';
import { entryFailures } from './run';

/** A catalog entry run on every listed revision. */
export interface EntryRun {
  entry: CatalogEntry;
  /** revision -> every failure signature its property reports on the scenario ([]: passes). */
  failures: Record<string, string[]>;
}

/** Every non-mutant revision, in recipe order (mutants are the harness's own test material). */
export function listedRevisions(): string[] {
  return RECIPES.map((r) => r.name);
}

export function runCatalog(revisions: readonly string[] = listedRevisions(), catalog: readonly CatalogEntry[] = CATALOG): EntryRun[] {
  return catalog.map((entry) => ({
    entry,
    failures: Object.fromEntries(revisions.map((r) => [r, entryFailures(entry, r)])),
  }));
}

function matrixOf(run: EntryRun): Matrix {
  const revisions = Object.keys(run.failures);
  const p = run.entry.property;
  return {
    revisions, properties: [p], cells: { [p]: Object.fromEntries(revisions.map((r) => [r, [...run.failures[r]].sort()])) }, limits: {},
    options: { revisions, seed: 0, runs: 0, corpusEntries: 0 },
  };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (sigs: readonly string[]): string => sigs.map((s) => `\`${s}\``).join(' + ');

function revisionColumn(failing: string[], order: SeriesOrder): string {
  const chain = order.series.filter((r) => failing.includes(r));
  // A variant shares its base's verdict unless named here.
  const variants = Object.entries(order.variants)
    .filter(([v, base]) => failing.includes(v) !== failing.includes(base))
    .map(([v]) => `variant ${v} ${failing.includes(v) ? 'fails' : 'passes'}`);
  const unknown = Object.keys(order.orderUnknown ?? {}).filter((r) => failing.includes(r));
  const parts = [chain.join(', ') || '—', ...variants];
  if (unknown.length) parts.push(`order unknown: ${unknown.join(', ')}`);
  return parts.join('; ');
}

function signatureColumn(run: EntryRun, failing: string[]): string {
  const groups = new Map<string, string[]>();
  for (const r of failing) {
    const key = run.failures[r].join('\n');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  if (groups.size === 1) return code([...groups.keys()][0].split('\n'));
  return [...groups].map(([key, revs]) => `${revs.join(', ')}: ${code(key.split('\n'))}`).join('<br>');
}

/** What the revisions beside the chain say: variants that differ from their base, and the order-unknown trees. */
function besideChain(h: SignatureHistory, order: SeriesOrder): string {
  const out: string[] = [];
  for (const [v, has] of Object.entries(h.variants)) {
    const base = order.variants[v];
    const baseHas = (h.concrete[base]?.length ?? 0) > 0;
    if (has !== baseHas) out.push(`${v} ${has ? 'fails' : 'passes'}`);
  }
  const unknown = Object.entries(h.orderUnknown);
  const failing = unknown.filter(([, has]) => has).map(([t]) => t);
  if (unknown.length) {
    const which = failing.length === 0 ? 'none fails' : failing.length === unknown.length ? 'all fail' : `${failing.join(', ')} fail${failing.length === 1 ? 's' : ''}`;
    out.push(`order unknown: ${which}`);
  }
  return out.length ? ` (${out.join('; ')})` : '';
}

function fixedInColumn(run: EntryRun, order: SeriesOrder): string {
  const histories = fixHistory(matrixOf(run), order).filter((h) => h.presentIn.length || Object.values(h.variants).some(Boolean) || Object.values(h.orderUnknown).some(Boolean));
  const one = (h: SignatureHistory) => `${h.presentIn.length ? describeSpans(h) : 'not in the chain'}${besideChain(h, order)}`;
  if (histories.length === 1) return one(histories[0]);
  return histories.map((h) => `\`${h.signature.slice(h.signature.indexOf(':') + 1)}\`: ${one(h)}`).join('<br>');
}

export const TABLE_HEADER = [
  '| revision | property | signature | what it means in kernel terms | reviewer thread, if any | fixed in |',
  '|---|---|---|---|---|---|',
];

/** The Markdown table, one row per catalog entry that fails somewhere, in order of first appearance. */
export function findingsTable(runs: readonly EntryRun[], order: SeriesOrder = seriesOrder()): string {
  const revisions = runs.length ? Object.keys(runs[0].failures) : [];
  const rows = runs
    .map((run, i) => {
      const failing = revisions.filter((r) => r !== 'mainline' && run.failures[r].length > 0);
      return { run, i, failing, first: failing.length ? revisions.indexOf(failing[0]) : Infinity };
    })
    .filter((x) => x.failing.length > 0)
    .sort((a, b) => a.first - b.first || a.i - b.i);
  const lines = [...TABLE_HEADER];
  for (const { run, failing } of rows) {
    const f = run.entry;
    const mainline = (run.failures.mainline?.length ?? 0) > 0 ? ' (mainline too)' : '';
    const row = `| ${revisionColumn(failing, order)}${mainline} | ${f.property} | ${signatureColumn(run, failing)} | ${cell(f.why)} | ${cell(f.thread ?? '—')} | ${cell(fixedInColumn(run, order))} |`;
    // Entries that differ only in a detail the row does not show (e.g. the register policy) are one row.
    if (!lines.includes(row)) lines.push(row);
  }
  return lines.join('\n') + '\n';
}

/**
 * The fix history of each finding, computed from a verdict matrix. Signatures are compared
 * through the rename map (harness/revisions/renames.ts): a bug reported under a renamed function
 * or a moved file is the same bug, "kept", not fixed; the concrete signature of each revision is
 * kept for display. Along the chain of the series (oldest first): the first revision that has
 * it, the first later one that no longer has it ("fixed in"), and any return after that (each
 * stretch of presence is a span). The variants (alternative builds of one revision) and the
 * trees whose place in the series is not known are shown beside the chain, never as successors.
 * The changelog line that names a fix comes from harness/revisions/fixNotes.ts where one is
 * recorded for the computed "fixed in" revision.
 */
import { canonicalSignature } from '../revisions/renames';
import { changelogVersionOf, fixNoteFor } from '../revisions/fixNotes';
import type { SeriesOrder } from '../revisions/series';

export type { SeriesOrder };

/** One stretch of presence along the chain. */
export interface Span {
  from: string;
  /** The first chain revision after `from` without the signature (null: still there at the end). */
  fixedIn: string | null;
  /** The changelog bullet that names that fix, if recorded, and the version whose changelog has it. */
  changelog: { line: string; of: string } | null;
}

export interface SignatureHistory {
  property: string;
  /** The canonical signature (renames applied): what is compared. */
  signature: string;
  /** Per revision that has it: the signatures it reports, as reported (concrete names). */
  concrete: Record<string, string[]>;
  /** Chain revisions that have it, in order. */
  presentIn: string[];
  firstIn: string | null;
  fixedIn: string | null;
  /** A chain revision after fixedIn that has it again, if any. */
  returnsIn: string | null;
  spans: Span[];
  /** Per variant: whether it has the signature. */
  variants: Record<string, boolean>;
  /** Per order-unknown tree: whether it has the signature. */
  orderUnknown: Record<string, boolean>;
  /** Does mainline (no adoption at all) have it? */
  mainline: boolean;
  /** The changelog bullet of the first fix, if recorded (fixNotes.ts), and whose changelog it is. */
  changelog: string | null;
  changelogOf: string | null;
}

/** What the fix history reads of a verdict matrix (harness/fuzz/matrix.ts Matrix), without importing it: matrix.ts prints the history. */
export interface MatrixCells {
  revisions: readonly string[];
  properties: readonly string[];
  /** cells[property][revision] = failing signatures (empty: held). */
  cells: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export function fixHistory(m: MatrixCells, order: SeriesOrder): SignatureHistory[] {
  const out: SignatureHistory[] = [];
  const series = order.series.filter((r) => m.revisions.includes(r));
  const besides = (names: readonly string[]) => names.filter((r) => m.revisions.includes(r));
  for (const p of m.properties) {
    /** canonical -> revision -> concrete signatures. */
    const byCanonical = new Map<string, Record<string, string[]>>();
    for (const r of m.revisions) {
      for (const s of m.cells[p]?.[r] ?? []) {
        const c = canonicalSignature(s);
        const perRev = byCanonical.get(c) ?? {};
        (perRev[r] ??= []).includes(s) || perRev[r].push(s);
        byCanonical.set(c, perRev);
      }
    }
    for (const sig of [...byCanonical.keys()].sort()) {
      const concrete = byCanonical.get(sig)!;
      const has = (r: string) => (concrete[r]?.length ?? 0) > 0;
      const presentIn = series.filter(has);
      const spans: Span[] = [];
      for (let i = 0; i < series.length; i++) {
        if (!has(series[i]) || (i > 0 && has(series[i - 1]))) continue;
        let j = i + 1;
        while (j < series.length && has(series[j])) j++;
        const fixedIn = j < series.length ? series[j] : null;
        const note = fixedIn ? fixNoteFor(p, concrete[series[j - 1]][0], fixedIn) : undefined;
        spans.push({ from: series[i], fixedIn, changelog: note ? { line: note.line, of: changelogVersionOf(note) } : null });
      }
      const variants: Record<string, boolean> = {};
      for (const v of besides(Object.keys(order.variants))) variants[v] = has(v);
      const orderUnknown: Record<string, boolean> = {};
      for (const v of besides(Object.keys(order.orderUnknown ?? {}))) orderUnknown[v] = has(v);
      const first = spans[0];
      out.push({
        property: p, signature: sig, concrete, presentIn, firstIn: first?.from ?? null, fixedIn: first?.fixedIn ?? null,
        returnsIn: spans[1]?.from ?? null, spans, variants, orderUnknown,
        mainline: m.revisions.includes('mainline') && has('mainline'),
        changelog: first?.changelog?.line ?? null, changelogOf: first?.changelog?.of ?? null,
      });
    }
  }
  return out;
}

/** A fix in words: `v5 (changelog of v4: "…")`, `v7 ("…")`, or the revision alone. */
export function describeFix(span: Span): string {
  if (!span.fixedIn) return 'not fixed';
  if (!span.changelog) return span.fixedIn;
  const whose = span.changelog.of === span.fixedIn ? '' : `changelog of ${span.changelog.of}: `;
  return `${span.fixedIn} (${whose}"${span.changelog.line}")`;
}

/** The spans in words: `v3; returns in v6, fixed in latest`, `not fixed`. */
export function describeSpans(h: SignatureHistory): string {
  if (h.spans.length === 0) return '—';
  return h.spans.map((s, i) => (i === 0 ? describeFix(s) : `returns in ${s.from}, ${s.fixedIn ? `fixed again in ${describeFix(s)}` : 'not fixed'}`)).join('; ');
}

/** The concrete signatures when renames differ between revisions: "`a` (v1, v2); `b` (v5, v6)". */
export function describeConcrete(h: SignatureHistory): string | null {
  const groups = new Map<string, string[]>();
  for (const [rev, sigs] of Object.entries(h.concrete)) for (const s of sigs) groups.set(s, [...(groups.get(s) ?? []), rev]);
  if (groups.size === 1 && groups.has(h.signature)) return null;
  return [...groups].map(([s, revs]) => `\`${s}\` (${revs.join(', ')})`).join('; ');
}

/** Markdown: one row per (canonical) signature. */
export function formatFixHistory(h: readonly SignatureHistory[], order: SeriesOrder): string {
  const variantNames = Object.keys(order.variants);
  const unknownNames = Object.keys(order.orderUnknown ?? {});
  const beside = [...variantNames, ...unknownNames.map((n) => `${n} (order unknown)`)];
  const lines = [
    `| signature | first in | fixed in | changelog line of the fix |${beside.map((v) => ` ${v} |`).join('')}`,
    `|---|---|---|---|${beside.map(() => '---|').join('')}`,
  ];
  for (const s of h) {
    const first = s.firstIn ?? (s.mainline ? 'mainline only' : 'beside the chain only');
    const fixed = s.spans.length === 0
      ? 'not fixed'
      : s.spans.map((x, i) => (i === 0 ? x.fixedIn ?? 'not fixed' : `returns in ${x.from}, ${x.fixedIn ? `fixed again in ${x.fixedIn}` : 'not fixed'}`)).join('; ');
    const fixes = s.spans.filter((x) => x.fixedIn);
    const note = fixes.length === 0
      ? '—'
      : fixes.map((x) => (x.changelog ? describeFix(x) : /^v\d+$/.test(x.fixedIn!) ? `${x.fixedIn}: none names it` : `${x.fixedIn}: no changelog (later tree)`)).join('; ');
    const cell = (present: boolean | undefined) => (present === undefined ? '—' : present ? 'fails' : 'passes');
    const vs = [...variantNames.map((v) => cell(s.variants[v])), ...unknownNames.map((v) => cell(s.orderUnknown[v]))].map((c) => ` ${c} |`).join('');
    const renamed = describeConcrete(s);
    lines.push(`| \`${s.signature}\`${renamed ? ` (as reported: ${renamed})` : ''} | ${first} | ${fixed} | ${note} |${vs}`);
  }
  return lines.join('\n') + '\n';
}

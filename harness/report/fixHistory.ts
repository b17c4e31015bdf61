/**
 * The fix history of each finding, computed from a verdict matrix: the first revision of the
 * series that has the signature, the first later one that no longer has it ("fixed in"), a
 * return after that, and what the alternative builds of a revision (variants, e.g. a different
 * inferred caller) say. The changelog line that names the fix comes from harness/revisions/
 * fixNotes.ts where one is recorded and agrees with the computed revision.
 */
import { fixNoteFor } from '../revisions/fixNotes';
import type { Matrix } from './matrix';

export interface SeriesOrder {
  /** The revisions of the series in order (oldest first), mainline excluded. */
  series: readonly string[];
  /** Alternative builds: variant -> the revision it is a variant of. */
  variants: Readonly<Record<string, string>>;
}

export interface SignatureHistory {
  property: string;
  signature: string;
  /** Revisions of the series that have it, in series order. */
  presentIn: string[];
  firstIn: string | null;
  /** The first revision after firstIn that no longer has it (null: still there at the end). */
  fixedIn: string | null;
  /** A revision after fixedIn that has it again, if any. */
  returnsIn: string | null;
  /** Per variant: whether it has the signature. */
  variants: Record<string, boolean>;
  /** Does mainline (no adoption at all) have it? */
  mainline: boolean;
  /** The changelog bullet of fixedIn that names the fix, if recorded (fixNotes.ts). */
  changelog: string | null;
}

export function fixHistory(m: Matrix, order: SeriesOrder): SignatureHistory[] {
  const out: SignatureHistory[] = [];
  const has = (p: string, rev: string, sig: string) => (m.cells[p]?.[rev] ?? []).includes(sig);
  const series = order.series.filter((r) => m.revisions.includes(r));
  for (const p of m.properties) {
    const sigs = new Set<string>();
    for (const r of m.revisions) for (const s of m.cells[p][r]) sigs.add(s);
    for (const sig of [...sigs].sort()) {
      const presentIn = series.filter((r) => has(p, r, sig));
      const first = presentIn.length ? series.indexOf(presentIn[0]) : -1;
      const fixedAt = first < 0 ? -1 : series.findIndex((r, i) => i > first && !has(p, r, sig));
      const fixedIn = fixedAt < 0 ? null : series[fixedAt];
      const returnsIn = fixedAt < 0 ? null : series.find((r, i) => i > fixedAt && has(p, r, sig)) ?? null;
      const variants: Record<string, boolean> = {};
      for (const v of Object.keys(order.variants)) if (m.revisions.includes(v)) variants[v] = has(p, v, sig);
      out.push({
        property: p, signature: sig, presentIn, firstIn: presentIn[0] ?? null, fixedIn, returnsIn, variants,
        mainline: m.revisions.includes('mainline') && has(p, 'mainline', sig),
        changelog: fixedIn ? fixNoteFor(p, sig, fixedIn)?.line ?? null : null,
      });
    }
  }
  return out;
}

/** Markdown: one row per signature. */
export function formatFixHistory(h: readonly SignatureHistory[], order: SeriesOrder): string {
  const variantNames = Object.keys(order.variants);
  const lines = [
    `| signature | first in | fixed in | changelog line of the fix |${variantNames.map((v) => ` ${v} |`).join('')}`,
    `|---|---|---|---|${variantNames.map(() => '---|').join('')}`,
  ];
  for (const s of h) {
    const first = s.firstIn ?? (s.mainline ? 'mainline only' : 'variants only');
    const fixed = s.fixedIn ? `${s.fixedIn}${s.returnsIn ? ` (returns in ${s.returnsIn})` : ''}` : 'not fixed';
    const note = s.changelog ? `"${s.changelog}"` : s.fixedIn ? (/^v\d+$/.test(s.fixedIn) ? 'none names it' : 'no changelog (later tree)') : '—';
    const vs = variantNames.map((v) => ` ${v in s.variants ? (s.variants[v] ? 'fails' : 'passes') : '—'} |`).join('');
    lines.push(`| \`${s.signature}\` | ${first} | ${fixed} | ${note} |${vs}`);
  }
  return lines.join('\n') + '\n';
}

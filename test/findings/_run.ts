/**
 * Runs the catalog (harness/findings/catalog.ts) on one revision: for every entry, the revision
 * reports exactly the failures pinned for it, in that order (none: it passes, `{ ok: true }`),
 * and the finding's own failure message carries the pinned numbers.
 */
import { failuresOf } from '../../harness/fuzz/evaluate';
import { CATALOG, ownSignature, type CatalogEntry, type Rev } from '../../harness/findings/catalog';
import { entryVerdict } from '../../harness/findings/run';
import type { Scenario, Verdict } from '../../harness/scenario/types';

function caseOf(rev: Rev, f: CatalogEntry): void {
  const pinned = f.fails[rev] ?? [];
  if (pinned.length === 0) {
    test(`${rev} passes ${f.property} on ${f.id}`, () => {
      expect(entryVerdict(f, rev)).toEqual({ ok: true });
    });
    return;
  }
  const own = ownSignature(f, rev)!;
  test(`${rev} fails ${f.property} on ${f.id} with ${pinned.join(' + ')}`, () => {
    const failures = failuresOf(entryVerdict(f, rev));
    expect(failures.map((x) => x.signature)).toEqual(pinned);
    const message = failures.find((x) => x.signature === own)?.message;
    for (const s of f.messageHas[rev] ?? []) expect(message).toContain(s);
  });
}

export function describeFindings(rev: Rev, opts: { hasFindings: boolean } = { hasFindings: true }): void {
  test(`${rev} ${opts.hasFindings ? 'has' : 'has no'} recorded findings`, () => {
    expect(CATALOG.some((f) => (f.fails[rev]?.length ?? 0) > 0)).toBe(opts.hasFindings);
  });
  describe(`${rev}: every catalog entry`, () => {
    for (const f of CATALOG) caseOf(rev, f);
  });
}

/** The verdict of `property` on `scenario` run on `rev` (checkProperty: a throwing check is a failure). */
export function verdict(rev: string, property: string, scenario: Scenario): Verdict {
  return entryVerdict({ id: 'ad hoc', title: '', property, scenario: () => scenario, fails: {}, messageHas: {}, why: '' }, rev);
}

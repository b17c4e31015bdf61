/**
 * The catalog's view for the tests that were written against v6, v7, latest and
 * latest-span-caller (test/properties/_canFail.ts, fixedSeeds.test.ts, index.test.ts,
 * bench/mutationScore.ts): the entries with a pin on one of those revisions, each with its own
 * signature there (`fails`) and the ones of those revisions that pass (`passes`). The catalog
 * itself, every revision's pins, is harness/findings/catalog.ts.
 */
import { CATALOG, ownSignature, type CatalogEntry } from '../../harness/findings/catalog';
import type { Scenario } from '../../harness/scenario/types';

export type Rev = 'v6' | 'v7' | 'latest' | 'latest-span-caller';
const REVS: readonly Rev[] = ['v6', 'v7', 'latest', 'latest-span-caller'];

export interface PinnedEntry {
  id: string;
  title: string;
  property: string;
  scenario: () => Scenario;
  fails: Partial<Record<Rev, string>>;
  passes: Rev[];
  why: string;
  thread?: string;
}

function view(f: CatalogEntry): PinnedEntry {
  const fails: Partial<Record<Rev, string>> = {};
  for (const r of REVS) {
    const own = ownSignature(f, r);
    if (own !== undefined) fails[r] = own;
  }
  return {
    id: f.id, title: f.title, property: f.property, scenario: f.scenario, fails,
    passes: REVS.filter((r) => fails[r] === undefined), why: f.why, thread: f.thread,
  };
}

export const PINNED_ENTRIES: readonly PinnedEntry[] = CATALOG.map(view).filter((f) => Object.keys(f.fails).length > 0);

/**
 * One catalog entry's scenario run on one revision, judged by its property: the verdict and
 * every failure it reports (harness/fuzz/evaluate.ts failuresOf, as the fuzzer and the matrix
 * count them). Properties are loaded once.
 */
import { checkProperty, failuresOf } from '../fuzz/evaluate';
import { loadRevision, runWithBaseline } from '../scenario/api';
import type { Property, Verdict } from '../scenario/types';
import { loadProperties } from '../../properties';
import type { CatalogEntry } from './catalog';

let properties: readonly Property[] | undefined;

function propertyNamed(name: string): Property {
  properties ??= loadProperties();
  const p = properties.find((x) => x.name === name);
  if (!p) throw new Error(`the findings catalog names a property that does not exist: ${name}`);
  return p;
}

export function entryVerdict(f: CatalogEntry, rev: string): Verdict {
  return checkProperty(propertyNamed(f.property), runWithBaseline(loadRevision(rev), f.scenario()));
}

/** The signatures of every failure `f`'s property reports on `rev`, in the verdict's order ([]: it passes). */
export function entryFailures(f: CatalogEntry, rev: string): string[] {
  return failuresOf(entryVerdict(f, rev)).map((x) => x.signature);
}

/**
 * Every corpus entry names a property that exists: an entry for a misspelt or retired property
 * would otherwise be replayed against nothing and count as "held" or "known" forever.
 */
import { UsageError } from '../errors';
import type { LoadedEntry } from './load';

export function checkEntryProperties(entries: readonly LoadedEntry[], propertyNames: readonly string[]): void {
  const known = new Set(propertyNames);
  const bad = entries.find((l) => !known.has(l.entry.property));
  if (!bad) return;
  throw new UsageError(`corpus file ${bad.file}: field property: names ${JSON.stringify(bad.entry.property)}, which is not a property ` +
    `(properties: ${[...known].join(', ') || '(none)'})\n` +
    `  fix: correct the name, or restore properties/${bad.entry.property}.ts; delete the entry if the property was retired on purpose`);
}

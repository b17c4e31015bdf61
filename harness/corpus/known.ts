/**
 * Which (property, signature) pairs are already known on a revision: an entry recorded for it
 * (found there, or marked expect[revision] = 'fail'). A known failure is counted and reported,
 * but does not stop a fuzz run nor fail it (unless --strict).
 */
import type { LoadedEntry } from './load';

function key(property: string, signature: string): string {
  return JSON.stringify([property, signature]);
}

export class KnownFindings {
  private readonly byKey = new Map<string, LoadedEntry>();

  constructor(entries: readonly LoadedEntry[], readonly revision: string) {
    for (const l of entries) {
      if (l.entry.revision === revision || l.entry.expect[revision] === 'fail') this.add(l);
    }
  }

  /** The corpus entry that records this failure on this revision, if any. */
  get(property: string, signature: string): LoadedEntry | undefined {
    return this.byKey.get(key(property, signature));
  }

  add(l: LoadedEntry): void {
    const k = key(l.entry.property, l.entry.signature);
    if (!this.byKey.has(k)) this.byKey.set(k, l);
  }

  get size(): number {
    return this.byKey.size;
  }
}

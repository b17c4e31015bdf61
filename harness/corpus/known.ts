/**
 * Which (property, signature) pairs are already known on a revision: an entry recorded for it
 * (found there, or marked expect[revision] = 'fail'). A known failure is counted and reported,
 * but does not stop a fuzz run nor fail it (unless --strict).
 *
 * A revision built from a path is judged against its base: what the corpus records for the base
 * is known for it too (so an unchanged copy of latest inherits latest's findings, not none).
 */
import type { LoadedEntry } from './load';

function key(property: string, signature: string): string {
  return JSON.stringify([property, signature]);
}

export class KnownFindings {
  private readonly byKey = new Map<string, LoadedEntry>();

  readonly revisions: readonly string[];

  /** `revision`: its name, or [its name, its base] for a revision built from a path. */
  constructor(entries: readonly LoadedEntry[], revision: string | readonly string[]) {
    this.revisions = typeof revision === 'string' ? [revision] : [...revision];
    for (const l of entries) {
      if (this.revisions.some((r) => l.entry.revision === r || l.entry.expect[r] === 'fail')) this.add(l);
    }
  }

  get revision(): string {
    return this.revisions[0];
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

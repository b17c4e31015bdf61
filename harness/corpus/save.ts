/**
 * Saving a corpus entry: atomic, never overwriting, deduplicated, safe with several writers
 * (parallel --shard jobs on one directory).
 *
 * - The bytes go to a hidden temp file in the same directory (same filesystem), are fsync'ed,
 *   then fs.link()ed to <hash>.json. link() fails with EEXIST instead of replacing, so an
 *   existing entry is never overwritten, and the name appears only once its content is
 *   complete: a writer killed at any point leaves at most a hidden `.corpus-tmp-*` file, which
 *   the loader ignores (and .gitignore too).
 * - Dedupe by (revision, property, signature): an entry whose key is already in the directory
 *   is not written. Two writers racing on one key may both pass that check; after linking, a
 *   writer that sees a same-key entry with a smaller hash removes its own file (never another's),
 *   which settles most races on the smallest hash. Whatever remains is a valid, distinct
 *   counterexample: nothing is lost, nothing is half-written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { entryHash, entryKey, serializeEntry, decodeEntry, type CorpusEntry } from './entry';
import { loadCorpusDir, type LoadedEntry } from './load';

export const TEMP_PREFIX = '.corpus-tmp-';

let saved = 0;

/** Entries this process has saved (a forced exit on a second Ctrl-C still exits 1 after one). */
export function savedThisProcess(): number {
  return saved;
}

export type SaveResult =
  | { status: 'saved'; file: string; hash: string }
  /** Same key already recorded: `file` is the entry that holds it. */
  | { status: 'duplicate'; file: string; hash: string };

function sameKey(dir: string, entry: CorpusEntry, exceptHash?: string): LoadedEntry[] {
  const key = entryKey(entry);
  return loadCorpusDir(dir, { missingOk: true })
    .filter((l) => entryKey(l.entry) === key && l.hash !== exceptHash);
}

export function saveEntry(dir: string, entry: CorpusEntry): SaveResult {
  const hash = entryHash(entry);
  const content = serializeEntry(entry);
  // A value the loader would reject must never reach the corpus (e.g. a generator producing a
  // field out of the schema's range): fail here, loudly, as a harness bug.
  decodeEntry(JSON.parse(content));

  fs.mkdirSync(dir, { recursive: true });
  const before = sameKey(dir, entry);
  if (before.length > 0) return { status: 'duplicate', file: before[0].file, hash: before[0].hash };

  const file = path.join(dir, hash + '.json');
  const tmp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  let linked = false;
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(tmp, file);
      linked = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  if (!linked) return { status: 'duplicate', file, hash };

  const rivals = sameKey(dir, entry, hash).filter((l) => l.hash < hash);
  if (rivals.length > 0) {
    fs.rmSync(file, { force: true });
    return { status: 'duplicate', file: rivals[0].file, hash: rivals[0].hash };
  }
  saved++;
  return { status: 'saved', file, hash };
}

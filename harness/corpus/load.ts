/**
 * Reading corpus files. Anything wrong with a file — not JSON, truncated, a field missing or out
 * of range, an old schema, a name that no longer matches the content — is a UsageError (exit 2)
 * that names the file, the field and the fix; never a raw exception, never a silently skipped
 * file (a skipped regression is a regression that is no longer tested).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { FieldError } from './fields';
import { CORPUS_SCHEMA, SchemaVersionError, decodeEntry, entryHash, type CorpusEntry } from './entry';

export interface LoadedEntry {
  /** Path as given (dir joined with the file name). */
  file: string;
  hash: string;
  entry: CorpusEntry;
}

/** Files of a corpus directory that are entries: *.json, not hidden (temp files are hidden). */
export function isEntryFileName(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('.');
}

const HASH_NAME = /^[0-9a-f]{16}\.json$/;

function fail(file: string, what: string, fix: string): never {
  throw new UsageError(`corpus file ${file}: ${what}\n  fix: ${fix}`);
}

export function loadEntryFile(file: string): LoadedEntry {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    fail(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, 'check the path and its permissions');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    fail(file, `is not valid JSON (${(err as Error).message}); it is truncated or was damaged by an edit`,
      `restore it (git checkout -- ${file}) or delete it; a deleted finding is found again by npm run fuzz`);
  }
  let entry: CorpusEntry;
  try {
    entry = decodeEntry(json);
  } catch (err) {
    if (err instanceof SchemaVersionError) {
      fail(file, err.message,
        `re-save it with this harness: replay its scenario, or rerun the fuzz command in "found" on the revision it names; ` +
        `or update the file by hand to schema ${CORPUS_SCHEMA} (format documented in harness/corpus/entry.ts)`);
    }
    if (err instanceof FieldError) {
      fail(file, err.message, `correct that field (format documented in harness/corpus/entry.ts and codec.ts) or restore the file from git`);
    }
    throw err;
  }
  const hash = entryHash(entry);
  const base = path.basename(file);
  if (HASH_NAME.test(base) && base !== hash + '.json') {
    fail(file, `its name does not match its content (hash ${hash}): property, revision, signature or scenario was edited`,
      `if the edit is intended, rename it: git mv ${file} ${path.join(path.dirname(file), hash + '.json')}; otherwise restore it`);
  }
  return { file, hash, entry };
}

/**
 * Every entry of a directory, sorted by file name (so reports and tests have a stable order).
 * A missing directory is an empty corpus when `missingOk` (fuzz creates it on first save).
 */
export function loadCorpusDir(dir: string, opts: { missingOk?: boolean } = {}): LoadedEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && opts.missingOk) return [];
    if (code === 'ENOTDIR') return [loadEntryFile(dir)];
    throw new UsageError(`corpus directory ${dir} cannot be read (${code ?? String(err)})\n  fix: check the path given to --corpus or as an argument`);
  }
  const out: LoadedEntry[] = [];
  for (const n of names.filter(isEntryFileName).sort()) {
    const file = path.join(dir, n);
    // Listed but gone: a concurrent writer removed its own duplicate (save.ts). Not an entry.
    if (!fs.existsSync(file)) continue;
    try {
      out.push(loadEntryFile(file));
    } catch (err) {
      if (fs.existsSync(file)) throw err;
    }
  }
  return out;
}

/** Files and directories, as given on the replay command line. */
export function loadCorpusPaths(paths: readonly string[]): LoadedEntry[] {
  const out: LoadedEntry[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory\n  fix: give a corpus file (corpus/<hash>.json) or a directory of them`);
    }
    out.push(...(stat.isDirectory() ? loadCorpusDir(p) : [loadEntryFile(p)]));
  }
  return out;
}

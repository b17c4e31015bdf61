/**
 * Reading corpus files. Anything wrong with a file — not JSON, truncated, a field missing or out
 * of range, an old schema, a name that no longer matches the content — is a UsageError (exit 2)
 * that names the file, the field and the fix; never a raw exception, never a silently skipped
 * file (a skipped regression is a regression that is no longer tested).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { FieldError, deepestPath } from './fields';
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

/** Deeper than any schema level (scenario.corruption[i].value is 4): a file nested deeper is damaged. */
const MAX_DEPTH = 16;

/**
 * What the path is, without following it into a hang: a FIFO or a device named *.json would
 * block readFileSync forever, a dangling symlink or a loop would fail with a bare errno.
 */
function checkReadable(file: string): void {
  let lst: fs.Stats;
  try {
    lst = fs.lstatSync(file);
  } catch (err) {
    fail(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, 'check the path and its permissions');
  }
  let st = lst;
  if (lst.isSymbolicLink()) {
    try {
      st = fs.statSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      let target = '?';
      try { target = fs.readlinkSync(file); } catch { /* keep '?' */ }
      if (code === 'ELOOP') fail(file, `is a symlink loop (-> ${target})`, `remove it (rm ${file}) or point it at a corpus entry`);
      if (code === 'ENOENT') fail(file, `is a dangling symlink (-> ${target}, which does not exist)`, `remove it (rm ${file}) or restore ${target}`);
      fail(file, `is a symlink that cannot be followed (-> ${target}: ${code ?? String(err)})`, 'check the link and its target');
    }
  }
  if (!st.isFile()) {
    const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket'
      : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
    fail(file, `is ${kind}, not a corpus entry file`, `a corpus entry is a regular file <hash>.json; move ${file} out of the corpus`);
  }
}

export function loadEntryFile(file: string): LoadedEntry {
  checkReadable(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    fail(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, 'check the path and its permissions');
  }
  // An editor may save a UTF-8 byte order mark; it is not part of the JSON and changes nothing.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    fail(file, `is not valid JSON (${(err as Error).message}); it is truncated or was damaged by an edit`,
      `restore it (git checkout -- ${file}) or delete it; a deleted finding is found again by npm run fuzz`);
  }
  const deep = deepestPath(json, MAX_DEPTH);
  if (deep !== undefined) {
    fail(file, `field ${deep}: nested more than ${MAX_DEPTH} levels deep, deeper than any field of the schema; the file is damaged`,
      `restore it (git checkout -- ${file}) or correct that field (format documented in harness/corpus/entry.ts and codec.ts)`);
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
 * Nothing that looks like an entry is skipped silently: a dangling symlink, a loop or a FIFO
 * named *.json is an error naming it.
 */
export function loadCorpusDir(dir: string, opts: { missingOk?: boolean } = {}): LoadedEntry[] {
  if (dir === '') throw new UsageError('the corpus directory is an empty string\n  fix: give a directory, e.g. --corpus corpus');
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
    if (!present(file)) continue;
    try {
      out.push(loadEntryFile(file));
    } catch (err) {
      if (present(file)) throw err;
    }
  }
  return out;
}

/** The name is still in the directory (lstat: a dangling symlink is present, and reported). */
function present(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Files and directories, as given on the replay command line. */
export function loadCorpusPaths(paths: readonly string[]): LoadedEntry[] {
  const out: LoadedEntry[] = [];
  for (const p of paths) {
    if (p === '') throw new UsageError(`an empty path was given\n  fix: give a corpus file (corpus/<hash>.json) or a directory of them`);
    if (!present(p)) {
      throw new UsageError(`${p}: no such file or directory\n  fix: give a corpus file (corpus/<hash>.json) or a directory of them`);
    }
    let isDir = false;
    try { isDir = fs.statSync(p).isDirectory(); } catch { /* a broken link: loadEntryFile says what it is */ }
    out.push(...(isDir ? loadCorpusDir(p) : [loadEntryFile(p)]));
  }
  return out;
}

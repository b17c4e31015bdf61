/**
 * --json [FILE|-]: where the one JSON document of a command goes.
 *
 *   --json FILE   the document is written to FILE (atomically, at the end); stdout keeps the
 *                 usual text report. This is the form to use under `npm run`, whose banner
 *                 ("> smmu-kdump-fuzz@0.1.0 fuzz") goes to stdout.
 *   --json -      the document on stdout, nothing else there (`npm run --silent` keeps npm's
 *                 banner off it).
 *   --json        (no value: last, or followed by another option) the same as --json -.
 *
 * A FILE that is a corpus entry, a directory or inside the corpus directory is refused before
 * anything runs: `npm run replay -- --json corpus/x.json` must never overwrite an entry.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors';
import type { Io } from './io';

export const STDOUT = '-';

/** A bare --json (nothing after it, or an option) becomes --json=- so parseArgs can take a value. */
export function normalizeJsonFlag(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { out.push(...args.slice(i)); break; }
    const next = args[i + 1];
    if (a === '--json' && (next === undefined || (next.startsWith('-') && next !== STDOUT))) out.push('--json=-');
    else out.push(a);
  }
  return out;
}

const HASH_NAME = /^[0-9a-f]{16}\.json$/;

/** Throws a UsageError when FILE cannot or must not receive the document (corpusDirs: directories, or entries in one). */
export function checkJsonTarget(target: string, corpusDirs: readonly string[]): void {
  if (target === STDOUT) return;
  const how = `give a new file, e.g. --json out.json, or --json - for stdout`;
  if (target === '') throw new UsageError(`--json '': an empty file name; ${how}`);
  const abs = path.resolve(target);
  let st: fs.Stats | undefined;
  try { st = fs.statSync(abs); } catch { st = undefined; }
  if (st?.isDirectory()) throw new UsageError(`--json ${target}: is a directory; ${how}`);
  // A corpus entry given by path (replay FILE) stands for the directory it is in.
  const dirOf = (d: string) => { try { return fs.statSync(d).isFile() ? path.dirname(path.resolve(d)) : path.resolve(d); } catch { return path.resolve(d); } };
  const inCorpus = corpusDirs.some((d) => d !== '' && dirOf(d) === path.dirname(abs));
  const looksLikeEntry = HASH_NAME.test(path.basename(abs)) || (st?.isFile() === true && isCorpusEntry(abs));
  if (inCorpus || looksLikeEntry) {
    throw new UsageError(`--json ${target}: ${inCorpus ? 'is in the corpus directory' : 'is a corpus entry'}; the document ` +
      `would overwrite or pollute the corpus. To replay that file, put it before --json or write --json=- ${target}; ` +
      `to keep the document, ${how}`);
  }
  if (st && !st.isFile()) throw new UsageError(`--json ${target}: not a regular file; ${how}`);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir)) throw new UsageError(`--json ${target}: directory ${dir} does not exist; create it, or ${how}`);
}

/** Top-level "schema" and "scenario": a corpus entry (a --json document has "command" instead). */
function isCorpusEntry(file: string): boolean {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;
    return typeof v === 'object' && v !== null && 'schema' in v && 'scenario' in v;
  } catch {
    return false;
  }
}

/** Writes the document: to stdout, or to FILE through a temp file and a rename. */
export function writeDocument(io: Io, target: string, text: string): void {
  if (target === STDOUT) {
    io.out(text);
    return;
  }
  const abs = path.resolve(io.cwd, target);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, abs);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UsageError(`--json ${target}: cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)}); check the path and its permissions`);
  }
}

/** Under `npm run` without --silent, npm has already printed its banner on stdout. */
export function npmBannerWarning(env: NodeJS.ProcessEnv, target: string): string | undefined {
  if (target !== STDOUT || env.npm_lifecycle_event === undefined || env.npm_config_loglevel === 'silent') return undefined;
  return `warning: npm printed its "> ${env.npm_package_name ?? 'package'}@… ${env.npm_lifecycle_event}" banner on stdout ` +
    `before this JSON document; use --json FILE, or npm run --silent ${env.npm_lifecycle_event} -- … --json -\n`;
}

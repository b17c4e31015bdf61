/**
 * The revisions under test: the committed .wasm of each one that harness/revisions/assemble.ts
 * built (listed in harness/revisions/revisions.json), or a patch / C or H file given by path,
 * applied to a listed base revision and built on the spot (that needs clang).
 */
import { edgeMapOf, type EdgeMap } from '../kernel/coverage';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UsageError } from '../errors';
import { compileWasm } from '../kernel/wasm';
import { DEFAULT_REVISION } from '../revisions/recipes';

export interface RevisionInfo {
  name: string;
  description: string;
  /** Path of the .wasm, relative to the repo root. */
  wasm: string;
  mutant?: boolean;
  /** Posted patches left out of this revision, with why (harness/revisions/catalog.ts). */
  not_carried?: string[];
}

/** One file of the base a path revision changes, and how many hunks. */
export interface RevisionChange {
  /** Base name: arm-smmu-v3.c, arm-smmu-v3.h, arm-smmu-v3-kdump.c, arm-smmu-v3-kexec.c. */
  file: string;
  hunks: number;
}

export interface Revision extends RevisionInfo {
  /** Identity of the code (name, or path + content hash for a revision built from a path). */
  key: string;
  bytes: Uint8Array;
  module: WebAssembly.Module;
  /**
   * What it is, in one line: the name for a listed revision; for a path,
   * "latest + fix.patch (3 hunks in arm-smmu-v3-kdump.c)" or
   * "latest with arm-smmu-v3-kdump.c replaced by /tmp/x.c (2 hunks against latest's)".
   * Always set by loadRevision (optional only for Revision objects made elsewhere, e.g. mutants
   * under mutation testing): read it with revisionLabel().
   */
  label?: string;
  /** For a path: the listed revision it was built on. Absent for a listed revision. */
  base?: string;
  /** For a path: the base's files it changes. Absent for a listed revision. */
  changes?: RevisionChange[];
}

export interface LoadRevisionOptions {
  /** For a path: the listed revision it is applied to (default latest). Not allowed with a name. */
  base?: string;
}

export { DEFAULT_REVISION };
export const REPO_ROOT = resolve(__dirname, '..', '..');
const MANIFEST = join(REPO_ROOT, 'harness', 'revisions', 'revisions.json');

interface ManifestEntry extends RevisionInfo {
  sources: string[];
}

let manifest: ManifestEntry[] | undefined;
const loaded = new Map<string, Revision>();

function readManifest(): ManifestEntry[] {
  if (!manifest) {
    const list = JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[];
    manifest = [...list.filter((r) => !r.mutant), ...list.filter((r) => r.mutant)];
  }
  return manifest;
}

/** All built revisions, in manifest order (mutants last). */
export function listRevisions(): RevisionInfo[] {
  return readManifest();
}

/** The listed revisions a path can be built on with --base (every one but the mutants). */
export function baseRevisionNames(): string[] {
  return readManifest().filter((r) => !r.mutant).map((r) => r.name);
}

/**
 * The base names of the files a listed revision carries (arm-smmu-v3.c, arm-smmu-v3.h and, for
 * latest, arm-smmu-v3-kdump.c, arm-smmu-v3-kexec.c): what a patch on it may touch and a C/H
 * file may replace. Undefined for an unknown name.
 */
export function revisionFiles(name: string): string[] | undefined {
  const e = readManifest().find((r) => r.name === name);
  return e?.sources.map((s) => basename(s)).filter((n) => /\.[ch]$/.test(n));
}

/** The one-line description of a revision: its label, or its name. */
export function revisionLabel(r: Pick<Revision, 'name' | 'label'>): string {
  return r.label ?? r.name;
}

/**
 * A listed revision by name, or a path: a patch (diff -u, git diff, git format-patch output,
 * mails) against the base's files, or a C/H file replacing the base's file of the same name,
 * built on `opts.base` (default latest). Throws UsageError for an unknown name, a bad base, or
 * a path that cannot be honoured exactly or does not build.
 */
export function loadRevision(nameOrPath: string, opts: LoadRevisionOptions = {}): Revision {
  const info = readManifest().find((r) => r.name === nameOrPath);
  if (info) {
    if (opts.base !== undefined) {
      throw new UsageError(`--base ${opts.base}: --base applies to a path given as --revision; ${nameOrPath} is a listed revision. Drop --base.`);
    }
    const hit = loaded.get(nameOrPath);
    if (hit) return hit;
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, info.wasm)));
    const rev: Revision = {
      name: info.name,
      description: info.description,
      wasm: info.wasm,
      ...(info.mutant ? { mutant: true } : {}),
      ...(info.not_carried ? { not_carried: info.not_carried } : {}),
      label: info.name,
      key: info.name,
      bytes,
      module: compileWasm(bytes),
    };
    loaded.set(nameOrPath, rev);
    return rev;
  }
  if (/[/\\.]/.test(nameOrPath) || existsSync(nameOrPath)) return buildFromPath(nameOrPath, opts.base);
  const names = listRevisions().map((r) => r.name).join(', ');
  throw new UsageError(`--revision ${nameOrPath}: no such revision. Known revisions: ${names}. ` +
    'Give one of those names, or the path of a patch or of a C/H file (applied to --base NAME, default latest).');
}

/** Not cached in this process: the file may change between calls; the build cache keeps reruns cheap. */
function buildFromPath(p: string, base: string | undefined): Revision {
  // Loaded only here: the builder drags in the toolchain probing that fixed revisions never need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildRevisionFromPath } = require('../build/fromPath') as typeof import('../build/fromPath');
  let built: ReturnType<typeof buildRevisionFromPath>;
  try {
    built = buildRevisionFromPath(p, { base });
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    // The file cannot be read (EACCES, ELOOP, ...): the user's input, exit 2.
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new UsageError(`--revision ${p}: cannot be read (${code}): give the path of a readable patch or C/H file.`);
    }
    // The input cannot be honoured exactly: the message names the file / hunk and the fix.
    if (err.name === 'RevisionInputError') {
      throw new UsageError(err.message.startsWith(`${p}:`) || err.message.startsWith(`${p} `) ? `--revision ${err.message}` : `--revision ${p}: ${err.message}`);
    }
    // Missing clang, a C file that does not compile: the user's input (or machine), so exit 2
    // with the builder's own explanation, not a stack trace.
    if (/^(ToolchainMissingError|CBuildError|AssembleError)$/.test(err.name)) {
      const hint = base === undefined && err.name === 'CBuildError'
        ? ` It was built on ${DEFAULT_REVISION} (the default base); if it was written for another revision, give --base NAME (${baseRevisionNames().join(', ')}).`
        : '';
      throw new UsageError(`--revision ${p}: cannot build it: ${err.message}${hint}`);
    }
    throw err;
  }
  return {
    name: built.name,
    description: `built from ${p} on ${built.base}`,
    wasm: built.wasmPath,
    label: built.label,
    base: built.base,
    changes: built.changes,
    key: `${resolve(p)}#${built.hash}`,
    bytes: built.bytes,
    module: compileWasm(built.bytes),
  };
}

/**
 * Which basic blocks of this revision's C the edge flags stand for (the map its .wasm carries),
 * so that the commands read coverage through the revision, never from harness/kernel.
 */
export function revisionEdgeMap(r: Pick<Revision, 'module'>): EdgeMap | undefined {
  return r.module ? edgeMapOf(r.module) : undefined;
}

/**
 * The revisions under test: the committed .wasm of each one that harness/revisions/assemble.ts
 * built (listed in harness/revisions/revisions.json), or a C file / patch given by path and
 * built on the spot (that needs clang).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors';
import { compileWasm } from '../kernel/wasm';

export interface RevisionInfo {
  name: string;
  description: string;
  /** Path of the .wasm, relative to the repo root. */
  wasm: string;
  mutant?: boolean;
}

export interface Revision extends RevisionInfo {
  /** Identity of the code (name, or path + content hash for a revision built from a path). */
  key: string;
  bytes: Uint8Array;
  module: WebAssembly.Module;
}

export const DEFAULT_REVISION = 'latest';
export const REPO_ROOT = resolve(__dirname, '..', '..');
const MANIFEST = join(REPO_ROOT, 'harness', 'revisions', 'revisions.json');

let manifest: RevisionInfo[] | undefined;
const loaded = new Map<string, Revision>();

/** All built revisions, in manifest order (mutants last). */
export function listRevisions(): RevisionInfo[] {
  if (!manifest) {
    const list = JSON.parse(readFileSync(MANIFEST, 'utf8')) as RevisionInfo[];
    manifest = [...list.filter((r) => !r.mutant), ...list.filter((r) => r.mutant)];
  }
  return manifest;
}

/**
 * A revision by name, or by path to a C file (the whole arm-smmu-v3.c of a revision) or a patch
 * against mainline. Throws UsageError for an unknown name or a path that does not build.
 */
export function loadRevision(nameOrPath: string): Revision {
  const hit = loaded.get(nameOrPath);
  if (hit) return hit;
  const info = listRevisions().find((r) => r.name === nameOrPath);
  let rev: Revision;
  if (info) {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, info.wasm)));
    rev = { ...info, key: info.name, bytes, module: compileWasm(bytes) };
  } else if (/[/\\.]/.test(nameOrPath)) {
    rev = buildFromPath(nameOrPath);
  } else {
    const names = listRevisions().map((r) => r.name).join(', ');
    throw new UsageError(`--revision ${nameOrPath}: no such revision. Known revisions: ${names}. ` +
      'Give one of those names, or a path to a C file or a patch against mainline.');
  }
  loaded.set(nameOrPath, rev);
  return rev;
}

function buildFromPath(p: string): Revision {
  const abs = resolve(p);
  if (!existsSync(abs)) {
    throw new UsageError(`--revision ${p}: no such file (${abs}). Give a revision name (npm run fuzz -- --list) or the path of an existing C file or patch.`);
  }
  // Loaded only here: the builder drags in the toolchain probing that fixed revisions never need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildRevisionFromPath } = require('../build/fromPath') as typeof import('../build/fromPath');
  let built: ReturnType<typeof buildRevisionFromPath>;
  try {
    built = buildRevisionFromPath(abs);
  } catch (err) {
    // Missing clang, a C file that does not compile, a patch that does not apply: the user's
    // input (or machine), so exit 2 with the builder's own explanation, not a stack trace.
    if (err instanceof Error && /^(ToolchainMissingError|CBuildError|AssembleError)$/.test(err.name)) {
      throw new UsageError(`--revision ${p}: cannot build it: ${err.message}`);
    }
    throw err;
  }
  return {
    name: built.name,
    description: `built from ${p}`,
    wasm: built.wasmPath,
    key: `${abs}#${built.hash}`,
    bytes: built.bytes,
    module: compileWasm(built.bytes),
  };
}

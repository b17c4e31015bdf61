/**
 * Building a revision: a listed one (revisions.json), or one given from
 * outside for `--revision PATH` on a base revision: (a) a C/H file that
 * replaces the base's file of the same name, or (b) a patch applied to the
 * base's files (userRevision.ts). Failures throw ToolchainMissingError,
 * CBuildError or RevisionInputError, with a message that says what to do.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DRIVER_C } from '../revisions/assembleRevision';
import { REPO_ROOT } from '../revisions/base';
import { RevisionEntry } from '../revisions/catalog';
import { assembleListedMutant } from '../revisions/mutants';
import { buildWasm } from './compile';
import { sourceNameOf } from './fromPath';
import { Toolchain } from './toolchain';
import { prepareUserRevision } from './userRevision';

/** The translation units of an entry besides driver_entry.c: its sources other than arm-smmu-v3.c/.h. */
export function unitsOf(entry: RevisionEntry): string[] {
  return entry.sources.map((s) => path.basename(s)).filter((n) => n.endsWith('.c') && n !== DRIVER_C);
}

export function buildEntry(repoRoot: string, entry: RevisionEntry, out: string, toolchain?: Toolchain): void {
  if (!entry.mutant) {
    const sourceDir = path.join(repoRoot, path.dirname(entry.sources[0]));
    buildWasm({ repoRoot, sourceDir, units: unitsOf(entry), out, toolchain });
    return;
  }
  // A mutant's C is its base's plus its patch, assembled for this build only. Named as if it
  // lay in harness/revisions/mutants/<name>/, so __FILE__ (WARN_ON) reads the same as ever.
  const m = assembleListedMutant(entry.name, repoRoot);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-mutant-build-'));
  try {
    for (const [name, text] of m.files) fs.writeFileSync(path.join(dir, name), text);
    buildWasm({ repoRoot, sourceDir: dir, units: unitsOf(entry), out, sourceName: `harness/revisions/mutants/${entry.name}`, toolchain });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface FromPathBuildOptions {
  /** The listed revision the file is applied to (default latest). */
  base?: string;
  /** The .wasm to write. */
  out: string;
  repoRoot?: string;
  toolchain?: Toolchain;
}

export interface FromCOptions extends FromPathBuildOptions {
  /** A C/H file named like the base file it replaces (arm-smmu-v3.c, arm-smmu-v3-kdump.c, ...). */
  cFile: string;
}

export interface FromPatchOptions extends FromPathBuildOptions {
  /** A patch against the base's files (diff -u, git diff, git format-patch output, mails). */
  patch: string;
}

/** Builds `input` (see fromPath.ts) into `out`, outside the cache. */
function buildInto(input: string, opts: FromPathBuildOptions): void {
  const repoRoot = opts.repoRoot ?? REPO_ROOT;
  const rev = prepareUserRevision(input, { base: opts.base, repoRoot });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-custom-'));
  try {
    for (const [n, text] of rev.files) fs.writeFileSync(path.join(dir, n), text);
    buildWasm({ repoRoot, sourceDir: dir, units: rev.units, out: opts.out, sourceName: sourceNameOf(rev), toolchain: opts.toolchain });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** (a) Builds the base with one of its files replaced by `cFile`. */
export function buildFromCFile(opts: FromCOptions): void {
  buildInto(opts.cFile, opts);
}

/** (b) Builds the base with `patch` applied to its files. */
export function buildFromPatch(opts: FromPatchOptions): void {
  buildInto(opts.patch, opts);
}

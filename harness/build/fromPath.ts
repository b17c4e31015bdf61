/**
 * `--revision PATH [--base NAME]`: builds the code under test from a file given on the command
 * line, on the spot (needs clang-14). The file is either
 *   - a patch (diff -u, git diff, git format-patch output, a mail or a series of them) against
 *     any of the base revision's files, applied to its assembled files (userRevision.ts), or
 *   - a C/H file that replaces the base's file of the same name.
 * The base is `latest` unless --base names another listed revision. Built modules are cached by
 * the hash of everything that changes them (buildInputs.ts), so a rerun does not rebuild.
 * Throws RevisionInputError (the input cannot be honoured), ToolchainMissingError or
 * CBuildError, each with a message that says what to do.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../revisions/base';
import { collectBuildInputs, inputsHash, toolchainIdentity } from './buildInputs';
import { buildWasm, CBuildError } from './compile';
import { findToolchain, Toolchain } from './toolchain';
import { FileChange, prepareUserRevision, UserRevision } from './userRevision';

export interface BuiltRevision {
  /** `<base>+<file name>`, e.g. "latest+fix.patch". */
  name: string;
  /** The listed revision it was built on. */
  base: string;
  /** "latest + fix.patch (3 hunks in arm-smmu-v3-kdump.c)", "latest with arm-smmu-v3-kdump.c replaced by /tmp/x.c (...)". */
  label: string;
  kind: 'patch' | 'file';
  changes: FileChange[];
  /** Where the .wasm was written (a cache file outside the repository). */
  wasmPath: string;
  /** Hash of everything the module was built from. */
  hash: string;
  bytes: Uint8Array;
}

export interface FromPathOptions {
  /** The listed revision to apply the file to; default latest. */
  base?: string;
  repoRoot?: string;
  toolchain?: Toolchain;
  /** Where built modules are cached; default $TMPDIR/smmu-kdump-fuzz-revisions. */
  cacheDir?: string;
}

/** A patch has diff lines; anything else is taken as C. (Kept for callers; the build goes by the file's name.) */
export function looksLikePatch(text: string): boolean {
  return /^(diff --git |--- \S|\+\+\+ \S|@@ -\d)/m.test(text);
}

/**
 * The sources are named in the module (__FILE__ of WARN_ON) as the base's own directory: an
 * unchanged copy of a base file then builds the base's very .wasm, and a WARN reads the same
 * file names as on the base.
 */
export function sourceNameOf(rev: Pick<UserRevision, 'base'>): string {
  return `harness/revisions/${rev.base}`;
}

/** Compiler messages name the user's file and the base's files, not our temporary copies. */
function renamed(err: CBuildError, dir: string, input: string, rev: UserRevision): CBuildError {
  const replaced = rev.kind === 'file' ? path.basename(input) : null;
  const fix = (t: string) => {
    let out = t;
    if (replaced) out = out.split(path.join(dir, replaced)).join(input);
    return out.split(dir + path.sep).join('');
  };
  const where = rev.kind === 'file' ? `${rev.base}'s files with ${input}` : `harness/revisions/${rev.base}/ with ${input} applied`;
  return new CBuildError(`${fix(err.message)}\n(building ${rev.label}: ${where})`, fix(err.output));
}

export function buildRevisionFromPath(file: string, opts: FromPathOptions = {}): BuiltRevision {
  const repoRoot = opts.repoRoot ?? REPO_ROOT;
  const rev = prepareUserRevision(file, { base: opts.base, repoRoot });
  const toolchain = opts.toolchain ?? findToolchain();
  const sourceName = sourceNameOf(rev);
  const hash = inputsHash(
    collectBuildInputs({
      input: { path: file, content: fs.readFileSync(file) },
      revision: rev,
      sourceName,
      toolchainId: toolchainIdentity(toolchain),
      repoRoot,
    }),
  );
  const cacheDir = opts.cacheDir ?? path.join(os.tmpdir(), 'smmu-kdump-fuzz-revisions');
  const wasmPath = path.join(cacheDir, `${rev.name.replace(/[^\w.+-]/g, '_')}-${hash}.wasm`);
  if (!fs.existsSync(wasmPath)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const partial = `${wasmPath}.${process.pid}.tmp`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-userbuild-'));
    try {
      for (const [name, text] of rev.files) fs.writeFileSync(path.join(dir, name), text);
      buildWasm({ repoRoot, sourceDir: dir, units: rev.units, out: partial, sourceName, toolchain });
      fs.renameSync(partial, wasmPath);
    } catch (e) {
      if (e instanceof CBuildError) throw renamed(e, dir, file, rev);
      throw e;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(partial, { force: true });
    }
  }
  return {
    name: rev.name,
    base: rev.base,
    label: rev.label,
    kind: rev.kind,
    changes: rev.changes,
    wasmPath,
    hash,
    bytes: new Uint8Array(fs.readFileSync(wasmPath)),
  };
}

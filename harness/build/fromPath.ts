/**
 * `--revision PATH`: builds the code under test from a file given on the
 * command line, on the spot (needs clang-14). The file is either
 *   - a C file: it replaces the assembled arm-smmu-v3.c (latest's header and
 *     later units go with it), or
 *   - a patch against mainline (a mail, git format-patch output or a plain
 *     diff): assembled like a posted revision, then built.
 * Built modules are cached by the hash of their inputs, so a rerun does not
 * rebuild. Throws ToolchainMissingError, CBuildError or AssembleError, each
 * with a message that says what to do.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../revisions/base';
import { buildFromCFile, buildFromPatch } from './revision';

export interface BuiltRevision {
  /** The file's name without its extension. */
  name: string;
  /** Where the .wasm was written (a cache file outside the repository). */
  wasmPath: string;
  /** Hash of everything the module was built from. */
  hash: string;
  bytes: Uint8Array;
}

/** A patch has diff lines; anything else is taken as C. */
export function looksLikePatch(text: string): boolean {
  return /^(diff --git |--- \S|\+\+\+ \S|@@ -\d)/m.test(text);
}

/** The shim and the revisions' sources: a change to any of them changes every build. */
function inputsHash(content: string): string {
  const h = createHash('sha256').update(content);
  for (const dir of ['harness/shim', 'harness/shim/include', 'harness/shim/include/linux', 'harness/revisions/latest', 'harness/revisions/sources']) {
    const abs = path.join(REPO_ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs).sort()) {
      const file = path.join(abs, f);
      if (fs.statSync(file).isFile() && /\.(c|h|patch|txt)$/.test(f)) h.update(f).update(fs.readFileSync(file));
    }
  }
  return h.digest('hex').slice(0, 16);
}

export function buildRevisionFromPath(file: string): BuiltRevision {
  const content = fs.readFileSync(file, 'utf8');
  const hash = inputsHash(content);
  const name = path.basename(file).replace(/\.[^.]*$/, '');
  const cacheDir = path.join(os.tmpdir(), 'smmu-kdump-fuzz-revisions');
  const wasmPath = path.join(cacheDir, `${name}-${hash}.wasm`);
  if (!fs.existsSync(wasmPath)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const partial = `${wasmPath}.${process.pid}.tmp`;
    if (looksLikePatch(content)) buildFromPatch({ patch: file, out: partial });
    else buildFromCFile({ cFile: file, out: partial });
    fs.renameSync(partial, wasmPath);
  }
  return { name, wasmPath, hash, bytes: new Uint8Array(fs.readFileSync(wasmPath)) };
}

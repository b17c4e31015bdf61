/**
 * Building mutants with the harness's own build API (harness/build): the revision's sources
 * are copied to a temporary directory, the mutated unit replaces its original, and the module
 * is built exactly like the revision itself (same units, same flags, and the same source name,
 * so that __FILE__ in a WARN_ON, and so every signature, reads as it does for the revision).
 *
 * Built modules, and compiler errors of mutants that do not compile ("stillborn"), are cached
 * by the hash of everything they are built from, in os.tmpdir(); nothing is ever written into
 * harness/revisions.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWasm, CBuildError, type Toolchain } from '../build';
import { DRIVER_C } from '../revisions/assembleRevision';

export const MUTANT_CACHE_DIR = path.join(os.tmpdir(), 'smmu-kdump-fuzz-mutants');

export type BuildResult =
  | { status: 'built'; hash: string; wasmPath: string; cached: boolean }
  | { status: 'stillborn'; hash: string; error: string; cached: boolean };

export interface MutantBuilderOptions {
  repoRoot: string;
  /** The revision's directory (its .c and .h files are the build's sources). */
  revisionDir: string;
  toolchain: Toolchain;
  cacheDir?: string;
}

/** Files of a directory tree, sorted, relative to `root`. */
function treeFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const f of fs.readdirSync(abs).sort()) {
    const rel = path.join(dir, f);
    const st = fs.statSync(path.join(root, rel));
    if (st.isDirectory()) out.push(...treeFiles(root, rel));
    else if (st.isFile()) out.push(rel);
  }
  return out;
}

export class MutantBuilder {
  readonly cacheDir: string;
  private readonly sources: Map<string, string>;
  private readonly units: string[];
  /** Hash of everything but the revision's sources: shim, build flags, toolchain. */
  private readonly fixed: string;
  private readonly sourceName: string;

  constructor(private readonly opts: MutantBuilderOptions) {
    this.cacheDir = opts.cacheDir ?? MUTANT_CACHE_DIR;
    const names = fs.readdirSync(opts.revisionDir).filter((n) => /\.(c|h)$/.test(n)).sort();
    if (!names.includes(DRIVER_C)) throw new Error(`${opts.revisionDir} has no ${DRIVER_C}`);
    this.sources = new Map(names.map((n) => [n, fs.readFileSync(path.join(opts.revisionDir, n), 'utf8')]));
    // As harness/build/revision.ts does: every .c but the driver is a unit of its own.
    this.units = names.filter((n) => n.endsWith('.c') && n !== DRIVER_C);
    const h = createHash('sha256').update('smmu-mutant-build-v1\0').update(`${opts.toolchain.clang}\0${opts.toolchain.wasmLd}\0`);
    for (const f of [...treeFiles(opts.repoRoot, 'harness/shim'), 'harness/build/compile.ts']) {
      h.update(f).update('\0').update(fs.readFileSync(path.join(opts.repoRoot, f))).update('\0');
    }
    this.fixed = h.digest('hex');
    const rel = path.relative(opts.repoRoot, opts.revisionDir);
    this.sourceName = rel.startsWith('..') || path.isAbsolute(rel) ? 'revision' : rel.split(path.sep).join('/');
  }

  /** The hash a build of the revision with `file` replaced by `text` is cached under. */
  hashOf(file: string, text: string): string {
    const h = createHash('sha256').update(this.fixed);
    for (const [n, t] of this.sources) h.update(n).update('\0').update(n === file ? text : t).update('\0');
    return h.digest('hex').slice(0, 20);
  }

  /** Builds the revision with `file` replaced by `text` (cached). Throws ToolchainMissingError. */
  build(file: string, text: string): BuildResult {
    if (!this.sources.has(file)) throw new Error(`${file} is not a source of ${this.opts.revisionDir}`);
    const hash = this.hashOf(file, text);
    const wasmPath = path.join(this.cacheDir, `${hash}.wasm`);
    const errPath = path.join(this.cacheDir, `${hash}.stillborn.txt`);
    if (fs.existsSync(wasmPath)) return { status: 'built', hash, wasmPath, cached: true };
    if (fs.existsSync(errPath)) return { status: 'stillborn', hash, error: fs.readFileSync(errPath, 'utf8'), cached: true };
    fs.mkdirSync(this.cacheDir, { recursive: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-mutant-src-'));
    const partial = `${wasmPath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      for (const [n, t] of this.sources) fs.writeFileSync(path.join(dir, n), n === file ? text : t);
      try {
        buildWasm({ repoRoot: this.opts.repoRoot, sourceDir: dir, units: this.units, out: partial, sourceName: this.sourceName, toolchain: this.opts.toolchain });
      } catch (e) {
        if (!(e instanceof CBuildError)) throw e;
        const error = e.message.split(dir + path.sep).join('');
        writeAtomically(errPath, error);
        return { status: 'stillborn', hash, error, cached: false };
      }
      fs.renameSync(partial, wasmPath);
      return { status: 'built', hash, wasmPath, cached: false };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(partial, { force: true });
    }
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

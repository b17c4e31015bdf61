/**
 * Building a revision: a listed one (revisions.json), or one given from
 * outside for `--revision PATH`: (a) a C file that replaces the assembled
 * arm-smmu-v3.c, or (b) a patch against mainline, assembled like a posted
 * revision. Failures throw ToolchainMissingError or CBuildError (or
 * AssembleError for a patch that does not apply), with a message that says
 * what to do.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assembleRevision, DRIVER_C, DRIVER_H } from '../revisions/assembleRevision';
import { readBase, REPO_ROOT, sharedRevisionsDir } from '../revisions/base';
import { RevisionEntry } from '../revisions/catalog';
import { assembleListedMutant } from '../revisions/mutants';
import { DEFAULT_REVISION } from '../revisions/recipes';
import { buildWasm, CBuildError } from './compile';
import { Toolchain } from './toolchain';

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

export interface FromCOptions {
  /** The C file that replaces the assembled arm-smmu-v3.c (used as it is). */
  cFile: string;
  /**
   * The revision whose arm-smmu-v3.h (and extra units) go with it. Default:
   * latest when the file calls the later kdump.c (as latest's wiring does),
   * else v7 (mainline's header with ARM_SMMU_OPT_KDUMP_ADOPT).
   */
  headerFrom?: string;
  /** The .wasm to write. */
  out: string;
  repoRoot?: string;
  toolchain?: Toolchain;
}

/** (a) Builds `cFile` in place of an assembled arm-smmu-v3.c. */
export function buildFromCFile(opts: FromCOptions): void {
  const repoRoot = opts.repoRoot ?? REPO_ROOT;
  if (!fs.existsSync(opts.cFile)) throw new Error(`no such C file: ${opts.cFile}`);
  const text = fs.readFileSync(opts.cFile, 'utf8');
  const rev = opts.headerFrom ?? (/\barm_smmu_kdump_adopt_deferred_l2_strtab\s*\(/.test(text) ? DEFAULT_REVISION : 'v7');
  const revDir = path.join(repoRoot, 'harness', 'revisions', rev);
  if (!fs.existsSync(path.join(revDir, DRIVER_H))) throw new Error(`unknown revision "${rev}": ${revDir} has no ${DRIVER_H}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-custom-'));
  try {
    const units = fs.readdirSync(revDir).filter((n) => n.endsWith('.c') && n !== DRIVER_C);
    for (const n of [DRIVER_H, ...units]) fs.copyFileSync(path.join(revDir, n), path.join(dir, n));
    fs.copyFileSync(opts.cFile, path.join(dir, DRIVER_C));
    buildWasm({ repoRoot, sourceDir: dir, units, out: opts.out, sourceName: 'custom', toolchain: opts.toolchain });
  } catch (e) {
    // Name the user's file, not our temporary copy of it.
    if (!(e instanceof CBuildError)) throw e;
    const name = (t: string) => t.split(path.join(dir, DRIVER_C)).join(opts.cFile).split(dir + path.sep).join(`${rev}'s `);
    throw new CBuildError(name(e.message), name(e.output));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface FromPatchOptions {
  /**
   * A patch against mainline: kernel paths (a/drivers/iommu/arm/arm-smmu-v3/...,
   * applied with -p5, e.g. git format-patch output or a mail) or paths
   * relative to the assembled files (a/arm-smmu-v3.c, -p1).
   */
  patch: string;
  out: string;
  repoRoot?: string;
  toolchain?: Toolchain;
}

/** (b) Assembles mainline + `patch` as a revision of its own, then builds it. */
export function buildFromPatch(opts: FromPatchOptions): void {
  const repoRoot = opts.repoRoot ?? REPO_ROOT;
  if (!fs.existsSync(opts.patch)) throw new Error(`no such patch: ${opts.patch}`);
  const shared = sharedRevisionsDir(repoRoot);
  const rev = assembleRevision(
    { name: 'custom', description: `mainline + ${path.basename(opts.patch)}`, mails: [], wiring: path.resolve(opts.patch) },
    shared,
    readBase(shared, repoRoot),
    repoRoot,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-custom-'));
  try {
    for (const [n, text] of rev.files) fs.writeFileSync(path.join(dir, n), text);
    buildWasm({ repoRoot, sourceDir: dir, units: [], out: opts.out, sourceName: 'custom', toolchain: opts.toolchain });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

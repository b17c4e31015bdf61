/**
 * What `--revision PATH [--base NAME]` stands for, before anything is compiled: the base
 * revision's assembled files with the user's patch applied to them, or with one of them
 * replaced by the user's C/H file. Says what it is (label, changes) and which files to build.
 * Every input it cannot honour exactly is a RevisionInputError.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCatalog, RevisionEntry } from '../revisions/catalog';
import { DEFAULT_REVISION } from '../revisions/recipes';
import { applyUserPatch, FileChange } from './applyUserPatch';
import { RevisionInputError } from './inputError';

export type { FileChange } from './applyUserPatch';

export interface UserRevision {
  /** The listed revision it is built on. */
  base: string;
  /** A name for it: `<base>+<file name>`. */
  name: string;
  /** What it is, in one line: "latest + fix.patch (3 hunks in arm-smmu-v3-kdump.c)". */
  label: string;
  kind: 'patch' | 'file';
  /** The files of the base it changes, with how many hunks (for a file: hunks of `diff -u` against the base's). */
  changes: FileChange[];
  /** Every file to build (name → content): the base's, patched or replaced. */
  files: Map<string, string>;
  /** Translation units besides driver_entry.c (the base's .c files other than arm-smmu-v3.c). */
  units: string[];
  /** The base's own files, as committed (name → content). */
  baseFiles: Map<string, string>;
}

const DRIVER_C = 'arm-smmu-v3.c';

/** The listed revisions a path can be built on (mutants cannot: they are a revision plus a patch). */
export function baseRevisions(repoRoot: string): RevisionEntry[] {
  return readCatalog(repoRoot).filter((e) => !e.mutant);
}

/** The base names of the files a listed revision carries (arm-smmu-v3.c, arm-smmu-v3.h, ...). */
export function filesOf(entry: RevisionEntry): string[] {
  return entry.sources.map((s) => path.basename(s)).filter((n) => /\.[ch]$/.test(n));
}

/** The base revision's catalog entry; an unknown name or a mutant is a RevisionInputError. */
export function resolveBase(name: string | undefined, repoRoot: string): RevisionEntry {
  const want = name ?? DEFAULT_REVISION;
  const catalog = readCatalog(repoRoot);
  const bases = baseRevisions(repoRoot);
  const entry = catalog.find((e) => e.name === want);
  const list = bases.map((e) => `${e.name} (${filesOf(e).join(', ')})`).join('; ');
  if (!entry) throw new RevisionInputError(`--base ${want}: no such revision. A base is one of: ${list}.`);
  if (entry.mutant) {
    throw new RevisionInputError(
      `--base ${want}: that is a mutant (of ${entry.base ?? 'another revision'}), not a revision a patch can be based on. ` +
        `A base is one of: ${list}.`,
    );
  }
  return entry;
}

function readBaseFiles(entry: RevisionEntry, repoRoot: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of entry.sources.filter((s) => /\.[ch]$/.test(s))) {
    const abs = path.join(repoRoot, rel);
    if (!fs.existsSync(abs)) throw new Error(`${rel} (a source of revision ${entry.name}) is missing: run \`npm run assemble\``);
    files.set(path.basename(rel), fs.readFileSync(abs, 'utf8'));
  }
  return files;
}

/** Number of hunks `diff -u` finds between two texts. */
function diffHunks(a: string, b: string): number {
  if (a === b) return 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-diff-'));
  try {
    fs.writeFileSync(path.join(dir, 'a'), a);
    fs.writeFileSync(path.join(dir, 'b'), b);
    const r = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.error) throw new Error(`cannot run diff: ${r.error.message} (apt-get install diffutils)`);
    return (r.stdout.match(/^@@ /gm) ?? []).length;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** What a C/H file or a patch at `input` makes of the base revision. */
export function prepareUserRevision(input: string, opts: { base?: string; repoRoot: string }): UserRevision {
  const abs = path.resolve(input);
  if (!fs.existsSync(abs)) {
    if (fs.lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new RevisionInputError(`${input} is a symbolic link that leads nowhere (dangling, or a loop). Give the path of the patch or C/H file itself.`);
    }
    throw new RevisionInputError(`${input}: no such file (${abs}). Give a revision name (npm run fuzz -- --list), a patch or a C/H file.`);
  }
  const stat = fs.statSync(abs);
  if (stat.isDirectory()) {
    throw new RevisionInputError(
      `${input} is a directory. Give one file: a patch (diff -u, git diff, git format-patch output or mails, ` +
        'several concatenated in one file) or a C/H file named like the base file it replaces.',
    );
  }
  if (!stat.isFile()) throw new RevisionInputError(`${input} is not a regular file (a FIFO or device?). Give a patch or a C/H file.`);

  const entry = resolveBase(opts.base, opts.repoRoot);
  const baseFiles = readBaseFiles(entry, opts.repoRoot);
  const carried = [...baseFiles.keys()];
  const fileName = path.basename(abs);
  const units = carried.filter((n) => n.endsWith('.c') && n !== DRIVER_C);
  const common = { base: entry.name, name: `${entry.name}+${fileName}`, units, baseFiles };

  if (/\.[ch]$/.test(fileName)) {
    if (!carried.includes(fileName)) {
      const others = baseRevisions(opts.repoRoot).filter((e) => filesOf(e).includes(fileName)).map((e) => e.name);
      throw new RevisionInputError(
        `${input}: a C/H file replaces the base's file of the same name, and ${entry.name} carries no ${fileName}. ` +
          `${entry.name}'s files are ${carried.join(', ')}: name the file like the one it replaces ` +
          `(e.g. /tmp/fix/${carried[carried.length - 1]})` +
          `${others.length > 0 ? `, or give --base ${others.join(' / ')} (which carr${others.length > 1 ? 'y' : 'ies'} ${fileName})` : ''}. ` +
          'A patch must not be named *.c or *.h.',
      );
    }
    const text = fs.readFileSync(abs, 'utf8');
    if (/^(diff --git |@@ -\d+(,\d+)? \+\d+(,\d+)? @@)/m.test(text)) {
      throw new RevisionInputError(`${input} looks like a patch (it has diff lines), not C: give it a name that does not end in .c/.h (e.g. fix.patch).`);
    }
    const hunks = diffHunks(baseFiles.get(fileName)!, text);
    const files = new Map(baseFiles);
    files.set(fileName, text);
    const same = hunks === 0 ? ` (identical to ${entry.name}'s)` : ` (${plural(hunks, 'hunk')} against ${entry.name}'s)`;
    return { ...common, kind: 'file', label: `${entry.name} with ${fileName} replaced by ${input}${same}`, changes: [{ file: fileName, hunks }], files };
  }

  const carriersOf = (file: string) => baseRevisions(opts.repoRoot).filter((e) => filesOf(e).includes(file)).map((e) => e.name);
  const patched = applyUserPatch(abs, { base: entry.name, baseFiles, patchName: input, carriersOf });
  const what = patched.changes.map((c) => `${plural(c.hunks, 'hunk')} in ${c.file}`).join(', ');
  return { ...common, kind: 'patch', label: `${entry.name} + ${fileName} (${what})`, changes: patched.changes, files: patched.files };
}

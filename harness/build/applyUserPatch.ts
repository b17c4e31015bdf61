/**
 * Applying a reviewer's patch to a base revision's assembled files, section by section in
 * the patch's order (a series of mails is applied mail after mail), with GNU patch --fuzz=3
 * as the recipes are. Strict: a hunk that fails, a patch already applied (or reversed), a hunk
 * that needed fuzz (or, in the extracted arm-smmu-v3.c, an offset) and did not land in the
 * function it names, and a patch that leaves every file as it was are RevisionInputErrors
 * naming the file and hunk and saying how to fix it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DRIVER_C } from '../revisions/assembleRevision';
import { findFunctions } from '../revisions/extract';
import { checkLanding } from '../revisions/landing';
import { REQUIRED_FUNCTIONS } from '../revisions/recipes';
import { gnuPatch, type Hunk } from '../revisions/patchApply';
import { RevisionInputError } from './inputError';
import { parseUserPatch, PatchSection } from './userPatch';

export interface FileChange {
  /** Base name of a file of the base revision. */
  file: string;
  /** Hunks of the patch applied to it. */
  hunks: number;
}

export interface PatchedFiles {
  /** Every file of the base, patched or not (name → content). */
  files: Map<string, string>;
  /** The files the patch touches, in the order it first touches them. */
  changes: FileChange[];
  /** patch's words about each hunk that did not apply exactly where the diff said. */
  notes: string[];
}

export interface ApplyContext {
  /** The listed revision the patch is applied to. */
  base: string;
  /** Its files, name → content (harness/revisions/<base>/...). */
  baseFiles: Map<string, string>;
  /** How to name the patch in messages (the path the user gave). */
  patchName: string;
  /** The listed revisions that carry a file (advice for a file the base lacks). */
  carriersOf?: (file: string) => string[];
}

interface HunkReport {
  number: number;
  report: string;
}

/** Runs GNU patch (as the recipes do: revisions/patchApply.ts gnuPatch) on one file with one section. */
function runPatch(target: string, section: PatchSection): { status: number; output: string; reports: HunkReport[] } {
  const run = gnuPatch(section.text, [target]);
  const output = run.output.trim();
  const reports = output
    .split('\n')
    .map((l) => /^Hunk #(\d+) (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ number: Number(m[1]), report: m[0] }));
  return { status: run.status, output, reports };
}

function sectionName(s: PatchSection, ctx: ApplyContext): string {
  return `${ctx.patchName}${s.subject ? ` ("${s.subject}")` : ''}: ${s.file}`;
}

/**
 * The function a hunk changes: the last definition among its context lines before its first
 * change, else the one diff names after '@@ ... @@'.
 */
function touchedFunction(h: Hunk): string | null {
  let fn = h.section;
  for (const line of h.lines) {
    const def = /^[A-Za-z_][^;=]*?\b([A-Za-z_]\w*)\s*\([^;]*$/.exec(line.slice(1));
    if (line[0] !== '+' && def) fn = def[1];
    if (line[0] !== ' ') break;
  }
  return fn;
}

/** Why a hunk of arm-smmu-v3.c may not apply: the assembled file is only the extracted functions. */
function driverAdvice(section: PatchSection, hunkNumber: number, current: string, ctx: ApplyContext): string {
  const assembled = `harness/revisions/${ctx.base}/${DRIVER_C}`;
  const present = new Set(findFunctions(current).map((f) => f.name));
  const hunk = section.hunks[hunkNumber - 1];
  const fn = hunk ? touchedFunction(hunk) : null;
  // What diff names after '@@ ... @@': a function, or a declaration such as a struct initializer.
  const place = (/^@@ [^@]* @@ ?(.*)$/.exec(hunk?.header ?? '')?.[1] ?? '').trim();
  const missing = fn ? !present.has(fn) : place !== '' && !current.includes(place);
  if (missing) {
    return (
      `It is in ${fn ? `${fn}()` : `"${place}"`}, which is not among the functions the harness extracts into ${assembled} ` +
      `(REQUIRED_FUNCTIONS in harness/revisions/recipes.ts: ${REQUIRED_FUNCTIONS.join(', ')}, plus the ` +
      'arm_smmu_kdump_adopt_* functions a revision adds): a change there cannot be built or tested here; ' +
      'leave that hunk out of the patch.'
    );
  }
  return (
    `${assembled} holds only the extracted functions (see its header), not the whole kernel file, so the ` +
    `hunk's context may not be there. Make the diff against that file (copy it, edit, diff -up), or give ` +
    'the whole changed arm-smmu-v3.c as a file.'
  );
}

function failureAdvice(section: PatchSection, hunkNumber: number, current: string, ctx: ApplyContext): string {
  if (section.file === DRIVER_C) return driverAdvice(section, hunkNumber, current, ctx);
  return (
    `Make the diff against harness/revisions/${ctx.base}/${section.file} (the file as ${ctx.base} carries it), ` +
    'or give the revision it was written for with --base NAME.'
  );
}

/** Hunks whose placement patch had to guess: with fuzz anywhere, with an offset in the extracted arm-smmu-v3.c. */
function guessedHunks(section: PatchSection, reports: HunkReport[]): number[] {
  return reports
    .filter((r) => / with fuzz \d+/.test(r.report) || (section.file === DRIVER_C && /\(offset -?\d+ lines?\)/.test(r.report)))
    .map((r) => r.number);
}

function applySection(dir: string, section: PatchSection, ctx: ApplyContext, notes: string[]): void {
  const target = path.join(dir, section.file);
  const before = fs.readFileSync(target, 'utf8');
  const run = runPatch(target, section);
  const failed = run.reports.filter((r) => / FAILED /.test(r.report));
  if (failed.length > 0) {
    const h = failed[0];
    const header = section.hunks[h.number - 1]?.header ?? '';
    const more = failed.length > 1 ? ` (and hunk${failed.length > 2 ? 's' : ''} ${failed.slice(1).map((f) => `#${f.number}`).join(', ')})` : '';
    throw new RevisionInputError(
      `${sectionName(section, ctx)} hunk #${h.number} ${header} does not apply to ${ctx.base}'s ${section.file}${more}: ` +
        `patch says "${h.report}". ${failureAdvice(section, h.number, before, ctx)}`,
    );
  }
  if (/Reversed \(or previously applied\) patch detected/.test(run.output)) {
    throw new RevisionInputError(
      `${sectionName(section, ctx)} (section at line ${section.line}) is already in ${ctx.base}'s ${section.file}, or ` +
        `reversed: patch says "Reversed (or previously applied) patch detected". Check --base (the change may ` +
        'already be part of it) and the order of the files given to diff (diff -u OLD NEW).',
    );
  }
  if (run.status !== 0) {
    throw new RevisionInputError(`${sectionName(section, ctx)} (section at line ${section.line}): GNU patch failed: ${run.output}`);
  }
  const after = fs.readFileSync(target, 'utf8');
  const guessed = guessedHunks(section, run.reports);
  if (guessed.length > 0) {
    const problems = checkLanding(after, section.hunks.filter((h) => guessed.includes(h.number)));
    if (problems.length > 0) {
      throw new RevisionInputError(
        `${sectionName(section, ctx)}: patch applied a hunk only by guessing its place (fuzz or offset), and it did ` +
          `not land in the function it names: ${problems.join('; ')}. Make the diff against ` +
          `harness/revisions/${ctx.base}/${section.file} so its context matches exactly.`,
      );
    }
  }
  for (const r of run.reports) notes.push(`${section.file} ${r.report}`);
}

/**
 * `patchFile` applied to the base's files. Throws RevisionInputError (see the module comment).
 */
export function applyUserPatch(patchFile: string, ctx: ApplyContext): PatchedFiles {
  const sections = parseUserPatch(
    fs.readFileSync(patchFile, 'utf8'),
    { name: ctx.base, files: [...ctx.baseFiles.keys()], carriersOf: ctx.carriersOf },
    ctx.patchName,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-userpatch-'));
  try {
    for (const [name, text] of ctx.baseFiles) fs.writeFileSync(path.join(dir, name), text);
    const notes: string[] = [];
    const changes: FileChange[] = [];
    for (const s of sections) {
      applySection(dir, s, ctx, notes);
      const c = changes.find((x) => x.file === s.file);
      if (c) c.hunks += s.hunks.length;
      else changes.push({ file: s.file, hunks: s.hunks.length });
    }
    const files = new Map<string, string>();
    for (const name of ctx.baseFiles.keys()) files.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
    if ([...files].every(([name, text]) => text === ctx.baseFiles.get(name))) {
      throw new RevisionInputError(
        `${ctx.patchName} applies to ${ctx.base} but changes nothing: after it, ${changes.map((c) => c.file).join(', ')} ` +
          `${changes.length === 1 ? 'is' : 'are'} byte-identical to ${ctx.base}'s. To run the base as it is, give --revision ${ctx.base}.`,
      );
    }
    return { files, changes, notes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

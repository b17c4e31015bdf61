/**
 * Assembling one revision, in memory: the mainline base, the revision's
 * patches applied with GNU patch (never edited), then the functions that
 * matter extracted by brace matching. The result carries its provenance.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssembleError, Base, HEADER_COMPAT, REPO_ROOT, readShared } from './base';
import { findFunctions, prototypeOf, textOf } from './extract';
import { checkLanding } from './landing';
import { HunkResult, ParsedDiff, mailDiffText, messageId, parseDiff, runPatch, selectHunks, stripOf } from './patchApply';
import { REQUIRED_FUNCTIONS, RevisionRecipe, isAddedFunctionOfInterest, wiringOf } from './recipes';

export const DRIVER_C = 'arm-smmu-v3.c';
export const DRIVER_H = 'arm-smmu-v3.h';

/** What happened to one patch (a mail, or a patch of ours). */
export interface PatchRecord {
  /** Mail file name under ../shared/revisions/mails/, or our patch's path. */
  source: string;
  messageId: string | null;
  applied: boolean;
  optional: boolean;
  /** Why it was skipped (optional patches only). */
  skipped: string | null;
  hunks: HunkResult[];
  /** The mail's hunks left out on purpose (MailStep.hunks), each `<file> hunk #<n> <@@ line>: <why>`. */
  hunksNotCarried?: string[];
}

export interface AssembledRevision {
  name: string;
  description: string;
  /** File name → content, for the revision's directory. */
  files: Map<string, string>;
  /** The extracted driver functions, in file order. */
  functions: string[];
  patches: PatchRecord[];
  /** Files copied verbatim as translation units of their own. */
  units: { from: string; as: string }[];
  base: Base;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-assemble-'));
}

function writeWork(dir: string, c: string, h: string): void {
  fs.writeFileSync(path.join(dir, DRIVER_C), c);
  fs.writeFileSync(path.join(dir, DRIVER_H), h);
}

function readWork(dir: string): { c: string; h: string } {
  return { c: fs.readFileSync(path.join(dir, DRIVER_C), 'utf8'), h: fs.readFileSync(path.join(dir, DRIVER_H), 'utf8') };
}

/**
 * Applies one patch to {c, h}. Returns the new texts, or null when an
 * optional patch does not apply cleanly (the record says why). A required
 * patch that does not apply throws, naming the patch, the hunk and patch's
 * words.
 */
function applyOne(
  work: { c: string; h: string },
  diff: ParsedDiff,
  strip: number,
  record: PatchRecord,
): { c: string; h: string } | null {
  const dir = tempDir();
  try {
    writeWork(dir, work.c, work.h);
    const run = runPatch(dir, diff, strip, false);
    record.hunks = run.hunks;
    const failed = run.hunks.filter((h) => h.failed);
    let problem: string | null = null;
    if (!run.ok || failed.length > 0) {
      problem =
        failed.map((h) => `${h.file} hunk #${h.number} ${h.header}: ${h.report}`).join('; ') ||
        `patch exited with an error: ${run.output.trim()}`;
    } else {
      const after = readWork(dir);
      const cHunks = diff.files.find((f) => f.file === DRIVER_C)?.hunks ?? [];
      const misplaced = checkLanding(after.c, cHunks);
      if (misplaced.length > 0) problem = `${DRIVER_C} ${misplaced.join('; ')}`;
      else return after;
    }
    if (!record.optional) {
      throw new AssembleError(`${record.source} does not apply: ${problem}`);
    }
    record.applied = false;
    record.skipped = problem;
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const KEEP = [DRIVER_C, DRIVER_H];

export function assembleRevision(recipe: RevisionRecipe, shared: string, base: Base, repoRoot = REPO_ROOT): AssembledRevision {
  let work = { c: base.c, h: base.h };
  const patches: PatchRecord[] = [];

  const compat: PatchRecord = { source: HEADER_COMPAT, messageId: null, applied: true, optional: false, skipped: null, hunks: [] };
  work = applyOne(work, parseDiff(fs.readFileSync(path.join(repoRoot, HEADER_COMPAT), 'utf8'), 1, KEEP), 1, compat)!;
  patches.push(compat);

  for (const rel of recipe.baseCompat ?? []) {
    const file = path.join(repoRoot, rel);
    if (!fs.existsSync(file)) throw new AssembleError(`missing base compatibility patch ${file}`);
    const record: PatchRecord = { source: rel, messageId: null, applied: true, optional: false, skipped: null, hunks: [] };
    work = applyOne(work, parseDiff(fs.readFileSync(file, 'utf8'), 1, KEEP), 1, record)!;
    patches.push(record);
  }

  for (const step of recipe.mails) {
    const mail = readShared(shared, path.join('mails', step.mail));
    const record: PatchRecord = {
      source: step.mail,
      messageId: messageId(mail),
      applied: true,
      optional: !!step.optional,
      skipped: null,
      hunks: [],
    };
    let diff: ParsedDiff;
    try {
      diff = parseDiff(mailDiffText(mail), 5, KEEP);
    } catch (e) {
      throw new AssembleError(`${step.mail}: ${(e as Error).message}`);
    }
    if (step.hunks) {
      const { carry, why } = step.hunks;
      const all = diff.files.flatMap((f) => f.hunks.map((h) => ({ file: f.file, h })));
      const unknown = carry.filter((n) => !all.some((x) => x.h.number === n));
      if (unknown.length > 0) throw new AssembleError(`${step.mail}: the recipe carries hunk(s) #${unknown.join(', #')}, which the mail does not have`);
      record.hunksNotCarried = all
        .filter((x) => !carry.includes(x.h.number))
        .map((x) => `${x.file} hunk #${x.h.number} ${x.h.header}: ${why}`);
      diff = selectHunks(diff, carry);
    }
    work = applyOne(work, diff, 5, record) ?? work;
    patches.push(record);
  }

  for (const wiring of wiringOf(recipe)) {
    const file = path.resolve(repoRoot, 'harness', 'revisions', wiring);
    if (!fs.existsSync(file)) throw new AssembleError(`missing patch ${file}`);
    const source = path.isAbsolute(wiring) ? path.basename(wiring) : `harness/revisions/${wiring}`;
    const raw = fs.readFileSync(file, 'utf8');
    // A mail (or git format-patch output): only its diff, as for the posted series.
    const isMail = /^diff --git /m.test(raw) && /^Message-ID:/im.test(raw);
    const text = isMail ? mailDiffText(raw) : raw;
    const record: PatchRecord = {
      source,
      messageId: isMail ? messageId(raw) : null,
      applied: true,
      optional: false,
      skipped: null,
      hunks: [],
    };
    const strip = stripOf(text);
    work = applyOne(work, parseDiff(text, strip, KEEP), strip, record)!;
    patches.push(record);
  }

  const { text, functions } = extractDriver(recipe.name, work.c);
  const units = recipe.units ?? [];
  const files = new Map<string, string>();
  const rev = { name: recipe.name, description: recipe.description, patches, base, functions, units };
  files.set(DRIVER_C, cHeader(rev) + text);
  files.set(DRIVER_H, hHeader(rev) + work.h);
  for (const u of units) files.set(u.as, readShared(shared, u.from));
  return { ...rev, files };
}

/** The functions that matter, whole, each once, in file order, with generated prototypes. */
export function extractDriver(revision: string, src: string): { text: string; functions: string[] } {
  const all = findFunctions(src);
  const problems: string[] = [];
  for (const name of REQUIRED_FUNCTIONS) {
    const defs = all.filter((f) => f.name === name);
    if (defs.length === 0) problems.push(`${name}() is missing`);
    if (defs.length > 1) problems.push(`${name}() is defined ${defs.length} times`);
  }
  const wanted = all.filter((f) => REQUIRED_FUNCTIONS.includes(f.name) || isAddedFunctionOfInterest(f.name));
  for (const f of wanted) if (f.end < 0) problems.push(`${f.name}() does not close (unbalanced braces)`);
  if (problems.length > 0) throw new AssembleError(`${revision}: extraction failed: ${problems.join('; ')}`);

  const prototypes = wanted.map((f) => prototypeOf(src, f)).join('\n');
  const bodies = wanted.map((f) => textOf(src, f)).join('\n\n');
  const text =
    '/* Prototypes (generated): the extracted functions are out of the file\'s order */\n' +
    prototypes +
    '\n\n' +
    carriedFlags(wanted.map((f) => f.name)) +
    bodies +
    '\n';
  return { text, functions: wanted.map((f) => f.name) };
}

/**
 * Generated #defines telling the shim which optional driver entry points this revision carries
 * (harness/shim/driver_entry.c exports their callers only then): today the function of 2/x,
 * arm_smmu_is_attach_deferred(), which the shim calls as the iommu core calls
 * ops->is_attach_deferred. Nothing for a revision that carries none, so its C is unchanged.
 */
function carriedFlags(functions: readonly string[]): string {
  if (!functions.includes('arm_smmu_is_attach_deferred')) return '';
  return (
    '/* Generated: arm_smmu_is_attach_deferred() is carried; harness/shim/driver_entry.c calls it as the iommu core would */\n' +
    '#define KSHIM_HAS_IS_ATTACH_DEFERRED 1\n\n'
  );
}

type RevisionInfo = Pick<AssembledRevision, 'name' | 'description' | 'patches' | 'base' | 'functions' | 'units'>;

/** One line per hunk of `file`: patch's words, verbatim. */
export function hunkLines(p: PatchRecord, file: string): string[] {
  return p.hunks
    .filter((h) => h.file === file)
    .map((h) => `hunk #${h.number} ${h.header}: ${h.report ?? 'applied where the diff says (patch reported nothing)'}`);
}

export function patchTitle(p: PatchRecord): string {
  return p.messageId ? `${p.source} <${p.messageId}>` : p.source;
}

function comment(lines: string[]): string {
  return '/*\n' + lines.map((l) => (l ? ` * ${l}` : ' *')).join('\n') + '\n */\n';
}

function commonHeader(rev: RevisionInfo, file: string): string[] {
  const lines = [
    `${file} of revision "${rev.name}": ASSEMBLED by harness/revisions/assemble.ts,`,
    'do not edit (run `npm run assemble`). PROVENANCE.md beside this file has the details.',
    '',
    `${rev.description}`,
    '',
    'Base: ' + rev.base.sources.join(' + '),
  ];
  for (const d of rev.base.dropped) lines.push(`  left out: ${d}`);
  lines.push('', 'Patches, applied in this order with GNU patch --fuzz=3 (-p5 mails, -p1 ours):');
  for (const p of rev.patches) {
    if (!p.applied) {
      lines.push(`  ${patchTitle(p)}: SKIPPED, ${p.skipped}`);
      continue;
    }
    const own = hunkLines(p, file);
    const left = (p.hunksNotCarried ?? []).filter((l) => l.startsWith(`${file} `));
    if (own.length === 0 && left.length === 0) continue;
    lines.push(`  ${patchTitle(p)}`);
    for (const l of own) lines.push(`    ${l}`);
    for (const l of left) lines.push(`    NOT CARRIED: ${l.slice(file.length + 1)}`);
  }
  return lines;
}

function cHeader(rev: RevisionInfo): string {
  const lines = commonHeader(rev, DRIVER_C);
  lines.push('', 'Extracted by brace matching, in file order:');
  for (const f of rev.functions) lines.push(`  ${f}()`);
  if (rev.units.length > 0) {
    lines.push('', 'Compiled beside this file, verbatim, as translation units of their own:');
    for (const u of rev.units) lines.push(`  ${u.as} = ../shared/revisions/${u.from}`);
  }
  return comment(lines) + '\n';
}

function hHeader(rev: RevisionInfo): string {
  return comment(commonHeader(rev, DRIVER_H));
}

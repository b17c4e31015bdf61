/**
 * Applying posted patches with GNU patch, and reading what it says.
 *
 * The patch text is never edited: the diff part of a mail is handed to
 * `patch` as it is, and patch's own report (fuzz, offsets, failures) is kept
 * verbatim for the provenance.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface Hunk {
  /** 1-based number within its file, as patch counts. */
  number: number;
  /** The '@@ ... @@' line. */
  header: string;
  /** The function named after '@@ ... @@' by diff, if any. */
  section: string | null;
  /** Body lines, each starting with ' ', '+' or '-'. */
  lines: string[];
  /** Its number as patch counts it when only some of the diff's hunks are handed over (selectHunks). */
  position?: number;
}

export interface FileDiff {
  /** Path after stripping the diff's directory components (arm-smmu-v3.c, ...). */
  file: string;
  hunks: Hunk[];
}

export interface ParsedDiff {
  /** The diff text handed to patch: only the files we assemble. */
  text: string;
  files: FileDiff[];
}

/** What patch said about one hunk. */
export interface HunkResult {
  file: string;
  number: number;
  header: string;
  /** patch's line about the hunk, verbatim; null when it applied exactly where the diff said. */
  report: string | null;
  failed: boolean;
}

export interface PatchRun {
  ok: boolean;
  hunks: HunkResult[];
  /** patch's whole output, verbatim. */
  output: string;
}

/** The diff part of a mail: from the first "diff --git" to the "-- " signature line. */
export function mailDiffText(mail: string): string {
  const lines = mail.split('\n');
  const first = lines.findIndex((l) => l.startsWith('diff --git '));
  if (first < 0) throw new Error('no "diff --git" line in the mail');
  let last = lines.findIndex((l, i) => i > first && l === '-- ');
  if (last < 0) last = lines.length;
  return lines.slice(first, last).join('\n') + '\n';
}

/** The Message-ID of a mail (without angle brackets). */
export function messageId(mail: string): string {
  const m = /^Message-ID:\s*<([^>\s]+)>/im.exec(mail);
  if (!m) throw new Error('no Message-ID header');
  return m[1];
}

/**
 * Parses a unified diff, keeping only the files whose stripped path is in
 * `keep`. `strip` is patch's -p.
 */
export function parseDiff(text: string, strip: number, keep: readonly string[]): ParsedDiff {
  const lines = text.split('\n');
  const sections: { file: string; lines: string[] }[] = [];
  let cur: { file: string; lines: string[] } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    // A plain diff (no "diff --git" line) starts a file at its "--- " line.
    const plainStart =
      l.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ') && (cur === null || cur.lines.some((x) => x.startsWith('@@')));
    if (l.startsWith('diff --git ') || plainStart) {
      cur = { file: '', lines: [] };
      sections.push(cur);
    }
    if (!cur) continue;
    if (l.startsWith('+++ ') && !cur.file) {
      const p = l.slice(4).split('\t')[0].trim();
      cur.file = p.split('/').slice(strip).join('/');
    }
    cur.lines.push(l);
  }
  const kept = sections.filter((s) => keep.includes(s.file));
  const files: FileDiff[] = kept.map((s) => ({ file: s.file, hunks: parseHunks(s.lines) }));
  const body = kept.map((s) => s.lines.join('\n').replace(/\n*$/, '\n')).join('');
  return { text: body, files };
}

/**
 * The same diff with only the hunks numbered in `carry` (1-based, per file, as the diff numbers
 * them): each kept hunk's text is the diff's own, byte for byte, and file headers are kept. Each
 * kept hunk keeps its number in the diff; `position` is the one patch will report it under.
 */
export function selectHunks(diff: ParsedDiff, carry: readonly number[]): ParsedDiff {
  const out: string[] = [];
  let hunk = 0;
  let keeping = true;
  for (const l of diff.text.replace(/\n$/, '').split('\n')) {
    if (l.startsWith('diff --git ')) {
      hunk = 0;
      keeping = true;
    } else if (/^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/.test(l)) {
      hunk++;
      keeping = carry.includes(hunk);
    }
    if (keeping) out.push(l);
  }
  const files = diff.files.map((f) => ({
    file: f.file,
    hunks: f.hunks.filter((h) => carry.includes(h.number)).map((h, i) => ({ ...h, position: i + 1 })),
  }));
  return { text: out.join('\n') + '\n', files };
}

function parseHunks(lines: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let cur: Hunk | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  for (const l of lines) {
    const m = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@ ?(.*)$/.exec(l);
    if (m) {
      const section = /([A-Za-z_]\w*)\s*\(/.exec(m[3] ?? '');
      cur = { number: hunks.length + 1, header: l, section: section ? section[1] : null, lines: [] };
      hunks.push(cur);
      oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      newLeft = m[2] === undefined ? 1 : Number(m[2]);
      continue;
    }
    if (!cur || (oldLeft === 0 && newLeft === 0)) continue;
    const kind = l[0] ?? ' ';
    if (kind === '\\') continue;
    cur.lines.push(l.length === 0 ? ' ' : l);
    if (kind !== '+') oldLeft--;
    if (kind !== '-') newLeft--;
  }
  return hunks;
}

/** patch's -p for a diff: 5 for kernel-tree paths (a/drivers/iommu/arm/arm-smmu-v3/...), else 1. */
export function stripOf(diff: string): number {
  return /^\+\+\+ \S*drivers\/iommu\/arm\/arm-smmu-v3\//m.test(diff) ? 5 : 1;
}

/**
 * GNU patch as the harness always runs it, for the recipes and for a reviewer's patch alike:
 * `diffText` with --fuzz=3, no .rej or .orig left behind, and --forward: a patch that looks
 * reversed or already applied is refused (patch exits 1), never applied backwards, which --batch
 * alone would do silently. `args` say where (-p/-d, or a target file) and anything more.
 * Returns patch's exit status and its whole output (stdout then stderr), verbatim.
 */
export function gnuPatch(diffText: string, args: readonly string[]): { status: number; output: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-patch-'));
  try {
    const input = path.join(tmp, 'input.diff');
    fs.writeFileSync(input, diffText);
    const all = ['--fuzz=3', '--batch', '--forward', '--no-backup-if-mismatch', '--reject-file=-', '-i', input, ...args];
    const r = spawnSync('patch', all, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    if (r.error) throw new Error(`cannot run GNU patch: ${r.error.message} (apt-get install patch)`);
    return { status: r.status ?? 2, output: (r.stdout ?? '') + (r.stderr ?? '') };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs GNU patch (gnuPatch) on the files in `dir`, with patch's -p`strip`. */
export function runPatch(dir: string, diff: ParsedDiff, strip: number, dryRun: boolean): PatchRun {
  const { status, output } = gnuPatch(diff.text, [`-p${strip}`, '-d', dir, ...(dryRun ? ['--dry-run'] : [])]);
  return { ok: status === 0, hunks: hunkResults(diff, output), output };
}

function hunkResults(diff: ParsedDiff, output: string): HunkResult[] {
  const reports = new Map<string, string>();
  let file = '';
  for (const line of output.split('\n')) {
    const f = /^(?:patching|checking) file (.+)$/.exec(line);
    if (f) file = f[1].replace(/^'|'$/g, '');
    const h = /^Hunk #(\d+) /.exec(line);
    if (h) reports.set(`${file}#${h[1]}`, line);
  }
  return diff.files.flatMap((f) =>
    f.hunks.map((h) => {
      const report = reports.get(`${f.file}#${h.position ?? h.number}`) ?? null;
      return { file: f.file, number: h.number, header: h.header, report, failed: report !== null && / FAILED /.test(report) };
    }),
  );
}

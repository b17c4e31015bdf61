/**
 * Reading a reviewer's patch strictly: a plain `diff -u`, `git diff`, `git format-patch` output,
 * a mail, or several of those concatenated in one file. Every file section is kept, in order,
 * with the file it patches named by base name (the harness carries only the files of one
 * driver directory). Unlike the recipes' reader (revisions/patchApply.ts, which leaves out the
 * parts of posted mails that touch files we do not carry), nothing is dropped: a section we
 * cannot honour is a RevisionInputError naming it.
 */
import * as path from 'path';
import type { Hunk } from '../revisions/patchApply';
import { RevisionInputError } from './inputError';

/** Where the base's files live in the kernel tree (a patch may name them so). */
export const KERNEL_DIR = 'drivers/iommu/arm/arm-smmu-v3';

export interface PatchSection {
  /** Base name of the file it patches (arm-smmu-v3-kdump.c, ...). */
  file: string;
  /** The paths as the patch names them ('--- ' and '+++ ' lines, or the 'diff --git' line). */
  oldPath: string;
  newPath: string;
  /** 1-based line of the patch where the section starts. */
  line: number;
  /** Subject of the mail the section is in, when the patch is a mail or a series of them. */
  subject: string | null;
  /** The '--- ', '+++ ' and hunk lines, as they are in the patch: what GNU patch is given. */
  text: string;
  hunks: Hunk[];
}

const GIT_HEADER =
  /^(index |old mode |new mode |deleted file mode |new file mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files |GIT binary patch)/;
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** The path of a '--- ' / '+++ ' line: up to a tab (diff's timestamp), trailing blanks removed. */
function pathOf(line: string): string {
  return line.slice(4).split('\t')[0].trimEnd();
}

function isNull(p: string): boolean {
  return p === '/dev/null';
}

/**
 * The base file a section patches, from its two paths: by base name, in any directory
 * (a/NAME, b/NAME, a/drivers/iommu/arm/arm-smmu-v3/NAME, the assembled file's path, ...).
 */
function fileOf(oldPath: string, newPath: string, base: PatchBase, where: string, patchName: string): string {
  const carried = base.files;
  if (isNull(oldPath)) {
    throw new RevisionInputError(
      `${patchName}: ${where} creates ${newPath}; only files the base already carries can be patched ` +
        `(${carried.join(', ')}).`,
    );
  }
  if (isNull(newPath)) {
    throw new RevisionInputError(`${patchName}: ${where} deletes ${oldPath}; the harness cannot build a revision without it.`);
  }
  const names = [...new Set([path.posix.basename(oldPath), path.posix.basename(newPath)])];
  const known = names.filter((n) => carried.includes(n));
  if (known.length === 1) return known[0];
  if (known.length > 1) {
    throw new RevisionInputError(
      `${patchName}: ${where} names two different files (--- ${oldPath}, +++ ${newPath}); a section must patch one file.`,
    );
  }
  const name = path.posix.basename(newPath);
  const others = base.carriersOf?.(name) ?? [];
  const fix =
    others.length > 0
      ? `${name} is carried by ${others.join(', ')}: give --base ${others[0]}${others.length > 1 ? ' (or another of those)' : ''}.`
      : 'Remove that section: the harness builds only these files.';
  throw new RevisionInputError(
    `${patchName}: ${where} patches ${newPath}, which ${base.name} does not carry. ${base.name}'s files are ` +
      `${carried.join(', ')}, named by base name (a/NAME) or by kernel path (a/${KERNEL_DIR}/NAME). ` +
      `Nothing was built. ${fix}`,
  );
}

/** Quoted-printable or base64 mail bodies are not a diff patch can read as they are. */
function checkEncoding(lines: string[], patchName: string): void {
  const i = lines.findIndex((l) => /^Content-Transfer-Encoding:\s*(quoted-printable|base64)\s*$/i.test(l));
  if (i >= 0) {
    throw new RevisionInputError(
      `${patchName}: line ${i + 1} says the mail body is ${lines[i].split(':')[1].trim()}-encoded; save the raw ` +
        'patch (git format-patch, or the mail as text / `b4 am`), not the encoded mail.',
    );
  }
}

/** The revision a patch is read against. */
export interface PatchBase {
  name: string;
  /** Base names of its files. */
  files: readonly string[];
  /** The other listed revisions that carry a file (for the advice when this one does not). */
  carriersOf?: (file: string) => string[];
}

/**
 * Every file section of `text`, in order, each naming one of `base.files`. Throws RevisionInputError for no diff at all, a section for a file the base does not
 * carry, a section that changes no lines (mode change, rename, binary), or a hunk cut short.
 */
export function parseUserPatch(text: string, base: PatchBase, patchName: string): PatchSection[] {
  // A BOM and CRLF line ends (a mail saved on another system) go, as GNU patch drops them itself.
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  checkEncoding(lines, patchName);
  const sections: PatchSection[] = [];
  let subject: string | null = null;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    const s = /^Subject:\s*(.*)$/.exec(l);
    if (s) subject = s[1].trim();
    const git = l.startsWith('diff --git ');
    const plain = l.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ');
    if (!git && !plain) {
      i++;
      continue;
    }
    const start = i;
    let oldPath = '';
    let newPath = '';
    if (git) {
      const m = /^diff --git (\S+) (\S+)$/.exec(l);
      if (m) [oldPath, newPath] = [m[1], m[2]];
      i++;
      while (i < lines.length && GIT_HEADER.test(lines[i])) i++;
      if (!(lines[i] ?? '').startsWith('--- ') || !(lines[i + 1] ?? '').startsWith('+++ ')) {
        const where = `the section at line ${start + 1} (${l})`;
        const what = lines.slice(start + 1, i).find((x) => /^(rename|copy|Binary|GIT binary|old mode|new mode)/.test(x));
        throw new RevisionInputError(
          `${patchName}: ${where} changes no lines${what ? ` (${what.trim()})` : ''}; only line changes of ` +
            'the base\'s files can be built. Remove it.',
        );
      }
    }
    const textStart = i;
    oldPath = pathOf(lines[i]);
    newPath = pathOf(lines[i + 1]);
    const where = `the section at line ${textStart + 1} (+++ ${newPath})`;
    const file = fileOf(oldPath, newPath, base, where, patchName);
    i += 2;
    const hunks: Hunk[] = [];
    while (i < lines.length && HUNK_HEADER.test(lines[i])) {
      const m = HUNK_HEADER.exec(lines[i])!;
      const header = lines[i];
      const headerLine = i + 1;
      const fn = /([A-Za-z_]\w*)\s*\(/.exec(m[5] ?? '');
      const hunk: Hunk = { number: hunks.length + 1, header, section: fn ? fn[1] : null, lines: [] };
      hunks.push(hunk);
      let oldLeft = m[2] === undefined ? 1 : Number(m[2]);
      let newLeft = m[4] === undefined ? 1 : Number(m[4]);
      i++;
      while (oldLeft > 0 || newLeft > 0) {
        const b = lines[i];
        const kind = b === undefined ? undefined : b === '' ? ' ' : b[0];
        if (kind === '\\') {
          i++;
          continue;
        }
        if (kind !== ' ' && kind !== '+' && kind !== '-') {
          throw new RevisionInputError(
            `${patchName}: ${file} hunk #${hunk.number} ${header} (line ${headerLine}) ` +
              `is cut short at line ${i + 1}: ${oldLeft} old and ${newLeft} new lines are missing. ` +
              'The patch is damaged (a mail client may have wrapped or trimmed it): save it again from git.',
          );
        }
        hunk.lines.push(b === '' ? ' ' : b);
        if (kind !== '+') oldLeft--;
        if (kind !== '-') newLeft--;
        i++;
      }
      if ((lines[i] ?? '').startsWith('\\')) i++;
    }
    if (hunks.length === 0) {
      throw new RevisionInputError(`${patchName}: ${where} has no hunks (no '@@' line after its '+++' line).`);
    }
    sections.push({ file, oldPath, newPath, line: start + 1, subject, text: lines.slice(textStart, i).join('\n') + '\n', hunks });
  }
  if (sections.length === 0) {
    throw new RevisionInputError(
      `${patchName}: no unified diff in it (no '--- a/FILE' and '+++ b/FILE' lines followed by '@@' hunks). ` +
        'Give a patch (diff -u, git diff, git format-patch output or mails), or a C/H file named like the ' +
        'base file it replaces (e.g. arm-smmu-v3-kdump.c).',
    );
  }
  return sections;
}

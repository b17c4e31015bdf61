/**
 * Reviewer-style inputs made on the spot from the committed revision files: a real change to
 * one line, written out as `diff -up` output, as a git format-patch mail, or as a whole file.
 * Nothing here is a hard-coded diff, so the patches follow the files as they change.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../harness/scenario/revision';

export const KERNEL_DIR = 'drivers/iommu/arm/arm-smmu-v3';

export function revisionFile(revision: string, file: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'harness', 'revisions', revision, file), 'utf8');
}

export interface Edit {
  file: string;
  from: string;
  to: string;
}

/** One line changed in each file of latest, each with an effect a scenario shows. */
export const EDITS = {
  /** kdump.c: the dev_dbg that opens arm_smmu_kdump_adopt_strtab() (the log shows it). */
  kdump: {
    file: 'arm-smmu-v3-kdump.c',
    from: `"adopting crashed kernel's stream table\\n"`,
    to: `"adopting the crashed kernel's stream table (reviewed)\\n"`,
  },
  /** kexec.c: arm_smmu_kexec_parse_strtab_linear() refuses LOG2SIZE == sid_bits (an intact linear table is no longer adopted). */
  kexec: { file: 'arm-smmu-v3-kexec.c', from: 'if (log2size > max_log2size) {', to: 'if (log2size >= max_log2size) {' },
  /** arm-smmu-v3.c: the dev_info at the end of arm_smmu_device_hw_probe() (the log shows it). */
  driver: {
    file: 'arm-smmu-v3.c',
    from: '"ias %lu-bit, oas %lu-bit (features 0x%08x)\\n"',
    to: '"IAS %lu-bit, OAS %lu-bit (features 0x%08x)\\n"',
  },
} satisfies Record<string, Edit>;

/** `text` with `edit` made, checking the line it changes is there exactly once. */
export function applyEdit(text: string, edit: Edit): string {
  const at = text.indexOf(edit.from);
  if (at < 0 || text.indexOf(edit.from, at + 1) >= 0) throw new Error(`${edit.file}: "${edit.from}" is not there exactly once`);
  return text.slice(0, at) + edit.to + text.slice(at + edit.from.length);
}

/** `diff -up` of two texts, labelled a/<name> and b/<name> (name: a base name or a kernel path). */
export function unifiedDiff(before: string, after: string, name: string, dir: string): string {
  const a = path.join(dir, 'diff-old');
  const b = path.join(dir, 'diff-new');
  fs.writeFileSync(a, before);
  fs.writeFileSync(b, after);
  const r = spawnSync('diff', ['-up', '--label', `a/${name}`, '--label', `b/${name}`, a, b], { encoding: 'utf8' });
  if (r.status !== 1) throw new Error(`diff -up failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** The diff of `edit` against latest's file (or `revision`'s), named by base name or kernel path. */
export function diffOf(edit: Edit, dir: string, opts: { kernelPath?: boolean; revision?: string; before?: string } = {}): string {
  const before = opts.before ?? revisionFile(opts.revision ?? 'latest', edit.file);
  const name = opts.kernelPath ? `${KERNEL_DIR}/${edit.file}` : edit.file;
  return unifiedDiff(before, applyEdit(before, edit), name, dir);
}

/** A `git format-patch` mail around `diffs` (each a `diff -up` output with a/ b/ paths). */
export function formatPatchMail(subject: string, n: number, of: number, diffs: string[]): string {
  const files = diffs.map((d) => /^\+\+\+ b\/(\S+)/m.exec(d)![1]);
  return [
    'From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001',
    'From: A Reviewer <reviewer@example.org>',
    'Date: Tue, 1 Dec 2026 10:00:00 +0000',
    `Subject: [PATCH ${n}/${of}] iommu/arm-smmu-v3: ${subject}`,
    '',
    `${subject}.`,
    '',
    'Signed-off-by: A Reviewer <reviewer@example.org>',
    '---',
    ...files.map((f) => ` ${f} | 2 +-`),
    ` ${files.length} file${files.length === 1 ? '' : 's'} changed, ${files.length} insertion(+), ${files.length} deletion(-)`,
    '',
    ...diffs.map((d, i) => `diff --git a/${files[i]} b/${files[i]}\nindex 0123456..89abcde 100644\n${d.replace(/\n$/, '')}`),
    '-- ',
    '2.43.0',
    '',
    '',
  ].join('\n');
}

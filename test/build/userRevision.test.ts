/**
 * `--revision PATH [--base NAME]` before compiling: what a reviewer's patch or file makes of the
 * base revision's files, and every input that cannot be honoured exactly refused with the file
 * and hunk named. Needs GNU patch and diff, not clang.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RevisionInputError } from '../../harness/build/inputError';
import { prepareUserRevision, UserRevision } from '../../harness/build/userRevision';
import { UsageError } from '../../harness/errors';
import { REQUIRED_FUNCTIONS } from '../../harness/revisions/recipes';
import { loadRevision, REPO_ROOT, revisionFiles } from '../../harness/scenario/revision';
import { applyEdit, diffOf, EDITS, Edit, formatPatchMail, KERNEL_DIR, revisionFile, unifiedDiff } from './_reviewerPatches';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'user-revision-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes `text` to a fresh file named `name` (in a directory of its own) and returns its path. */
function write(name: string, text: string): string {
  const d = path.join(dir, String(n++));
  fs.mkdirSync(d);
  const p = path.join(d, name);
  fs.writeFileSync(p, text);
  return p;
}

const prepare = (p: string, base?: string) => prepareUserRevision(p, { base, repoRoot: REPO_ROOT });

function refusal(p: string, base?: string): string {
  try {
    prepare(p, base);
  } catch (e) {
    if (e instanceof RevisionInputError) return e.message;
    throw e;
  }
  throw new Error(`${p} was accepted`);
}

/** Every file of the base is built: the edited one changed exactly as edited, the others as committed. */
function expectOnly(rev: UserRevision, base: string, edits: Edit[]): void {
  expect([...rev.files.keys()].sort()).toEqual([...revisionFiles(base)!].sort());
  for (const [name, text] of rev.files) {
    const mine = edits.filter((e) => e.file === name);
    expect(text).toBe(mine.reduce(applyEdit, revisionFile(base, name)));
  }
}

describe('a patch against one file of latest', () => {
  for (const [what, edit] of Object.entries(EDITS)) {
    for (const kernelPath of [false, true]) {
      test(`${edit.file} (${what}), named ${kernelPath ? 'by kernel path' : 'by base name'}`, () => {
        const diff = diffOf(edit, dir, { kernelPath });
        expect(diff).toContain(kernelPath ? `+++ b/${KERNEL_DIR}/${edit.file}` : `+++ b/${edit.file}`);
        const rev = prepare(write('fix.patch', diff));
        expectOnly(rev, 'latest', [edit]);
        expect(rev.base).toBe('latest');
        expect(rev.kind).toBe('patch');
        expect(rev.changes).toEqual([{ file: edit.file, hunks: 1 }]);
        expect(rev.label).toBe(`latest + fix.patch (1 hunk in ${edit.file})`);
        expect(rev.units.sort()).toEqual(['arm-smmu-v3-kdump.c', 'arm-smmu-v3-kexec.c']);
      });
    }
  }

  test('as a git format-patch mail (kernel paths, diffstat, signature)', () => {
    const mail = formatPatchMail('Reject a linear table as large as sid_bits', 1, 1, [diffOf(EDITS.kexec, dir, { kernelPath: true })]);
    const rev = prepare(write('0001-reject.patch', mail));
    expectOnly(rev, 'latest', [EDITS.kexec]);
    expect(rev.label).toBe('latest + 0001-reject.patch (1 hunk in arm-smmu-v3-kexec.c)');
  });

  test('on another base (--base v6): the same arm-smmu-v3.c change, applied to v6\'s file', () => {
    const rev = prepare(write('fix.patch', diffOf(EDITS.driver, dir, { revision: 'v6' })), 'v6');
    expectOnly(rev, 'v6', [EDITS.driver]);
    expect(rev.base).toBe('v6');
    expect(rev.units).toEqual([]);
    expect(rev.label).toBe('v6 + fix.patch (1 hunk in arm-smmu-v3.c)');
  });
});

test('a series of two mails in one file: applied in order, the second on top of the first', () => {
  const kdump = revisionFile('latest', EDITS.kdump.file);
  const once = applyEdit(kdump, EDITS.kdump);
  // Mail 2 rewrites the line mail 1 wrote: it applies only after mail 1.
  const again: Edit = { file: EDITS.kdump.file, from: EDITS.kdump.to, to: `"kdump adoption: taking over the stream table\\n"` };
  const mail1 = formatPatchMail('Say what is adopted', 1, 2, [diffOf(EDITS.kdump, dir, { kernelPath: true })]);
  const mail2 = formatPatchMail('Reword, and refuse LOG2SIZE == sid_bits', 2, 2, [
    unifiedDiff(once, applyEdit(once, again), `${KERNEL_DIR}/${again.file}`, dir),
    diffOf(EDITS.kexec, dir, { kernelPath: true }),
  ]);
  const rev = prepare(write('series.mbox', mail1 + mail2));
  expectOnly(rev, 'latest', [EDITS.kdump, again, EDITS.kexec]);
  expect(rev.changes).toEqual([
    { file: 'arm-smmu-v3-kdump.c', hunks: 2 },
    { file: 'arm-smmu-v3-kexec.c', hunks: 1 },
  ]);
  expect(rev.label).toBe('latest + series.mbox (2 hunks in arm-smmu-v3-kdump.c, 1 hunk in arm-smmu-v3-kexec.c)');
  // The same two mails the other way round: mail 2 does not apply before mail 1, and the error names it.
  expect(refusal(write('reversed-series.mbox', mail2 + mail1))).toMatch(
    /\("\[PATCH 2\/2\] iommu\/arm-smmu-v3: Reword, and refuse LOG2SIZE == sid_bits"\): arm-smmu-v3-kdump\.c hunk #1 @@ .* does not apply to latest's arm-smmu-v3-kdump\.c: patch says "Hunk #1 FAILED/,
  );
});

describe('a C/H file replaces the base\'s file of the same name', () => {
  test('arm-smmu-v3-kdump.c of latest, changed', () => {
    const p = write('arm-smmu-v3-kdump.c', applyEdit(revisionFile('latest', EDITS.kdump.file), EDITS.kdump));
    const rev = prepare(p);
    expectOnly(rev, 'latest', [EDITS.kdump]);
    expect(rev.kind).toBe('file');
    expect(rev.changes).toEqual([{ file: 'arm-smmu-v3-kdump.c', hunks: 1 }]);
    expect(rev.label).toBe(`latest with arm-smmu-v3-kdump.c replaced by ${p} (1 hunk against latest's)`);
  });

  test('an unchanged copy is accepted, and says so', () => {
    const p = write('arm-smmu-v3-kexec.c', revisionFile('latest', 'arm-smmu-v3-kexec.c'));
    const rev = prepare(p);
    expectOnly(rev, 'latest', []);
    expect(rev.label).toBe(`latest with arm-smmu-v3-kexec.c replaced by ${p} (identical to latest's)`);
  });

  test('a name the base does not carry: refused, listing the names it carries', () => {
    const msg = refusal(write('my-fix.c', revisionFile('latest', 'arm-smmu-v3-kdump.c')));
    expect(msg).toMatch(/latest carries no my-fix\.c\. latest's files are arm-smmu-v3\.c, arm-smmu-v3\.h, arm-smmu-v3-kdump\.c, arm-smmu-v3-kexec\.c/);
  });

  test('kdump.c with --base v7 (which has no such file): refused, naming the bases that have it', () => {
    const msg = refusal(write('arm-smmu-v3-kdump.c', revisionFile('latest', 'arm-smmu-v3-kdump.c')), 'v7');
    expect(msg).toMatch(/v7 carries no arm-smmu-v3-kdump\.c\. v7's files are arm-smmu-v3\.c, arm-smmu-v3\.h.*--base latest/);
  });

  test('a diff named *.c: refused as a patch in disguise', () => {
    expect(refusal(write('arm-smmu-v3-kdump.c', diffOf(EDITS.kdump, dir)))).toMatch(/looks like a patch .* not C/);
  });
});

describe('refused, with the file and hunk named (nothing dropped, nothing built)', () => {
  test('a hunk that does not apply', () => {
    const diff = diffOf(EDITS.kdump, dir).replace(`-\tdev_dbg(smmu->dev, ${EDITS.kdump.from}`, '-\tdev_dbg(smmu->dev, "not what the file says\\n"');
    expect(refusal(write('stale.patch', diff))).toMatch(
      /stale\.patch: arm-smmu-v3-kdump\.c hunk #1 @@ -\d+,\d+ \+\d+,\d+ @@ .* does not apply to latest's arm-smmu-v3-kdump\.c: patch says "Hunk #1 FAILED at \d+\.?"\. Make the diff against harness\/revisions\/latest\/arm-smmu-v3-kdump\.c/,
    );
  });

  test('a hunk of arm-smmu-v3.c in a function the harness does not extract', () => {
    // A kernel-tree diff: a function the assembled file does not carry, changed.
    const extra = 'static int arm_smmu_not_extracted(struct arm_smmu_device *smmu)\n{\n\tint a = 1;\n\tint b = 2;\n\tint c = 3;\n\treturn a + b + c;\n}\n';
    const before = revisionFile('latest', 'arm-smmu-v3.c') + '\n' + extra;
    const diff = unifiedDiff(before, before.replace('int b = 2;', 'int b = 4;'), `${KERNEL_DIR}/arm-smmu-v3.c`, dir);
    const msg = refusal(write('elsewhere.patch', diff));
    expect(msg).toMatch(/arm-smmu-v3\.c hunk #1 @@ .* does not apply to latest's arm-smmu-v3\.c/);
    expect(msg).toMatch(/It is in arm_smmu_not_extracted\(\), which is not among the functions the harness extracts into harness\/revisions\/latest\/arm-smmu-v3\.c/);
    expect(msg).toContain(REQUIRED_FUNCTIONS.join(', '));
  });

  test('a hunk placed by fuzz must land in the function it names', () => {
    // The reviewer's tree differs from the assembled file in the hunk's first context line, so
    // patch needs fuzz 1 to place it: accepted where the change lands in the function diff names,
    // refused when the hunk names another function.
    const before = revisionFile('latest', EDITS.driver.file);
    const lines = before.split('\n');
    const i = lines.findIndex((l) => l.includes(EDITS.driver.from));
    lines[i - 3] = `${lines[i - 3]} /* the reviewer's tree */`;
    const theirs = lines.join('\n');
    const diff = unifiedDiff(theirs, applyEdit(theirs, EDITS.driver), EDITS.driver.file, dir);
    expect(diff).toMatch(/^@@ .* @@ static int arm_smmu_device_hw_probe\(/m);
    expectOnly(prepare(write('fuzzed.patch', diff)), 'latest', [EDITS.driver]);
    const misnamed = diff.replace(/^(@@ .* @@ ).*$/m, '$1static int arm_smmu_init_strtab(struct arm_smmu_device *smmu)');
    expect(refusal(write('misnamed.patch', misnamed))).toMatch(
      /misnamed\.patch: arm-smmu-v3\.c: patch applied a hunk only by guessing its place \(fuzz or offset\), and it did not land in the function it names: hunk #1 .* landed in arm_smmu_device_hw_probe\(\), not in arm_smmu_init_strtab\(\)/,
    );
  });

  test('a section for a file the base does not carry: kdump.c with --base v7', () => {
    expect(refusal(write('fix.patch', diffOf(EDITS.kdump, dir, { kernelPath: true })), 'v7')).toMatch(
      /fix\.patch: the section at line 1 \(\+\+\+ b\/drivers\/iommu\/arm\/arm-smmu-v3\/arm-smmu-v3-kdump\.c\) patches .*, which v7 does not carry\. v7's files are arm-smmu-v3\.c, arm-smmu-v3\.h.*give --base latest/,
    );
  });

  test('a section for an unrelated file `x`, even beside a good one', () => {
    const good = diffOf(EDITS.kdump, dir);
    const x = unifiedDiff('one\ntwo\n', 'one\nthree\n', 'x', dir);
    const msg = refusal(write('mixed.patch', good + x));
    expect(msg).toMatch(/mixed\.patch: the section at line \d+ \(\+\+\+ b\/x\) patches b\/x, which latest does not carry/);
  });

  test('a patch that changes nothing', () => {
    const kdump = revisionFile('latest', EDITS.kdump.file).split('\n');
    const i = kdump.findIndex((l) => l.includes(EDITS.kdump.from));
    const same = ['--- a/arm-smmu-v3-kdump.c', '+++ b/arm-smmu-v3-kdump.c', `@@ -${i + 1},1 +${i + 1},1 @@`, `-${kdump[i]}`, `+${kdump[i]}`, ''].join('\n');
    expect(refusal(write('noop.patch', same))).toMatch(/noop\.patch applies to latest but changes nothing: after it, arm-smmu-v3-kdump\.c is byte-identical to latest's/);
  });

  test('a patch already applied (or reversed)', () => {
    const kdump = revisionFile('latest', EDITS.kdump.file);
    const reversed = unifiedDiff(applyEdit(kdump, EDITS.kdump), kdump, EDITS.kdump.file, dir);
    expect(refusal(write('reversed.patch', reversed))).toMatch(/arm-smmu-v3-kdump\.c \(section at line 1\) is already in latest's arm-smmu-v3-kdump\.c, or reversed/);
  });

  test('a file with no diff in it', () => {
    expect(refusal(write('notes.patch', 'Looks good to me.\n'))).toMatch(/notes\.patch: no unified diff in it/);
  });

  test('a section that creates a file', () => {
    expect(refusal(write('new.patch', unifiedDiff('', 'int x;\n', 'arm-smmu-v3-new.c', dir).replace('--- a/arm-smmu-v3-new.c', '--- /dev/null')))).toMatch(
      /creates b\/arm-smmu-v3-new\.c; only files the base already carries can be patched/,
    );
  });

  test('a hunk cut short (a mangled mail)', () => {
    const diff = diffOf(EDITS.kdump, dir);
    const cut = diff.split('\n').slice(0, -3).join('\n') + '\n-- \n2.43.0\n';
    expect(refusal(write('cut.patch', cut))).toMatch(/cut\.patch: arm-smmu-v3-kdump\.c hunk #1 @@ .* is cut short at line \d+/);
  });

  test('a quoted-printable mail', () => {
    const mail = formatPatchMail('x', 1, 1, [diffOf(EDITS.kdump, dir)]).replace('Subject:', 'Content-Transfer-Encoding: quoted-printable\nSubject:');
    expect(refusal(write('qp.eml', mail))).toMatch(/quoted-printable-encoded/);
  });

  test('a directory, a missing file', () => {
    expect(refusal(dir)).toMatch(/is a directory/);
    expect(refusal(path.join(dir, 'nope.patch'))).toMatch(/nope\.patch: no such file/);
  });

  test('an unknown base, a mutant as base', () => {
    const p = write('fix.patch', diffOf(EDITS.kdump, dir));
    expect(refusal(p, 'v9')).toMatch(/--base v9: no such revision\. A base is one of: mainline .*latest \(arm-smmu-v3\.c, arm-smmu-v3\.h, arm-smmu-v3-kdump\.c, arm-smmu-v3-kexec\.c\)/);
    expect(refusal(p, 'latest-no-l2ptrs-kfree')).toMatch(/--base latest-no-l2ptrs-kfree: that is a mutant \(of latest\)/);
  });
});

describe('through loadRevision: exit 2 (UsageError), before any compiler runs', () => {
  function usage(p: string, base?: string): UsageError {
    try {
      loadRevision(p, { base });
    } catch (e) {
      if (e instanceof UsageError) return e;
      throw e;
    }
    throw new Error(`loadRevision(${p}) did not fail`);
  }

  test.each([
    ['a directory', () => [dir], /^--revision .* is a directory/],
    ['a file `x` in the patch', () => [write('x.patch', unifiedDiff('a\n', 'b\n', 'x', dir))], /^--revision .*x\.patch: the section at line 1 \(\+\+\+ b\/x\)/],
    ['kdump.c on v7', () => [write('k.patch', diffOf(EDITS.kdump, dir)), 'v7'], /which v7 does not carry/],
    ['--base with a listed name', () => ['v6', 'latest'], /--base applies to a path/],
  ] as [string, () => [string, string?], RegExp][])('%s', (_what, args, re) => {
    const [p, base] = args();
    const e = usage(p, base);
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(re);
  });
});

/**
 * `--revision PATH [--base NAME]`: a reviewer's patch or file, built on the spot on a base
 * revision, is what runs. Whatever the machine (with or without clang-14), a path that cannot be
 * built ends in a UsageError (exit 2) that says what to do; with clang (CI installs it), each
 * build is checked by what it does: the changed line shows in the log, or the changed check
 * changes the verdict on adoption. Each case asserts the branch this machine takes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildEntry } from '../../harness/build/revision';
import { findToolchain } from '../../harness/build/toolchain';
import { UsageError } from '../../harness/errors';
import { readCatalog } from '../../harness/revisions/catalog';
import { loadRevision, runScenario, type Revision } from '../../harness/scenario/api';
import { REPO_ROOT } from '../../harness/scenario/revision';
import type { Outcome } from '../../harness/scenario/types';
import { applyEdit, diffOf, EDITS, formatPatchMail, revisionFile } from '../build/_reviewerPatches';
import { intactLinear, intactTwoLevel, withCorruption } from '../../harness/stories/intact';

function hasClang(): boolean {
  try {
    findToolchain();
    return true;
  } catch {
    return false;
  }
}
const clang = hasClang();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revision-path-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(name: string, text: string): string {
  const d = path.join(dir, String(n++));
  fs.mkdirSync(d);
  const p = path.join(d, name);
  fs.writeFileSync(p, text);
  return p;
}

function usageError(p: string, base?: string): UsageError {
  try {
    loadRevision(p, { base });
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`loadRevision(${p}) did not fail`);
}

/** The built revision, or null without clang (after checking it says how to install it). */
function built(p: string, base?: string): Revision | null {
  if (clang) return loadRevision(p, { base });
  expect(usageError(p, base).message).toMatch(/apt-get install clang-14 lld-14/);
  return null;
}

const logText = (o: Outcome) => o.log.map((l) => l.text).join('\n');
const latest = () => loadRevision('latest');

/** The kdump.c change shows: its dev_dbg is in the log of an adoption. */
function expectKdumpEdit(rev: Revision): void {
  expect(logText(runScenario(rev, intactTwoLevel(16)))).toContain("adopting the crashed kernel's stream table (reviewed)");
  expect(logText(runScenario(latest(), intactTwoLevel(16)))).not.toContain('(reviewed)');
}

/** The kexec.c change shows: an intact linear table of 2^sid_bits STEs is no longer adopted. */
function expectKexecEdit(rev: Revision): void {
  expect(runScenario(latest(), intactLinear(8)).adopted).toBe(true);
  expect(runScenario(rev, intactLinear(8)).adopted).toBe(false);
  expect(runScenario(rev, intactTwoLevel(16)).adopted).toBe(true);
}

/** The arm-smmu-v3.c change shows: hw_probe's dev_info reads differently. */
function expectDriverEdit(rev: Revision): void {
  expect(logText(runScenario(rev, intactTwoLevel(16)))).toMatch(/IAS 48-bit, OAS 48-bit/);
  expect(logText(runScenario(latest(), intactTwoLevel(16)))).toMatch(/ias 48-bit, oas 48-bit/);
}

test('a path that does not exist: exit 2, naming the path', () => {
  expect(usageError(path.join(dir, 'nope.c')).message).toMatch(/nope\.c: no such file/);
});

test('a C file that does not compile: exit 2 with the compiler error on the user\'s file (or, without clang, how to install it)', () => {
  const bad = write('arm-smmu-v3-kexec.c', 'int arm_smmu_kexec_parse_strtab_linear(void) { return }\n');
  const msg = usageError(bad).message;
  if (clang) expect(msg).toContain(`${bad}:1:`);
  if (clang) expect(msg).toMatch(/error/);
  else expect(msg).toMatch(/apt-get install clang-14 lld-14/);
});

describe('a patch per file of latest, by base name and by kernel path (a mail): built, and it is what runs', () => {
  const cases = [
    ['kdump', EDITS.kdump, expectKdumpEdit],
    ['kexec', EDITS.kexec, expectKexecEdit],
    ['driver', EDITS.driver, expectDriverEdit],
  ] as const;
  for (const [what, edit, check] of cases) {
    test(`${edit.file} (${what})`, () => {
      const byName = built(write('fix.patch', diffOf(edit, dir)));
      const mail = formatPatchMail(`change ${what}`, 1, 1, [diffOf(edit, dir, { kernelPath: true })]);
      const byKernelPath = built(write('0001-fix.patch', mail));
      if (!byName || !byKernelPath) return;
      expect(byName.label).toBe(`latest + fix.patch (1 hunk in ${edit.file})`);
      expect(byName.base).toBe('latest');
      expect(byName.changes).toEqual([{ file: edit.file, hunks: 1 }]);
      expect(byKernelPath.label).toBe(`latest + 0001-fix.patch (1 hunk in ${edit.file})`);
      check(byName);
      // The same change, however it is named, builds the same module.
      expect(Buffer.from(byKernelPath.bytes).equals(Buffer.from(byName.bytes))).toBe(true);
    });
  }
});

test('a series of two mails in one file, touching kdump.c and kexec.c: both changes run', () => {
  const series =
    formatPatchMail('Say what is adopted', 1, 2, [diffOf(EDITS.kdump, dir, { kernelPath: true })]) +
    formatPatchMail('Refuse LOG2SIZE == sid_bits', 2, 2, [diffOf(EDITS.kexec, dir, { kernelPath: true })]);
  const rev = built(write('series.mbox', series));
  if (!rev) return;
  expect(rev.label).toBe('latest + series.mbox (1 hunk in arm-smmu-v3-kdump.c, 1 hunk in arm-smmu-v3-kexec.c)');
  expectKdumpEdit(rev);
  expectKexecEdit(rev);
});

test('a C file replacing arm-smmu-v3-kdump.c / -kexec.c of latest: what runs, the same module as the same change as a patch', () => {
  const kdump = built(write('arm-smmu-v3-kdump.c', applyEdit(revisionFile('latest', 'arm-smmu-v3-kdump.c'), EDITS.kdump)));
  const kexec = built(write('arm-smmu-v3-kexec.c', applyEdit(revisionFile('latest', 'arm-smmu-v3-kexec.c'), EDITS.kexec)));
  if (!kdump || !kexec) return;
  expect(kdump.label).toMatch(/^latest with arm-smmu-v3-kdump\.c replaced by .*arm-smmu-v3-kdump\.c \(1 hunk against latest's\)$/);
  expectKdumpEdit(kdump);
  expectKexecEdit(kexec);
  const asPatch = loadRevision(write('fix.patch', diffOf(EDITS.kexec, dir)));
  expect(Buffer.from(kexec.bytes).equals(Buffer.from(asPatch.bytes))).toBe(true);
});

test("an unchanged copy of latest's kdump.c: latest's very module, and latest's outcomes", () => {
  const copy = built(write('arm-smmu-v3-kdump.c', revisionFile('latest', 'arm-smmu-v3-kdump.c')));
  if (!copy) return;
  expect(copy.label).toMatch(/\(identical to latest's\)$/);
  // Against a fresh build of latest's committed sources (not the committed .wasm, which another
  // change may be about to rebuild).
  const fresh = path.join(dir, 'latest.wasm');
  buildEntry(REPO_ROOT, readCatalog(REPO_ROOT).find((e) => e.name === 'latest')!, fresh);
  expect(Buffer.from(copy.bytes).equals(fs.readFileSync(fresh))).toBe(true);
  for (const s of [intactTwoLevel(16), intactLinear(8), withCorruption(intactTwoLevel(16), { kind: 'l1-desc-xor', target: 'l1', idx: 0, op: 'xor', value: 0x40n })]) {
    const mine = runScenario(copy, s);
    const theirs = runScenario(latest(), s);
    expect([mine.adopted, mine.probe_ret, mine.ledger.length, logText(mine)]).toEqual([theirs.adopted, theirs.probe_ret, theirs.ledger.length, logText(theirs)]);
  }
});

test("v6's arm-smmu-v3.c given with --base v6 builds and runs like the committed v6 (or, without clang, exit 2)", () => {
  const rev = built(write('arm-smmu-v3.c', revisionFile('v6', 'arm-smmu-v3.c')), 'v6');
  if (!rev) return;
  expect(rev.base).toBe('v6');
  const mine = runScenario(rev, intactTwoLevel(16));
  const committed = runScenario(loadRevision('v6'), intactTwoLevel(16));
  expect(mine.adopted).toBe(true);
  expect(mine.ledger.map((e) => [e.kind, e.size, e.site])).toEqual(committed.ledger.map((e) => [e.kind, e.size, e.site]));
});

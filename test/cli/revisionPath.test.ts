/**
 * `--revision PATH`: a C file or a patch built on the spot. Whatever the machine (with or
 * without clang-14), a bad path ends in a UsageError (exit 2) that says what to do; with clang,
 * a good C file builds and runs. Each case asserts the branch this machine takes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../harness/errors';
import { findToolchain } from '../../harness/build/toolchain';
import { loadRevision, runScenario } from '../../harness/scenario/api';
import { REPO_ROOT } from '../../harness/scenario/revision';
import { intactTwoLevel } from '../_support/scenarios';

function hasClang(): boolean {
  try {
    findToolchain();
    return true;
  } catch {
    return false;
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revision-path-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function usageError(p: string): UsageError {
  try {
    loadRevision(p);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`loadRevision(${p}) did not fail`);
}

test('a path that does not exist: exit 2, naming the path', () => {
  expect(usageError(path.join(dir, 'nope.c')).message).toMatch(/nope\.c: no such file/);
});

test('a C file that does not compile: exit 2 with the compiler error (or, without clang, how to install it)', () => {
  const bad = path.join(dir, 'broken.c');
  fs.writeFileSync(bad, 'static int arm_smmu_init_strtab(struct arm_smmu_device *smmu) { return }\n');
  const msg = usageError(bad).message;
  if (hasClang()) expect(msg).toMatch(/broken\.c.*error/s);
  else expect(msg).toMatch(/apt-get install clang-14 lld-14/);
});

test("a good C file (v6's arm-smmu-v3.c) builds and runs like the committed v6 (or, without clang, exit 2)", () => {
  const good = path.join(dir, 'v6-copy.c');
  // A comment unique to this run, so that the build cache (keyed by content) cannot answer.
  const v6 = fs.readFileSync(path.join(REPO_ROOT, 'harness/revisions/v6/arm-smmu-v3.c'), 'utf8');
  fs.writeFileSync(good, `/* ${dir} */\n${v6}`);
  if (!hasClang()) {
    expect(usageError(good).message).toMatch(/apt-get install clang-14 lld-14/);
    return;
  }
  const built = runScenario(loadRevision(good), intactTwoLevel(16));
  const committed = runScenario(loadRevision('v6'), intactTwoLevel(16));
  expect(built.adopted).toBe(true);
  expect(built.ledger.map((e) => [e.kind, e.size, e.site])).toEqual(committed.ledger.map((e) => [e.kind, e.size, e.site]));
});

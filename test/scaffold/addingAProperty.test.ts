/**
 * "Adding a property is one file": in a temporary copy of the repository, `npm run new-property`
 * plus a real check and its test, with no other edit, keeps the tests that judge properties
 * green without clang-14, while the mutant requirement is still enforced in CI:
 *
 *  1. test/properties/index.test.ts (every property, structurally) and the new property's own
 *     test pass;
 *  2. test/properties/everyPropertyCanFail.test.ts, for the new property, without clang-14 and
 *     outside CI: passes, with a todo "NO MUTANT makes <name> fail yet" and the next step;
 *  3. the same with CI=true (still no clang: the CI test job has none): fails, naming the
 *     property and the mutant to write.
 *
 * test/mutants/every-mutant-is-caught.test.ts is per mutant only, so a new property cannot make
 * it red; it is not rerun here (it runs every mutant, which is the slow part).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runNewProperty } from '../../harness/scaffold/newProperty';
import { clangOrCi } from '../properties/_canFail';

const REPO = path.resolve(__dirname, '..', '..');
const NAME = 'no-double-release';
const NO_CLANG = '/nonexistent/clang-14';

let root: string;

function copyRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'add-property-'));
  for (const rel of ['harness', 'properties', 'generators', 'test', 'corpus', 'package.json', 'tsconfig.json']) {
    fs.cpSync(path.join(REPO, rel), path.join(dir, rel), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** jest in the copy, with the project's transform; `env` on top of this process's, CI unset unless given. */
function jest(files: string[], env: Record<string, string>, testNamePattern?: string) {
  const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: path.join(root, 'tsconfig.json') }] };
  // The files first: --moduleFileExtensions takes every word after it.
  const args = ['--runTestsByPath', ...files, '--runInBand', '--rootDir', root, '--roots', `${root}/test`, '--ci', '--colors=false',
    '--verbose', '--transform', JSON.stringify(transform), ...(testNamePattern ? ['-t', testNamePattern] : []),
    '--moduleFileExtensions', 'ts', 'js', 'json'];
  const base = { ...process.env };
  delete base.CI;
  delete base.JEST_JUNIT_OUTPUT_DIR;
  return spawnSync(path.join(REPO, 'node_modules', '.bin', 'jest'), args,
    { cwd: root, encoding: 'utf8', timeout: 480_000, env: { ...base, ...env } });
}

/** What an author writes: a description, a check over the run, and the test of the bug. */
function writeProperty(): void {
  const file = path.join(root, 'properties', `${NAME}.ts`);
  const done = fs.readFileSync(file, 'utf8')
    .replace(/return fail\(NAME, 'todo'[\s\S]*?\);\n/,
      "const twice = outcome.violations.find((v) => v.kind === 'double-release');\n" +
      "  return twice ? fail(NAME, 'double-release', twice.site ?? 'unknown', `released twice: ${twice.message}`) : PASS;\n")
    .replace(/'TODO: one paragraph[\s\S]*?\.',\n/,
      "'A mapping or allocation the adoption code made is released exactly once: a second memunmap() or kfree() of it " +
      "unmaps or frees memory that may by then belong to someone else in the kdump kernel.',\n");
  fs.writeFileSync(file, done);
  const test = path.join(root, 'test', 'properties', `${NAME}.test.ts`);
  fs.writeFileSync(test, fs.readFileSync(test, 'utf8').replace(/ {2}test\.todo\([^\n]*\n/,
    "  test('fails when the run released something twice', () => {\n" +
    '    const ctx = ctxAdopted();\n' +
    "    ctx.outcome.violations.push({ kind: 'double-release', message: 'memunmap of 0x100000000 twice', site: 'arm_smmu_kdump_adopt_cleanup', phase: 'teardown', step: 9 });\n" +
    `    expect(expectFail(property.check(ctx)).signature).toBe('${NAME}:double-release@arm_smmu_kdump_adopt_cleanup');\n` +
    '  });\n'));
}

beforeAll(() => {
  root = copyRepo();
  const out: string[] = [];
  expect(runNewProperty([NAME, '--root', root], (s) => out.push(s), (s) => out.push(s))).toBe(0);
  expect(out.join('')).toContain('REQUIRED BEFORE MERGE');
  writeProperty();
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

test('the new property\'s own test and the structural index test pass', () => {
  const r = jest([`test/properties/${NAME}.test.ts`, 'test/properties/index.test.ts'], { KSHIM_CLANG: NO_CLANG });
  expect(r.stderr).toMatch(/Test Suites: 2 passed, 2 total\nTests:\s+\d+ passed, \d+ total/);
  expect(r.status).toBe(0);
}, 600_000);

test('without clang-14, outside CI: everyPropertyCanFail passes for it, with a todo naming the missing mutant', () => {
  const r = jest(['test/properties/everyPropertyCanFail.test.ts'], { KSHIM_CLANG: NO_CLANG }, NAME);
  expect(r.stderr).toContain(`todo NO MUTANT makes ${NAME} fail yet`);
  expect(r.stderr).toContain(`a constant-PASS imitation of ${NAME} is rejected`);
  expect(r.stderr).toMatch(/Tests:.* 1 todo, \d+ passed/);
  expect(r.status).toBe(0);
}, 600_000);

test('in CI (CI=true, still no clang-14): everyPropertyCanFail fails, naming the property and the mutant to write', () => {
  const r = jest(['test/properties/everyPropertyCanFail.test.ts'], { KSHIM_CLANG: NO_CLANG, CI: 'true' }, NAME);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`${NAME}: no mutant makes it fail on any of the`);
  expect(r.stderr).toContain('harness/revisions/mutants/latest-<what-it-breaks>.patch');
  expect(r.stderr).toMatch(new RegExp(`${NAME} can fail on real C\\n\\s+✕ a mutant makes it fail`));
}, 600_000);

describe('where the mutant requirement is enforced', () => {
  const saved = { CI: process.env.CI, KSHIM_CLANG: process.env.KSHIM_CLANG, KSHIM_WASM_LD: process.env.KSHIM_WASM_LD };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  test('no clang-14 and not CI: not enforced; CI=true: enforced; a clang-14 that runs: enforced', () => {
    delete process.env.CI;
    process.env.KSHIM_CLANG = NO_CLANG;
    expect(clangOrCi()).toBe(false);
    process.env.CI = 'true';
    expect(clangOrCi()).toBe(true);
    delete process.env.CI;
    // Any command that answers --version stands in for the toolchain.
    process.env.KSHIM_CLANG = '/bin/true';
    process.env.KSHIM_WASM_LD = '/bin/true';
    expect(clangOrCi()).toBe(true);
  });
});

/**
 * `npm run new-property -- NAME`, in a temporary copy of the parts of the repository it touches:
 * it creates the property and its test, both parse and typecheck where they would live, the
 * property loads through properties/index.ts under its name, fails with the TODO signature, and
 * its test is red until the check is written. Bad or taken names exit 2 and write nothing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import {
  PROPERTY_NAME, PROPERTY_TEMPLATE, TEST_TEMPLATE, render, runNewProperty, scaffold, targetFiles,
} from '../../harness/scaffold/newProperty';
import type { Property } from '../../harness/scenario/types';
import { loadProperties } from '../../properties/index';
import { ctxAdopted, ctxFallback, ctxLinear } from '../properties/_outcome';

const REPO = path.resolve(__dirname, '..', '..');

let root: string;

/** The parts the generated files need (properties/_lib, the types, the test fixtures) and every module they import. */
function copyRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'new-property-'));
  const pending = [
    ...fs.readdirSync(path.join(REPO, 'properties/_lib')).map((f) => `properties/_lib/${f}`),
    'harness/scenario/types.ts',
    'harness/scenario/outcome.ts',
    'test/properties/_outcome.ts',
  ];
  const copied = new Set<string>();
  while (pending.length > 0) {
    const rel = pending.pop()!;
    if (copied.has(rel)) continue;
    copied.add(rel);
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.copyFileSync(path.join(REPO, rel), path.join(dir, rel));
    // Follow relative imports, so a fixture that imports the harness's model brings it along.
    const text = fs.readFileSync(path.join(REPO, rel), 'utf8');
    for (const m of text.matchAll(/(?:from|require\()\s*'(\.[^']+)'/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]));
      const file = [`${target}.ts`, `${target}/index.ts`, target].find((f) => fs.existsSync(path.join(REPO, f)) && fs.statSync(path.join(REPO, f)).isFile());
      if (file) pending.push(file);
    }
  }
  // jest run inside the copy resolves ts-jest from here.
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function call(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runNewProperty([...args, '--root', root], (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join(''), err: err.join('') };
}

/** Every file under root, relative, sorted: to prove a refused call wrote nothing. */
function tree(dir = root, base = ''): string[] {
  return fs.readdirSync(path.join(dir, base), { withFileTypes: true }).filter((d) => d.name !== 'node_modules').flatMap((d) => {
    const rel = path.join(base, d.name);
    return d.isDirectory() ? tree(dir, rel) : [rel];
  }).sort();
}

/**
 * Typechecks generated files as if they sat at their place in this repository (served from
 * memory, nothing written to the real tree), with the project's tsconfig.
 */
function typecheckInRepo(files: Record<string, string>): string[] {
  const cfgFile = ts.readConfigFile(path.join(REPO, 'tsconfig.json'), ts.sys.readFile);
  const cfg = ts.parseJsonConfigFileContent(cfgFile.config, ts.sys, REPO);
  const overlay = new Map(Object.entries(files).map(([rel, text]) => [path.join(REPO, rel), text]));
  const host = ts.createCompilerHost(cfg.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) =>
    overlay.has(f) ? ts.createSourceFile(f, overlay.get(f)!, lang) : getSourceFile(f, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => overlay.has(f) || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => overlay.get(f) ?? readFile(f);
  const program = ts.createProgram([...overlay.keys()], cfg.options, host);
  return [...overlay.keys()].flatMap((f) => ts.getPreEmitDiagnostics(program, program.getSourceFile(f)))
    .map((d) => `${d.file ? path.relative(REPO, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

beforeEach(() => {
  root = copyRepo();
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('npm run new-property -- NAME', () => {
  test('creates properties/NAME.ts and test/properties/NAME.test.ts, and says what to do next', () => {
    const r = call(['l2-span-bounded']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(root, 'properties', 'l2-span-bounded.ts'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'test', 'properties', 'l2-span-bounded.test.ts'))).toBe(true);
    expect(r.out).toContain('created properties/l2-span-bounded.ts');
    expect(r.out).toContain('npx jest test/properties/l2-span-bounded.test.ts');
    expect(r.out).toContain('npm run fuzz -- --property l2-span-bounded');
    // The mutant is a marked step, not a silent requirement: what, where, and that it needs clang.
    expect(r.out).toContain('REQUIRED BEFORE MERGE (CI fails without it; needs clang-14)');
    expect(r.out).toContain('write a mutant of latest that only this property catches');
    expect(r.out).toContain('harness/revisions/mutants/latest-<what-it-breaks>.patch');
    expect(r.out).toContain('test/mutants/l2-span-bounded.test.ts');
  });

  test('both files parse and typecheck where they will live', () => {
    scaffold('l2-span-bounded', root);
    const files = targetFiles('l2-span-bounded');
    const texts = {
      [files.property]: fs.readFileSync(path.join(root, files.property), 'utf8'),
      [files.test]: fs.readFileSync(path.join(root, files.test), 'utf8'),
    };
    for (const [rel, text] of Object.entries(texts)) {
      const out = ts.transpileModule(text, { fileName: rel, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
      expect(out.diagnostics ?? []).toEqual([]);
      expect(text).not.toContain('__NAME__');
    }
    expect(typecheckInRepo(texts)).toEqual([]);
  });

  test('the property is found by the loader under its name and fails with the TODO signature', () => {
    scaffold('l2-span-bounded', root);
    // The real loader (properties/index.ts), pointed at the copy.
    const props: Property[] = loadProperties(path.join(root, 'properties'));
    expect(props.map((p) => p.name)).toEqual(['l2-span-bounded']);
    const p = props[0];
    expect(PROPERTY_NAME.test(p.name)).toBe(true);
    for (const ctx of [ctxAdopted(), ctxFallback(), ctxLinear()]) {
      expect(p.check(ctx)).toEqual({
        ok: false,
        signature: 'l2-span-bounded:todo@check-not-written',
        message: 'TODO: the check of property l2-span-bounded is not written yet (properties/l2-span-bounded.ts).',
      });
    }
    expect(p.description).toMatch(/^TODO/);
  });

  test('its test is red until the check is written, and green once it is', () => {
    scaffold('l2-span-bounded', root);
    const jest = path.join(REPO, 'node_modules', '.bin', 'jest');
    // The project's transform (jest.config.ts), with its tsconfig: isolatedModules = transpile only.
    const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: path.join(REPO, 'tsconfig.json') }] };
    // The file first: --moduleFileExtensions takes every word after it.
    const runJest = () => spawnSync(jest, ['--runTestsByPath', `${root}/test/properties/l2-span-bounded.test.ts`, '--runInBand',
      '--rootDir', root, '--roots', `${root}/test`, '--ci', '--colors=false', '--transform', JSON.stringify(transform),
      '--moduleFileExtensions', 'ts', 'js', 'json'],
    { cwd: REPO, encoding: 'utf8', timeout: 90_000, env: { ...process.env, JEST_JUNIT_OUTPUT_DIR: '' } });

    const red = runJest();
    expect(red.status).toBe(1);
    expect(red.stderr).toMatch(/Tests:\s+2 failed, 1 todo, 3 total/);

    // What an author does: write a description and a check that holds on clean runs.
    const file = path.join(root, 'properties', 'l2-span-bounded.ts');
    const done = fs.readFileSync(file, 'utf8')
      .replace(/return fail\(NAME, 'todo'[\s\S]*?\);\n/, 'return outcome.crash ? fail(NAME, \'crash\', \'probe\', \'crashed\') : PASS;\n')
      .replace(/'TODO: one paragraph[\s\S]*?\.',\n/, '\'An L2 table adopted on a lazy insert is never larger than the span the kdump kernel itself would use, so a corrupted SPAN cannot make it map past the table.\',\n');
    expect(done).not.toMatch(/TODO: (the check|one paragraph)/);
    fs.writeFileSync(file, done);
    const green = runJest();
    expect(green.stderr).toMatch(/Tests:\s+1 todo, 2 passed, 3 total/);
    expect(green.status).toBe(0);
  });

  test('refuses a name that is not kebab-case, with the rule and a suggestion; writes nothing', () => {
    const before = tree();
    for (const bad of ['L2SpanBounded', 'l2_span', '-l2', 'l2--span', 'l2-', '2l-span', '_private', 'a b', 'x'.repeat(61)]) {
      const r = call([bad]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^new-property: /);
    }
    expect(call(['L2_Span_Bounded']).err).toContain('try: npm run new-property -- l2-span-bounded');
    expect(call(['l2_span']).err).toContain('not kebab-case: lower-case letters, digits and single hyphens');
    expect(call(['index']).err).toContain('properties/index.ts is the loader');
    expect(tree()).toEqual(before);
  });

  test('no name, two names or an unknown option: usage, exit 2', () => {
    expect(call([])).toMatchObject({ code: 2, err: expect.stringContaining('no property name given') });
    expect(call(['a-b', 'c-d'])).toMatchObject({ code: 2, err: expect.stringContaining('one property name at a time') });
    expect(call(['a-b', '--force'])).toMatchObject({ code: 2, err: expect.stringContaining('usage: npm run new-property') });
  });

  test('re-running refuses and overwrites nothing, even after the author edited the files', () => {
    scaffold('l2-span-bounded', root);
    const file = path.join(root, 'properties', 'l2-span-bounded.ts');
    fs.appendFileSync(file, '// the author\'s work\n');
    const before = fs.readFileSync(file, 'utf8');
    const r = call(['l2-span-bounded']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("property 'l2-span-bounded' already exists: properties/l2-span-bounded.ts, test/properties/l2-span-bounded.test.ts");
    expect(r.err).toContain('never overwrites');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  test('a name taken by only one of the two files is refused too (no half scaffold)', () => {
    fs.mkdirSync(path.join(root, 'test', 'properties'), { recursive: true });
    fs.writeFileSync(path.join(root, 'test', 'properties', 'orphan-test.test.ts'), '// kept\n');
    expect(call(['orphan-test']).code).toBe(2);
    expect(fs.existsSync(path.join(root, 'properties', 'orphan-test.ts'))).toBe(false);
  });

  test('the templates name nothing but __NAME__ and document the signature rule', () => {
    const prop = fs.readFileSync(PROPERTY_TEMPLATE, 'utf8');
    const test = fs.readFileSync(TEST_TEMPLATE, 'utf8');
    expect(prop).toContain("const NAME = '__NAME__';");
    expect(prop).toMatch(/signature[\s\S]*STABLE/);
    expect(test).toContain("import property from '../../properties/__NAME__';");
    expect(render('a__NAME__b__NAME__', 'x-y')).toBe('ax-ybx-y');
  });

  test('the command line: npm run new-property -- NAME --root DIR (run through ts-node)', () => {
    const r = spawnSync(path.join(REPO, 'node_modules', '.bin', 'ts-node'),
      ['--transpile-only', path.join(REPO, 'harness', 'scaffold', 'newProperty.ts'), 'l2-span-bounded', '--root', root],
      { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const again = spawnSync(path.join(REPO, 'node_modules', '.bin', 'ts-node'),
      ['--transpile-only', path.join(REPO, 'harness', 'scaffold', 'newProperty.ts'), 'l2-span-bounded', '--root', root],
      { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});

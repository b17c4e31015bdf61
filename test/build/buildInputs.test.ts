/**
 * The build cache key of a `--revision PATH` build covers everything that changes the .wasm:
 * the input, the base and its files, the whole shim, the compiler flags, the toolchain and the
 * revisions' base patches. (No clang needed: the toolchain's identity is passed in.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BuildInputs, collectBuildInputs, inputsHash } from '../../harness/build/buildInputs';
import { sourceNameOf } from '../../harness/build/fromPath';
import { prepareUserRevision } from '../../harness/build/userRevision';
import { REPO_ROOT } from '../../harness/scenario/revision';
import { applyEdit, EDITS, revisionFile } from './_reviewerPatches';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-inputs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CLANG = 'Ubuntu clang version 14.0.0-1ubuntu1.1\nTarget: x86_64-pc-linux-gnu';

/** The inputs of arm-smmu-v3.c (latest's, with one line changed) built on `base`. */
function inputsOn(base: string, toolchainId = CLANG): BuildInputs {
  const file = path.join(dir, 'arm-smmu-v3.c');
  fs.writeFileSync(file, applyEdit(revisionFile('latest', EDITS.driver.file), EDITS.driver));
  const revision = prepareUserRevision(file, { base, repoRoot: REPO_ROOT });
  return collectBuildInputs({ input: { path: file, content: fs.readFileSync(file) }, revision, sourceName: sourceNameOf(revision), toolchainId, repoRoot: REPO_ROOT });
}

function filesUnder(rel: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, rel), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(REPO_ROOT, path.join(d.parentPath ?? d.path, d.name)));
}

function changed(parts: BuildInputs, name: string, value: string): BuildInputs {
  expect(parts.has(name)).toBe(true);
  return new Map(parts).set(name, value);
}

test('the same inputs give the same key', () => {
  expect(inputsHash(inputsOn('latest'))).toBe(inputsHash(inputsOn('latest')));
});

test('every file of the shim (recursively), of harness/revisions/sources and of the base is an input', () => {
  const parts = inputsOn('latest');
  const shim = filesUnder('harness/shim');
  expect(shim).toContain('harness/shim/include/linux/' + fs.readdirSync(path.join(REPO_ROOT, 'harness/shim/include/linux'))[0]);
  for (const f of shim) expect(parts.get(`shim:${f}`)).toEqual(fs.readFileSync(path.join(REPO_ROOT, f)));
  for (const f of filesUnder('harness/revisions/sources')) expect(parts.has(`sources:${f}`)).toBe(true);
  for (const f of ['arm-smmu-v3.c', 'arm-smmu-v3.h', 'arm-smmu-v3-kdump.c', 'arm-smmu-v3-kexec.c']) {
    expect(parts.get(`base:${f}`)).toBe(revisionFile('latest', f));
  }
  expect(parts.get('base:name')).toBe('latest');
  expect(parts.get('build:sourceName')).toBe('harness/revisions/latest');
});

test('the compiler flags are an input (compile.ts, where they are), and changing one changes the key', () => {
  const parts = inputsOn('latest');
  const flags = parts.get('flags:harness/build/compile.ts')!.toString();
  for (const flag of ['--target=wasm64-unknown-unknown', '-O2', '-fno-inline', '-fsanitize=address', '--stack-first']) expect(flags).toContain(flag);
  expect(inputsHash(changed(parts, 'flags:harness/build/compile.ts', flags.replace("'-O2'", "'-O1'")))).not.toBe(inputsHash(parts));
});

test('changing the base changes the key (the same file on v7 and on v6)', () => {
  const keys = ['latest', 'v7', 'v6'].map((b) => inputsHash(inputsOn(b)));
  expect(new Set(keys).size).toBe(3);
});

test('changing the toolchain, a shim file, a base file or the input changes the key', () => {
  const parts = inputsOn('latest');
  const key = inputsHash(parts);
  expect(inputsHash(inputsOn('latest', CLANG.replace('14.0.0', '14.0.6')))).not.toBe(key);
  expect(inputsHash(changed(parts, 'shim:harness/shim/include/kshim.h', '/* changed */'))).not.toBe(key);
  expect(inputsHash(changed(parts, 'base:arm-smmu-v3-kexec.c', '/* changed */'))).not.toBe(key);
  expect(inputsHash(changed(parts, 'input:content', '/* changed */'))).not.toBe(key);
  expect(inputsHash(changed(parts, 'sources:harness/revisions/sources/v6.18-header-compat.patch', ''))).not.toBe(key);
});

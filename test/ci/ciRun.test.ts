/**
 * .ci/run is what CI runs on a clean clone: it must install with `npm ci`, run the README's
 * test command (`npm test`) and the reproducible C build check, in that order, and stop at the
 * first failure. Checked statically, and by running it against stub npm/clang/apt-get on PATH:
 * the real steps are what the rest of the suite and the C build check test.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const RUN = path.join(REPO, '.ci', 'run');
const text = fs.readFileSync(RUN, 'utf8');

/** Command lines of the script (comments and blank lines dropped). */
const lines = text.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '').trim()).filter(Boolean);
const at = (re: RegExp) => lines.findIndex((l) => re.test(l));

test('is an executable bash script with set -euo pipefail', () => {
  expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
  expect(fs.statSync(RUN).mode & 0o111).toBe(0o111);
  expect(lines).toContain('set -euo pipefail');
  const syntax = spawnSync('bash', ['-n', RUN], { encoding: 'utf8' });
  expect(syntax.stderr).toBe('');
  expect(syntax.status).toBe(0);
});

test('runs npm ci, then npm test, then the C build check', () => {
  const ci = at(/\bnpm ci\b/);
  const npmTest = at(/\bnpm test\b/);
  const check = at(/\bnpm run build:c -- --check\b/);
  expect(ci).toBeGreaterThanOrEqual(0);
  expect(npmTest).toBeGreaterThan(ci);
  expect(check).toBeGreaterThan(npmTest);
});

test('installs clang-14 and lld-14 non-interactively when they are missing, before the tests (which build C)', () => {
  expect(text).toMatch(/DEBIAN_FRONTEND=noninteractive apt-get install -y[^\n]* clang-14 lld-14/);
  expect(text).toContain('apt-get update');
  expect(at(/apt-get install/)).toBeLessThan(at(/\bnpm test\b/));
  expect(at(/apt-get install/)).toBeLessThan(at(/build:c -- --check/));
});

describe('run against stubs', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-run-')); });
  afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  /** A stub command that logs its argv; `npm test` also writes the jest --json result. */
  function stubs(opts: { clang: boolean; failTest?: boolean }) {
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    const log = path.join(tmp, 'log');
    const write = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
    write('npm', `echo "npm $*" >> ${log}
if [[ "$1" == test ]]; then
  ${opts.failTest ? 'exit 1' : ''}
  for a in "$@"; do case "$a" in --outputFile=*) echo '{"numPassedTests":7,"numFailedTests":0,"numPendingTests":1,"numTodoTests":0}' > "\${a#--outputFile=}";; esac; done
fi`);
    write('apt-get', `echo "apt-get $*" >> ${log}`);
    write('sudo', `"$@"`);
    if (opts.clang) {
      write('clang-14', 'echo "Debian clang version 14.0.6"');
      write('wasm-ld-14', 'true');
    }
    // Only the stubs and the basics: no real npm, clang or apt-get can be reached.
    for (const tool of ['bash', 'node', 'dirname', 'mktemp', 'rm', 'head', 'env', 'cat']) {
      const real = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (real && !fs.existsSync(path.join(bin, tool))) fs.symlinkSync(real, path.join(bin, tool));
    }
    return { bin, log };
  }

  function run(bin: string) {
    return spawnSync('bash', [RUN], { encoding: 'utf8', env: { PATH: bin, HOME: tmp, CI: 'true' }, timeout: 30_000 });
  }

  test('with the toolchain present: npm ci, npm test, build:c --check; a plain closing line', () => {
    const { bin, log } = stubs({ clang: true });
    const r = run(bin);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe('npm ci --no-audit --no-fund');
    expect(calls[1]).toMatch(/^npm test -- --ci --json --outputFile=/);
    expect(calls[2]).toBe('npm run build:c -- --check');
    expect(calls).toHaveLength(3);
    expect(r.stdout).toMatch(/^tests: 7 passed, 0 failed, 1 skipped$/m);
    expect(r.stdout).toContain('==> npm run build:c -- --check');
  });

  test('without clang-14: apt-get update and install, then the tests, then the check', () => {
    const { bin, log } = stubs({ clang: false });
    const r = run(bin);
    expect(r.status).toBe(0);
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe('npm ci --no-audit --no-fund');
    expect(calls.slice(1, 3)).toEqual([
      'apt-get update',
      'apt-get install -y --no-install-recommends clang-14 lld-14',
    ]);
    expect(calls[3]).toMatch(/^npm test -- --ci --json --outputFile=/);
    expect(calls[4]).toBe('npm run build:c -- --check');
  });

  test('stops at the first failure: a red npm test never reaches the C check', () => {
    const { bin, log } = stubs({ clang: true, failTest: true });
    const r = run(bin);
    expect(r.status).not.toBe(0);
    expect(fs.readFileSync(log, 'utf8')).not.toContain('build:c');
  });
});

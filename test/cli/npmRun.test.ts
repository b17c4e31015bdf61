/**
 * The commands under `npm run`, as the README and the nightly run them (fake harness, real
 * package.json scripts): --json FILE gives a file JSON.parse accepts despite npm's banner on
 * stdout, --json - stays clean with npm run --silent, and one Ctrl-C (SIGINT to the process
 * group, as a terminal or `timeout --signal=INT` sends it) exits 1 after a new finding, 130
 * without one — the same codes as without npm.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './spawn';

const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;

let tmp: string;
let corpus: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-run-'));
  corpus = path.join(tmp, 'corpus');
  // The project's own scripts, with the entry points swapped for the fake-harness ones.
  const pkg = {
    name: 'npm-run-probe', version: '0.0.0', private: true,
    scripts: {
      fuzz: `cd ${ROOT} && ${scripts.fuzz.replace('harness/cli/fuzz.ts', 'test/cli/fixtures/fuzzWithFakes.ts')}`,
      replay: `cd ${ROOT} && ${scripts.replay.replace('harness/cli/replay.ts', 'test/cli/fixtures/replayWithFakes.ts')}`,
    },
  };
  expect(pkg.scripts.fuzz).toContain('fuzzWithFakes.ts');
  fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify(pkg));
});
afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

const env = (extra: NodeJS.ProcessEnv = {}) => ({
  ...process.env, PATH: `${path.join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`,
  SMMU_FUZZ_CORPUS: corpus, SOURCE_DATE_EPOCH: '1767225600', npm_config_update_notifier: 'false', ...extra,
});

function npm(args: string[]) {
  const r = spawnSync('npm', args, { cwd: tmp, env: env(), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--json under npm run', () => {
  test('npm run fuzz -- ... --json FILE: the file is one JSON document; npm\'s banner stays on stdout', () => {
    const out = path.join(tmp, 'fuzz.json');
    const r = npm(['run', 'fuzz', '--', '--seed', '7', '--runs', '100', '--revision', 'fake-old', '--json', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\s*> npm-run-probe@0\.0\.0 fuzz/);
    expect(r.stdout).toMatch(/result: FAILED/);
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({ command: 'fuzz', exit: 1, runs_done: 100 });
    const rep = path.join(tmp, 'replay.json');
    expect(npm(['run', 'replay', '--', corpus, '--revision', 'fake-old', '--json', rep]).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(rep, 'utf8'))).toMatchObject({ command: 'replay', exit: 0 });
  }, 120_000);

  test('npm run --silent fuzz -- ... --json -: stdout is the document; without --silent a warning says why it is not', () => {
    const r = npm(['run', '--silent', 'fuzz', '--', '--seed', '7', '--runs', '50', '--revision', 'fake-old', '--json', '-']);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'fuzz', runs_done: 50 });
    const loud = npm(['run', 'fuzz', '--', '--seed', '7', '--runs', '50', '--revision', 'fake-old', '--json']);
    expect(loud.stderr).toMatch(/warning: npm printed its .* banner on stdout before this JSON document; use --json FILE/);
  }, 120_000);
});

describe('Ctrl-C under npm run', () => {
  async function interrupted(props: string[]) {
    const child = spawn('npm', ['run', 'fuzz', '--', '--seed', '11', '--runs', '100000', '--revision', 'fake-old', ...props],
      { cwd: tmp, env: env({ FAKE_SLOW_MS: '2' }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => { if (/fuzz: revision/.test(stdout)) { clearInterval(poll); resolve(); } }, 20);
    });
    await new Promise((r) => setTimeout(r, 500));
    process.kill(-child.pid!, 'SIGINT'); // the whole group, as a terminal does
    return { code: await done, stdout, stderr };
  }

  test('exit 1 when new findings were saved before it, 130 when none — as without npm', async () => {
    const tail = (r: { code: number | null; stdout: string; stderr: string }) => ({ code: r.code, stdout: r.stdout.slice(-300), stderr: r.stderr.slice(-600) });
    const found = await interrupted([]);
    expect(tail(found)).toEqual({ code: 1, stdout: expect.stringMatching(/result: FAILED: \d+ new finding/), stderr: expect.stringMatching(/interrupted after \d+ runs/) });
    expect(fs.readdirSync(corpus).length).toBeGreaterThan(0);
    const none = await interrupted(['--property', 'fake-holds']);
    expect(tail(none)).toEqual({ code: 130, stdout: expect.stringMatching(/result: INTERRUPTED/), stderr: expect.stringMatching(/interrupted after \d+ runs/) });
  }, 120_000);
});

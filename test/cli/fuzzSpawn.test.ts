/**
 * The fuzz and replay commands as processes (the entry point, exit codes, stdout/stderr split,
 * Ctrl-C), on the fake harness so they run before and independently of the real one.
 * test/cli/realHarness.test.ts runs the same checks on harness/cli/fuzz.ts itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCorpusDir } from '../../harness/corpus/load';
import { fuzzCommand } from '../../harness/cli/fuzzCommand';
import { memoryIo } from '../../harness/cli/io';
import { fakeHarness } from './fakes';
import { run, start } from './spawn';

const FUZZ = 'test/cli/fixtures/fuzzWithFakes.ts';
const REPLAY = 'test/cli/fixtures/replayWithFakes.ts';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-spawn-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

const env = () => ({ SMMU_FUZZ_CORPUS: dir, SOURCE_DATE_EPOCH: '1767225600' });

describe('fuzz as a process (fake harness)', () => {
  test('exit 1 and a saved entry; same seed => byte-identical stdout and the same corpus files; shards cover it', async () => {
    const args = ['--seed', 'ci-nightly', '--runs', '150', '--revision', 'fake-old', '--json'];
    const a = run(FUZZ, args, env());
    expect(a.stderr).toMatch(/fuzz: 150 runs in/);
    expect(a.code).toBe(1);
    const filesA = fs.readdirSync(dir).sort();
    const bytesA = filesA.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    fs.rmSync(dir, { recursive: true });
    const b = run(FUZZ, args, env());
    expect(b.code).toBe(1);
    expect(b.stdout).toBe(a.stdout);
    expect(fs.readdirSync(dir).sort()).toEqual(filesA);
    expect(fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))).toEqual(bytesA);

    // Two shards on one directory: together they run the 150 runs and find every signature.
    fs.rmSync(dir, { recursive: true });
    const doc = JSON.parse(a.stdout);
    const shards = (await Promise.all(['0/2', '1/2'].map((s) => start(FUZZ, [...args, '--shard', s], env()).done))).map((r) => JSON.parse(r.stdout));
    expect(shards[0].runs_done + shards[1].runs_done).toBe(150);
    const sigs = (d: any) => d.findings.map((f: any) => `${f.property}/${f.signature}`);
    expect(new Set([...sigs(shards[0]), ...sigs(shards[1])])).toEqual(new Set(sigs(doc)));
    expect(new Set(loadCorpusDir(dir).map((l) => l.entry.signature))).toEqual(new Set(doc.findings.map((f: any) => f.signature)));
  }, 40_000);

  test('exit 0 when every property holds; exit 2 on bad usage or input, with the message on stderr', () => {
    const ok = run(FUZZ, ['--seed', '3', '--runs', '30', '--property', 'fake-holds'], env());
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/result: PASSED/);

    const bad = run(FUZZ, ['--property', 'nope', '--revision', 'fake-old'], env());
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error: --property nope: no such property/);
    expect(bad.stderr).not.toMatch(/ at /);
  }, 30_000);

  test('Ctrl-C: saves what was found, prints the seed to resume, exits 1 (new finding) or 130', async () => {
    for (const [props, code] of [[['--property', 'fake-holds'], 130], [[], 1]] as const) {
      fs.rmSync(dir, { recursive: true, force: true });
      const p = start(FUZZ, ['--seed', '11', '--runs', '100000', '--revision', 'fake-old', ...props], { ...env(), FAKE_SLOW_MS: '2' });
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => { if (p.ran.stdout.length > 0) { clearInterval(poll); resolve(); } }, 20);
      });
      await new Promise((r) => setTimeout(r, 300));
      p.child.kill('SIGINT');
      const r = await p.done;
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(/interrupted after \d+ runs; counterexamples found so far are saved.*To resume: npm run fuzz -- --seed 11 --revision fake-old/);
      expect(r.stdout).toMatch(/-- summary -+\n.*\(interrupted by Ctrl-C\)/);
      if (code === 1) expect(loadCorpusDir(dir).length).toBeGreaterThan(0);
    }
  }, 30_000);

  test('replay as a process: exit 0 on the revision found, 1 where a failure is not recorded', async () => {
    const io = memoryIo(env());
    expect(await fuzzCommand(['--seed', '7', '--runs', '100', '--revision', 'fake-old'], fakeHarness(), io)).toBe(1);
    expect(run(REPLAY, [dir, '--revision', 'fake-old'], env()).code).toBe(0);
    expect(run(REPLAY, [dir], env()).code).toBe(1);
  }, 30_000);
});

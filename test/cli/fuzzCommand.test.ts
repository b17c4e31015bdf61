import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzCommand } from '../../harness/cli/fuzzCommand';
import { memoryIo } from '../../harness/cli/io';
import { runCommand } from '../../harness/cli/main';
import { replayCommand } from '../../harness/cli/replayCommand';
import { loadCorpusDir } from '../../harness/corpus/load';
import { fakeHarness } from './fakes';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-cmd-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

async function fuzz(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo({ SMMU_FUZZ_CORPUS: dir, SOURCE_DATE_EPOCH: '1767225600', ...env });
  const code = await runCommand((a, i, s) => fuzzCommand(a, fakeHarness(), i, s), args, io, new AbortController().signal);
  return { code, out: io.stdout, err: io.stderr };
}

async function replay(args: string[]) {
  const io = memoryIo({ SMMU_FUZZ_CORPUS: dir });
  const code = await runCommand((a, i, s) => replayCommand(a, fakeHarness(), i, s), args, io, new AbortController().signal);
  return { code, out: io.stdout, err: io.stderr };
}

describe('fuzz command (fake harness)', () => {
  test('exit 0 when every property holds, with statistics and the seed', async () => {
    const r = await fuzz(['--seed', '1', '--runs', '50', '--property', 'fake-small-table', '--property', 'fake-holds']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^fuzz: revision fake-new, seed 1, 50 runs/);
    expect(r.out).toMatch(/held    fake-small-table/);
    expect(r.out).toMatch(/generation statistics \(50 runs\)/);
    expect(r.out).toMatch(/result: PASSED/);
    expect(r.err).toMatch(/fuzz: 50 runs in/);
  });

  test('exit 1 on a new failure: report printed, entry saved; the rerun finds it known and exits 0', async () => {
    const args = ['--seed', '7', '--runs', '200', '--revision', 'fake-old', '--property', 'fake-small-table'];
    const first = await fuzz(args);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/FAIL fake-small-table on fake-old \(new\)/);
    expect(first.out).toMatch(/why: {7}L1 table sized for sid_bits=20/);
    expect(first.out).toMatch(/STRTAB_BASE_CFG 0x/);
    expect(first.out).toMatch(/\[   probe\] arm-smmu-v3: kdump: adopting/);
    expect(first.out).toMatch(/leak: memremap of the L1 table never released/);
    expect(first.out).toMatch(/npm run replay -- \S+\.json --revision fake-old/);
    expect(first.out).toMatch(/npm run fuzz -- --seed 7 --revision fake-old --property fake-small-table --runs \d+/);
    const entries = loadCorpusDir(dir);
    expect(entries).toHaveLength(1);
    expect(entries[0].entry).toMatchObject({ property: 'fake-small-table', revision: 'fake-old', expect: { 'fake-old': 'fail' } });
    expect(entries[0].entry.found).toMatchObject({ seed: 7, date: '2026-01-01' });

    const again = await fuzz(args);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/known   fake-small-table: 1 known finding/);
    expect(again.out).toMatch(/result: PASSED \(1 known/);
    expect((await fuzz([...args, '--strict'])).code).toBe(1);
    expect(loadCorpusDir(dir)).toHaveLength(1);
  });

  test('same seed gives byte-identical stdout, text and --json', async () => {
    for (const extra of [[], ['--json']]) {
      const args = ['--seed', 'nightly run', '--runs', '120', '--revision', 'fake-old', ...extra];
      fs.rmSync(dir, { recursive: true, force: true });
      const a = await fuzz(args);
      fs.rmSync(dir, { recursive: true, force: true });
      const b = await fuzz(args);
      expect(a.code).toBe(1);
      expect(b.out).toBe(a.out);
    }
  });

  test('--json prints one JSON document and nothing else on stdout', async () => {
    const r = await fuzz(['--seed', '7', '--runs', '100', '--revision', 'fake-old', '--json']);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ command: 'fuzz', seed: 7, revision: 'fake-old', runs_done: 100, exit: 1 });
    const f = doc.findings.find((x: any) => x.property === 'fake-small-table');
    expect(f.scenario.crashed.table.base).toMatch(/^0x[0-9a-f]+$/);
    expect(f.outcome.peak_live_bytes).toMatch(/^0x/);
    expect(doc.statistics.runs).toBe(100);
  });

  test('text seeds resolve through seedrandom; fresh seeds are printed', async () => {
    const r = await fuzz(['--seed', 'hello', '--runs', '5']);
    expect(r.out).toMatch(/seed hello \(text, = -?\d+\)/);
    const fresh = await fuzz(['--runs', '5']);
    expect(fresh.out).toMatch(/seed \d+ \(fresh: pass --seed \d+ to repeat this run\)/);
  });

  test('exit 2: unknown property or revision, missing revision path, malformed corpus', async () => {
    const p = await fuzz(['--property', 'fake-smal-table']);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/--property fake-smal-table: no such property \(did you mean fake-small-table\?\)/);
    expect((await fuzz(['--revision', 'v99'])).err).toMatch(/unknown revision/);
    expect((await fuzz(['--revision', './nope/missing.patch'])).code).toBe(2);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"schema": 1, "prop');
    const c = await fuzz(['--runs', '1']);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/broken\.json: is not valid JSON/);
  });

  test('--list: revisions and properties, one line each', async () => {
    const r = await fuzz(['--list']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(expect.arrayContaining([
      expect.stringMatching(/^  fake-old +The first fake revision: over-allocates\.$/),
      expect.stringMatching(/^  fake-new +\(default\) The fixed fake revision\.$/),
      expect.stringMatching(/^  fake-holds +Always holds\.$/),
    ]));
  });
});

describe('replay command (fake harness)', () => {
  test('replays saved entries: known on the revision found, new elsewhere until recorded', async () => {
    expect((await fuzz(['--seed', '7', '--runs', '200', '--revision', 'fake-old'])).code).toBe(1);
    const onOld = await replay(['--revision', 'fake-old']);
    expect(onOld.code).toBe(0);
    expect(onOld.out).toMatch(/result: PASSED: 3 entries replayed, 0 new failure\(s\)/);
    // On fake-new the over-allocation is fixed: its entry now holds there; the fault-count
    // entries still fail on fake-new, which the corpus does not record yet -> new, exit 1.
    const onNew = await replay([dir]);
    expect(onNew.code).toBe(1);
    expect(onNew.out).toMatch(/new on fake-new; if this is expected, record "fake-new": "fail"/);
    const json = JSON.parse((await replay(['--json', '--revision', 'fake-old'])).out);
    expect(json.entries).toHaveLength(3);
    expect(json.exit).toBe(0);
  });

  test('--property of another property: an entry whose own property is not checked is no unexpected pass', async () => {
    expect((await fuzz(['--seed', '7', '--runs', '200', '--revision', 'fake-old'])).code).toBe(1);
    const r = await replay(['--revision', 'fake-old', '--property', 'fake-holds', '--strict']);
    expect(r.out).not.toMatch(/now HOLDS|unexpected/);
    expect(r.code).toBe(0);
  });

  test('a missing path or a truncated entry is exit 2, naming the file', async () => {
    const r = await replay(['corpus/none.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/corpus\/none\.json: no such file or directory/);
    await fuzz(['--seed', '7', '--runs', '50', '--revision', 'fake-old']);
    const file = path.join(dir, fs.readdirSync(dir)[0]);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 100));
    const t = await replay([file]);
    expect(t.code).toBe(2);
    expect(t.err).toContain(`corpus file ${file}: is not valid JSON`);
  });
});

/**
 * `npm run fuzz` itself (harness/cli/fuzz.ts) on the real harness: revisions compiled from the
 * kernel C, generators/, properties/. If any piece fails to load or to run one scenario, the
 * first test says which and why; the others then fail too (never skipped). Process spawns are few (each one loads the whole harness through
 * ts-node, seconds of CPU); the rest of the contract runs the same command in-process on the
 * real harness. fuzzSpawn.test.ts checks the process-level contract in full on the fakes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { fuzzCommand } from '../../harness/cli/fuzzCommand';
import { realHarness } from '../../harness/fuzz/harness';
import { memoryIo } from '../../harness/cli/io';
import { runCommand } from '../../harness/cli/main';
import { encodeEntry, entryFileName, type CorpusEntry } from '../../harness/corpus/entry';
import { run } from './spawn';

const FUZZ = 'harness/cli/fuzz.ts';

function notReady(): string | undefined {
  try {
    const h = realHarness();
    h.listRevisions();
    if (h.loadProperties().length === 0) return 'no property in properties/';
    const [s] = fc.sample(h.scenario(), { seed: 1, numRuns: 1 });
    h.scenarioLabels(s);
    h.runWithBaseline(h.loadRevision(h.defaultRevision), s);
    return undefined;
  } catch (err) {
    return String((err as Error)?.message ?? err).split('\n')[0].slice(0, 120);
  }
}

const reason = notReady();

test('the real harness loads and runs one scenario end to end', () => {
  expect(reason).toBeUndefined();
});

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-real-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });
const env = (d = dir) => ({ SMMU_FUZZ_CORPUS: d, SOURCE_DATE_EPOCH: '1767225600' });

async function inProcess(args: string[]) {
  const io = memoryIo(env());
  const code = await runCommand((a, i, s) => fuzzCommand(a, realHarness(), i, s), args, io, new AbortController().signal);
  return { code, out: io.stdout, err: io.stderr };
}

describe('npm run fuzz on the real harness', () => {
  test('as a process: same seed => byte-identical --json and corpus files; exit agrees with the findings', () => {
    const args = ['--seed', 'reviewer text seed', '--runs', '10', '--json'];
    const a = run(FUZZ, args, env());
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
    fs.rmSync(dir, { recursive: true, force: true });
    const b = run(FUZZ, args, env());
    expect(b.stdout).toBe(a.stdout);
    expect(fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []).toEqual(files);
    const doc = JSON.parse(a.stdout);
    const anyNew = doc.findings.some((f: { status: string }) => f.status === 'new');
    expect(a.code).toBe(anyNew ? 1 : 0);
    expect(files.length).toBe(doc.findings.filter((f: { saved: string }) => f.saved === 'saved').length);

  }, 90_000);

  test('as a process: exit 2 with the message on stderr and nothing on stdout', () => {
    const r = run(FUZZ, ['--runs', '0'], env());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --runs 0: expected a whole number of at least 1/);
  }, 30_000);

  test('two shards run the runs of one job and find the same signatures', async () => {
    const args = ['--seed', '5', '--runs', '10', '--json'];
    const whole = JSON.parse((await inProcess(args)).out);
    const parts = [];
    for (const s of ['0/2', '1/2']) {
      fs.rmSync(dir, { recursive: true, force: true });
      parts.push(JSON.parse((await inProcess([...args, '--shard', s])).out));
    }
    expect(parts[0].runs_done + parts[1].runs_done).toBe(whole.runs_done);
    const sigs = (d: { findings: { property: string; signature: string }[] }) => d.findings.map((f) => `${f.property} ${f.signature}`);
    expect(new Set([...sigs(parts[0]), ...sigs(parts[1])])).toEqual(new Set(sigs(whole)));
  }, 60_000);

  test('--list: every revision and property, one line each', async () => {
    const h = realHarness();
    const r = await inProcess(['--list']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    for (const rev of h.listRevisions()) expect(lines.some((l) => l.startsWith(`  ${rev.name} `))).toBe(true);
    for (const p of h.loadProperties()) expect(lines.some((l) => l.startsWith(`  ${p.name} `))).toBe(true);
  });

  test('exit 2: unknown property, unknown revision, a revision path that does not exist', async () => {
    expect(await inProcess(['--property', 'no-such-property'])).toMatchObject({ code: 2, err: expect.stringMatching(/--property no-such-property: no such property/) });
    expect(await inProcess(['--revision', 'v99'])).toMatchObject({ code: 2, err: expect.stringMatching(/--revision v99/) });
    expect(await inProcess(['--revision', 'patches/does-not-exist.patch'])).toMatchObject({ code: 2, err: expect.stringMatching(/does-not-exist\.patch/) });
  });

  test('exit 2: corrupt, truncated or old-schema corpus files, naming the file', async () => {
    const h = realHarness();
    const [scenario] = fc.sample(h.scenario(), { seed: 2, numRuns: 1 });
    const entry: CorpusEntry = {
      schema: 1, property: h.loadProperties()[0].name, revision: h.defaultRevision, signature: 's', message: 'm',
      expect: { [h.defaultRevision]: 'fail' }, scenario, found: { seed: 2, path: '0', date: null, commit: null },
    };
    const text = JSON.stringify(encodeEntry(entry), null, 2);
    const cases: [string, string, RegExp][] = [
      [entryFileName(entry), text.slice(0, text.length - 20), /is not valid JSON/],
      ['old.json', JSON.stringify({ ...encodeEntry(entry), schema: 0 }), /field schema: this file has schema 0/],
      ['corrupt.json', text.replace(/"sid_bits": \d+/, '"sid_bits": "16"'), /field scenario\.hardware\.sid_bits/],
    ];
    for (const [name, content, message] of cases) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, name), content);
      const r = await inProcess(['--runs', '1']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(name);
      expect(r.err).toMatch(message);
    }
  });
});

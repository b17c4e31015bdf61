/**
 * `npm run fuzz -- --jobs N` runs scenarios in worker processes; everything it reports must be what
 * --jobs 1 reports for the same seed and runs: the text output, the --json document and the corpus
 * files (the corpus paths, which differ by directory, aside). Run in-process on the real harness,
 * from a copy of the repository's corpus (so that known findings are not shrunk again), with
 * enough runs for the workers to start (fuzzCommand's MIN_RUNS_FOR_JOBS).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzCommand } from '../../harness/cli/fuzzCommand';
import { realHarness } from '../../harness/fuzz/harness';
import { memoryIo } from '../../harness/cli/io';
import { runCommand } from '../../harness/cli/main';

const REPO_CORPUS = path.join(__dirname, '..', '..', 'corpus');
let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-jobs-')); });
afterAll(() => { fs.rmSync(root, { recursive: true, force: true }); });

async function fuzzWith(jobs: number) {
  const corpus = path.join(root, `corpus-${jobs}`);
  fs.cpSync(REPO_CORPUS, corpus, { recursive: true });
  const before = new Set(fs.readdirSync(corpus));
  const json = path.join(root, `run-${jobs}.json`);
  const io = memoryIo({ SOURCE_DATE_EPOCH: '1767225600' });
  const args = ['--seed', '5', '--runs', '3000', '--revision', 'v7', '--corpus', corpus, '--json', json, '--jobs', String(jobs)];
  const code = await runCommand((a, i, s) => fuzzCommand(a, realHarness(), i, s), args, io, new AbortController().signal);
  const same = (text: string) => text.split(corpus).join('<corpus>');
  const added = fs.readdirSync(corpus).filter((f) => !before.has(f)).sort();
  return {
    code,
    err: io.stderr,
    out: same(io.stdout),
    json: same(fs.readFileSync(json, 'utf8')),
    added: added.map((f) => [f, fs.readFileSync(path.join(corpus, f), 'utf8')]),
  };
}

test('--jobs 2 gives the same output, --json document and new corpus files as --jobs 1 (seed 5, 3000 runs of v7, as many as the workers start for: past the coverage guide\'s lag, so derived runs and the pool are compared too)', async () => {
  const one = await fuzzWith(1);
  const two = await fuzzWith(2);
  expect(JSON.parse(one.json).runs_done).toBe(3000);
  // Derived runs happened (the guide's pool fed runs): the comparison covers them.
  expect(one.out).toMatch(/coverage guidance: [1-9][0-9]* run\(s\) derived/);
  expect(one.err).not.toMatch(/worker processes/);
  expect(two.err).toMatch(/fuzz: scenarios run in 2 worker processes/);
  expect(two.code).toBe(one.code);
  expect(two.out).toBe(one.out);
  expect(two.json).toBe(one.json);
  expect(two.added).toEqual(one.added);
}, 300_000);

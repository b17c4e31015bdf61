/**
 * `npm run fuzz -- --jobs 2` against `--jobs 1`: the same seed and runs, in-process on the real
 * harness, from a copy of the corpus (known findings are not shrunk again). Wall clock includes
 * the workers' start, as a user sees it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzCommand } from '../harness/cli/fuzzCommand';
import { realHarness } from '../harness/fuzz/harness';
import { memoryIo } from '../harness/cli/io';
import { runCommand } from '../harness/cli/main';

const REPO_CORPUS = path.join(__dirname, '..', 'corpus');

export async function fuzzSeconds(jobs: number, seed: number, runs: number): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jobs-'));
  try {
    const corpus = path.join(root, 'corpus');
    fs.cpSync(REPO_CORPUS, corpus, { recursive: true });
    const io = memoryIo({});
    const args = ['--seed', String(seed), '--runs', String(runs), '--revision', 'latest', '--corpus', corpus, '--jobs', String(jobs)];
    const t = process.hrtime.bigint();
    await runCommand((a, i, s) => fuzzCommand(a, realHarness(), i, s), args, io, new AbortController().signal);
    return Number(process.hrtime.bigint() - t) / 1e9;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * .ci/summarize.ts on what the real command prints: `fuzz --json -` run in-process on the real
 * harness (revisions' C, generators/, properties/) into an empty temporary corpus, then the
 * summary of that document and of the corpus files the run saved — the nightly shard's path,
 * without fabricated output. A change to the --json document that the summarizer cannot read
 * fails here (summarize.test.ts covers the decision table on typed fabricated documents).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_FAILURE, EXIT_OK } from '../../harness/cli/exitCodes';
import { fuzzCommand } from '../../harness/cli/fuzzCommand';
import { memoryIo } from '../../harness/cli/io';
import { runCommand } from '../../harness/cli/main';
import { loadCorpusDir } from '../../harness/corpus/load';
import { realHarness } from '../../harness/fuzz/harness';
import { readShard, summarize, type Options } from '../../.ci/summarize';

const SEED = 'nightly-2026-11-25';

let tmp: string;
let corpus: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'summarize-real-'));
  corpus = path.join(tmp, 'corpus');
  fs.mkdirSync(corpus);
});
afterAll(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

/** One nightly shard: the document on stdout to fuzz-I.json, the exit status to fuzz-I.exit. */
async function shard(i: number, runs: number): Promise<string> {
  const io = memoryIo({ SOURCE_DATE_EPOCH: '1767225600' });
  const args = ['--seed', SEED, '--runs', String(runs), '--jobs', '1', '--corpus', corpus, '--json', '-'];
  const code = await runCommand((a, o, s) => fuzzCommand(a, realHarness(), o, s), args, io, new AbortController().signal);
  const stem = path.join(tmp, `fuzz-${i}`);
  fs.writeFileSync(stem + '.json', io.stdout);
  fs.writeFileSync(stem + '.exit', `${code}\n`);
  fs.writeFileSync(stem + '.err', io.stderr);
  return stem + '.json';
}

const opts = (p: Partial<Options>): Options =>
  ({ revision: 'latest', corpus: 'corpus', logOnly: true, reportOnly: false, files: [], ...p });

describe('the summary of a real fuzz --json run', () => {
  let first: string;
  let saved: string[];

  beforeAll(async () => {
    // An empty corpus: whatever latest fails on (it has open findings) is new and saved.
    first = await shard(0, 30);
    saved = fs.readdirSync(corpus).filter((n) => n.endsWith('.json')).map((n) => path.join(corpus, n));
  });

  test('the document reads as a FuzzDocument, and agrees with the exit status and the saved entries', () => {
    const r = readShard(first);
    expect(r.problem).toBeUndefined();
    expect(r.doc).not.toBeNull();
    const doc = r.doc!;
    expect(r.exit).toBe(doc.exit);
    expect(doc).toMatchObject({ command: 'fuzz', seed_text: SEED, revision: 'latest', runs_done: 30, stopped_by: 'runs', shard: '0/1' });
    const fresh = doc.findings.filter((f) => f.status === 'new');
    expect(fresh.length).toBeGreaterThan(0); // latest has open findings: not a run that checks nothing
    expect(doc.exit).toBe(EXIT_FAILURE);
    expect(fresh.map((f) => path.basename(f.file ?? '')).sort()).toEqual(saved.map((f) => path.basename(f)).sort());
  });

  test('new counterexamples on latest fail the job; the summary explains and reproduces each', () => {
    const r = summarize(opts({ newCorpus: corpus, files: [first] }), {});
    expect(r.decision.status).toBe('fail');
    expect(r.exitCode).toBe(EXIT_FAILURE);
    const doc = readShard(first).doc!;
    expect(r.markdown).toContain(`seed \`${SEED}\``);
    for (const { entry, file } of loadCorpusDir(corpus)) {
      expect(r.markdown).toContain(`\`${entry.signature}\``);
      expect(r.markdown).toContain(`npm run replay -- corpus/${path.basename(file)} --revision latest`);
      const bySeed = doc.findings.find((f) => f.signature === entry.signature)!.reproduce.find((l) => l.startsWith('npm run fuzz'));
      expect(bySeed).toMatch(new RegExp(`^npm run fuzz -- --seed ${SEED} --revision latest --property ${entry.property} --runs \\d+$`));
      expect(r.markdown).toContain(bySeed!);
    }
    // The same document for an older revision is reported, never a failure.
    expect(summarize(opts({ revision: 'v6', newCorpus: corpus, files: [first] }), {}))
      .toMatchObject({ exitCode: EXIT_OK, decision: { status: 'report' } });
  });

  test('a second run over the saved corpus: every finding known, the job passes and lists them', async () => {
    const second = await shard(1, 30);
    const doc = readShard(second).doc!;
    expect(doc.exit).toBe(EXIT_OK);
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.findings.every((f) => f.status === 'known')).toBe(true);
    const none = path.join(tmp, 'nothing-new');
    fs.mkdirSync(none);
    const r = summarize(opts({ newCorpus: none, files: [second] }), {});
    expect(r.decision).toMatchObject({ status: 'pass', exitCode: EXIT_OK });
    expect(r.decision.headline).toContain(`${doc.findings.length} known finding(s)`);
    for (const f of doc.findings) expect(r.markdown).toContain(`\`${f.signature}\``);
  });
});

/**
 * .ci/summarize.ts on fabricated shard output: a fuzz --json document typed as
 * harness/report/json.ts's FuzzDocument, its .exit/.err siblings, and a corpus entry written with
 * the corpus's own serializer. The decision table is the contract of the nightly job
 * (summarizeRealRun.test.ts feeds it what the real command prints).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { entryFileName, serializeEntry, type CorpusEntry } from '../../harness/corpus/entry';
import type { Scenario } from '../../harness/scenario/types';
import { EXIT_FAILURE as EXIT_FAIL, EXIT_OK as EXIT_PASS, EXIT_USAGE as EXIT_ERROR } from '../../harness/cli/exitCodes';
import { readFuzzDocument, type FuzzDocument, type FuzzFindingDocument } from '../../harness/report/json';
import {
  decide, isUnderReview, loadNewEntries, readShard, renderSummary, summarize, untrackedCorpusFiles, type Options, type ShardResult,
} from '../../.ci/summarize';

const REPO = path.resolve(__dirname, '..', '..');
const SIGNATURE = 'no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_linear';
const MESSAGE =
  'memremap of 2 GiB at arm_smmu_kdump_adopt_strtab_linear, but the kdump kernel would allocate 4 MiB ' +
  '(linear for sid_bits=16): STRTAB_BASE_CFG.LOG2SIZE=25 was trusted.';

function scenario(): Scenario {
  return {
    hardware: { sid_bits: 16, two_level: true, coherent: true },
    kdump: true,
    crashed: {
      smmuen: true,
      sfm_err: false,
      table: { fmt: 'linear', base: 0x1_0000_0000n, log2size: 25, attached: [], l2_base: 0n },
    },
    corruption: [],
    dma: [],
    faults: [],
    inserts: [],
    teardown: { policy: 'keep', garbage_seed: 0 },
  };
}

function entry(revision = 'latest'): CorpusEntry {
  return {
    schema: 1,
    property: 'no-over-allocation',
    revision,
    signature: SIGNATURE,
    message: MESSAGE,
    expect: { [revision]: 'fail' },
    scenario: scenario(),
    found: { seed: 12345, seed_text: 'nightly-2026-11-25', path: '17:0:3', date: '2026-11-25', commit: null },
  };
}

/** What `npm run fuzz -- --seed nightly-2026-11-25 --shard 1/4 --json` prints. */
function fuzzDoc(findings: FuzzFindingDocument[], exit: number): FuzzDocument {
  return {
    command: 'fuzz',
    seed: 12345,
    seed_text: 'nightly-2026-11-25',
    revision: 'latest',
    revision_label: 'latest',
    revision_arg: 'latest',
    base: null,
    properties: ['no-over-allocation', 'no-leaked-mappings'],
    runs_requested: null,
    time_budget_s: 900,
    shard: '1/4',
    strict: false,
    runs_done: 5120,
    stopped_by: 'time',
    exit,
    findings,
    against_base: null,
    harness_limits: { runs: 0, limits: [] },
    statistics: { runs: 5120, labels: {}, coverage: {} },
  };
}

function newFinding(file: string): FuzzFindingDocument {
  return {
    property: 'no-over-allocation', signature: SIGNATURE, message: MESSAGE, status: 'new', runs: 3,
    first_index: 17, path: '17:0:3', shrink_steps: 12, flaky: false, file, saved: 'saved',
    reproduce: [
      `npm run replay -- ${file} --revision latest`,
      'npm run fuzz -- --seed nightly-2026-11-25 --revision latest --property no-over-allocation --runs 18',
    ],
    scenario: null, outcome: null, known_by: null,
  };
}

const knownFinding: FuzzFindingDocument = {
  property: 'no-leaked-mappings', signature: 'no-leaked-mappings:leak@arm_smmu_kdump_adopt_l2_strtab',
  message: 'leak ...', status: 'known', runs: 40, first_index: 3, path: null, shrink_steps: null, flaky: false,
  file: 'corpus/00aa11bb22cc33dd.json', saved: null, reproduce: [], scenario: null, outcome: null, known_by: 'corpus',
};

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'summarize-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** fuzz-I.json (+ .exit, + .err) in tmp; returns the .json path. */
function writeShard(i: number, doc: object | string | null, exit: number | null, stderr?: string): string {
  const stem = path.join(tmp, `fuzz-${i}`);
  fs.writeFileSync(stem + '.json', doc === null ? '' : typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2) + '\n');
  if (exit !== null) fs.writeFileSync(stem + '.exit', `${exit}\n`);
  if (stderr !== undefined) fs.writeFileSync(stem + '.err', stderr);
  return stem + '.json';
}

function writeEntry(dir: string, e: CorpusEntry = entry()): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, entryFileName(e));
  fs.writeFileSync(file, serializeEntry(e));
  return file;
}

function opts(p: Partial<Options>): Options {
  return { revision: 'latest', corpus: 'corpus', logOnly: true, reportOnly: false, files: [], ...p };
}

describe('reading a shard', () => {
  test('the --json document, behind npm\'s banner when --silent was forgotten', () => {
    const text = '\n> smmu-kdump-fuzz@0.1.0 fuzz\n> ts-node --transpile-only harness/cli/fuzz.ts --json\n\n' +
      JSON.stringify(fuzzDoc([newFinding('corpus/x.json'), knownFinding], 1), null, 2);
    const doc = readFuzzDocument(text);
    expect(doc.seed_text).toBe('nightly-2026-11-25');
    expect(doc.shard).toBe('1/4');
    expect(doc.runs_done).toBe(5120);
    expect(doc.findings.map((f) => [f.property, f.status])).toEqual([['no-over-allocation', 'new'], ['no-leaked-mappings', 'known']]);
    expect(doc.findings[0].reproduce[1]).toMatch(/^npm run fuzz -- --seed nightly-2026-11-25/);
  });

  test('exit status from fuzz-I.exit; stderr tail kept; an empty document is a problem, not a crash', () => {
    const r = readShard(writeShard(2, null, 2, 'error: --revision v9: unknown revision\n  fix: npm run fuzz -- --list\n'));
    expect(r.exit).toBe(2);
    expect(r.doc).toBeNull();
    expect(r.problem).toMatch(/is empty/);
    expect(r.stderrTail).toContain('unknown revision');
  });

  test('a document that breaks the FuzzDocument contract is a problem naming the field, never a crash', () => {
    const doc = fuzzDoc([newFinding('corpus/x.json')], 1) as unknown as { findings: Record<string, unknown>[] };
    doc.findings[0].signature = 42;
    const r = readShard(writeShard(0, doc, 1));
    expect(r.doc).toBeNull();
    expect(r.problem).toMatch(/findings\[0\]\.signature: expected a string, found 42/);
    expect(decide([r], [], 'latest')).toMatchObject({ status: 'error', exitCode: EXIT_ERROR });
    expect(readShard(writeShard(1, { command: 'replay', entries: [] }, 0)).problem).toMatch(/not a fuzz --json document/);
  });

  test('no .exit file: the document\'s own "exit", else null (never finished)', () => {
    expect(readShard(writeShard(0, fuzzDoc([], 0), null)).exit).toBe(0);
    expect(readShard(writeShard(1, null, null)).exit).toBeNull();
    expect(readShard(path.join(tmp, 'fuzz-9.json')).problem).toMatch(/does not exist/);
  });
});

describe('the decision', () => {
  const shard = (exit: number | null, findings: FuzzFindingDocument[] = []): ShardResult => {
    const doc = exit === 0 || exit === 1 ? readFuzzDocument(JSON.stringify(fuzzDoc(findings, exit))) : null;
    return { name: 'fuzz-0.json', exit, doc };
  };

  test('the code under review: latest (the default), or a patch / C file given by path', () => {
    for (const r of ['latest', '', 'patches/v8.patch', 'my-fix.c', '/tmp/x/arm-smmu-v3.c']) expect(isUnderReview(r)).toBe(true);
    for (const r of ['v1', 'v6', 'v7', 'mainline']) expect(isUnderReview(r)).toBe(false);
  });

  test('every property held, or only known findings: pass', () => {
    expect(decide([shard(0), shard(0)], [], 'latest')).toMatchObject({ status: 'pass', exitCode: EXIT_PASS });
    const v = decide([shard(0, [knownFinding])], [], 'latest');
    expect(v).toMatchObject({ status: 'pass', exitCode: EXIT_PASS });
    expect(v.headline).toMatch(/1 known finding/);
  });

  test('a new counterexample on latest fails the job; on an older revision it is reported', () => {
    const file = writeEntry(path.join(tmp, 'corpus'));
    const entries = loadNewEntries([file]);
    expect(decide([shard(1, [newFinding(file)]), shard(0)], entries, 'latest')).toMatchObject({ status: 'fail', exitCode: EXIT_FAIL });
    expect(decide([shard(1, [newFinding(file)])], entries, 'patches/v8.patch')).toMatchObject({ status: 'fail', exitCode: EXIT_FAIL });
    const older = decide([shard(1, [newFinding(file)])], entries, 'v3');
    expect(older).toMatchObject({ status: 'report', exitCode: EXIT_PASS });
    expect(older.headline).toMatch(/older revision: reported, not a failure/);
  });

  test('exit 1 with no corpus file still fails (the exit status is the contract)', () => {
    expect(decide([shard(1)], [], 'latest')).toMatchObject({ status: 'fail', exitCode: EXIT_FAIL });
  });

  test('the same finding saved by two shards counts once', () => {
    const a = writeEntry(path.join(tmp, 'a'));
    const e2 = entry();
    e2.scenario.hardware.sid_bits = 17;
    const b = writeEntry(path.join(tmp, 'b'), e2);
    expect(decide([shard(1), shard(1)], loadNewEntries([a, b]), 'latest').headline).toMatch(/FAILED: 1 new/);
  });

  test('exit 2, exit 3, interrupted, never finished, an unreadable document or a malformed entry: error', () => {
    for (const exit of [2, 3, 130, null]) {
      const v = decide([shard(0), { name: 'fuzz-1.json', exit, doc: null }], [], 'latest');
      expect(v).toMatchObject({ status: 'error', exitCode: EXIT_ERROR });
    }
    expect(decide([{ name: 'fuzz-0.json', exit: 0, doc: null, problem: 'fuzz-0.json is empty' }], [], 'latest'))
      .toMatchObject({ status: 'error' });
    const bad = path.join(tmp, 'corpus', '0123456789abcdef.json');
    fs.mkdirSync(path.dirname(bad), { recursive: true });
    fs.writeFileSync(bad, '{"schema": 1, "property": ');
    const v = decide([shard(1)], loadNewEntries([bad]), 'latest');
    expect(v).toMatchObject({ status: 'error', exitCode: EXIT_ERROR });
    expect(v.headline).toContain('malformed corpus entry');
    // Even on an older revision: a shard that did not run is never "reported only".
    expect(decide([shard(2)], [], 'v3').exitCode).toBe(EXIT_ERROR);
    expect(decide([], [], 'latest').exitCode).toBe(EXIT_ERROR);
  });
});

describe('the job summary', () => {
  test('each new counterexample: its explanation, the decoded scenario, the lines that reproduce it', () => {
    const file = writeEntry(path.join(tmp, 'corpus'));
    const shards = [readShard(writeShard(1, fuzzDoc([newFinding(`corpus/${path.basename(file)}`), knownFinding], 1), 1))];
    const entries = loadNewEntries([file]);
    const md = renderSummary({
      revision: 'latest', seed: 'nightly-2026-11-25', shards, entries, decision: decide(shards, entries, 'latest'),
      run: { id: '987', repository: 'acme/smmu-kdump-fuzz', url: 'https://github.example/acme/smmu-kdump-fuzz/actions/runs/987' },
      artifact: 'nightly-findings',
    });
    expect(md).toContain('## smmu-kdump-fuzz: revision `latest`, seed `nightly-2026-11-25`');
    expect(md).toContain('**FAILED: 1 new counterexample(s) on `latest`, the code under review**');
    expect(md).toContain('| 1/4 | 1 (new failure) | 5120 | time | 1 | 1 |');
    expect(md).toContain(`#### \`no-over-allocation\`: \`${SIGNATURE}\``);
    expect(md).toContain(MESSAGE);
    expect(md).toContain(`npm run replay -- corpus/${path.basename(file)} --revision latest`);
    expect(md).toContain('npm run fuzz -- --seed nightly-2026-11-25 --revision latest --property no-over-allocation --runs 18');
    expect(md).toContain('gh run download 987 -R acme/smmu-kdump-fuzz -n nightly-findings');
    expect(md).toMatch(/sid_bits=16/); // the scenario, decoded by harness/report
    expect(md).toContain('LOG2SIZE 25');
    expect(md).toContain('### Known findings (recorded in the corpus: reported, not failures)');
    expect(md).toContain('| no-leaked-mappings | `no-leaked-mappings:leak@arm_smmu_kdump_adopt_l2_strtab` | 40 | `corpus/00aa11bb22cc33dd.json` |');
  });

  test('a shard that did not complete is named, with the tail of its stderr', () => {
    const shards = [readShard(writeShard(3, null, 2, 'error: --property no-such: unknown property\n'))];
    const md = renderSummary({ revision: 'latest', shards, entries: [], decision: decide(shards, [], 'latest') });
    expect(md).toContain('⚠️ **ERROR: the fuzz run did not complete');
    expect(md).toContain('bad usage or bad input');
    expect(md).toContain('error: --property no-such: unknown property');
  });
});

describe('new corpus files', () => {
  test('are the *.json files git does not track', () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', ...args], { cwd: tmp, stdio: 'pipe' });
    git('init', '-q');
    const old = writeEntry(path.join(tmp, 'corpus'), entry('v6'));
    fs.writeFileSync(path.join(tmp, 'corpus', '.corpus-tmp-1-abc'), 'partial');
    git('add', '.');
    git('commit', '-q', '-m', 'corpus');
    const added = writeEntry(path.join(tmp, 'corpus'));
    expect(untrackedCorpusFiles('corpus', tmp)).toEqual([path.join('corpus', path.basename(added))]);
    expect(untrackedCorpusFiles('corpus', tmp)).not.toContain(path.join('corpus', path.basename(old)));
  });

  test('outside git, the message says to pass --new-corpus', () => {
    expect(() => untrackedCorpusFiles('corpus', '/')).toThrow(/--new-corpus DIR/);
  });
});

describe('summarize() and the command line', () => {
  test('--collect copies the new entries for the artifact; --report-only never fails the job', () => {
    const file = writeEntry(path.join(tmp, 'merged', 'corpus'));
    const doc = writeShard(0, fuzzDoc([newFinding('corpus/x.json')], 1), 1);
    const collect = path.join(tmp, 'findings');
    const r = summarize(opts({ newCorpus: path.join(tmp, 'merged', 'corpus'), collect, summaryFile: path.join(collect, 'summary.md'), files: [doc] }), {});
    expect(r.exitCode).toBe(EXIT_FAIL);
    expect(fs.readFileSync(path.join(collect, 'corpus', path.basename(file)), 'utf8')).toBe(fs.readFileSync(file, 'utf8'));
    expect(fs.readFileSync(path.join(collect, 'summary.md'), 'utf8')).toContain(MESSAGE);
    expect(summarize(opts({ newCorpus: path.join(tmp, 'merged', 'corpus'), reportOnly: true, files: [doc] }), {}).exitCode).toBe(EXIT_PASS);
  });

  test('npx ts-node .ci/summarize.ts: appends to $GITHUB_STEP_SUMMARY and exits with the decision', () => {
    writeEntry(path.join(tmp, 'corpus'));
    const doc = writeShard(0, fuzzDoc([newFinding('corpus/x.json')], 1), 1);
    const stepSummary = path.join(tmp, 'step-summary.md');
    fs.writeFileSync(stepSummary, '## Nightly fuzz plan\n');
    const run = (revision: string) => spawnSync(
      path.join(REPO, 'node_modules', '.bin', 'ts-node'),
      ['--transpile-only', path.join(REPO, '.ci', 'summarize.ts'), '--revision', revision, '--new-corpus', path.join(tmp, 'corpus'), doc],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: stepSummary, GITHUB_RUN_ID: '42' }, timeout: 60_000 },
    );
    const latest = run('latest');
    expect(latest.stderr).toContain('FAILED: 1 new counterexample(s)');
    expect(latest.status).toBe(EXIT_FAIL);
    expect(latest.stdout).toContain(MESSAGE);
    const written = fs.readFileSync(stepSummary, 'utf8');
    expect(written.startsWith('## Nightly fuzz plan\n')).toBe(true);
    expect(written).toContain('gh run download 42');
    expect(run('v6').status).toBe(EXIT_PASS);
  });
});

/**
 * Bad input, every time: exit 2, a message that says what is wrong, where and how to fix it,
 * never a stack trace, never a hang, never a silent skip, never "PASSED" when nothing ran.
 * In-process, on the fake harness (the CLI and corpus code are the real ones).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzCommand } from '../../harness/cli/fuzzCommand';
import { memoryIo } from '../../harness/cli/io';
import { runCommand } from '../../harness/cli/main';
import { replayCommand } from '../../harness/cli/replayCommand';
import { loadRevisionArg } from '../../harness/cli/revisionArg';
import { realHarness } from '../../harness/fuzz/harness';
import { UsageError } from '../../harness/errors';
import { CORPUS_SCHEMA, encodeEntry, entryFileName, serializeEntry, type CorpusEntry } from '../../harness/corpus/entry';
import { loadCorpusDir } from '../../harness/corpus/load';
import { simpleScenario } from '../corpus/scenarioArb';
import { fakeHarness } from './fakes';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

async function cmd(which: 'fuzz' | 'replay', args: string[]) {
  const io = memoryIo({ SMMU_FUZZ_CORPUS: dir });
  const command = which === 'fuzz' ? fuzzCommand : replayCommand;
  const code = await runCommand((a, i, s) => command(a, fakeHarness(), i, s), args, io, new AbortController().signal);
  return { code, out: io.stdout, err: io.stderr };
}

/** Exit 2, the message matches, and no stack trace. */
async function usage(which: 'fuzz' | 'replay', args: string[], message: RegExp) {
  const r = await cmd(which, args);
  expect({ code: r.code, err: r.err }).toEqual({ code: 2, err: expect.stringMatching(message) });
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.out).not.toMatch(/PASSED/);
  return r;
}

const entry: CorpusEntry = {
  schema: CORPUS_SCHEMA, property: 'fake-fault-count', revision: 'fake-old', signature: 'two faults', message: '2 faults',
  expect: { 'fake-old': 'fail' }, scenario: simpleScenario(), found: { seed: 1, path: '3', date: '2026-01-01', commit: null },
};

function writeEntry(e: CorpusEntry = entry): string {
  const file = path.join(dir, entryFileName(e));
  fs.writeFileSync(file, serializeEntry(e));
  return file;
}

describe('the revision and the corpus directory', () => {
  test('--revision DIR: exit 2 (EISDIR was exit 3), in the CLI and with the real harness', async () => {
    await usage('fuzz', ['--revision', dir, '--runs', '1'], /--revision .*: is a directory; give a revision name .* or the path of one patch or one C\/H file/);
    writeEntry();
    await usage('replay', [dir, '--revision', dir], /is a directory/);
    expect(() => loadRevisionArg(realHarness(), dir, undefined)).toThrow(UsageError);
  });

  test("--corpus '': exit 2 for fuzz and replay", async () => {
    await usage('fuzz', ['--corpus', '', '--runs', '1'], /--corpus '': an empty value; give e.g. --corpus corpus/);
    writeEntry();
    await usage('replay', [dir, '--corpus', ''], /--corpus '': an empty value/);
  });

  test('--corpus FILE: exit 2, a file is not a corpus directory', async () => {
    const file = writeEntry();
    await usage('fuzz', ['--corpus', file, '--runs', '1'], /--corpus .*: is a file, not a directory/);
    await usage('replay', [file, '--corpus', file], /--corpus .*: is a file, not a directory/);
  });

  test('an unwritable corpus directory: exit 2 before the first run, not after the first finding', async () => {
    // As root, permission bits do not stop a write: /proc/self is a directory nobody can create files in.
    let target = '/proc/self';
    if (process.getuid?.() !== 0) {
      target = path.join(dir, 'ro');
      fs.mkdirSync(target, { mode: 0o555 });
    }
    const r = await usage('fuzz', ['--corpus', target, '--runs', '200', '--revision', 'fake-old'], /--corpus .*: cannot be written .*\n {2}fix: give a writable directory/);
    expect(r.out).toBe('');
    // A path under a file can never be created.
    const file = writeEntry();
    await usage('fuzz', ['--corpus', path.join(file, 'sub'), '--runs', '1'], /is a file, so the directory cannot be created/);
  });
});

describe('corpus files', () => {
  test('deeply nested JSON: exit 2 naming the field (a RangeError before)', async () => {
    const json = encodeEntry(entry) as any;
    json.scenario.inserts = 'DEEP';
    const deep = '['.repeat(100_000) + '1' + ']'.repeat(100_000);
    fs.writeFileSync(path.join(dir, 'deep.json'), JSON.stringify(json).replace('"DEEP"', deep));
    await usage('replay', [dir, '--revision', 'fake-old'], /deep\.json: field scenario\.inserts\[0\].*: nested more than 16 levels deep/);
    await usage('fuzz', ['--runs', '1'], /deep\.json: field scenario\.inserts/);
  });

  test('a FIFO named *.json: exit 2, no hang', async () => {
    writeEntry();
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    await usage('replay', [dir], /pipe\.json: is a FIFO \(named pipe\), not a corpus entry file\n {2}fix: /);
    await usage('fuzz', ['--runs', '1'], /pipe\.json: is a FIFO/);
    await usage('replay', [path.join(dir, 'pipe.json')], /is a FIFO/);
  });

  test('a dangling symlink and a symlink loop are reported, not skipped', async () => {
    writeEntry();
    fs.symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'dangling.json'));
    await usage('replay', [dir, '--revision', 'fake-old'], /dangling\.json: is a dangling symlink \(-> .*gone\.json, which does not exist\)\n {2}fix: remove it/);
    fs.rmSync(path.join(dir, 'dangling.json'));
    fs.symlinkSync('loop-b.json', path.join(dir, 'loop-a.json'));
    fs.symlinkSync('loop-a.json', path.join(dir, 'loop-b.json'));
    await usage('fuzz', ['--runs', '1'], /loop-a\.json: is a symlink loop/);
  });

  test('an entry naming an unknown property: exit 2 naming the file and the known properties', async () => {
    const bad = { ...entry, property: 'fake-no-such' };
    writeEntry(bad);
    await usage('replay', [dir, '--revision', 'fake-old'],
      /corpus file .*\.json: field property: names "fake-no-such", which is not a property \(properties: fake-small-table, fake-fault-count, fake-holds\)/);
    await usage('fuzz', ['--runs', '1'], /names "fake-no-such"/);
  });

  test('a number out of range (1e400) is named as such, not shown as null', async () => {
    const text = serializeEntry(entry).replace(/"sid_bits": \d+/, '"sid_bits": 1e400');
    fs.writeFileSync(path.join(dir, 'big.json'), text);
    const r = await usage('replay', [dir], /big\.json: field scenario\.hardware\.sid_bits: expected an integer in 0\.\.63, found a number out of range/);
    expect(r.err).not.toMatch(/found null/);
  });

  test('a UTF-8 byte order mark is accepted', async () => {
    const file = writeEntry();
    fs.writeFileSync(file, '\uFEFF' + fs.readFileSync(file, 'utf8'));
    expect(loadCorpusDir(dir).map((l) => l.entry)).toEqual([entry]);
    expect((await cmd('replay', [file, '--revision', 'fake-old'])).code).toBe(0);
  });
});

describe('nothing run is not PASSED', () => {
  test('an empty replay directory: exit 2, "nothing to replay"', async () => {
    await usage('replay', [dir], /no corpus entry in .*: nothing to replay, so nothing would be checked/);
  });

  test('--time 1e-7: exit 2, "nothing was run"', async () => {
    await usage('fuzz', ['--time', '1e-7', '--seed', '1'], /nothing was run: the time budget \(--time 1e-7\) was spent before the first run/);
  });

  test('--runs 2 --shard 3/4: exit 2, the shard gets no run', async () => {
    await usage('fuzz', ['--runs', '2', '--shard', '3/4'], /this shard gets no run/);
  });
});

describe('--json FILE', () => {
  test('refuses to write over a corpus entry or into the corpus directory', async () => {
    const file = writeEntry();
    // `replay --json FILE` used to mean: replay FILE, document on stdout. Now FILE would be the
    // output: refused, with what to write instead.
    await usage('replay', ['--json', file], /--json .*: is in the corpus directory; .*To replay that file, put it before --json/);
    await usage('fuzz', ['--json', path.join(dir, 'out.json'), '--runs', '1'], /is in the corpus directory/);
    // One entry replayed by path: its directory is a corpus directory too.
    await usage('replay', [file, '--json', path.join(dir, 'out.json')], /is in the corpus directory/);
    expect(fs.existsSync(path.join(dir, 'out.json'))).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(serializeEntry(entry));
  });
});

describe('the environment: SMMU_KDUMP_FUZZ_READ_MIB (the read budget), SMMU_FUZZ_WASM_INLINING', () => {
  const cases = [
    { variable: 'SMMU_KDUMP_FUZZ_READ_MIB', value: 'lots', says: /SMMU_KDUMP_FUZZ_READ_MIB="lots": not a whole number of MiB from 1 to 4096[^]*fix: / },
    { variable: 'SMMU_FUZZ_WASM_INLINING', value: 'yes', says: /SMMU_FUZZ_WASM_INLINING="yes": not 0 or 1[^]*fix: .*SMMU_FUZZ_WASM_INLINING=0/ },
  ];
  test.each((['fuzz', 'replay'] as const).flatMap((which) => cases.map((c) => ({ which, ...c }))))('a malformed $variable is exit 2 from $which, naming the variable and the fix, before any run', async ({ which, variable, value, says }) => {
    if (which === 'replay') writeEntry();
    const io = memoryIo({ SMMU_FUZZ_CORPUS: dir, [variable]: value });
    const command = which === 'fuzz' ? fuzzCommand : replayCommand;
    const args = which === 'fuzz' ? ['--seed', '1', '--runs', '3'] : [dir];
    const code = await runCommand((a, i, s) => command(a, fakeHarness(), i, s), args, io, new AbortController().signal);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(says);
    expect(io.stdout).not.toMatch(/PASSED|replay:|fuzz: revision/);
  });
});

import { UsageError } from '../../harness/errors';
import { DEFAULT_RUNS, parseFuzzArgs } from '../../harness/cli/fuzzArgs';
import { parseReplayArgs } from '../../harness/cli/replayArgs';
import { ownsRun, parseShard } from '../../harness/fuzz/shard';
import { parseSeed, seedArgument, seedFlag, textSeed } from '../../harness/corpus/seed';
import { ProgressLine } from '../../harness/cli/progress';
import { memoryIo } from '../../harness/cli/io';

function usage(fn: () => unknown): string {
  try { fn(); } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('no UsageError');
}

describe('fuzz command line', () => {
  test('defaults', () => {
    const a = parseFuzzArgs([], {}, () => 77);
    expect(a).toMatchObject({ seed: { value: 77, fresh: true }, runs: DEFAULT_RUNS, timeMs: undefined, properties: [], revision: undefined, corpus: 'corpus', json: false, shard: { index: 0, count: 1 }, strict: false });
    expect(parseFuzzArgs([], { SMMU_FUZZ_CORPUS: '/tmp/c' }).corpus).toBe('/tmp/c');
    expect(parseFuzzArgs(['--corpus', 'x'], { SMMU_FUZZ_CORPUS: '/tmp/c' }).corpus).toBe('x');
  });

  test('every flag', () => {
    const a = parseFuzzArgs(['--seed', '12', '--runs', '5', '--time', '1.5', '--property', 'a', '--property', 'b',
      '--revision', 'v6', '--corpus', 'c', '--json', '--shard', '1/3', '--strict', '--list']);
    expect(a).toMatchObject({ seed: { value: 12, fresh: false }, runs: 5, timeMs: 1500, properties: ['a', 'b'], revision: 'v6', corpus: 'c', json: true, shard: { index: 1, count: 3 }, strict: true, list: true });
    expect(parseFuzzArgs(['--time', '10']).runs).toBe(Infinity);
  });

  test('errors name the flag, what is wrong and what to type', () => {
    expect(usage(() => parseFuzzArgs(['--sed', '1']))).toMatch(/unknown option --sed \(did you mean --seed\?\).*--help/);
    expect(usage(() => parseFuzzArgs(['--seed']))).toMatch(/--seed needs a value, e.g. --seed 42/);
    expect(usage(() => parseFuzzArgs(['--strict=yes']))).toMatch(/--strict is a switch and takes no value/);
    expect(usage(() => parseFuzzArgs(['42']))).toMatch(/unexpected argument '42'.*npm run fuzz -- --seed 42/);
    expect(usage(() => parseFuzzArgs(['--runs', '0']))).toMatch(/--runs 0: expected a whole number of at least 1/);
    expect(usage(() => parseFuzzArgs(['--runs', '1e3']))).toMatch(/--runs 1e3/);
    expect(usage(() => parseFuzzArgs(['--time=-1']))).toMatch(/--time -1: expected a number of seconds/);
    expect(usage(() => parseFuzzArgs(['--seed', '-5']))).toMatch(/must be attached with '=', e.g. --seed=-5/);
    expect(parseFuzzArgs(['--seed=-5']).seed.value).toBe(-5);
    expect(usage(() => parseFuzzArgs(['--shard', '3/3']))).toMatch(/I must be in 0\.\.2; shards are numbered from 0.*--shard 2\/3/);
    expect(usage(() => parseFuzzArgs(['--shard', 'first']))).toMatch(/expected I\/N, e.g. --shard 0\/4/);
    expect(usage(() => parseFuzzArgs(['--shard', '0/0']))).toMatch(/N must be at least 1/);
  });

  test('replay: positionals are files or directories, default the corpus', () => {
    expect(parseReplayArgs([], {})).toMatchObject({ paths: ['corpus'], properties: [] });
    expect(parseReplayArgs(['a.json', 'dir', '--revision', 'v7'], {})).toMatchObject({ paths: ['a.json', 'dir'], revision: 'v7' });
    expect(usage(() => parseReplayArgs(['--runs', '3'], {}))).toMatch(/unknown option --runs/);
  });
});

describe('seeds', () => {
  test('numbers are used as is, text goes through seedrandom, deterministically', () => {
    expect(parseSeed('42')).toEqual({ value: 42, fresh: false });
    expect(parseSeed('-7')).toEqual({ value: -7, fresh: false });
    expect(parseSeed('4294967295').value).toBe(4294967295);
    const t = parseSeed('nightly');
    expect(t).toEqual({ value: textSeed('nightly'), text: 'nightly', fresh: false });
    expect(Number.isInteger(t.value) && t.value >= -(2 ** 31) && t.value < 2 ** 31).toBe(true);
    expect(parseSeed('nightly').value).toBe(t.value);
    expect(parseSeed('99999999999')).toMatchObject({ text: '99999999999' });
    expect(seedArgument({ value: 1, text: 'a b' })).toBe(`'a b'`);
    expect(seedFlag({ value: -5 })).toBe('--seed=-5');
    expect(seedFlag({ value: 5 })).toBe('--seed 5');
  });
});

describe('shards', () => {
  test('run i belongs to shard i mod N; the shards partition the runs', () => {
    const shards = [0, 1, 2, 3].map((i) => parseShard(`${i}/4`));
    for (let i = 0; i < 100; i++) expect(shards.filter((s) => ownsRun(s, i))).toHaveLength(1);
  });
});

describe('progress line', () => {
  test('only on a TTY, only after ~2 s, rewritten in place, erased at the end', () => {
    const tty = memoryIo({}, true);
    const p = new ProgressLine(tty, true, { runs: 1000, timeMs: 10_000 });
    p.update({ runsDone: 10, newFindings: 0, knownFindings: 0, elapsedMs: 500 });
    expect(tty.stderr).toBe('');
    p.update({ runsDone: 400, newFindings: 1, knownFindings: 2, elapsedMs: 2000 });
    expect(tty.stderr).toBe('\r\x1b[Kfuzz: 400 runs, 200 runs/s, 1 new, 2 known, 3 s left');
    p.clear();
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    const pipe = memoryIo({}, false);
    const q = new ProgressLine(pipe, false, { runs: 1000 });
    q.update({ runsDone: 400, newFindings: 1, knownFindings: 2, elapsedMs: 5000 });
    q.clear();
    expect(pipe.stderr).toBe('');
  });
});

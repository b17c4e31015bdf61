/**
 * The argument and corpus parsers on any input (fast-check): a parsed result or a UsageError,
 * never another exception, never a hang.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parseFuzzArgs, checkShardRuns } from '../../harness/cli/fuzzArgs';
import { parseReplayArgs } from '../../harness/cli/replayArgs';
import { UsageError } from '../../harness/errors';
import { serializeEntry, type CorpusEntry } from '../../harness/corpus/entry';
import { loadCorpusDir, loadEntryFile } from '../../harness/corpus/load';
import { simpleScenario } from '../corpus/scenarioArb';

function parsedOrUsage(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof UsageError)) throw new Error(`expected a result or a UsageError, got ${(err as Error)?.stack ?? String(err)}`);
    expect(err.message.length).toBeGreaterThan(10);
  }
}

const FLAGS = ['--seed', '--runs', '--time', '--property', '--revision', '--base', '--corpus', '--json', '--shard', '--strict',
  '--list', '--help', '-h', '--', '-', '--json=', '--corpus=', '--seed=-1', '--time=1e-7', '--runs=1e400', '--shard=3/2'];
const token = fc.oneof(
  fc.constantFrom(...FLAGS),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('0', '1', '-1', '1e400', '1e-7', '0.5', 'NaN', '0/1', '4294967296', 'corpus', '', '/tmp', 'x.json', '\u0000', '--json'),
);

test('any argv: fuzz and replay parse it or give a UsageError', () => {
  fc.assert(fc.property(fc.array(token, { maxLength: 10 }), (argv) => {
    parsedOrUsage(() => checkShardRuns(parseFuzzArgs(argv, {}, () => 1)));
    parsedOrUsage(() => parseReplayArgs(argv, {}));
  }), { numRuns: 3000 });
});

test('--json: a value, a bare flag, or - all name where the document goes', () => {
  expect(parseFuzzArgs(['--json', 'out.json']).jsonTarget).toBe('out.json');
  expect(parseFuzzArgs(['--json']).jsonTarget).toBe('-');
  expect(parseFuzzArgs(['--json', '-']).jsonTarget).toBe('-');
  expect(parseFuzzArgs(['--json', '--seed', '1']).jsonTarget).toBe('-');
  expect(parseReplayArgs(['corpus', '--json'], {})).toMatchObject({ paths: ['corpus'], jsonTarget: '-' });
  expect(parseFuzzArgs(['--runs', '1']).json).toBe(false);
});

describe('any file content', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsers-fuzz-')); });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  const entry: CorpusEntry = {
    schema: 1, property: 'no-crash', revision: 'latest', signature: 's', message: 'm', expect: { latest: 'fail' },
    scenario: simpleScenario(), found: { seed: 1, path: '0', date: null, commit: null },
  };
  const good = serializeEntry(entry);

  const content = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
    fc.nat({ max: 60_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.nat({ max: 60_000 }).map((n) => good.replace('"inserts": [', `"inserts": [${'['.repeat(n)}1${']'.repeat(n)},`)),
    fc.tuple(fc.constantFrom('\uFEFF', '', '\uFEFF\uFEFF'), fc.nat({ max: good.length })).map(([bom, n]) => bom + good.slice(0, n)),
    fc.tuple(fc.nat({ max: good.length - 1 }), fc.constantFrom('1e400', '-0', '"0x"', 'null', '[]', '{}', '9007199254740993'))
      .map(([n, v]) => good.slice(0, n) + v + good.slice(n)),
  );

  test('loadEntryFile: an entry or a UsageError naming the file', () => {
    let i = 0;
    fc.assert(fc.property(content, (text) => {
      const file = path.join(dir, `f${i++}.json`);
      fs.writeFileSync(file, text);
      try {
        parsedOrUsage(() => loadEntryFile(file));
      } finally {
        fs.rmSync(file);
      }
    }), { numRuns: 500 });
  });

  test('loadCorpusDir: a directory with anything in it', () => {
    fc.assert(fc.property(fc.array(content, { maxLength: 3 }), (texts) => {
      const sub = fs.mkdtempSync(path.join(dir, 'd-'));
      texts.forEach((t, k) => fs.writeFileSync(path.join(sub, `${k}.json`), t));
      try {
        parsedOrUsage(() => loadCorpusDir(sub));
      } finally {
        fs.rmSync(sub, { recursive: true });
      }
    }), { numRuns: 150 });
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { UsageError } from '../../harness/errors';
import { encodeEntry, entryFileName, serializeEntry, type CorpusEntry } from '../../harness/corpus/entry';
import { loadCorpusDir, loadCorpusPaths, loadEntryFile } from '../../harness/corpus/load';
import { simpleScenario } from './scenarioArb';

const entry: CorpusEntry = {
  schema: 1, property: 'no-over-allocation', revision: 'v6', signature: 'l1tab:over', message: 'L1 table mapped 1 MiB',
  expect: { v6: 'fail' }, scenario: simpleScenario(), found: { seed: 42, path: '17:0:3', date: '2026-05-01', commit: null },
};

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-load-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function usageError(fn: () => unknown): UsageError {
  try { fn(); } catch (err) {
    if (err instanceof UsageError) return err;
    throw new Error(`expected a UsageError, got ${String((err as Error)?.stack ?? err)}`);
  }
  throw new Error('expected a UsageError, got none');
}

/** Every leaf of a JSON value, as a path of keys. */
function leaves(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.length ? v.flatMap((x, i) => leaves(x, [...at, i])) : [at];
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length ? keys.flatMap((k) => leaves((v as any)[k], [...at, k])) : [at];
  }
  return [at];
}

describe('corpus loader', () => {
  test('loads entries of a directory in name order and ignores hidden temp files', () => {
    write(entryFileName(entry), serializeEntry(entry));
    const other = { ...entry, signature: 'other' };
    write(entryFileName(other), serializeEntry(other));
    write('.corpus-tmp-123-abc', '{"half": ');
    write('README.md', 'not an entry');
    const loaded = loadCorpusDir(dir);
    expect(loaded.map((l) => path.basename(l.file))).toEqual([entryFileName(entry), entryFileName(other)].sort());
    expect(loaded.find((l) => l.entry.signature === 'other')?.entry).toEqual(other);
  });

  test('an empty or missing directory is an empty corpus (when allowed)', () => {
    expect(loadCorpusDir(dir)).toEqual([]);
    expect(loadCorpusDir(path.join(dir, 'missing'), { missingOk: true })).toEqual([]);
    expect(usageError(() => loadCorpusDir(path.join(dir, 'missing'))).message).toContain('missing');
    expect(usageError(() => loadCorpusPaths([path.join(dir, 'nope.json')])).message).toMatch(/nope\.json: no such file/);
  });

  test('a truncated file: UsageError naming the file and the fix', () => {
    const text = serializeEntry(entry);
    const file = write(entryFileName(entry), text.slice(0, text.length / 2));
    const err = usageError(() => loadEntryFile(file));
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/not valid JSON/);
    expect(err.message).toMatch(/fix: restore it/);
  });

  test('an old schema: UsageError naming the file, the field and how to re-save it', () => {
    const file = write('old.json', JSON.stringify({ ...encodeEntry(entry), schema: 0 }));
    const err = usageError(() => loadEntryFile(file));
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/field schema: this file has schema 0, this harness reads schema 1/);
    expect(err.message).toMatch(/fix: re-save it/);
  });

  test('a bad field: UsageError naming file and field', () => {
    const json = encodeEntry(entry) as any;
    json.scenario.inserts[1] = -1;
    const file = write('bad.json', JSON.stringify(json));
    expect(usageError(() => loadEntryFile(file)).message).toMatch(/bad\.json: field scenario\.inserts\[1\]: expected an integer in 0\.\.4294967295, found -1/);
  });

  test('a hash-named file whose identity was edited: rename or restore', () => {
    const json = encodeEntry(entry) as any;
    json.signature = 'edited';
    const file = write(entryFileName(entry), JSON.stringify(json));
    expect(usageError(() => loadEntryFile(file)).message).toMatch(/name does not match its content[\s\S]*git mv/);
    // message, expect and found are not identity: editing them keeps the name valid.
    json.signature = entry.signature;
    json.expect.latest = 'fail';
    json.message = 'reworded';
    fs.writeFileSync(file, JSON.stringify(json));
    expect(loadEntryFile(file).entry.expect).toEqual({ v6: 'fail', latest: 'fail' });
  });

  test('any truncated or mutated file loads or gives a UsageError naming the file — never a raw exception', () => {
    const text = serializeEntry(entry);
    const json = encodeEntry(entry);
    const paths = leaves(json);
    const junk = fc.oneof(fc.jsonValue(), fc.constantFrom<unknown>(undefined, '0x', -1, 1e300, '', [], {}));
    const damage = fc.oneof(
      fc.nat({ max: text.length - 1 }).map((n) => () => text.slice(0, n)),
      fc.tuple(fc.constantFrom(...paths), junk).map(([p, v]) => () => {
        const copy = JSON.parse(text);
        let o = copy;
        for (const k of p.slice(0, -1)) o = o[k];
        if (p.length === 0) return JSON.stringify(v ?? null);
        if (v === undefined) delete o[p[p.length - 1]]; else o[p[p.length - 1]] = v;
        return JSON.stringify(copy);
      }),
      fc.tuple(fc.nat({ max: text.length - 1 }), fc.string({ minLength: 1, maxLength: 1 })).map(([n, c]) => () => text.slice(0, n) + c + text.slice(n + 1)),
    );
    let n = 0;
    fc.assert(fc.property(damage, fc.boolean(), (make, hashName) => {
      const file = write(hashName ? entryFileName(entry) : `damaged-${n++}.json`, make());
      try {
        loadEntryFile(file);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        expect((err as Error).message).toContain(file);
        expect((err as Error).message).toMatch(/\n  fix: /);
      }
    }), { numRuns: 400 });
  });
});

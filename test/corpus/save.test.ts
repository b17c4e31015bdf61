import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { entryKey, serializeEntry, type CorpusEntry } from '../../harness/corpus/entry';
import { loadCorpusDir } from '../../harness/corpus/load';
import { TEMP_PREFIX, saveEntry } from '../../harness/corpus/save';
import { simpleScenario } from './scenarioArb';

const ROOT = path.resolve(__dirname, '..', '..');
const WRITER = path.join(__dirname, 'fixtures', 'writeMany.ts');

const base: CorpusEntry = {
  schema: 1, property: 'no-leaked-mappings', revision: 'v6', signature: 'memremap leaked', message: 'm',
  expect: { v6: 'fail' }, scenario: simpleScenario(), found: { seed: 1, path: '0', date: null, commit: null },
};

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-save-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function writer(args: string[]) {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', WRITER, dir, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ReturnType<typeof writer>): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('saveEntry', () => {
  test('writes <hash>.json with the entry bytes, creating the directory', () => {
    const sub = path.join(dir, 'new', 'corpus');
    const r = saveEntry(sub, base);
    expect(r.status).toBe('saved');
    expect(fs.readFileSync(r.file, 'utf8')).toBe(serializeEntry(base));
    expect(fs.readdirSync(sub)).toEqual([path.basename(r.file)]);
  });

  test('deduplicates by (revision, property, signature) and never overwrites', () => {
    const first = saveEntry(dir, base);
    const before = fs.readFileSync(first.file, 'utf8');
    const sameKeyOtherScenario = { ...base, scenario: { ...base.scenario, inserts: [1, 2, 3] }, message: 'other' };
    expect(saveEntry(dir, sameKeyOtherScenario)).toEqual({ status: 'duplicate', file: first.file, hash: first.hash });
    // Same identity, different found/message: the existing file is kept byte for byte.
    expect(saveEntry(dir, { ...base, message: 'reworded', found: { ...base.found, date: '2030-01-01' } }).status).toBe('duplicate');
    expect(fs.readFileSync(first.file, 'utf8')).toBe(before);
    // Another revision or signature is another finding.
    expect(saveEntry(dir, { ...base, revision: 'v7', expect: { v7: 'fail' } }).status).toBe('saved');
    expect(saveEntry(dir, { ...base, signature: 'double release' }).status).toBe('saved');
    expect(loadCorpusDir(dir)).toHaveLength(3);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  });

  test('refuses to write a value the loader would reject', () => {
    const bad = { ...base, scenario: { ...base.scenario, hardware: { ...base.scenario.hardware, sid_bits: 99 } } };
    expect(() => saveEntry(dir, bad)).toThrow(/sid_bits/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('concurrent writers on one directory lose nothing and leave only whole entries', async () => {
    const keys = 12;
    const children = [0, 1].map((w) => writer([String(w), String(keys), String(keys * 2)]));
    const codes = await Promise.all(children.map(exited));
    expect(codes).toEqual([0, 0]);
    const loaded = loadCorpusDir(dir);
    const seen = new Set(loaded.map((l) => entryKey(l.entry)));
    // Every key any writer tried to save is there; duplicates only from a lost race (rare).
    expect(seen.size).toBe(keys);
    expect(loaded.length).toBeLessThanOrEqual(keys * 2);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  }, 30_000);

  test('a writer killed with SIGKILL in the middle of saving leaves no partial entry', async () => {
    const child = writer(['0', '1000000', '0', '300']);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if ((out.match(/saved/g) ?? []).length >= 10) { clearInterval(poll); resolve(); }
      }, 5);
    });
    child.kill('SIGKILL');
    expect(await exited(child)).toBeNull();
    const names = fs.readdirSync(dir);
    const entries = names.filter((n) => n.endsWith('.json'));
    expect(entries.length).toBeGreaterThanOrEqual(10);
    // Every entry file parses (loadCorpusDir throws on any partial one); temp files are not entries.
    const loaded = loadCorpusDir(dir);
    expect(loaded).toHaveLength(entries.length);
    expect(names.filter((n) => !n.endsWith('.json')).every((n) => n.startsWith(TEMP_PREFIX))).toBe(true);
  }, 30_000);
});

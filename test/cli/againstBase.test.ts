/**
 * A revision given by path is judged against its base (fake harness): what the base also fails
 * on the same scenario, or what the corpus records for the base, is known; the summary says
 * what the change fixed, broke and kept. And a run that meets a simulator limit is counted and
 * shown, never checked, never saved, never a failure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzCommand } from '../../harness/cli/fuzzCommand';
import { memoryIo } from '../../harness/cli/io';
import { runCommand } from '../../harness/cli/main';
import { replayCommand } from '../../harness/cli/replayCommand';
import { loadCorpusDir } from '../../harness/corpus/load';
import { fakeHarness } from './fakes';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'against-base-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

async function cmd(which: 'fuzz' | 'replay', args: string[]) {
  const io = memoryIo({ SMMU_FUZZ_CORPUS: dir, SOURCE_DATE_EPOCH: '1767225600' });
  const command = which === 'fuzz' ? fuzzCommand : replayCommand;
  const code = await runCommand((a, i, s) => command(a, fakeHarness(), i, s), args, io, new AbortController().signal);
  return { code, out: io.stdout, err: io.stderr };
}

const FUZZ = ['--seed', '7', '--runs', '200'];

describe('a path revision against its base', () => {
  test('an unchanged copy of the base: 0 new, 0 fixed, exit 0, although the corpus is empty', async () => {
    const r = await cmd('fuzz', [...FUZZ, '--revision', '/tmp/copy-of-old.c', '--base', 'fake-old', '--json', '-']);
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ revision: 'fake-old+copy-of-old.c', revision_label: 'fake-old + copy-of-old.c (1 hunk in fake.c)', base: 'fake-old', exit: 0 });
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.findings.every((f: any) => f.status === 'known' && f.known_by === 'base')).toBe(true);
    const diff = doc.against_base.properties;
    expect(diff.flatMap((d: any) => [...d.fixed, ...d.broke])).toEqual([]);
    expect(diff.find((d: any) => d.property === 'fake-small-table').kept.map((k: any) => k.signature)).toEqual(['l1tab over-allocated']);
    expect(loadCorpusDir(dir, { missingOk: true })).toEqual([]);
  });

  test('a fix: what it fixed, broke and kept, per property; exit 1 for the broken one only', async () => {
    const r = await cmd('fuzz', [...FUZZ, '--revision', '/tmp/fix.patch', '--base', 'fake-old']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^fuzz: revision fake-old \+ fix\.patch \(1 hunk in fake\.c\), seed 7/);
    expect(r.out).toMatch(/against the base fake-old \(run on the same 200 scenarios\): fixed 1, broke 1, kept 2 signature\(s\)/);
    expect(r.out).toMatch(/ {2}fake-small-table +fixed 1, broke 0, kept 0\n {6}fixed {2}l1tab over-allocated/);
    expect(r.out).toMatch(/ {2}fake-fault-count +fixed 0, broke 1, kept 2\n {6}broke {2}one fault/);
    expect(r.out).toMatch(/result: FAILED: 1 new finding/);
    // The one new finding was shrunk to a scenario the base holds on, and saved.
    const saved = loadCorpusDir(dir);
    expect(saved.map((l) => l.entry.signature)).toEqual(['one fault']);
    expect(saved[0].entry.revision).toBe('fake-old+fix.patch');
    expect(r.out).toMatch(/npm run replay -- \S+\.json --revision \/tmp\/fix\.patch --base fake-old/);
  });

  test('the corpus records for the base count: a finding saved on fake-old is known for a copy of it', async () => {
    expect((await cmd('fuzz', [...FUZZ, '--revision', 'fake-old'])).code).toBe(1);
    const onCopy = await cmd('replay', [dir, '--revision', '/tmp/copy.c', '--base', 'fake-old']);
    expect(onCopy.code).toBe(0);
    expect(onCopy.out).toMatch(/0 new failure\(s\), 0 regression\(s\), 3 known/);
    expect(onCopy.out).toMatch(/fixed 0, broke 0, kept 3 signature/);
    // By name alone, a path revision would have had nothing recorded: the base's records are what count.
    const onFix = await cmd('replay', [dir, '--revision', '/tmp/fix.c', '--base', 'fake-old', '--json', '-']);
    const doc = JSON.parse(onFix.out);
    expect(doc.against_base.properties.find((d: any) => d.property === 'fake-small-table').fixed.map((x: any) => x.signature)).toEqual(['l1tab over-allocated']);
    expect(onFix.code).toBe(0);
  });

  test('--base with a listed revision, or an unknown base: exit 2 naming it', async () => {
    const named = await cmd('fuzz', ['--revision', 'fake-old', '--base', 'fake-new', '--runs', '1']);
    expect(named.code).toBe(2);
    expect(named.err).toMatch(/--base fake-new: --base applies to a path/);
    const unknown = await cmd('fuzz', ['--revision', '/tmp/fix.c', '--base', 'v99', '--runs', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--base v99/);
  });
});

describe('harness limits', () => {
  test('fuzz: limit runs are counted and shown with their reproduce line, never checked, saved or failing', async () => {
    const r = await cmd('fuzz', [...FUZZ, '--revision', 'fake-limit', '--json', '-']);
    const doc = JSON.parse(r.out);
    expect(doc.harness_limits.runs).toBeGreaterThan(0);
    expect(doc.harness_limits.limits).toEqual([expect.objectContaining({
      where: 'arm_smmu_kdump_adopt_strtab_linear', of: 'run',
      reproduce: [expect.stringMatching(/^npm run fuzz -- --seed 7 --revision fake-limit --runs \d+$/)],
    })]);
    // Every fake property fails on a run with a crash: none of those failures may be reported.
    expect(doc.findings.map((f: any) => f.signature)).not.toContain('crashed');
    expect(doc.findings.map((f: any) => f.signature)).not.toContain('one fault');
    expect(doc.findings.map((f: any) => f.signature)).not.toContain('two faults');
    expect(doc.exit).toBe(r.code);
    expect(loadCorpusDir(dir, { missingOk: true }).map((l) => l.entry.signature)).not.toContain('crashed');
    const text = await cmd('fuzz', [...FUZZ, '--revision', 'fake-limit', '--property', 'fake-holds']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/harness limits: \d+ run\(s\) met a limit of the simulator; their properties were not checked/);
    expect(text.out).toMatch(/arm_smmu_kdump_adopt_strtab_linear: \d+ run\(s\), first at run \d+: a 4294967296-byte mapping/);
    expect(text.out).toMatch(/result: PASSED; \d+ run\(s\) not checked \(harness limit\)/);
    expect(loadCorpusDir(dir, { missingOk: true })).toEqual([]);
  });

  test('replay: an entry whose run meets a limit is not checked and does not fail', async () => {
    expect((await cmd('fuzz', [...FUZZ, '--revision', 'fake-old', '--property', 'fake-fault-count'])).code).toBe(1);
    const r = await cmd('replay', [dir, '--revision', 'fake-limit']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/not checked: the run met a limit of the simulator in arm_smmu_kdump_adopt_strtab_linear/);
    expect(r.out).toMatch(/2 not checked \(harness limit\)/);
  });
});

describe('the per-property diff', () => {
  test('a signature fixed on some scenarios and kept on others is said to be partly fixed, on both lines', () => {
    const { diffAgainstBase, diffText } = require('../../harness/fuzz/againstBase') as typeof import('../../harness/fuzz/againstBase');
    const j = (signature: string, runs: number, first: number) => ({ property: 'p', signature, runs, first });
    const text = diffText('base', diffAgainstBase(['p', 'q'], [j('new', 1, 4)], [j('s', 3, 9)], [j('s', 5, 2), j('t', 1, 1)]), '10 scenarios');
    expect(text).toEqual([
      'against the base base (run on the same 10 scenarios): fixed 2, broke 1, kept 1 signature(s)',
      '  p         fixed 2, broke 1, kept 1',
      '      fixed  s (5 runs, first at run 2; partly fixed: fixed on some scenarios, kept on others)',
      '      fixed  t (1 run, first at run 1)',
      '      broke  new (1 run, first at run 4)',
      '      kept   s (3 runs, first at run 9; partly fixed: fixed on some scenarios, kept on others)',
      '  q         fixed 0, broke 0, kept 0',
    ]);
  });
});

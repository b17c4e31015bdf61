/**
 * The kill check and the score on fake property verdicts, and the mutant builder's stillborn
 * path with a fake toolchain: no clang, no WebAssembly.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MutantBuilder } from '../../harness/mutation/build';
import { namedFailures, killingFailure, scoreOf, searchKill, statusOf, type NamedFailure, type MutantOutcome } from '../../harness/mutation/kill';
import type { Property, PropertyContext } from '../../harness/scenario/types';

const f = (property: string, signature: string): NamedFailure => ({ property, signature });

describe('killingFailure', () => {
  test('a failure the original does not have kills', () => {
    expect(killingFailure([], [f('no-crash', 'no-crash:trap@x')])).toEqual(f('no-crash', 'no-crash:trap@x'));
  });

  test('the same property failing with the same signature as the original kills nothing (a recorded finding)', () => {
    const known = [f('adopted-state-consistent', 'adopted-state-consistent:l1_dma@after_init')];
    expect(killingFailure(known, known)).toBeUndefined();
  });

  test('the same property with another signature kills', () => {
    const known = [f('adopted-state-consistent', 'adopted-state-consistent:l1_dma@after_init')];
    const m = [f('adopted-state-consistent', 'adopted-state-consistent:num_l1_ents@after_init')];
    expect(killingFailure(known, m)).toEqual(m[0]);
  });

  test('a signature is matched per property, not across properties', () => {
    expect(killingFailure([f('a', 's')], [f('b', 's')])).toEqual(f('b', 's'));
  });

  test('the mutant holding where the original fails kills nothing', () => {
    expect(killingFailure([f('a', 's')], [])).toBeUndefined();
  });

  test('the first new failure in property order is the one reported', () => {
    expect(killingFailure([f('a', 's')], [f('a', 's'), f('b', 't'), f('c', 'u')])).toEqual(f('b', 't'));
  });
});

describe('searchKill', () => {
  const labels = ['s0', 's1', 's2', 's3'];

  test('stops at the first kill, scenarios in order', () => {
    const ran: number[] = [];
    const r = searchKill(labels, () => [], (i) => {
      ran.push(i);
      return i >= 1 ? [f('p', `p:sig${i}`)] : [];
    });
    expect(ran).toEqual([0, 1]);
    expect(r).toEqual({ kill: { property: 'p', signature: 'p:sig1', scenario: 's1', index: 1 }, scenariosRun: 2, harnessCrashes: [] });
    expect(statusOf(r)).toBe('killed');
  });

  test('survives when the mutant only repeats the original failures', () => {
    const orig = (i: number) => (i === 2 ? [f('p', 'p:known')] : []);
    const r = searchKill(labels, orig, (i) => orig(i));
    expect(r).toEqual({ scenariosRun: 4, harnessCrashes: [] });
    expect(statusOf(r)).toBe('survived');
  });

  test('scenarios the original could not run are skipped', () => {
    const ran: number[] = [];
    const r = searchKill(labels, (i) => (i === 1 ? undefined : []), (i) => (ran.push(i), []));
    expect(ran).toEqual([0, 2, 3]);
    expect(r.scenariosRun).toBe(3);
  });

  test('a harness crash is recorded, not a kill, and the search goes on', () => {
    const r = searchKill(labels, () => [], (i) => {
      if (i === 0) throw new Error('harness bug: boom');
      return i === 2 ? [f('p', 'p:x')] : [];
    });
    expect(r.harnessCrashes).toEqual([{ scenario: 's0', message: 'harness bug: boom' }]);
    expect(r.kill?.scenario).toBe('s2');
    expect(statusOf(r)).toBe('killed');
    const none = searchKill(labels, () => [], (i) => {
      if (i === 0) throw new Error('boom');
      return [];
    });
    expect(statusOf(none)).toBe('harness-crash');
  });

  test('onScenario is told each scenario before it runs', () => {
    const seen: number[] = [];
    searchKill(labels, () => [], () => [], (i) => seen.push(i));
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});

describe('namedFailures', () => {
  const prop = (name: string, ok: boolean): Property => ({
    name,
    description: 'd',
    check: () => (ok ? { ok: true } : { ok: false, signature: `${name}:what@where`, message: 'why' }),
  });
  test('the failing properties, in property order', () => {
    const ctx = {} as PropertyContext;
    expect(namedFailures([prop('a', false), prop('b', true), prop('c', false)], ctx)).toEqual([
      { property: 'a', signature: 'a:what@where', message: 'why' },
      { property: 'c', signature: 'c:what@where', message: 'why' },
    ]);
  });
});

describe('scoreOf', () => {
  const o = (status: MutantOutcome['status'], crashes = 0): MutantOutcome => ({
    status,
    scenariosRun: 1,
    harnessCrashes: Array.from({ length: crashes }, () => ({ scenario: 's', message: 'm' })),
  });

  test('killed / (total - stillborn); equivalent ones are survivors; timeouts and crashes are not kills', () => {
    const s = scoreOf([o('killed'), o('killed'), o('killed'), o('survived'), o('equivalent'), o('stillborn'), o('timeout'), o('harness-crash', 2)]);
    expect(s).toEqual({
      total: 8, stillborn: 1, killed: 3, survived: 2, equivalent: 1, timeout: 1, harnessCrash: 1, harnessCrashRuns: 2,
      score: 3 / 7, scoreWithoutEquivalent: 3 / 6,
    });
  });

  test('nothing to score is NaN, not a division by zero', () => {
    expect(scoreOf([]).score).toBeNaN();
    expect(scoreOf([o('stillborn')]).score).toBeNaN();
  });
});

describe('MutantBuilder without clang', () => {
  test('a failing compiler makes a stillborn mutant, cached by hash in the cache dir, nothing else written', () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-test-'));
    const repoRoot = path.join(__dirname, '..', '..');
    const revisionDir = path.join(repoRoot, 'harness', 'revisions', 'latest');
    const before = fs.readdirSync(revisionDir).sort();
    try {
      // `false` stands for a compiler that rejects the mutant.
      const b = new MutantBuilder({ repoRoot, revisionDir, toolchain: { clang: 'false', wasmLd: 'false' }, cacheDir });
      const text = 'int broken = ;\n';
      const r = b.build('arm-smmu-v3-kdump.c', text);
      expect(r).toMatchObject({ status: 'stillborn', cached: false, hash: b.hashOf('arm-smmu-v3-kdump.c', text) });
      expect(fs.readdirSync(cacheDir)).toEqual([`${r.hash}.stillborn.txt`]);
      expect(b.build('arm-smmu-v3-kdump.c', text)).toMatchObject({ status: 'stillborn', cached: true });
      expect(b.hashOf('arm-smmu-v3-kdump.c', text)).not.toBe(b.hashOf('arm-smmu-v3-kexec.c', text));
      expect(() => b.build('nope.c', text)).toThrow(/not a source/);
      expect(fs.readdirSync(revisionDir).sort()).toEqual(before);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

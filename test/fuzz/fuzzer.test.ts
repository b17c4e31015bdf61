import * as fc from 'fast-check';
import { KnownFindings } from '../../harness/corpus/known';
import type { LoadedEntry } from '../../harness/corpus/load';
import { fuzz, type FuzzEnv } from '../../harness/fuzz/fuzzer';
import { scenarioAt, scenarioStream } from '../../harness/fuzz/generate';
import { WHOLE } from '../../harness/fuzz/shard';
import type { Scenario } from '../../harness/scenario/types';
import { scenarioArb } from '../corpus/scenarioArb';
import { scenario } from '../../generators';
import { PROPERTIES, fakeHarness } from '../cli/fakes';

const h = fakeHarness();
const old = h.loadRevision('fake-old');

function env(over: Partial<FuzzEnv> = {}): FuzzEnv {
  return {
    arbitrary: scenarioArb(), labels: h.scenarioLabels, properties: PROPERTIES,
    run: (s) => h.runWithBaseline(old, s), known: new KnownFindings([], 'fake-old'), ...over,
  };
}

// elapsedMs and slowest are wall-clock measures, the only fields allowed to differ.
const strip = (r: Awaited<ReturnType<typeof fuzz>>) => ({ ...r, elapsedMs: 0, slowest: undefined, statistics: r.statistics.toJson() });

describe('scenario of run index i', () => {
  test('is the value fc.check replays at path "i", however the stream is chunked or sharded', () => {
    const arb = scenarioArb();
    const all = [...scenarioStream(arb, 1234, WHOLE, 300)];
    expect(all.map((g) => g.index)).toEqual([...Array(300).keys()]);
    for (const i of [0, 63, 64, 65, 200, 299]) {
      let replayed: Scenario | undefined;
      fc.check(fc.property(arb, (s) => { replayed = s; return true; }), { seed: 1234, path: String(i), numRuns: 1 });
      expect(all[i].scenario).toEqual(replayed);
      expect(scenarioAt(arb, 1234, String(i))).toEqual(replayed);
    }
    // Every index, for seeds fast-check reads in each of its ways (negative, 32-bit, fractional).
    for (const seed of [1234, -5, 2 ** 31 - 1, 3.5]) {
      const stream = [...scenarioStream(arb, seed, WHOLE, 300)].map((g) => g.scenario);
      expect(stream).toEqual(fc.sample(arb, { seed, path: '0', numRuns: 300 }));
    }
    // And the generators' own arbitrary, which the fuzz command runs.
    const real = scenario();
    expect([...scenarioStream(real, 42, WHOLE, 300)].map((g) => g.scenario)).toEqual(fc.sample(real, { seed: 42, path: '0', numRuns: 300 }));
    // Far into a long run, where the stream has jumped thousands of times.
    const far = [...scenarioStream(arb, 1234, WHOLE, 5001)];
    expect(far[5000].scenario).toEqual(scenarioAt(arb, 1234, '5000'));
    const shard = [...scenarioStream(arb, 1234, { index: 2, count: 3 }, 300)];
    expect(shard.map((g) => g.index)).toEqual([...Array(100).keys()].map((k) => 3 * k + 2));
    expect(shard.map((g) => g.scenario)).toEqual(all.filter((g) => g.index % 3 === 2).map((g) => g.scenario));
  });
});

describe('fuzz loop', () => {
  test('finds, shrinks and persists each new signature once, and goes on after it', async () => {
    const saved: string[] = [];
    const r = await fuzz({ seed: 7, runs: 300, shard: WHOLE }, env({ persist: (f) => { saved.push(`${f.property}/${f.signature}`); return undefined; } }));
    expect(r.runsDone).toBe(300);
    expect(r.stoppedBy).toBe('runs');
    const sigs = r.findings.map((f) => `${f.property}/${f.signature}`);
    expect(sigs.sort()).toEqual(['fake-fault-count/three or more faults', 'fake-fault-count/two faults', 'fake-small-table/l1tab over-allocated']);
    expect(saved.sort()).toEqual(sigs);
    for (const f of r.findings) {
      expect(f.status).toBe('new');
      expect(f.runs).toBeGreaterThan(1);
      // Shrunk with the signature held: the smallest scenario of this very failure.
      const v = PROPERTIES.find((p) => p.name === f.property)!.check(f.context!);
      expect(v).toMatchObject({ ok: false, signature: f.signature });
      // Its path replays to it with fast-check alone.
      expect(scenarioAt(scenarioArb(), 7, f.shrunk!.path)).toEqual(f.shrunk!.scenario);
      expect(f.shrunk!.path.split(':')[0]).toBe(String(f.firstIndex));
    }
    const small = r.findings.find((f) => f.property === 'fake-small-table')!.shrunk!.scenario;
    expect(small.hardware.sid_bits).toBe(20);
    expect(small.corruption).toEqual([]);
    expect(r.findings.find((f) => f.signature === 'two faults')!.shrunk!.scenario.faults).toHaveLength(2);
  });

  test('a signature known in the corpus is counted, not shrunk or saved', async () => {
    const entry = { file: 'corpus/x.json', hash: 'x', entry: { property: 'fake-small-table', signature: 'l1tab over-allocated', revision: 'fake-old', expect: { 'fake-old': 'fail' } } } as unknown as LoadedEntry;
    const persisted: string[] = [];
    const r = await fuzz({ seed: 7, runs: 300, shard: WHOLE }, env({
      known: new KnownFindings([entry], 'fake-old'), persist: (f) => { persisted.push(f.signature); return undefined; },
    }));
    const k = r.findings.find((f) => f.property === 'fake-small-table')!;
    expect(k).toMatchObject({ status: 'known', known: entry });
    expect(k.shrunk).toBeUndefined();
    expect(persisted).not.toContain('l1tab over-allocated');
    expect(persisted.length).toBe(2);
  });

  test('same seed, same everything; shards partition the runs and find the same signatures', async () => {
    const a = strip(await fuzz({ seed: 99, runs: 200, shard: WHOLE }, env()));
    const b = strip(await fuzz({ seed: 99, runs: 200, shard: WHOLE }, env()));
    expect(JSON.stringify(b, (_k, v) => typeof v === 'bigint' ? String(v) : v)).toBe(JSON.stringify(a, (_k, v) => typeof v === 'bigint' ? String(v) : v));
    const shards = await Promise.all([0, 1, 2].map((i) => fuzz({ seed: 99, runs: 200, shard: { index: i, count: 3 } }, env())));
    expect(shards.reduce((n, s) => n + s.runsDone, 0)).toBe(200);
    expect(shards.reduce((n, s) => n + s.statistics.runs, 0)).toBe(a.statistics.runs);
    const union = new Set(shards.flatMap((s) => s.findings.map((f) => f.signature)));
    expect([...union].sort()).toEqual(a.findings.map((f) => f.signature).sort());
  });

  test('stops on the time budget and on abort', async () => {
    let t = 0;
    const timed = await fuzz({ seed: 1, runs: Infinity, timeMs: 50, shard: WHOLE }, env({ now: () => t++, properties: [PROPERTIES[2]] }));
    expect(timed.stoppedBy).toBe('time');
    expect(timed.runsDone).toBeGreaterThan(0);
    const ac = new AbortController();
    let n = 0;
    const aborted = await fuzz({ seed: 1, runs: 10_000, shard: WHOLE }, env({
      properties: [PROPERTIES[2]], signal: ac.signal,
      run: (s) => { if (++n === 25) ac.abort(); return h.runWithBaseline(old, s); },
    }));
    expect(aborted).toMatchObject({ stoppedBy: 'interrupt', runsDone: 25 });
  });

  test('a property that throws is a failure with a signature naming the error', async () => {
    const boom = { name: 'boom', description: 'throws', check: () => { throw new RangeError('index 7 out of range\nmore'); } };
    const r = await fuzz({ seed: 3, runs: 5, shard: WHOLE }, env({ properties: [boom] }));
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ signature: 'check threw RangeError: index 7 out of range', runs: 5 });
  });

  test('generation statistics count labels and coverage once per run', async () => {
    const r = await fuzz({ seed: 5, runs: 100, shard: WHOLE }, env({ properties: [PROPERTIES[2]] }));
    const s = r.statistics.toJson();
    expect(s.runs).toBe(100);
    expect((s.labels['fmt:linear'] ?? 0) + (s.labels['fmt:2lvl'] ?? 0)).toBe(100);
    expect((s.coverage['kdump'] ?? 0) + (s.coverage['normal boot'] ?? 0)).toBe(100);
    expect(r.statistics.format().join('\n')).toMatch(/scenario labels[\s\S]*coverage reached/);
  });
});

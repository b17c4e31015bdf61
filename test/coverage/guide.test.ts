/**
 * Coverage guidance (harness/fuzz/guide.ts): deterministic from the seed, the same whether the
 * loop sees each run at once (--jobs 1) or a block behind (workers running ahead), and fault
 * derivations aimed only at call sites the parent's run called. The reach of a run is a stand-in
 * computed from the scenario here, so the guide is tested without running the C.
 */
import fc from 'fast-check';
import { BLOCK, CoverageGuide, LAG, WAIT, type GuidedRun, type Reach } from '../../harness/fuzz/guide';
import { derivationOf, siteCallsOf } from '../../harness/fuzz/guideDerive';
import { WHOLE } from '../../harness/fuzz/shard';
import { scenario } from '../../generators/index';
import { intactAdoption } from '../../harness/stories/findingScenarios';
import type { Scenario } from '../../harness/scenario/types';

const RUNS = LAG + 3 * BLOCK + 40;
/** Runs before any can rest on a non-empty pool. */
const FRESH = LAG + BLOCK;

/** A stand-in reach: a few "edges" that depend on the scenario. */
function fakeReach(s: Scenario): Reach {
  return {
    edges: [s.inserts.length, 10 + s.corruption.length, 20 + s.hardware.sid_bits, 60 + s.faults.length, s.kdump ? 70 : 71],
    calls: [['arm_smmu_init_strtab_2lvl:devm_kmalloc', 1], ['arm_smmu_kdump_adopt_strtab_2lvl:memremap', 2]],
  };
}

/** The runs of one guided stream; `lag` = how many runs the loop sees behind the stream (0 = at once). */
function guidedRuns(seed: number, lag: number): { index: number; scenario: string; derived: boolean }[] {
  const guide = new CoverageGuide(seed, WHOLE);
  const out: { index: number; scenario: string; derived: boolean }[] = [];
  const pending: GuidedRun[] = [];
  const see = (r: GuidedRun) => {
    guide.observe(r.index, r.scenario, fakeReach(r.scenario), r.derived !== undefined);
    out.push({ index: r.index, scenario: JSON.stringify(r.scenario, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)), derived: r.derived !== undefined });
  };
  for (const r of guide.stream(scenario(), RUNS)) {
    if (r === WAIT) {
      // The stream may wait only while the loop is behind it.
      expect(pending.length).toBeGreaterThan(0);
      while (pending.length > 0) see(pending.shift()!);
      continue;
    }
    pending.push(r);
    while (pending.length > lag) see(pending.shift()!);
  }
  while (pending.length > 0) see(pending.shift()!);
  return out;
}

test('the guided runs are the same when the loop sees each run at once and when it runs a block behind', () => {
  const atOnce = guidedRuns(7, 0);
  expect(atOnce.map((r) => r.index)).toEqual([...Array(RUNS).keys()]);
  expect(guidedRuns(7, BLOCK)).toEqual(atOnce);
  expect(guidedRuns(7, 37)).toEqual(atOnce);
  expect(guidedRuns(7, LAG)).toEqual(atOnce);
  // Further behind than the lag allows: the stream waits for the loop, and still makes the same runs.
  expect(guidedRuns(7, LAG + BLOCK + 5)).toEqual(atOnce);
});

test('the first LAG + BLOCK runs are fast-check runs of their index; later ones derive from pool scenarios, by seed', () => {
  const runs = guidedRuns(7, 0);
  expect(runs.slice(0, FRESH).some((r) => r.derived)).toBe(false);
  const derived = runs.filter((r) => r.derived).length;
  expect(derived).toBeGreaterThan(0);
  expect(derived).toBeLessThan(RUNS - FRESH);
  // The unmutated runs are the unguided runs of the same index (fast-check's path replays them).
  const plain = fc.sample(scenario(), { seed: 7, path: String(FRESH), numRuns: RUNS - FRESH });
  runs.slice(FRESH).forEach((r, k) => {
    if (!r.derived) expect(r.scenario).toBe(JSON.stringify(plain[k], (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)));
  });
  expect(guidedRuns(8, 0).map((r) => r.derived)).not.toEqual(runs.map((r) => r.derived));
});

test('a derived fault schedule fails only call sites the parent called, at an nth it reached', () => {
  const calls = [['arm_smmu_kdump_adopt_strtab_2lvl:memremap', 2], ['arm_smmu_init_l2_strtab:dmam_alloc_coherent', 1]] as const;
  const parent = intactAdoption();
  const mutants = fc.sample(derivationOf(parent, calls), { seed: 3, numRuns: 400 });
  const withNewFaults = mutants.filter((m) => m.faults !== parent.faults);
  expect(withNewFaults.length).toBeGreaterThan(0);
  for (const m of withNewFaults) {
    for (const f of m.faults) {
      const c = calls.find(([site]) => site === f.site);
      expect(c).toBeDefined();
      expect(f.nth).toBeGreaterThanOrEqual(1);
      expect(f.nth).toBeLessThanOrEqual(c![1]);
    }
  }
});

test('the call sites of a run are read from its trace, by the fault schedule\'s service names', () => {
  expect(siteCallsOf([
    { call: 'memremap', args: '0x1000, 0x800, 1  [arm_smmu_kdump_adopt_strtab_2lvl:97]' },
    { call: 'kzalloc', args: '64  [arm_smmu_kdump_adopt_strtab_2lvl:101]' },
    { call: 'memremap', args: '0x2000, 0x800, 1  [arm_smmu_kdump_adopt_strtab_2lvl:97]' },
    { call: 'devm_add_action_or_reset', args: 'arm_smmu_kdump_adopt_cleanup  [arm_smmu_kdump_adopt_strtab:218]' },
    { call: 'writel', args: 'CR0, 0x0' },
  ])).toEqual([
    ['arm_smmu_kdump_adopt_strtab:devm_add_action', 1],
    ['arm_smmu_kdump_adopt_strtab_2lvl:kmalloc', 1],
    ['arm_smmu_kdump_adopt_strtab_2lvl:memremap', 2],
  ]);
});

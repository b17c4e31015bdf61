/**
 * A property's `usesBaseline` says whether its check() reads ctx.baseline: a fuzz run of
 * properties that leave it unset skips mainline's baseline run, and ctx.baseline is then
 * SKIPPED_BASELINE, which throws when read. Checked on generated scenarios of v6, v7 and latest
 * (and the corpus's scenarios), both ways: a property that reads the baseline must declare it
 * (else it would throw in such a fuzz run), and one that declares it must read it somewhere
 * (else its declaration costs every run a baseline for nothing).
 */
import fc from 'fast-check';
import { scenario } from '../../generators';
import { loadRevision, runWithBaseline, needsBaseline, SKIPPED_BASELINE } from '../../harness/scenario/api';
import { harnessLimitOf } from '../../harness/fuzz/harnessLimit';
import { loadCorpusDir } from '../../harness/corpus/load';
import type { PropertyContext, Scenario } from '../../harness/scenario/types';
import { loadProperties } from '../../properties';
import * as path from 'node:path';

const properties = loadProperties();
const scenarios: Scenario[] = [
  ...fc.sample(scenario(), { seed: 3, numRuns: 150 }),
  ...loadCorpusDir(path.join(__dirname, '..', '..', 'corpus')).map((l) => l.entry.scenario),
];

/** Whether check() read ctx.baseline on this context (a getter that records the read). */
function readsBaseline(check: (ctx: PropertyContext) => unknown, ctx: PropertyContext): boolean {
  let read = false;
  const watched = { scenario: ctx.scenario, outcome: ctx.outcome } as PropertyContext;
  Object.defineProperty(watched, 'baseline', { get: () => { read = true; return ctx.baseline; } });
  check(watched);
  return read;
}

describe('usesBaseline', () => {
  const reads = new Map<string, number>(properties.map((p) => [p.name, 0]));
  beforeAll(() => {
    for (const rev of ['v6', 'v7', 'latest']) {
      const revision = loadRevision(rev);
      for (const s of scenarios) {
        const ctx = runWithBaseline(revision, s);
        for (const p of properties) if (readsBaseline((c) => p.check(c), ctx)) reads.set(p.name, reads.get(p.name)! + 1);
      }
    }
  });

  test.each(properties.map((p) => p.name))('%s declares usesBaseline exactly when its check reads ctx.baseline', (name) => {
    const p = properties.find((q) => q.name === name)!;
    expect({ name, reads: reads.get(name)! > 0 }).toEqual({ name, reads: p.usesBaseline === true });
  });

  test('some properties read it and some do not (the test tells the two apart)', () => {
    expect(needsBaseline(properties)).toBe(true);
    expect(properties.filter((p) => !p.usesBaseline).length).toBeGreaterThan(0);
    expect(needsBaseline(properties.filter((p) => !p.usesBaseline))).toBe(false);
  });
});

describe('a run without the baseline', () => {
  const revision = loadRevision('latest');
  const s = scenarios[0];

  test('ctx.baseline throws, naming the fix; the run itself is the same', () => {
    const lean = runWithBaseline(revision, s, { baseline: false });
    expect(lean.baseline).toBe(SKIPPED_BASELINE);
    expect(() => lean.baseline.ledger).toThrow(/harness bug: ctx\.baseline\.ledger read on a run made without mainline's baseline[^]*usesBaseline: true/);
    expect(lean.outcome).toEqual(runWithBaseline(revision, s).outcome);
  });

  test("the properties that do not read it give the same verdicts, and harnessLimitOf skips the baseline it did not run", () => {
    const lean = properties.filter((p) => !p.usesBaseline);
    for (const sc of scenarios.slice(0, 60)) {
      const full = runWithBaseline(revision, sc);
      const without = runWithBaseline(revision, sc, { baseline: false });
      expect(lean.map((p) => p.check(without))).toEqual(lean.map((p) => p.check(full)));
      const limit = harnessLimitOf(without);
      expect(limit === undefined || limit.of === 'run').toBe(true);
    }
  });
});

/**
 * Mainline's baseline run is made when a check first reads ctx.baseline, not with the run: the
 * same Outcome as an eager run, made once, and a simulator limit it meets voids the run's
 * verdicts as one of the run itself does (judgeRun).
 */
import { baselineIfRun, loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { baselineCache, baselineOutcome, withLazyBaseline } from '../../harness/scenario/run';
import { judgeRun } from '../../harness/fuzz/harnessLimit';
import { intactTwoLevel, withCorruption } from '../../harness/stories/intact';
import { emptyOutcome } from '../../harness/scenario/outcome';
import type { Outcome, Property, PropertyContext } from '../../harness/scenario/types';
import { canonical } from '../_support/canonical';

const latest = loadRevision('latest');
const readsBaseline: Property = { name: 'reads-baseline', description: 'test', usesBaseline: true, check: (ctx) => (ctx.baseline.probe_ret === 0 ? { ok: true } : { ok: false, signature: 'x', message: 'x' }) };
const ignoresBaseline: Property = { name: 'ignores-baseline', description: 'test', check: () => ({ ok: false, signature: 'always', message: 'always' }) };

test('not run until read; once read, the Outcome an eager run gives, made once', () => {
  const saved = baselineCache.enabled;
  baselineCache.enabled = false; // every baselineOutcome() call is a run of its own
  try {
    const s = withCorruption(intactTwoLevel(16), { kind: 'l1:span', target: 'l1', idx: 1, op: 'set', value: 0x1_4000_000an });
    const ctx = runWithBaseline(latest, s);
    expect(baselineIfRun(ctx)).toBeUndefined();
    const first = ctx.baseline;
    expect(baselineIfRun(ctx)).toBe(first);
    expect(ctx.baseline).toBe(first);
    expect(canonical(first)).toEqual(canonical(baselineOutcome(s)));
  } finally {
    baselineCache.enabled = saved;
  }
});

test('a run made without the baseline never offers it', () => {
  const ctx = runWithBaseline(latest, intactTwoLevel(16), { baseline: false });
  expect(baselineIfRun(ctx)).toBeUndefined();
  expect(() => ctx.baseline.probe_ret).toThrow(/harness bug/);
});

describe('judgeRun and a baseline that met a limit of the simulator', () => {
  const limited: Outcome = { ...emptyOutcome('mainline'), crash: { kind: 'harness-limit', message: 'test limit', phase: 'probe', stack: ['arm_smmu_init_strtab'] } };
  const run = runWithBaseline(latest, intactTwoLevel(16), { baseline: false });
  // A context whose baseline, made when first read as runWithBaseline's is, met a limit.
  const lazyCtx = (): PropertyContext => withLazyBaseline(run.scenario, run.outcome, () => limited);

  test('a property that reads it: the run is a limit of the baseline, no verdict', () => {
    const j = judgeRun([readsBaseline, ignoresBaseline], lazyCtx());
    expect(j.limit).toMatchObject({ of: 'baseline', where: 'arm_smmu_init_strtab' });
    expect(j.found).toBeUndefined();
  });

  test('properties that do not read it: judged on the run alone, the baseline never made', () => {
    const ctx = lazyCtx();
    const j = judgeRun([ignoresBaseline], ctx);
    expect(j.limit).toBeUndefined();
    expect(j.found?.map((f) => f.signature)).toEqual(['always']);
    expect(baselineIfRun(ctx)).toBeUndefined();
  });

  test('a run made without the baseline: judged on the run alone', () => {
    const j = judgeRun([ignoresBaseline], run);
    expect(j.limit).toBeUndefined();
    expect(j.found?.map((f) => f.signature)).toEqual(['always']);
  });
});

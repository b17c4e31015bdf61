/**
 * attach-deferred-for-live-ste on real runs of the C (2/x's arm_smmu_is_attach_deferred(), called
 * as the iommu core calls ops->is_attach_deferred after a successful insert), and on those runs
 * with the one field it reads changed by hand. The findings on posted revisions are pinned here
 * as expected findings: they are the property working, not failures of the harness.
 */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { PropertyContext, Verdict } from '../../harness/scenario/types';
import {
  abortSteDeviceInserted, insertedBusL2InHole, l2PtrUnaligned, strtabBaseUnaligned,
} from '../../harness/stories/findingScenarios';
import property from '../../properties/attach-deferred-for-live-ste';
import { ctxAdopted, ctxFallback, ctxLinear, expectFail } from './_outcome';

const NAME = 'attach-deferred-for-live-ste';
const run = (rev: string, s: ReturnType<typeof abortSteDeviceInserted>) => runWithBaseline(loadRevision(rev), s);
const signatures = (v: Verdict): string[] => (v.ok ? [] : [v.signature, ...(v.also ?? []).map((x) => x.signature)]);

describe(NAME, () => {
  test('is named after its file and describes itself in one paragraph', () => {
    expect(property.name).toBe(NAME);
    expect(property.description).not.toMatch(/TODO/);
    expect(property.description.trim().length).toBeGreaterThan(80);
  });

  test('has nothing to judge where the run records no is_attach_deferred() (hand-built outcomes, mainline)', () => {
    expect(property.check(ctxAdopted())).toEqual({ ok: true });
    expect(property.check(ctxFallback())).toEqual({ ok: true });
    expect(property.check(ctxLinear())).toEqual({ ok: true });
    const m = run('mainline', abortSteDeviceInserted());
    expect(m.outcome.attach_deferred_carried).toBe(false);
    expect(m.outcome.inserts.every((i) => i.attach_deferred === undefined)).toBe(true);
  });
});

describe('latest (v7 2/7 carried): defers for the live STEs, not for the ABORT one', () => {
  const ctx = run('latest', abortSteDeviceInserted());

  test('the core asked after each successful insert; the walked STEs are S2_TRANS, ABORT, S2_TRANS', () => {
    expect(ctx.outcome.attach_deferred_carried).toBe(true);
    expect(ctx.outcome.inserts.map((i) => i.attach_deferred?.deferred)).toEqual([true, false, true]);
    expect(ctx.outcome.inserts.map((i) => i.attach_deferred?.walk.ste?.[0])).toEqual([0xdn, 0x1n, 0xdn]);
    expect(property.check(ctx)).toEqual({ ok: true });
  });

  const withCall = (i: number, patch: object, o: Partial<PropertyContext['outcome']> = {}): PropertyContext => ({
    ...ctx,
    outcome: {
      ...ctx.outcome,
      ...o,
      inserts: ctx.outcome.inserts.map((x, k) => (k === i ? { ...x, attach_deferred: { ...x.attach_deferred!, ...patch } } : x)),
    },
  });

  test('deferring for the ABORT STE fails as deferred-abort-ste', () => {
    const f = expectFail(property.check(withCall(1, { deferred: true })));
    expect(f.signature).toBe(`${NAME}:deferred-abort-ste@arm_smmu_is_attach_deferred`);
    expect(f.message).toContain('V=1, Cfg=ABORT');
  });

  test('a bus whose L1 descriptor a device rewrote after the driver took it is not judged against the new walk', () => {
    // SID 0x102 shares bus 1 with SID 0x100, whose insert took the bus; the SMMU now walks another L2.
    const walk = { ...ctx.outcome.inserts[1].attach_deferred!.walk, l1_desc: 0x1_4010_0009n };
    expect(property.check(withCall(1, { deferred: true, walk }))).toEqual({ ok: true });
  });

  test('deferring for an STE with V=0 fails as deferred-invalid-ste', () => {
    const walk = { ...ctx.outcome.inserts[1].attach_deferred!.walk, ste: [0xcn, 0n] };
    expect(signatures(property.check(withCall(1, { deferred: true, walk })))).toEqual([`${NAME}:deferred-invalid-ste@arm_smmu_is_attach_deferred`]);
  });

  test('deferring where the SMMU walks no STE (the walk reads a hole) fails as deferred-no-ste', () => {
    const walk = { ...ctx.outcome.inserts[1].attach_deferred!.walk, ste: undefined, stop: 'hole' as const };
    expect(signatures(property.check(withCall(1, { deferred: true, walk })))).toEqual([`${NAME}:deferred-no-ste@arm_smmu_is_attach_deferred`]);
  });

  test('not deferring for a live STE fails as attached-over-live-ste', () => {
    const f = expectFail(property.check(withCall(0, { deferred: false })));
    expect(f.signature).toBe(`${NAME}:attached-over-live-ste@arm_smmu_is_attach_deferred`);
    expect(f.message).toContain('Cfg=S2_TRANS');
  });

  test('deferring without an adopted table fails as deferred-without-adoption', () => {
    const fellBack = run('latest', { ...abortSteDeviceInserted(), crashed: { ...abortSteDeviceInserted().crashed, sfm_err: true } });
    expect(fellBack.outcome.inserts.map((i) => i.attach_deferred?.deferred)).toEqual([false, false, false]);
    expect(property.check(fellBack)).toEqual({ ok: true });
    const edited = { ...fellBack, outcome: { ...fellBack.outcome, inserts: fellBack.outcome.inserts.map((x) => ({ ...x, attach_deferred: { ...x.attach_deferred!, deferred: true } })) } };
    expect(signatures(property.check(edited))).toEqual([`${NAME}:deferred-without-adoption@arm_smmu_is_attach_deferred`]);
  });

  test('a NULL / out-of-bounds report made during the call is the call\'s, one made before it is not', () => {
    const v = { kind: 'out-of-bounds' as const, message: 'read of 8 bytes past a mapping', phase: 'insert' as const, step: 1 };
    const during = withCall(1, { violations_from: 0, violations_to: 1 }, { violations: [v] });
    expect(signatures(property.check(during))).toEqual([`${NAME}:out-of-bounds@arm_smmu_is_attach_deferred`]);
    const before = withCall(1, { violations_from: 1, violations_to: 1 }, { violations: [v] });
    expect(property.check(before)).toEqual({ ok: true });
  });

  test('a call that never returned is judged by the run\'s crash', () => {
    const crash = { kind: 'external-abort' as const, message: 'read of a hole', phase: 'insert' as const, stack: ['kshim_check', 'arm_smmu_is_attach_deferred'], pa: 0x2_0000_0000n };
    const f = expectFail(property.check(withCall(2, { deferred: undefined }, { crash })));
    expect(f.signature).toBe(`${NAME}:external-abort@arm_smmu_is_attach_deferred`);
  });
});

/** Expected findings of the posted revisions (the cross-revision contract; see the property). */
describe('expected findings on the posted revisions', () => {
  const cases: [string, () => ReturnType<typeof abortSteDeviceInserted>, Record<string, string[]>][] = [
    // v1/v2 2/x test V only ("For each device that has STE.V=1 in the adopted table, defer"): an ABORT STE defers.
    ['abortSteDeviceInserted', abortSteDeviceInserted, { v1: ['deferred-abort-ste'], v2: ['deferred-abort-ste'] }],
    // The L2 table of the inserted bus is in a hole: the insert maps it without reading it; the first read
    // is is_attach_deferred()'s, and it aborts. latest and the later trees with a probe-time scan already
    // abort in probe (a recorded no-crash row), so the call is never made there.
    ['insertedBusL2InHole', insertedBusL2InHole, Object.fromEntries(
      ['v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'later-unknownrepo-kexec'].map((r) => [r, ['external-abort']]))],
    // An unaligned STRTAB_BASE / L2Ptr adopted as read: the driver reads a shifted STE (ABORT) where the SMMU
    // walks the device's live one, and lets the default-domain attach go ahead. latest refuses both.
    ['strtabBaseUnaligned', strtabBaseUnaligned, Object.fromEntries(['v3', 'v5', 'v6', 'v7'].map((r) => [r, ['attached-over-live-ste']]))],
    ['l2PtrUnaligned', l2PtrUnaligned, Object.fromEntries(['v3', 'v5', 'v6', 'v7'].map((r) => [r, ['attached-over-live-ste']]))],
  ];
  const revisions = ['v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'latest', 'latest-span-caller', 'latest-v7-ida-init', 'later-15aeae1e', 'later-unknownrepo-kdump', 'later-unknownrepo-kexec'];
  for (const [story, scenario, fails] of cases) {
    for (const rev of revisions) {
      const want = (fails[rev] ?? []).map((w) => `${NAME}:${w}@arm_smmu_is_attach_deferred`);
      test(`${rev} on ${story}: ${want.length ? want.join(' + ') : 'holds'}`, () => {
        expect(signatures(property.check(run(rev, scenario())))).toEqual(want);
      });
    }
  }
});

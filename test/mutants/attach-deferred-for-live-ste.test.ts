/**
 * attach-deferred-for-live-ste kills latest-attach-deferred-abort-ste: without v7 2/7's
 * `Cfg != ABORT` test (v1/v2's V-only check), a device whose adopted STE is the crashed kernel's
 * ABORT STE has its default-domain attach deferred although no DMA flows through it.
 */
import { abortSteDeviceInserted } from '../../harness/stories/findingScenarios';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-attach-deferred-abort-ste';

describe(`attach-deferred-for-live-ste catches ${MUTANT}`, () => {
  const r = runBoth('attach-deferred-for-live-ste', MUTANT, abortSteDeviceInserted());

  test('latest defers SIDs 0x100 and 0x2000 (S2_TRANS STEs), not SID 0x102 (ABORT STE)', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    expect(r.latest.ctx.outcome.inserts.map((i) => i.attach_deferred?.deferred)).toEqual([true, false, true]);
  });

  test('mutant: SID 0x102 deferred too', () => {
    expect(r.mutant.ctx.outcome.inserts.map((i) => i.attach_deferred?.deferred)).toEqual([true, true, true]);
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('attach-deferred-for-live-ste:deferred-abort-ste@arm_smmu_is_attach_deferred');
    expect(f.message).toContain('SID 0x102');
  });
});

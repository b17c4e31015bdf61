import property from '../../properties/hardware-untouched-while-adopted';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { disableActionRegistrationFails } from '../../harness/stories/findingScenarios';
import type { MmioWrite, Phase } from '../../harness/scenario/types';
import { ctxAdopted, ctxFallback, ctxLinear, expectFail } from './_outcome';

const SIG = 'hardware-untouched-while-adopted:';
const OFF: Record<string, number> = { CR0: 0x20, GBPA: 0x44, STRTAB_BASE: 0x80, STRTAB_BASE_CFG: 0x88 };
const wr = (step: number, phase: Phase, reg: string, value: bigint): MmioWrite => ({ step, phase, reg, offset: OFF[reg], value });

describe('hardware-untouched-while-adopted', () => {
  test('holds on clean runs; teardown\'s CR0 clear after remove is allowed', () => {
    const a = ctxAdopted();
    expect(a.outcome.mmio_writes.some((w) => w.phase === 'teardown' && w.reg === 'CR0' && w.value === 0n)).toBe(true);
    expect(property.check(a)).toEqual({ ok: true });
    expect(property.check(ctxLinear())).toEqual({ ok: true });
    expect(property.check(ctxFallback())).toEqual({ ok: true });
  });

  test.each<[string, Phase, bigint, string]>([
    ['STRTAB_BASE', 'probe', 0x8010_0000n, 'write-STRTAB_BASE@probe'],
    ['STRTAB_BASE_CFG', 'insert', 0x10210n, 'write-STRTAB_BASE_CFG@insert'],
    ['CR0', 'probe', 0x8n, 'smmuen-cleared@probe'],
    ['GBPA', 'probe', (1n << 31n) | (1n << 20n), 'gbpa-abort@probe'],
  ])('adopted, %s written during %s', (reg, phase, value, sig) => {
    const ctx = ctxAdopted();
    ctx.outcome.mmio_writes.splice(1, 0, wr(phase === 'probe' ? 15 : 35, phase, reg, value));
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(SIG + sig);
    expect(f.message).toContain('With the crashed kernel\'s stream table adopted, the driver wrote');
  });

  test('a GBPA write without ABORT and CR0 writes keeping SMMUEN are fine while adopted', () => {
    const ctx = ctxAdopted();
    ctx.outcome.mmio_writes.push(wr(18, 'probe', 'GBPA', 1n << 31n), wr(19, 'probe', 'CR0', 0xfn));
    expect(property.check(ctx)).toEqual({ ok: true });
  });

  test('a probe that fails after the adoption succeeded may quiesce the SMMU: its last CR0 write is exempt, like teardown', () => {
    for (const at of ['disable_action', 'device_reset'] as const) {
      const ctx = ctxAdopted();
      ctx.outcome.probe_ret = -12;
      ctx.outcome.probe_failed_at = at;
      ctx.outcome.mmio_writes.splice(4, 0, wr(18, 'probe', 'CR0', 0n)); // after the last enable
      expect(property.check(ctx)).toEqual({ ok: true });
      // ...but only that unwinding write: an earlier clear while adopted is still a finding
      ctx.outcome.mmio_writes.splice(1, 0, wr(15, 'probe', 'CR0', 0n));
      expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}smmuen-cleared@probe`);
    }
    // a probe that succeeded has no unwinding to exempt
    const ok = ctxAdopted();
    ok.outcome.mmio_writes.splice(4, 0, wr(18, 'probe', 'CR0', 0n));
    expect(expectFail(property.check(ok)).signature).toBe(`${SIG}smmuen-cleared@probe`);
  });

  test.each(['v6', 'v7', 'latest'])('on the C, %s: devm_add_action_or_reset(arm_smmu_disable_action) failing at the end of probe quiesces the SMMU, as mainline does', (rev) => {
    const ctx = runWithBaseline(loadRevision(rev), disableActionRegistrationFails());
    expect(ctx.outcome.probe_failed_at).toBe('disable_action');
    expect(ctx.outcome.mmio_writes.some((w) => w.phase === 'probe' && w.reg === 'CR0' && (w.value & 1n) === 0n)).toBe(true);
    expect(property.check(ctx)).toEqual({ ok: true });
  });

  test('after a fallback the full reset must happen', () => {
    const a = ctxFallback();
    a.outcome.mmio_writes = a.outcome.mmio_writes.filter((w) => w.reg !== 'STRTAB_BASE');
    expect(expectFail(property.check(a)).signature).toBe(`${SIG}no-reset-STRTAB_BASE@fallback`);
    const b = ctxFallback();
    b.outcome.mmio_writes = b.outcome.mmio_writes.filter((w) => w.reg !== 'STRTAB_BASE_CFG');
    expect(expectFail(property.check(b)).signature).toBe(`${SIG}no-reset-STRTAB_BASE_CFG@fallback`);
    const c = ctxFallback();
    c.outcome.mmio_writes = c.outcome.mmio_writes.filter((w) => !(w.phase === 'probe' && w.reg === 'CR0' && w.value & 1n));
    const f = expectFail(property.check(c));
    expect(f.signature).toBe(`${SIG}smmuen-not-restored@fallback`);
    expect(f.message).toContain('probe wrote: GBPA.ABORT=1, CR0.SMMUEN=0, STRTAB_BASE, STRTAB_BASE_CFG=0x10210');
  });
});

import property from '../../properties/clean-fallback';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { CRASHED_L2_BASE } from '../../harness/kernel/ramMap';
import type { Outcome } from '../../harness/scenario/types';
import { intactAdoption } from '../../harness/stories/findingScenarios';
import { withCorruption } from '../../harness/stories/intact';
import { FEAT_COHERENCY, OPT_KDUMP_ADOPT, ctxAdopted, ctxFallback, ctxLinear, expectFail } from './_outcome';

const sig = (s: string): string => `clean-fallback:${s}`;

describe('clean-fallback', () => {
  test('holds on a clean fallback, and does not apply to an adoption or a normal boot', () => {
    expect(property.check(ctxFallback())).toEqual({ ok: true });
    expect(property.check(ctxAdopted())).toEqual({ ok: true });
    expect(property.check(ctxLinear())).toEqual({ ok: true });
    const n = ctxFallback();
    n.outcome.adopt_attempted = false;
    expect(property.check(n)).toEqual({ ok: true });
  });

  test('an l2ptrs array still allocated after the fallback is a leftover (the leak the v6 review looked for on the -EINVAL path)', () => {
    const ctx = ctxFallback();
    delete ctx.outcome.ledger[1].released_at;
    delete ctx.outcome.ledger[1].released_by;
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(sig('leftover-kmalloc@arm_smmu_kdump_adopt_strtab_2lvl'));
    expect(f.message).toContain('kmalloc of 2 KiB by arm_smmu_kdump_adopt_strtab_2lvl');
    expect(f.message).toContain('never released');
  });

  test('an adoption mapping left to devres (released only at teardown) is a leftover', () => {
    const ctx = ctxFallback();
    const e = ctx.outcome.ledger[0];
    e.kind = 'devm_memremap';
    e.released_at = 66;
    e.released_by = 'devres';
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(sig('leftover-devm_memremap@arm_smmu_kdump_adopt_strtab_2lvl'));
    expect(f.message).toContain('released at step 66 by devres');
  });

  test('the adoption cleanup action still registered after a fallback is a leftover', () => {
    const ctx = ctxFallback();
    ctx.outcome.ledger.push({ id: 99, kind: 'devres_action', addr: 0n, size: 0n, site: 'arm_smmu_kdump_adopt_strtab', line: 1, action: 'arm_smmu_kdump_adopt_cleanup', acquired_at: 14, released_at: 67, released_by: 'devres', phase: 'probe' });
    expect(expectFail(property.check(ctx)).signature).toBe(sig('leftover-devres_action@arm_smmu_kdump_adopt_strtab'));
  });

  test('"by the end of init" uses Outcome.init_end_step when the simulator gives it', () => {
    const ctx = ctxFallback();
    ctx.outcome.ledger[0].released_at = 20; // after init (18), before the end of probe (25)
    expect(expectFail(property.check(ctx)).signature).toBe(sig('leftover-memremap@arm_smmu_kdump_adopt_strtab_2lvl'));
    delete (ctx.outcome as Outcome & { init_end_step?: number }).init_end_step;
    expect(property.check(ctx)).toEqual({ ok: true }); // fallback: end of probe
  });

  test('KDUMP_ADOPT left in smmu->options', () => {
    const ctx = ctxFallback();
    ctx.outcome.after_probe = { ...ctx.outcome.after_probe!, options: OPT_KDUMP_ADOPT };
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(sig('option-kdump-adopt@after_probe'));
    expect(f.message).toContain('ARM_SMMU_OPT_KDUMP_ADOPT');
  });

  test('FEAT_2_LVL_STRTAB lost (linear adoption cleared it, fallback did not restore it)', () => {
    const ctx = ctxFallback();
    ctx.outcome.after_init = { ...ctx.outcome.after_init!, features: FEAT_COHERENCY };
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(sig('features@after_init'));
    expect(f.message).toContain('lost ARM_SMMU_FEAT_2_LVL_STRTAB');
  });

  test('strtab_cfg not what mainline builds', () => {
    const a = ctxFallback();
    a.outcome.after_init!.strtab_cfg = { ...a.outcome.after_init!.strtab_cfg, num_l1_ents: 8 };
    const fa = expectFail(property.check(a));
    expect(fa.signature).toBe(sig('strtab_cfg.l2.num_l1_ents@after_init'));
    expect(fa.message).toContain('8, mainline 256');
    const b = ctxFallback();
    b.outcome.after_init!.strtab_cfg = { ...b.outcome.after_init!.strtab_cfg, l2ptrs: 0n };
    expect(expectFail(property.check(b)).signature).toBe(sig('strtab_cfg.l2.l2ptrs@after_init'));
  });

  test('probe fails after the fallback where mainline binds; both failing alike (injected fault) is fine', () => {
    const ctx = ctxFallback();
    ctx.outcome.probe_ret = -12;
    ctx.outcome.probe_failed_at = 'init_structures';
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(sig('probe-failed@init_structures'));
    expect(f.message).toContain('probe returned -12 at init_structures');
    ctx.baseline.probe_ret = -12;
    ctx.baseline.probe_failed_at = 'init_structures';
    expect(property.check(ctx)).toEqual({ ok: true });
  });

  test('a probe failure explained by an injected fault in mainline\'s own path (the baseline runs without faults)', () => {
    const ctx = ctxFallback();
    ctx.outcome.probe_ret = -12;
    ctx.outcome.probe_failed_at = 'init_structures';
    ctx.scenario.faults = [{ site: 'arm_smmu_kdump_adopt_strtab_2lvl:kmalloc', nth: 1 }];
    ctx.outcome.faults_fired = [{ site: 'arm_smmu_kdump_adopt_strtab_2lvl:kmalloc', nth: 1, step: 11, phase: 'probe' }];
    expect(expectFail(property.check(ctx)).signature).toBe(sig('probe-failed@init_structures')); // adoption faults must still fall back
    ctx.scenario.faults.push({ site: 'arm_smmu_init_strtab_2lvl:dmam_alloc_coherent', nth: 1 });
    ctx.outcome.faults_fired.push({ site: 'arm_smmu_init_strtab_2lvl:dmam_alloc_coherent', nth: 1, step: 15, phase: 'probe' });
    expect(property.check(ctx)).toEqual({ ok: true });
    // Scheduled is not fired: the Outcome says which fired, here none during probe.
    ctx.outcome.faults_fired = [];
    expect(expectFail(property.check(ctx)).signature).toBe(sig('probe-failed@init_structures'));
  });

  test('no full reset: STRTAB_BASE never written', () => {
    const ctx = ctxFallback();
    ctx.outcome.mmio_writes = ctx.outcome.mmio_writes.filter((w) => w.reg !== 'STRTAB_BASE');
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(sig('no-strtab-base-write@arm_smmu_device_reset'));
    expect(f.message).toContain('fallback: GBPA.ABORT=1, CR0.SMMUEN=0, STRTAB_BASE_CFG=0x10210');
  });

  test('STRTAB_BASE_CFG written with another geometry, or not at all', () => {
    const a = ctxFallback();
    a.outcome.mmio_writes.find((w) => w.reg === 'STRTAB_BASE_CFG')!.value = 0x10219n;
    const f = expectFail(property.check(a));
    expect(f.signature).toBe(sig('strtab-base-cfg@arm_smmu_device_reset'));
    expect(f.message).toContain('LOG2SIZE=25');
    const b = ctxFallback();
    b.outcome.mmio_writes = b.outcome.mmio_writes.filter((w) => w.reg !== 'STRTAB_BASE_CFG');
    expect(expectFail(property.check(b)).signature).toBe(sig('no-strtab-base-cfg-write@arm_smmu_device_reset'));
  });

  test('STRTAB_BASE still pointing at the crashed table (strtab_cfg not zeroed)', () => {
    const ctx = ctxFallback();
    ctx.outcome.mmio_writes.find((w) => w.reg === 'STRTAB_BASE')!.value = 0x1_0000_0000n | (1n << 62n);
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(sig('strtab-base-not-fresh@arm_smmu_device_reset'));
    expect(f.message).toContain('0x100000000');
  });

  test('SMMUEN not cleared before the STRTAB_BASE write, or not set at the end', () => {
    const a = ctxFallback();
    a.outcome.mmio_writes = a.outcome.mmio_writes.filter((w) => !(w.reg === 'CR0' && w.value === 0n && w.phase === 'probe'));
    expect(expectFail(property.check(a)).signature).toBe(sig('smmuen-not-cleared@arm_smmu_device_reset'));
    const b = ctxFallback();
    b.outcome.mmio_writes = b.outcome.mmio_writes.filter((w) => !(w.reg === 'CR0' && w.value === 0x9n));
    const f = expectFail(property.check(b));
    expect(f.signature).toBe(sig('smmuen-not-set@arm_smmu_device_reset'));
    expect(f.message).toContain('mainline ends with SMMUEN set');
  });

  test('a reset sequence that differs from mainline (no GBPA abort) is reported with both sequences', () => {
    const ctx = ctxFallback();
    ctx.outcome.mmio_writes = ctx.outcome.mmio_writes.filter((w) => w.reg !== 'GBPA');
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(sig('reset-sequence@arm_smmu_device_reset'));
    expect(f.message).toContain('mainline: GBPA.ABORT=1, CR0.SMMUEN=0, STRTAB_BASE');
  });

  test('a probe that crashed is left to no-crash', () => {
    const ctx = ctxFallback();
    delete ctx.outcome.ledger[1].released_at;
    ctx.outcome.crash = { kind: 'trap', message: 'unreachable', phase: 'probe', stack: ['arm_smmu_kdump_adopt_strtab_2lvl'] };
    expect(property.check(ctx)).toEqual({ ok: true });
  });

  describe('on the C', () => {
    test.each(['v6', 'v7', 'latest'])('%s: L1[5] with SPAN 11 at probe returns -EINVAL after the l2ptrs kcalloc, and the fallback frees it (the caller runs cleanup(), as Nicolin answered the v6 review)', (rev) => {
      const s = withCorruption(intactAdoption(), { kind: 'l1:span', target: 'l1', idx: 5, op: 'set', value: (CRASHED_L2_BASE + 0x8000n) | 11n });
      const ctx = runWithBaseline(loadRevision(rev), s);
      const o = ctx.outcome;
      expect(o.log.some((l) => /L1\[5\] unsupported span 11/.test(l.text))).toBe(true);
      const l2ptrs = o.ledger.find((e) => e.kind === 'kmalloc' && e.site === 'arm_smmu_kdump_adopt_strtab_2lvl')!;
      expect(l2ptrs.released_by).toBe('kfree');
      expect(l2ptrs.released_at!).toBeLessThanOrEqual(o.init_end_step!);
      expect(property.check(ctx)).toEqual({ ok: true });
    });

    test('a fallback that leaves ARM_SMMU_OPT_KDUMP_ADOPT set is a fallback (strtab_cfg holds the fresh table), with the option as its finding', () => {
      // latest's real fallback on a reserved FMT, with the option bit left set by hand (the run reads "adopted" from it).
      const ctx = runWithBaseline(loadRevision('latest'), withCorruption(intactAdoption(), { kind: 'STRTAB_BASE_CFG:fmt', target: 'reg', reg: 'STRTAB_BASE_CFG', op: 'set', value: 0x20210n }));
      expect(property.check(ctx)).toEqual({ ok: true });
      const st = ctx.outcome.after_init!;
      const kept = { ...ctx, outcome: { ...ctx.outcome, adopted: true, after_init: { ...st, options: st.options | OPT_KDUMP_ADOPT } } };
      expect(expectFail(property.check(kept)).signature).toBe(sig('option-kdump-adopt@after_init'));
    });
  });
});

import property from '../../properties/adopted-state-consistent';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { Outcome } from '../../harness/scenario/types';
import { intactAdoption, l2PtrUnaligned } from '../../harness/stories/findingScenarios';
import { withCorruption } from '../../harness/stories/intact';
import { CFG_2LVL_16, FEAT_2LVL, FEAT_COHERENCY, L1_BASE, OPT_KDUMP_ADOPT, RA, ctxAdopted, ctxFallback, ctxLinear, expectFail } from './_outcome';

const SIG = 'adopted-state-consistent:';

describe('adopted-state-consistent', () => {
  test('holds on clean 2-level and linear adoptions; n/a on a fallback', () => {
    expect(property.check(ctxAdopted())).toEqual({ ok: true });
    expect(property.check(ctxLinear())).toEqual({ ok: true });
    expect(property.check(ctxFallback())).toEqual({ ok: true });
  });

  test('l1_dma left unset (Praan, v6 review) — the DMA address fields are checked against STRTAB_BASE.ADDR', () => {
    const ctx = ctxAdopted();
    for (const st of [ctx.outcome.after_init!, ctx.outcome.after_probe!]) st.strtab_cfg = { ...st.strtab_cfg, l1_dma: 0n };
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`${SIG}l1_dma@after_init`);
    expect(f.message).toContain('strtab_cfg.l2.l1_dma is 0x0');
    expect(f.message).toContain('arm_smmu_write_strtab() programs STRTAB_BASE from it');
    expect(f.message).toContain('STRTAB_BASE.ADDR 0x100000000');
  });

  test('ste_dma left unset on a linear adoption', () => {
    const ctx = ctxLinear();
    ctx.outcome.after_init!.strtab_cfg = { ...ctx.outcome.after_init!.strtab_cfg, ste_dma: 0n };
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}ste_dma@after_init`);
  });

  test('structural fields: NULL l1tab/l2ptrs/table, wrong num_l1_ents/num_ents', () => {
    const cases: [() => ReturnType<typeof ctxAdopted>, (o: Outcome) => void, string][] = [
      [ctxAdopted, (o) => (o.after_init!.strtab_cfg.l1tab = 0n), 'l1tab-null@after_init'],
      [ctxAdopted, (o) => (o.after_init!.strtab_cfg.l2ptrs = 0n), 'l2ptrs-null@after_init'],
      [ctxAdopted, (o) => (o.after_init!.strtab_cfg.num_l1_ents = 512), 'num_l1_ents@after_init'],
      [ctxLinear, (o) => (o.after_init!.strtab_cfg.linear_table = 0n), 'table-null@after_init'],
      [ctxLinear, (o) => (o.after_init!.strtab_cfg.num_ents = 1 << 25), 'num_ents@after_init'],
    ];
    for (const [make, mutate, sig] of cases) {
      const ctx = make();
      ctx.outcome.after_init = structuredClone(ctx.outcome.after_init);
      mutate(ctx.outcome);
      expect(expectFail(property.check(ctx)).signature).toBe(SIG + sig);
    }
  });

  test('num_l1_ents message gives the expected 2^(LOG2SIZE - SPLIT)', () => {
    const ctx = ctxAdopted();
    ctx.outcome.after_init = structuredClone(ctx.outcome.after_init);
    ctx.outcome.after_init!.strtab_cfg.num_l1_ents = 512;
    expect(expectFail(property.check(ctx)).message).toContain('2^(LOG2SIZE - SPLIT) = 256, but strtab_cfg.l2.num_l1_ents is 512');
  });

  test('FEAT_2_LVL_STRTAB must match the adopted format', () => {
    const a = ctxLinear();
    a.outcome.after_init = { ...a.outcome.after_init!, features: FEAT_2LVL | FEAT_COHERENCY };
    const f = expectFail(property.check(a));
    expect(f.signature).toBe(`${SIG}feat-2-lvl-strtab@after_init`);
    expect(f.message).toContain('Adopted a linear table');
    const b = ctxAdopted();
    b.outcome.after_probe = { ...b.outcome.after_probe!, features: FEAT_COHERENCY };
    expect(expectFail(property.check(b)).signature).toBe(`${SIG}feat-2-lvl-strtab@after_probe`);
  });

  test('structural problems are reported before the known l1_dma point', () => {
    const ctx = ctxAdopted();
    ctx.outcome.after_init = structuredClone(ctx.outcome.after_init);
    ctx.outcome.after_init!.strtab_cfg.l1_dma = 0n;
    ctx.outcome.after_probe!.strtab_cfg = { ...ctx.outcome.after_probe!.strtab_cfg, l2ptrs: 0n };
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}l2ptrs-null@after_probe`);
  });

  test('a reserved FMT adopted', () => {
    const ctx = ctxAdopted();
    ctx.outcome.strtab_regs_at_probe = { strtab_base: L1_BASE | RA, strtab_base_cfg: 0x20210n };
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}fmt@STRTAB_BASE_CFG`);
  });

  test('what adoption read is strtab_regs_at_probe, whatever the registers hold later', () => {
    const ctx = ctxAdopted();
    // Something rewrote STRTAB_BASE_CFG (hardware-untouched-while-adopted reports that); the
    // final registers no longer say what was adopted.
    ctx.outcome.registers.STRTAB_BASE_CFG = 0x10219n;
    ctx.outcome.mmio_writes.push({ step: 45, phase: 'insert', reg: 'STRTAB_BASE_CFG', offset: 0x88, value: 0x10219n });
    expect(property.check(ctx)).toEqual({ ok: true });
    ctx.outcome.strtab_regs_at_probe = { strtab_base: L1_BASE | RA, strtab_base_cfg: (CFG_2LVL_16 & ~0x3fn) | 17n };
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`${SIG}num_l1_ents@after_init`);
    expect(f.message).toContain('from the registers at probe');
  });

  test('an Outcome without strtab_regs_at_probe is a harness bug, not a verdict', () => {
    const ctx = ctxAdopted();
    delete ctx.outcome.strtab_regs_at_probe;
    expect(() => property.check(ctx)).toThrow(/harness bug: the Outcome of latest carries no strtab_regs_at_probe/);
  });
});

describe('on the C', () => {
  test.each(['v6', 'v7'])('%s adopts an L2 table at an unaligned L2Ptr: the SMMU walks the table aligned down', (rev) => {
    const f = expectFail(property.check(runWithBaseline(loadRevision(rev), l2PtrUnaligned())));
    expect(f.signature).toBe(`${SIG}l2ptr-unaligned@arm_smmu_kdump_adopt_l2_strtab`);
    expect(f.message).toContain('at PA 0x140000040');
    expect(f.message).toContain('walks the table at PA 0x140000000');
  });

  test('latest refuses the unaligned L2Ptr at probe ("bad l2 table base") and falls back: nothing adopted to judge', () => {
    const ctx = runWithBaseline(loadRevision('latest'), l2PtrUnaligned());
    expect(ctx.outcome.log.some((l) => /bad l2 table base/.test(l.text))).toBe(true);
    expect(property.check(ctx)).toEqual({ ok: true });
  });

  test('a fallback that kept ARM_SMMU_OPT_KDUMP_ADOPT adopted nothing: not judged here (clean-fallback reports the option)', () => {
    // latest's real fallback on a reserved FMT, with the option bit left set by hand (the run reads "adopted" from it).
    const ctx = runWithBaseline(loadRevision('latest'), withCorruption(intactAdoption(), { kind: 'STRTAB_BASE_CFG:fmt', target: 'reg', reg: 'STRTAB_BASE_CFG', op: 'set', value: 0x20210n }));
    const st = ctx.outcome.after_init!;
    const kept = { ...ctx, outcome: { ...ctx.outcome, adopted: true, after_init: { ...st, options: st.options | OPT_KDUMP_ADOPT } } };
    expect(property.check(kept)).toEqual({ ok: true });
  });
});

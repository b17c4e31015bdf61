import property from '../../properties/no-over-allocation';
import type { LedgerEntry, PropertyContext } from '../../harness/scenario/types';
import {
  KiB, L1_BASE, RA, ctxAdopted, ctxFallback, ctxLinear, expectFail, FEAT_COHERENCY, OPT_KDUMP_ADOPT,
  cfgLinear, baseline2lvl,
} from './_outcome';

const MiB = 1024n * KiB;
const GiB = 1024n * MiB;

function addEntry(ctx: PropertyContext, e: Omit<LedgerEntry, 'id' | 'line'>): LedgerEntry {
  const entry: LedgerEntry = { id: ctx.outcome.ledger.length, line: 4242, ...e };
  ctx.outcome.ledger.push(entry);
  return entry;
}

/** The same story with nothing inserted, in the run and in the baseline. */
function noInserts(ctx: PropertyContext): PropertyContext {
  ctx.scenario.inserts = [];
  for (const o of [ctx.outcome, ctx.baseline]) {
    o.inserts = [];
    o.ledger = o.ledger.filter((e) => e.phase !== 'insert');
  }
  return ctx;
}

describe('no-over-allocation', () => {
  test('holds on a clean 2-level adoption, a clean fallback, a linear adoption and a normal boot', () => {
    expect(property.check(ctxAdopted())).toEqual({ ok: true });
    expect(property.check(ctxFallback())).toEqual({ ok: true });
    expect(property.check(ctxLinear())).toEqual({ ok: true });
    const b = ctxAdopted();
    expect(property.check({ ...b, outcome: baseline2lvl(), scenario: { ...b.scenario, kdump: false } })).toEqual({ ok: true });
  });

  test('linear table adopted at LOG2SIZE 25 on sid_bits=16 2-level hardware (v7 cap bug): 2 GiB vs 4 MiB', () => {
    const ctx = noInserts(ctxAdopted());
    ctx.scenario.crashed.table = { ...ctx.scenario.crashed.table, fmt: 'linear', log2size: 25 };
    const o = ctx.outcome;
    o.ledger = [];
    addEntry(ctx, { kind: 'memremap', addr: 0x6000_0000_0000n, size: 2n * GiB, pa: L1_BASE, site: 'arm_smmu_kdump_adopt_strtab_linear', acquired_at: 10, released_at: 64, released_by: 'memunmap', phase: 'probe' });
    o.registers = { STRTAB_BASE: L1_BASE | RA, STRTAB_BASE_CFG: 25n };
    const c = cfgLinear(0x6000_0000_0000n, 0n, 1 << 25);
    o.after_init = { features: FEAT_COHERENCY, options: OPT_KDUMP_ADOPT, sid_bits: 16, strtab_cfg: c };
    o.after_probe = o.after_init;
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_linear');
    expect(f.message).toContain('memremap of 2 GiB');
    expect(f.message).toContain('would allocate 4 MiB');
    expect(f.message).toContain('linear for sid_bits=16');
    expect(f.message).toContain('LOG2SIZE=25');
    expect(f.message).toMatch(/Live at the peak:\n  #0 memremap/);
  });

  test('L1 table mapped 1 MiB where the kdump kernel would allocate 4 KiB for sid_bits=16', () => {
    const ctx = noInserts(ctxAdopted());
    ctx.outcome.ledger[0].size = MiB;
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_2lvl');
    expect(f.message).toContain('memremap of 1 MiB');
    expect(f.message).toContain('would allocate 4 KiB');
    expect(f.message).toContain('L1 table 2 KiB (256 descriptors) + l2ptrs 2 KiB');
    expect(f.message).toContain('a normal boot of mainline on this hardware allocated 4 KiB for its 2-level stream table (model: 4 KiB)');
  });

  test('lazy L2 sized by a corrupted SPAN (11 -> 64 KiB) is over the cap', () => {
    const ctx = ctxAdopted();
    ctx.outcome.ledger[3].size = 64n * KiB;
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-over-allocation:devm_memremap@arm_smmu_kdump_adopt_l2_strtab');
    expect(f.message).toContain('devm_memremap of 64 KiB');
    expect(f.message).toContain('2 L2 tables x 16 KiB = 36 KiB');
  });

  test('a transient mapping counts even when released right away', () => {
    const ctx = noInserts(ctxAdopted());
    addEntry(ctx, { kind: 'memremap', addr: 0x6000_0002_0000n, size: 16n * KiB, pa: 0x1_4000_0000n, site: 'arm_smmu_kexec_scan_and_resv_ids', acquired_at: 13, released_at: 14, released_by: 'memunmap', phase: 'probe' });
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids');
    expect(f.message).toContain('had 20 KiB mapped or allocated');
  });

  test('an adoption mapping leaked into the fallback is caught next to the fresh table', () => {
    const ctx = ctxFallback();
    const l1 = ctx.outcome.ledger[0];
    delete l1.released_at;
    delete l1.released_by;
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_2lvl');
    expect(f.message).toContain('after adoption fell back');
    expect(f.message).toContain('never released');
  });

  test('fallback that lost FEAT_2_LVL_STRTAB allocates a 4 MiB linear table (v6 restore bug)', () => {
    const ctx = noInserts(ctxFallback());
    const o = ctx.outcome;
    o.ledger = o.ledger.filter((e) => e.site !== 'arm_smmu_init_strtab_2lvl');
    addEntry(ctx, { kind: 'dmam_alloc_coherent', addr: 0x7000_1000_0000n, size: 4n * MiB, pa: 0x8100_0000n, site: 'arm_smmu_init_strtab_linear', acquired_at: 15, released_at: 66, released_by: 'devres', phase: 'probe' });
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-over-allocation:dmam_alloc_coherent@arm_smmu_init_strtab_linear');
    expect(f.message).toContain('would allocate 4 KiB');
  });

  test('signature carries no size or address', () => {
    const a = ctxAdopted();
    a.outcome.ledger[0].size = MiB;
    const b = ctxAdopted();
    b.outcome.ledger[0].size = 512n * KiB;
    b.outcome.ledger[0].pa = 0x3_0000_0000n;
    expect(expectFail(property.check(a)).signature).toBe(expectFail(property.check(b)).signature);
  });

  test('one L2 allowance per distinct in-range L1 index (l1_idx < num_l1_ents), none beyond', () => {
    const make = (inserts: number[]): PropertyContext => {
      const ctx = ctxAdopted();
      ctx.scenario.inserts = inserts;
      ctx.outcome.ledger[3].size = 32n * KiB; // live 2 + 2 + 32 + 16 = 52 KiB = three L2s' worth
      return ctx;
    };
    expect(property.check(make([0x100, 0x300, 0x400]))).toEqual({ ok: true });
    expect(property.check(make([0x100, 0x300, 0x3ff]))).not.toEqual({ ok: true }); // same L1[3]
    expect(property.check(make([0x100, 0x300, 0x1_0000]))).not.toEqual({ ok: true }); // L1[256]: out of range
  });
});

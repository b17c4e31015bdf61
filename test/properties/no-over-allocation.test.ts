import property from '../../properties/no-over-allocation';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { LedgerEntry, PropertyContext } from '../../harness/scenario/types';
import { intactAdoption, l1DescriptorIntoOwnRam } from '../../harness/stories/findingScenarios';
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
    o.strtab_regs_at_probe = { strtab_base: L1_BASE | RA, strtab_base_cfg: 25n };
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
    expect(f.message).toContain('a normal boot of mainline on this hardware had allocated 4 KiB for its 2-level stream table by the same point (0 inserts; model: 4 KiB)');
  });

  test('lazy L2 sized by a corrupted SPAN (11 -> 64 KiB) is over the cap', () => {
    const ctx = ctxAdopted();
    ctx.outcome.ledger[3].size = 64n * KiB;
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-over-allocation:devm_memremap@arm_smmu_kdump_adopt_l2_strtab');
    expect(f.message).toContain('devm_memremap of 64 KiB');
    // at the first insert, mainline owes one L2 table, not the two of the whole run
    expect(f.message).toContain('1 L2 table x 16 KiB = 20 KiB');
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
    const make = (third: number): PropertyContext => {
      const ctx = ctxAdopted();
      const o = ctx.outcome;
      ctx.scenario.inserts = [0x100, 0x300, third];
      // the third insert (steps 45..47) maps 32 KiB: live 2 + 2 + 16 + 16 + 32 = 68 KiB = four L2s' worth
      addEntry(ctx, { kind: 'devm_memremap', addr: 0x6000_0008_0000n, size: 32n * KiB, pa: 0x1_4001_0000n, site: 'arm_smmu_kdump_adopt_l2_strtab', acquired_at: 46, released_at: 60, released_by: 'devres', phase: 'insert' });
      o.inserts.push({ sid: third, ret: 0, l2ptr_slot: 0x6000_0008_0000n, l2ptr_slot_before: 0n, acquired: [o.ledger.length - 1], step_from: 45, step_to: 47 });
      return ctx;
    };
    const fits = make(0x400);
    fits.outcome.ledger[5].size = 16n * KiB; // three distinct L1 indexes: 4 + 48 = 52 KiB
    expect(property.check(fits)).toEqual({ ok: true });
    expect(property.check(make(0x400))).not.toEqual({ ok: true }); // 32 KiB for one bus
    const sameBus = make(0x3ff); // L1[3] again: no new allowance
    sameBus.outcome.ledger[5].size = 16n * KiB;
    expect(property.check(sameBus)).not.toEqual({ ok: true });
    const outOfRange = make(0x1_0000); // L1[256]: beyond num_l1_ents
    outOfRange.outcome.ledger[5].size = 16n * KiB;
    expect(property.check(outOfRange)).not.toEqual({ ok: true });
  });

  test('the L2 allowance of an insert starts at that insert: a mapping made earlier is not covered by it', () => {
    // Two inserts later in the run; at probe (step 13) mainline has allocated 4 KiB, not 36.
    const ctx = ctxAdopted();
    addEntry(ctx, { kind: 'memremap', addr: 0x6000_0002_0000n, size: 16n * KiB, pa: 0x1_4000_0000n, site: 'arm_smmu_kexec_scan_and_resv_ids', acquired_at: 13, released_at: 14, released_by: 'memunmap', phase: 'probe' });
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids');
    expect(f.message).toContain('would allocate 4 KiB');
    expect(f.message).toContain('no L2 table (nothing inserted)');
  });

  test('an insert that crashed still counts from the step it started', () => {
    const ctx = ctxAdopted();
    const o = ctx.outcome;
    o.inserts = o.inserts.slice(0, 1); // insert #1 (0x300) crashed: no InsertResult
    o.crash = { kind: 'trap', message: 'x', phase: 'insert', stack: ['arm_smmu_init_l2_strtab'] };
    o.ledger[4].acquired_at = 33; // its fresh L2, allocated after insert #0 ended (step 31)
    delete o.ledger[4].released_at;
    expect(property.check(ctx)).toEqual({ ok: true });
  });

  test("a memremap that returned a direct-map pointer to the kdump kernel's own RAM maps and allocates nothing", () => {
    const ram = noInserts(ctxAdopted());
    addEntry(ram, { kind: 'memremap-ram', addr: 0xffff_0000_8000_0000n, size: 16n * KiB, pa: 0x8000_0000n, site: 'arm_smmu_kexec_scan_and_resv_ids', acquired_at: 13, released_at: 14, released_by: 'memunmap', phase: 'probe' });
    expect(property.check(ram)).toEqual({ ok: true });
    const mapped = noInserts(ctxAdopted());
    addEntry(mapped, { kind: 'memremap', addr: 0x6000_0002_0000n, size: 16n * KiB, pa: 0x1_4000_0000n, site: 'arm_smmu_kexec_scan_and_resv_ids', acquired_at: 13, released_at: 14, released_by: 'memunmap', phase: 'probe' });
    expect(expectFail(property.check(mapped)).signature).toBe('no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids');
  });

  test('a second cause that takes the total further over the cap is its own finding; an entry that only keeps the excess is not', () => {
    const ctx = ctxAdopted();
    ctx.outcome.ledger[0].size = MiB; // the L1 table mapped 1 MiB: over from step 10 on
    const one = property.check(ctx); // the L2 adopted at insert #0 only keeps that excess
    expect(one.ok || [one.signature, ...(one.also ?? []).map((f) => f.signature)]).toEqual(['no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_2lvl']);
    addEntry(ctx, { kind: 'memremap', addr: 0x6000_1000_0000n, size: 64n * MiB, pa: 0x1_8000_0000n, site: 'arm_smmu_kexec_resv_s1_asids', acquired_at: 13, released_at: 14, released_by: 'memunmap', phase: 'probe' });
    const two = property.check(ctx);
    expect(two.ok || [two.signature, ...(two.also ?? []).map((f) => f.signature)]).toEqual([
      'no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_2lvl',
      'no-over-allocation:memremap@arm_smmu_kexec_resv_s1_asids',
    ]);
    expect(two.ok || two.also![0].message).toContain('memremap of 64 MiB');
  });

  describe('on the C', () => {
    test("latest's ID scan maps an L2 table at probe, before the inserts that would pay for it: over the cap; v6 (no scan) holds", () => {
      const f = expectFail(property.check(runWithBaseline(loadRevision('latest'), intactAdoption())));
      expect(f.signature).toBe('no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids');
      expect(f.message).toContain('memremap of 16 KiB');
      expect(f.message).toContain('would allocate 4 KiB');
      expect(property.check(runWithBaseline(loadRevision('v6'), intactAdoption()))).toEqual({ ok: true });
    });

    test("latest's ID scan memremapping an L1 descriptor's L2Ptr in the kdump kernel's own RAM is no allocation", () => {
      const ctx = runWithBaseline(loadRevision('latest'), l1DescriptorIntoOwnRam());
      expect(ctx.outcome.ledger.some((e) => e.kind === 'memremap-ram' && e.site === 'arm_smmu_kexec_scan_and_resv_ids')).toBe(true);
      expect(property.check(ctx)).toEqual({ ok: true });
    });
  });
});

import { mainlineNumL1Ents, mainlineStrtabBudget, describeBudget } from '../../properties/_lib/budget';
import { formatSize } from '../../properties/_lib/format';
import { decodeStrtabBaseCfg, describeStrtabBaseCfg, describeL1Desc } from '../../properties/_lib/kernel';
import { adoptedTable } from '../../properties/_lib/outcome';
import { walkedL2 } from '../../properties/_lib/kernel';
import { PASS, allOf, fail } from '../../properties/_lib/verdict';
import { failures, failuresOf } from '../../harness/fuzz/evaluate';
import type { Property } from '../../harness/scenario/types';
import { CFG_2LVL_16, OPT_KDUMP_ADOPT, ctxAdopted, ctxFallback } from './_outcome';

describe('properties/_lib', () => {
  test('formatSize speaks kernel', () => {
    expect(formatSize(16384n)).toBe('16 KiB');
    expect(formatSize(1n << 20n)).toBe('1 MiB');
    expect(formatSize(2n << 30n)).toBe('2 GiB');
    expect(formatSize(1040n * 1024n)).toBe('1040 KiB');
    expect(formatSize(72n)).toBe('72 bytes');
    expect(formatSize(0n)).toBe('0 bytes');
  });

  test.each([
    [1, 1], [8, 1], [9, 2], [16, 256], [25, 1 << 17], [26, 1 << 17], [32, 1 << 17],
  ])('mainline num_l1_ents for sid_bits=%i is %i', (sidBits, n) => {
    expect(mainlineNumL1Ents(sidBits)).toBe(n);
  });

  test('mainline budget: 2-level = L1 + l2ptrs + 16 KiB per distinct L1 index; linear = 2^sid_bits x 64', () => {
    const b = mainlineStrtabBudget('2lvl', 16, [0x100, 0x1ff, 0x300]);
    expect([b.l1_bytes, b.l2ptrs_bytes, b.l2_count, b.total]).toEqual([2048n, 2048n, 2, 4096n + 32768n]);
    expect(describeBudget(b)).toBe('2-level for sid_bits=16: L1 table 2 KiB (256 descriptors) + l2ptrs 2 KiB + 2 L2 tables x 16 KiB = 36 KiB');
    expect(mainlineStrtabBudget('2lvl', 32, []).total).toBe(2n << 20n); // 1 MiB L1 + 1 MiB l2ptrs
    expect(mainlineStrtabBudget('linear', 16, [1, 2]).total).toBe(4n << 20n);
  });

  test('STRTAB_BASE_CFG and L1 descriptor decoding', () => {
    expect(decodeStrtabBaseCfg(CFG_2LVL_16)).toEqual({ fmt: 1, fmtName: '2lvl', split: 8, log2size: 16 });
    expect(describeStrtabBaseCfg(0x30000n)).toBe('STRTAB_BASE_CFG 0x30000 (FMT=reserved 3, SPLIT=0, LOG2SIZE=0)');
    expect(describeL1Desc(0x1_4000_000bn)).toBe('L1 descriptor 0x14000000b (SPAN=11, L2Ptr=0x140000000)');
  });

  test('the L2 array the SMMU walks: L2Ptr with the bits below 2^(SPAN-1) STEs treated as zero; none for SPAN 0 or 12..31', () => {
    expect(walkedL2(0x1_4000_0049n)).toEqual({ pa: 0x1_4000_0000n, size: 16384n }); // SPAN 9, L2Ptr + 0x40
    expect(walkedL2(0x1_4000_4009n)).toEqual({ pa: 0x1_4000_4000n, size: 16384n });
    expect(walkedL2(0x1_4000_4001n)).toEqual({ pa: 0x1_4000_4000n, size: 64n }); // SPAN 1: one STE
    expect(walkedL2(0x1_4000_400bn)).toEqual({ pa: 0x1_4000_0000n, size: 65536n }); // SPAN 11: 1024 STEs
    expect(walkedL2(0x1_4000_0000n)).toBeUndefined();
    expect(walkedL2(0x1_4000_000cn)).toBeUndefined();
  });

  test('adopted = what strtab_cfg holds after init: a mapping of the crashed table, not the option bit', () => {
    expect(adoptedTable(ctxAdopted().outcome).adopted).toBe(true);
    const kept = ctxFallback().outcome; // fresh dmam_alloc_coherent table, option left set
    kept.after_init = { ...kept.after_init!, options: OPT_KDUMP_ADOPT };
    kept.adopted = true;
    expect(adoptedTable(kept)).toMatchObject({ adopted: false, source: expect.stringContaining('dmam_alloc_coherent by arm_smmu_init_strtab_2lvl') });
    const nothing = ctxAdopted().outcome; // no table at all: the option says what the driver believes
    nothing.after_init = { ...nothing.after_init!, strtab_cfg: { ...nothing.after_init!.strtab_cfg, l1tab: 0n } };
    expect(adoptedTable(nothing).adopted).toBe(true);
    nothing.after_init.options = 0;
    expect(adoptedTable(nothing).adopted).toBe(false);
  });

  test('a verdict carries every distinct failure of a run; failures() flattens them, one per signature', () => {
    const a = fail('p', 'a', 'x', 'first');
    const b = fail('p', 'b', 'y', 'second');
    expect(allOf([PASS, PASS])).toEqual({ ok: true });
    expect(allOf([a])).toEqual({ ok: false, signature: 'p:a@x', message: 'first' });
    const both = allOf([PASS, a, b, fail('p', 'a', 'x', 'the same bug again')]);
    expect(both).toEqual({ ok: false, signature: 'p:a@x', message: 'first', also: [{ signature: 'p:b@y', message: 'second' }] });
    expect(failuresOf(both).map((f) => f.signature)).toEqual(['p:a@x', 'p:b@y']);
    const property: Property = { name: 'p', description: 'd', check: () => both };
    const thrower: Property = { name: 'q', description: 'd', check: () => { throw new Error('boom'); } };
    expect(failures([property, thrower], ctxAdopted()).map((f) => `${f.property.name} ${f.signature}`)).toEqual(['p p:a@x', 'p p:b@y', 'q check threw Error: boom']);
  });
});

import { l1Desc } from '../../harness/kernel/smmuRegs';
import { crashedStrtabBase, crashedStrtabBaseCfg } from '../../harness/kernel/smmuTable';
import { decodeRegister, flippedFields, spanText } from '../../harness/report/registers';
import { bytes } from '../../harness/report/units';

describe('register decoding in kernel field names', () => {
  test('STRTAB_BASE by RA and ADDR, as mainline programs it', () => {
    const t = { fmt: '2lvl' as const, base: 0x8_0000_1040n, log2size: 16, attached: [], l2_base: 0n };
    const v = crashedStrtabBase(t);
    expect(v).toBe(0x4000_0008_0000_1040n);
    expect(decodeRegister('STRTAB_BASE', v)).toBe('0x4000000800001040 (RA=1 ADDR=0x800001040)');
    expect(decodeRegister('STRTAB_BASE', 0x8000_0000_0000_0001n)).toBe('0x8000000000000001 (RA=0 ADDR=0x0 other bits 0x8000000000000001)');
  });

  test('STRTAB_BASE_CFG by FMT, SPLIT and LOG2SIZE', () => {
    expect(decodeRegister('STRTAB_BASE_CFG', crashedStrtabBaseCfg({ fmt: '2lvl', base: 0n, log2size: 16, attached: [], l2_base: 0n })))
      .toBe('0x10210 (FMT=2-level SPLIT=8 LOG2SIZE=16)');
    expect(decodeRegister('STRTAB_BASE_CFG', crashedStrtabBaseCfg({ fmt: 'linear', base: 0n, log2size: 5, attached: [], l2_base: 0n })))
      .toBe('0x5 (FMT=linear SPLIT=0 LOG2SIZE=5)');
    expect(decodeRegister('STRTAB_BASE_CFG', 3n << 16n)).toMatch(/FMT=reserved\(3\)/);
  });

  test('L1 descriptors by SPAN and L2PTR', () => {
    expect(decodeRegister('L1_DESC', l1Desc(0x1_0010_4000n))).toBe('0x100104009 (SPAN=9 (256 STEs) L2PTR=0x100104000)');
    expect(spanText(0n)).toBe('0 (no L2 table)');
    expect(spanText(1n)).toBe('1 (1 STEs)');
    expect(spanText(12n)).toBe('12 (reserved)');
    expect(flippedFields('L1_DESC', 0x10n)).toBe('flips SPAN');
    expect(flippedFields('STRTAB_BASE_CFG', 1n << 20n)).toBe('flips other bits');
  });

  test('sizes', () => {
    expect(bytes(16384n)).toBe('16 KiB');
    expect(bytes(1n << 20n)).toBe('1 MiB');
    expect(bytes(4n << 30n)).toBe('4 GiB');
    expect(bytes(24n)).toBe('24 bytes');
  });
});

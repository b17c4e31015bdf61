/** The ledger catches each misuse of an acquire/release pair, with the call site. */
import { Ledger } from '../../harness/kernel/ledger';
import type { LedgerEntry } from '../../harness/scenario/types';

function acquire(l: Ledger, kind: LedgerEntry['kind'], addr: bigint, size: bigint, step = 1): LedgerEntry {
  return l.acquire({ kind, addr, size, site: 'arm_smmu_kdump_adopt_strtab_2lvl', line: 10, acquired_at: step, phase: 'probe' });
}

describe('Ledger', () => {
  test('a release of a live allocation closes it and returns its bytes', () => {
    const l = new Ledger();
    acquire(l, 'kmalloc', 0x1000n, 64n);
    expect(l.release(0x1000n, 'kfree', 'cleanup', 2, 'teardown')).toBeDefined();
    l.reportLeaks(3);
    expect(l.violations).toEqual([]);
    expect(l.liveBytes).toBe(0n);
  });

  test('an allocation never released is a leak naming where it was made', () => {
    const l = new Ledger();
    acquire(l, 'memremap', 0x4000_0000n, 8192n);
    l.reportLeaks(9);
    expect(l.violations).toHaveLength(1);
    expect(l.violations[0]).toMatchObject({ kind: 'leak', site: 'arm_smmu_kdump_adopt_strtab_2lvl' });
  });

  test('releasing twice is a double release', () => {
    const l = new Ledger();
    acquire(l, 'memremap', 0x4000_0000n, 8192n);
    l.release(0x4000_0000n, 'memunmap', 'a', 2, 'probe');
    l.release(0x4000_0000n, 'memunmap', 'b', 3, 'teardown');
    expect(l.violations.map((v) => v.kind)).toEqual(['double-release']);
  });

  test('releasing an address inside an allocation is a bad release', () => {
    const l = new Ledger();
    acquire(l, 'kmalloc', 0x1000n, 64n);
    l.release(0x1008n, 'kfree', 'x', 2, 'probe');
    expect(l.violations[0].kind).toBe('bad-release');
    expect(l.violations[0].message).toMatch(/not the start/);
  });

  test('memunmap of a devm_memremap mapping is a wrong-kind release (devres releases it again)', () => {
    const l = new Ledger();
    acquire(l, 'devm_memremap', 0x4000_0000n, 16384n);
    l.release(0x4000_0000n, 'memunmap', 'x', 2, 'probe');
    expect(l.violations.map((v) => v.kind)).toEqual(['wrong-release-kind']);
  });

  test('the peak counts every live mapping and allocation at once, actions excluded', () => {
    const l = new Ledger();
    acquire(l, 'memremap', 0x4000_0000n, 1024n, 1);
    acquire(l, 'kmalloc', 0x1000n, 512n, 2);
    acquire(l, 'devres_action', 0n, 0n, 3);
    l.release(0x1000n, 'kfree', 'x', 4, 'probe');
    acquire(l, 'kmalloc', 0x2000n, 100n, 5);
    expect(l.peakBytes).toBe(1536n);
    expect(l.peakStep).toBe(2);
    expect(l.peakEntries).toEqual([0, 1]);
  });
});

/**
 * The address space the C sees: windows onto physical memory kept coherent both ways, holes
 * that abort, and the KASAN-like checks on every access outside the C's own data.
 */
import { DM_BASE, MachineFault } from '../../harness/kernel/addressSpace';
import { CRASHED_STRTAB_BASE, HOLE_START, OWN_RAM_START } from '../../harness/kernel/ramMap';
import { bareMachine, setU64At, u64At } from './_memory';

function mapped(size: bigint, pa = CRASHED_STRTAB_BASE) {
  const m = bareMachine();
  const e = m.ledger.acquire({ kind: 'memremap', addr: 0n, size, pa, site: 'test', line: 1, acquired_at: 1, phase: 'probe' });
  const w = m.aspace.mapWindow(pa, size, e.id);
  e.addr = BigInt(w.va);
  return { ...m, w, e };
}

describe('AddressSpace windows', () => {
  test('a 2 GiB memremap costs no host memory until touched', () => {
    const before = process.memoryUsage().rss;
    const { aspace, w } = mapped(2n << 30n);
    aspace.access(w.va + (1 << 30), 8, false);
    // One 1 MiB chunk of the window was filled in (its pages are zero: nothing copied, not even
    // stored in physical memory), and the rest of the 2 GiB exists only as address space.
    expect(w.populated.size).toBe(256);
    expect(aspace.phys.pageCount()).toBe(0);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  test('the C reads what physical memory holds (DMA before the first touch)', () => {
    const { aspace, memory, w } = mapped(16384n);
    aspace.phys.write64(CRASHED_STRTAB_BASE + 8n, 0x1234_5609n);
    aspace.access(w.va + 8, 8, false);
    expect(u64At(memory, w.va + 8)).toBe(0x1234_5609n);
  });

  test('a DMA write after the first touch reaches the window', () => {
    const { aspace, memory, w } = mapped(16384n);
    aspace.access(w.va, 8, false);
    aspace.phys.write64(CRASHED_STRTAB_BASE, 0xdead_0009n);
    expect(u64At(memory, w.va)).toBe(0xdead_0009n);
  });

  test("the C's writes reach physical memory and every other window of the page at the next crossing", () => {
    const m = mapped(16384n);
    const e2 = m.ledger.acquire({ kind: 'memremap', addr: 0n, size: 4096n, pa: CRASHED_STRTAB_BASE, site: 'test', line: 2, acquired_at: 2, phase: 'probe' });
    const w2 = m.aspace.mapWindow(CRASHED_STRTAB_BASE, 4096n, e2.id);
    m.aspace.access(w2.va, 8, false);
    m.aspace.access(m.w.va + 16, 8, true);
    setU64At(m.memory, m.w.va + 16, 0xabcn);
    m.aspace.flush();
    expect(m.aspace.phys.read64(CRASHED_STRTAB_BASE + 16n)).toBe(0xabcn);
    expect(u64At(m.memory, w2.va + 16)).toBe(0xabcn);
  });

  test('once a chunk is readable in-module, a DMA write to a page of it the C never touched still reaches it', () => {
    const { aspace, memory, w } = mapped(16384n);
    aspace.access(w.va, 8, false); // the first read makes the chunk (here the whole window) readable in-module
    aspace.phys.write64(CRASHED_STRTAB_BASE + 8192n + 16n, 0x5eedn);
    expect(u64At(memory, w.va + 8192 + 16)).toBe(0x5eedn);
  });

  test('touching a physical hole through a mapping is an external abort', () => {
    const { aspace, w } = mapped(8192n, HOLE_START);
    expect(() => aspace.access(w.va, 8, false)).toThrow(MachineFault);
    try {
      aspace.access(w.va, 8, false);
    } catch (e) {
      expect((e as MachineFault).kind).toBe('external-abort');
    }
  });

  test('an access past the end of a mapping is a paging request oops', () => {
    const { aspace, w } = mapped(8192n);
    expect(() => aspace.access(w.va + 8192, 8, false)).toThrow(/paging request/);
  });

  test('an access through an unmapped window is a use after release', () => {
    const m = mapped(8192n);
    m.ledger.release(m.e.addr, 'memunmap', 'test', 3, 'probe');
    m.aspace.unmapWindow(m.w.va);
    m.aspace.access(m.w.va, 8, false);
    expect(m.ledger.violations.map((v) => v.kind)).toEqual(['use-after-release']);
  });

  test('a NULL dereference traps', () => {
    const { aspace } = bareMachine();
    expect(() => aspace.access(8, 8, false)).toThrow(/NULL pointer dereference/);
  });
});

describe('AddressSpace own RAM', () => {
  test('an access just past a kmalloc allocation is out of bounds', () => {
    const { aspace, ledger } = bareMachine();
    const a = aspace.allocOwn(64n, 64n)!;
    ledger.acquire({ kind: 'kmalloc', addr: BigInt(a.va), size: 64n, pa: a.pa, site: 'test', line: 1, acquired_at: 1, phase: 'probe' });
    aspace.access(a.va + 56, 8, false);
    expect(ledger.violations).toEqual([]);
    aspace.access(a.va + 64, 8, false);
    expect(ledger.violations.map((v) => v.kind)).toEqual(['out-of-bounds']);
  });

  test("a write through a memremap of the kdump kernel's own RAM is flagged", () => {
    const { aspace, ledger } = bareMachine();
    const va = aspace.dmVa(OWN_RAM_START + 0x1000n);
    ledger.acquire({ kind: 'memremap-ram', addr: BigInt(va), size: 4096n, pa: OWN_RAM_START + 0x1000n, site: 'arm_smmu_kdump_adopt_strtab_2lvl', line: 1, acquired_at: 1, phase: 'probe' });
    aspace.access(va, 8, false);
    expect(ledger.violations).toEqual([]);
    aspace.access(va + 8, 8, true);
    expect(ledger.violations.map((v) => v.kind)).toEqual(['write-kdump-ram']);
    expect(va).toBeGreaterThanOrEqual(DM_BASE);
  });

  test('a large allocation is zero even where the C wrote out of bounds before it was made (only those pages are cleared)', () => {
    const { aspace, ledger, memory } = bareMachine();
    const first = aspace.allocOwn(64n, 64n)!;
    ledger.acquire({ kind: 'kmalloc', addr: BigInt(first.va), size: 64n, pa: first.pa, site: 'test', line: 1, acquired_at: 1, phase: 'probe' });
    // An overrun far past the first allocation, into memory the next allocation will get.
    const stray = first.va + 3 * 4096 + 8;
    aspace.ensure(stray + 8);
    aspace.access(stray, 8, true);
    setU64At(memory, stray, 0xbadn);
    expect(ledger.violations.map((v) => v.kind)).toEqual(['out-of-bounds']);
    const big = aspace.allocOwn(64n << 10n, 4096n)!;
    expect(big.va).toBeLessThanOrEqual(stray);
    aspace.zeroOwn(big.va, 64 << 10);
    expect(u64At(memory, stray)).toBe(0n);
  });
});

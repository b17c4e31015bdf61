/**
 * The kernel virtual address space the driver C sees, laid out in the WebAssembly memory:
 *
 *   [0, 4 KiB)                 NULL page (inside the C stack; any access is a NULL dereference)
 *   [4 KiB, heap_base)         the C stack, data and bss: never checked
 *   [SMALL_WINDOW_BASE, DM_BASE) memremap windows of up to 1 MiB, with guard gaps
 *   [DM_BASE, +OWN_RAM_SIZE)   the kdump kernel's own RAM, direct-mapped (allocations live here)
 *   [WINDOW_BASE, 4 GiB)       larger memremap windows, with guard gaps
 *   [HIGH_BASE, ...)           windows too large to back: addresses only (an access is a
 *                              harness limit, said as such)
 *
 * A window is a copy of physical pages, filled lazily when the C first touches a page (a read
 * of a hole is then an external abort, as on arm64), written back to physical memory and to
 * every other window of the same page at each crossing between C and TypeScript. A read fills
 * the chunk of pages around it (up to 1 MiB, never across a hole) and lets the C read that chunk
 * without calling out, so a scan of a large table calls out once per chunk, and costs the pages
 * it reads, not the size it maps. Every C access
 * outside the stack/data comes here first (the shim's __asan_* hooks), which is also how
 * use-after-release, out-of-bounds, NULL dereferences and writes to the kdump kernel's own
 * memory through an adopted table are caught — the checks KASAN makes in a real kernel.
 */
import type { Ledger } from './ledger';
import { OWN_RAM_END, OWN_RAM_SIZE, OWN_RAM_START, regionOf } from './ramMap';
import { PAGE_SIZE, PhysicalMemory } from './physmem';
import type { LedgerEntry, Phase } from '../scenario/types';
import { READ_BUDGET_ENV, readBudgetMib } from './readBudget';
import { runningDriverFunction } from './wasmStack';

export const NULL_PAGE_END = 4096;
/**
 * Small windows (the usual L1 and L2 tables) sit below the direct map, and the direct map's
 * allocations start near its bottom, so the WebAssembly memory of a typical run stays under
 * 100 MiB: V8 charges large buffers to the garbage collector even when they are untouched.
 */
export const SMALL_WINDOW_BASE = 4 * 1024 * 1024;
export const SMALL_WINDOW_MAX = 1024 * 1024;
export const DM_BASE = 64 * 1024 * 1024;
export const WINDOW_BASE = DM_BASE + Number(OWN_RAM_SIZE) + 16 * 1024 * 1024;
export const WASM_MEMORY_CAP = 4 * 1024 * 1024 * 1024;
export const HIGH_BASE = 2 ** 40;
const WASM_PAGE = 65536;
const GUARD = 65536;
/** The kdump kernel's image and early allocations occupy the start of its RAM. */
export const OWN_RAM_ALLOC_START = OWN_RAM_START + 16n * 1024n * 1024n;
/** Bytes left unallocated after each allocation, so that an overrun lands in no allocation. */
const REDZONE = 64;

export class MachineFault extends Error {
  constructor(readonly kind: 'trap' | 'external-abort' | 'harness-limit', message: string, readonly pa?: bigint) {
    super(message);
  }
}

/** Pages a read fills at once (and the C then reads without a call out): 1 MiB. */
const CHUNK_PAGES = 256;

/** The populated pages of a window, by va page number: one bit each. */
export class PageSet {
  private bits: Uint8Array | undefined;
  size = 0;

  constructor(private first: number, private count: number) {}

  has(vpage: number): boolean {
    const i = vpage - this.first;
    return this.bits !== undefined && i >= 0 && i < this.count && this.bits[i] === 1;
  }

  add(vpage: number): void {
    const i = vpage - this.first;
    if (i < 0 || i >= this.count) throw new Error(`harness bug: page 0x${vpage.toString(16)} is outside its window`);
    this.bits ??= new Uint8Array(this.count);
    if (this.bits[i] === 0) {
      this.bits[i] = 1;
      this.size++;
    }
  }
}

export interface Window {
  va: number;
  size: bigint;
  pa: bigint;
  live: boolean;
  entry: number;
  /** Its pages (va page numbers) holding a copy of their physical page. */
  populated: PageSet;
}

export interface AccessContext {
  phase(): Phase;
  step(): number;
  site(): string;
}

export class AddressSpace {
  private windows: Window[] = [];
  private nextSmall = SMALL_WINDOW_BASE;
  private nextWindow = WINDOW_BASE;
  private nextHigh = HIGH_BASE;
  private ownNext = OWN_RAM_ALLOC_START;
  private ownTouched = new Set<number>();
  /** Dirty window pages (va page numbers) → their window. */
  private dirty = new Map<number, Window>();
  /** Window pages [lo, hi) that may hold anything but zeros: what reset() must clear. */
  private stale: [number, number][] = [];
  private lastReadPage = -1;
  private lastWritePage = -1;
  private lastAlloc: { lo: number; hi: number } | undefined;
  /** Window pages this run has populated (read or written), against the read budget. */
  private windowPages = 0;
  private readonly budgetPages = readBudgetMib() * (1024 * 1024 / PAGE_SIZE);
  heapBase = 0;
  /** Address of the C runtime's `struct kshim_fast_ranges` (0: none). */
  fastRanges = 0;
  phys: PhysicalMemory;

  constructor(private memory: WebAssembly.Memory, private ledger: Ledger, private ctx: AccessContext) {
    this.phys = new PhysicalMemory({
      view: (pa, len) => {
        const va = this.dmVa(pa);
        this.ensure(va + len);
        for (let p = Math.floor(va / PAGE_SIZE); p <= Math.floor((va + len - 1) / PAGE_SIZE); p++) this.ownTouched.add(p);
        return new Uint8Array(this.memory.buffer, va, len);
      },
    });
    this.phys.onWrite = (pfn) => this.refreshAliases(pfn);
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  /**
   * Lets the C skip the call out for loads (and, with `write`, stores) in [lo, hi): only for
   * ranges whose judgement cannot change until the next invalidateFast().
   */
  private allowFast(lo: number, hi: number, write: boolean): void {
    if (!this.fastRanges) return;
    const v = new DataView(this.memory.buffer);
    v.setBigUint64(this.fastRanges, BigInt(lo), true);
    v.setBigUint64(this.fastRanges + 8, BigInt(hi), true);
    if (write) {
      v.setBigUint64(this.fastRanges + 16, BigInt(lo), true);
      v.setBigUint64(this.fastRanges + 24, BigInt(hi), true);
    }
  }

  /** Any acquire or release, a write-back, an unmap: every fast range must be judged again. */
  invalidateFast(writesOnly = false): void {
    if (!this.fastRanges) return;
    new Uint8Array(this.memory.buffer).fill(0, this.fastRanges + (writesOnly ? 16 : 0), this.fastRanges + 32);
  }

  /** Grows the WebAssembly memory to cover `end` (untouched pages cost no host memory). */
  ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    if (end > WASM_MEMORY_CAP) throw new MachineFault('harness-limit', `address 0x${end.toString(16)} beyond the 4 GiB WebAssembly memory`);
    this.memory.grow(Math.ceil((end - have) / WASM_PAGE));
  }

  reset(): void {
    const mem = this.bytes();
    for (const [lo, hi] of this.stale) mem.fill(0, lo * PAGE_SIZE, hi * PAGE_SIZE);
    const allocHi = this.dmVa(this.ownNext);
    const allocLo = this.dmVa(OWN_RAM_ALLOC_START);
    if (allocHi > allocLo) this.bytes().fill(0, allocLo, allocHi);
    for (const p of this.ownTouched) this.bytes().fill(0, p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
    this.windows = [];
    this.nextSmall = SMALL_WINDOW_BASE;
    this.nextWindow = WINDOW_BASE;
    this.nextHigh = HIGH_BASE;
    this.ownNext = OWN_RAM_ALLOC_START;
    this.ownTouched.clear();
    this.dirty.clear();
    this.stale = [];
    this.lastReadPage = this.lastWritePage = -1;
    this.lastAlloc = undefined;
    this.windowPages = 0;
    this.phys.reset();
  }

  dmVa(pa: bigint): number {
    return DM_BASE + Number(pa - OWN_RAM_START);
  }

  vaToOwnPa(va: number): bigint | undefined {
    if (va < DM_BASE || va >= DM_BASE + Number(OWN_RAM_SIZE)) return undefined;
    return OWN_RAM_START + BigInt(va - DM_BASE);
  }

  /** Allocates from the kdump kernel's own RAM; undefined when it is exhausted (ENOMEM). */
  allocOwn(size: bigint, align: bigint): { va: number; pa: bigint } | undefined {
    const a = align > 0n ? align : 8n;
    const pa = (this.ownNext + a - 1n) & ~(a - 1n);
    if (pa + size > OWN_RAM_END || size > OWN_RAM_SIZE) return undefined;
    this.ownNext = pa + size + BigInt(REDZONE);
    const va = this.dmVa(pa);
    this.ensure(va + Number(size) + REDZONE);
    this.lastAlloc = undefined;
    return { va, pa };
  }

  /**
   * Zeroes a fresh allocation at `va`. Its memory is zero already, except pages written outside
   * any allocation in this run (reset() clears every page a run used, and allocations never
   * reuse memory within a run), so only those are cleared: zeroing a 128 MiB linear table
   * page by page cost the host a first touch of every page, and clearing every L1 table and
   * l2ptrs array again cost every run. Byte-exact: anything else writes to an allocation only
   * through a check (the C's loads/stores, memset/memcpy) that notes its page.
   */
  zeroOwn(va: number, size: number): void {
    const mem = this.bytes();
    if (size <= 4 * PAGE_SIZE) { mem.fill(0, va, va + size); return; }
    const first = Math.floor(va / PAGE_SIZE);
    const last = Math.floor((va + size - 1) / PAGE_SIZE);
    const clear = (p: number) => mem.fill(0, Math.max(va, p * PAGE_SIZE), Math.min(va + size, (p + 1) * PAGE_SIZE));
    // Whichever is shorter: the touched pages, or the allocation's pages.
    if (this.ownTouched.size < last - first + 1) {
      for (const p of this.ownTouched) if (p >= first && p <= last) clear(p);
    } else {
      for (let p = first; p <= last; p++) if (this.ownTouched.has(p)) clear(p);
    }
  }

  /** A new window onto [pa, pa + size): an ioremap_cache mapping. */
  mapWindow(pa: bigint, size: bigint, entry: number): Window {
    const off = Number(pa & 0xfffn);
    const span = Number(size) + off;
    let base: number;
    if (span <= SMALL_WINDOW_MAX && this.nextSmall + span + GUARD <= DM_BASE) {
      base = this.nextSmall;
      this.nextSmall = alignUp(base + span, WASM_PAGE) + GUARD;
    } else if (this.nextWindow + span + GUARD <= WASM_MEMORY_CAP && size <= BigInt(WASM_MEMORY_CAP)) {
      base = this.nextWindow;
      this.nextWindow = alignUp(base + span, WASM_PAGE) + GUARD;
    } else {
      base = this.nextHigh;
      this.nextHigh = alignUp(base + Math.min(span, 2 ** 50), WASM_PAGE) + GUARD;
    }
    const first = Math.floor((base + off) / PAGE_SIZE);
    const end = Math.min(base + span, WASM_MEMORY_CAP);
    const w: Window = { va: base + off, size, pa, live: true, entry, populated: new PageSet(first, Math.max(0, Math.ceil(end / PAGE_SIZE) - first)) };
    this.windows.push(w);
    return w;
  }

  unmapWindow(va: number): Window | undefined {
    const w = this.windows.find((x) => x.va === va && x.live);
    if (!w) return undefined;
    this.flush();
    this.invalidateFast();
    w.live = false;
    this.lastReadPage = this.lastWritePage = -1;
    return w;
  }

  windowAt(va: number): Window | undefined {
    for (let i = this.windows.length - 1; i >= 0; i--) {
      const w = this.windows[i];
      const start = w.va - (w.va % PAGE_SIZE);
      if (va >= start && va < w.va + Number(w.size)) return w;
    }
    return undefined;
  }

  /** The C touches [addr, addr + size): check it, fill window pages, note writes. */
  access(addr: number, size: number, isWrite: boolean): void {
    // Before the one-page fast path: an ERR_PTR arrives as a negative address, whose page -1 is
    // also the fast path's "no page" value.
    if (addr < NULL_PAGE_END) {
      throw new MachineFault('trap', `Unable to handle kernel NULL pointer dereference at virtual address 0x${addr.toString(16).padStart(16, '0')} (${isWrite ? 'write' : 'read'} of ${size} bytes in ${this.ctx.site()})`);
    }
    const vpage = Math.floor(addr / PAGE_SIZE);
    if (isWrite ? vpage === this.lastWritePage : vpage === this.lastReadPage || vpage === this.lastWritePage) {
      if (Math.floor((addr + size - 1) / PAGE_SIZE) === vpage) return;
    }
    if (addr < this.heapBase) return;
    if (addr >= DM_BASE && addr < DM_BASE + Number(OWN_RAM_SIZE)) return this.accessOwnRam(addr, size, isWrite);
    const w = this.windowAt(addr);
    if (!w || addr + size > w.va + Number(w.size)) {
      throw new MachineFault('trap', `Unable to handle kernel paging request at virtual address 0x${addr.toString(16).padStart(16, '0')} (${isWrite ? 'write' : 'read'} of ${size} bytes in ${this.ctx.site()}${w ? `, past the end of a ${w.size}-byte mapping of 0x${w.pa.toString(16)}` : ''})`);
    }
    if (!w.live) {
      const e = this.ledger.entries[w.entry];
      this.ledger.violate('use-after-release', `${isWrite ? 'write' : 'read'} of ${size} bytes at 0x${addr.toString(16)} in ${this.ctx.site()}: inside ${e.kind} of 0x${w.pa.toString(16)} from ${e.site}, released by ${e.released_by}`, this.ctx.phase(), this.ctx.step(), { addr: BigInt(addr), size: BigInt(size), site: this.ctx.site(), entry: e.id });
    }
    if (addr + size > WASM_MEMORY_CAP) {
      throw new MachineFault('harness-limit', `access at 0x${addr.toString(16)} in ${this.ctx.site()}: a ${w.size}-byte mapping of 0x${w.pa.toString(16)} is larger than the simulator can back (4 GiB WebAssembly memory)`, w.pa);
    }
    const last = Math.floor((addr + size - 1) / PAGE_SIZE);
    for (let p = vpage; p <= last; p++) this.populate(w, p);
    // The one-page fast path is only safe for pages wholly inside a live window.
    const whole = w.live && vpage * PAGE_SIZE >= w.va && (vpage + 1) * PAGE_SIZE <= w.va + Number(w.size);
    if (isWrite) {
      for (let p = vpage; p <= last; p++) this.dirty.set(p, w);
      this.markStale(vpage, last + 1);
      if (whole) this.lastWritePage = vpage;
    } else if (whole) {
      this.lastReadPage = vpage;
    }
    if (!isWrite && w.live) {
      const [lo, hi] = this.populateChunk(w, vpage);
      this.allowFast(Math.max(lo * PAGE_SIZE, w.va), Math.min(hi * PAGE_SIZE, w.va + Number(w.size)), false);
    } else if (whole && vpage === last) {
      this.allowFast(vpage * PAGE_SIZE, (vpage + 1) * PAGE_SIZE, isWrite);
    }
  }

  /** Notes that window pages [lo, hi) may now hold something other than zeros. */
  private markStale(lo: number, hi: number): void {
    const last = this.stale[this.stale.length - 1];
    if (last && lo >= last[0] && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else this.stale.push([lo, hi]);
  }

  /**
   * Populates the chunk of `w` around its page `vpage` (populated already): the aligned
   * CHUNK_PAGES pages, clipped to the window, the backable memory and the RAM region of
   * `vpage` (a hole must still abort when touched). Only pages with content are copied: the
   * others are zero already. Returns the chunk as va pages [lo, hi).
   */
  private populateChunk(w: Window, vpage: number): [number, number] {
    const first = Math.floor(w.va / PAGE_SIZE);
    const end = Math.ceil(Math.min(w.va + Number(w.size), WASM_MEMORY_CAP) / PAGE_SIZE);
    const pfn = this.pfnOf(w, vpage);
    const region = regionOf(pfn << 12n);
    let lo = Math.max(first, vpage - (vpage % CHUNK_PAGES), vpage - Number(pfn - (region.start >> 12n)));
    let hi = Math.min(end, vpage - (vpage % CHUNK_PAGES) + CHUNK_PAGES, vpage + Number(((region.end + 0xfffn) >> 12n) - pfn));
    if (lo > vpage) lo = vpage;
    if (hi <= vpage) hi = vpage + 1;
    // Never past the read budget: the page after it calls out again and meets the limit there.
    const left = this.budgetPages - this.windowPages;
    if (hi - lo > left) { lo = vpage; hi = Math.min(hi, vpage + Math.max(1, left)); }
    // Grown once to the window's end: growing by a chunk at a time moves the buffer each time.
    this.ensure(end * PAGE_SIZE);
    const pfn0 = pfn - BigInt(vpage - lo);
    for (const [a, b] of this.phys.contentRanges(pfn0, pfn0 + BigInt(hi - 1 - lo))) {
      for (let p = lo + Number(a - pfn0); p <= lo + Number(b - pfn0); p++) this.populate(w, p);
    }
    for (let p = lo; p < hi; p++) this.markPopulated(w, p);
    return [lo, hi];
  }

  private accessOwnRam(addr: number, size: number, isWrite: boolean): void {
    if (this.lastAlloc && addr >= this.lastAlloc.lo && addr + size <= this.lastAlloc.hi && !isWrite) return;
    const a = BigInt(addr);
    const s = BigInt(size);
    let inMapping: LedgerEntry | undefined;
    let inAlloc: LedgerEntry | undefined;
    for (const e of this.ledger.liveEntries()) {
      if (e.kind === 'devres_action' || a < e.addr || a + s > e.addr + e.size) continue;
      if (e.kind === 'memremap-ram') inMapping = e;
      else inAlloc = e;
    }
    for (let p = Math.floor(addr / PAGE_SIZE); p <= Math.floor((addr + size - 1) / PAGE_SIZE); p++) this.ownTouched.add(p);
    if (inMapping && isWrite) {
      this.ledger.violate('write-kdump-ram', `write of ${size} bytes at pa 0x${this.vaToOwnPa(addr)!.toString(16)} in ${this.ctx.site()}: through ${inMapping.kind} of 0x${inMapping.pa!.toString(16)} (${inMapping.size} bytes, from ${inMapping.site}), which is the kdump kernel's own RAM`, this.ctx.phase(), this.ctx.step(), { addr: a, size: s, site: this.ctx.site(), entry: inMapping.id });
      return;
    }
    if (inMapping) {
      if (!inAlloc) this.allowFast(Number(inMapping.addr), Number(inMapping.addr + inMapping.size), false);
      return;
    }
    if (inAlloc) {
      this.lastAlloc = { lo: Number(inAlloc.addr), hi: Number(inAlloc.addr + inAlloc.size) };
      this.allowFast(this.lastAlloc.lo, this.lastAlloc.hi, true);
      return;
    }
    const dead = this.ledger.releasedContaining(a);
    if (dead) {
      this.ledger.violate('use-after-release', `${isWrite ? 'write' : 'read'} of ${size} bytes at 0x${addr.toString(16)} in ${this.ctx.site()}: inside ${dead.kind} from ${dead.site}, released by ${dead.released_by}`, this.ctx.phase(), this.ctx.step(), { addr: a, size: s, site: this.ctx.site(), entry: dead.id });
    } else {
      this.ledger.violate('out-of-bounds', `${isWrite ? 'write' : 'read'} of ${size} bytes at 0x${addr.toString(16)} in ${this.ctx.site()}: in the kdump kernel's RAM but in no live allocation`, this.ctx.phase(), this.ctx.step(), { addr: a, size: s, site: this.ctx.site() });
    }
  }

  private pfnOf(w: Window, vpage: number): bigint {
    return (w.pa >> 12n) + BigInt(vpage - Math.floor(w.va / PAGE_SIZE));
  }

  private populate(w: Window, vpage: number): void {
    if (w.populated.has(vpage)) return;
    const pfn = this.pfnOf(w, vpage);
    const pa = pfn << 12n;
    if (this.phys.isHole(pa)) {
      throw new MachineFault('external-abort', `external abort on access to physical address 0x${pa.toString(16)} (a hole: no RAM or device there), through a mapping of 0x${w.pa.toString(16)} in ${this.ctx.site()}`, pa);
    }
    this.markPopulated(w, vpage);
    this.ensure((vpage + 1) * PAGE_SIZE);
    // Window pages are zero until populated (reset() zeroes them), so a zero page needs no copy.
    const data = this.phys.pageIfAny(pfn);
    if (data) {
      this.bytes().set(data, vpage * PAGE_SIZE);
      this.markStale(vpage, vpage + 1);
    }
  }

  /** Counts a window page against the read budget (readBudget.ts) as it is populated. */
  private markPopulated(w: Window, vpage: number): void {
    if (w.populated.has(vpage)) return;
    if (this.windowPages >= this.budgetPages) {
      const mib = this.budgetPages * PAGE_SIZE / (1024 * 1024);
      // The function reading, from the stack: the site of the C's last kernel call may be the
      // caller that made the mapping, not the one reading through it.
      const reader = runningDriverFunction() ?? this.ctx.site();
      const e = this.ledger.entries[w.entry];
      throw new MachineFault('harness-limit', `read budget: in ${reader}, the C has read ${mib} MiB of mappings in this run ` +
        `(now at offset 0x${(vpage * PAGE_SIZE - (w.va - (w.va % PAGE_SIZE))).toString(16)} of a ${w.size}-byte ${e?.kind ?? 'mapping'} of 0x${w.pa.toString(16)}` +
        `${e ? ` from ${e.site}` : ''}); ` +
        `the simulator backs ${mib} MiB of mapped reads per run so that no run costs seconds (${READ_BUDGET_ENV}=4096 backs them all, at seconds per such run)`,
        this.pfnOf(w, vpage) << 12n);
    }
    w.populated.add(vpage);
    this.windowPages++;
  }

  /** The populated window pages (va page numbers) holding physical page `pfn`. */
  private aliasesOf(pfn: bigint): number[] {
    const out: number[] = [];
    for (const w of this.windows) {
      const first = w.pa >> 12n;
      if (pfn < first) continue;
      const vpage = Math.floor(w.va / PAGE_SIZE) + Number(pfn - first);
      if (w.populated.has(vpage)) out.push(vpage);
    }
    return out;
  }

  /** Crossing: the C's writes to windows reach physical memory and every other window. */
  flush(): void {
    if (this.dirty.size === 0) return;
    const mem = this.bytes();
    for (const [vpage, w] of this.dirty) {
      const pfn = this.pfnOf(w, vpage);
      if (this.phys.isOwnRam(pfn << 12n)) continue; // never: own RAM is direct-mapped
      // Copied in place: no page-sized allocation per dirty page.
      this.phys.page(pfn).set(mem.subarray(vpage * PAGE_SIZE, (vpage + 1) * PAGE_SIZE));
      for (const alias of this.aliasesOf(pfn)) {
        if (alias === vpage) continue;
        mem.copyWithin(alias * PAGE_SIZE, vpage * PAGE_SIZE, (vpage + 1) * PAGE_SIZE);
        this.markStale(alias, alias + 1);
      }
    }
    this.dirty.clear();
    this.lastWritePage = -1;
    this.invalidateFast(true);
  }

  /** TypeScript changed a physical page (DMA, corruption): refresh the windows that hold it. */
  private refreshAliases(pfn: bigint): void {
    const list = this.aliasesOf(pfn);
    if (list.length === 0) return;
    const data = this.phys.page(pfn);
    const mem = this.bytes();
    for (const vpage of list) {
      mem.set(data, vpage * PAGE_SIZE);
      this.markStale(vpage, vpage + 1);
    }
  }

  /** Reads what the C would read at `va` (windows through physical memory), for reports. */
  readVirt(va: number, len: number): Uint8Array | undefined {
    this.flush();
    const inDm = va >= DM_BASE && va < DM_BASE + Number(OWN_RAM_SIZE);
    const w = va >= SMALL_WINDOW_BASE && !inDm ? this.windowAt(va) : undefined;
    if (w) {
      const pa = w.pa + BigInt(va - w.va);
      if (this.phys.isHole(pa)) return undefined;
      return this.phys.read(pa, len);
    }
    if (va + len > this.memory.buffer.byteLength) return undefined;
    return this.bytes().slice(va, va + len);
  }

  windowCount(): number {
    return this.windows.length;
  }

  /** Window pages this run populated (host memory a mapping cost, whatever its size). */
  windowPagesPopulated(): number {
    return this.windowPages;
  }
}

function alignUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

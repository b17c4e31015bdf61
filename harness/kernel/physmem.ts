/**
 * Sparse physical memory. A page is stored only once something writes it (reading, even through
 * a mapping, stores nothing), so a 2 GiB memremap costs only the pages written. Pages never
 * written read as zero, or as the repeating pattern of a `fill` region (how a crashed kernel's
 * table of abort STEs is laid out without writing every page). The kdump kernel's own RAM is not stored here: it is
 * the direct map inside the WebAssembly memory, reached through `ownRam`.
 */
import { OWN_RAM_END, OWN_RAM_START, regionOf } from './ramMap';

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12n;

export interface OwnRamBackend {
  /** Bytes of own RAM at physical address pa (pa - OWN_RAM_START into the direct map). */
  view(pa: bigint, len: number): Uint8Array;
}

interface FillRegion {
  start: bigint;
  end: bigint;
  pattern: Uint8Array;
  /** The pattern tiled over one page from phase 0 (most pages of a fill region are whole). */
  tile: Uint8Array;
}

/** Pages per slab: the backing of stored pages, kept from run to run (see newPage). */
const SLAB_PAGES = 64;
/** Slabs kept past a run that needed more (64 MiB); beyond, the garbage collector has them. */
const SLABS_KEPT = 256;

/**
 * The tile of a fill pattern, shared by every fill region with that pattern (a crashed table's
 * abort STE, laid once per L2 table and once per run): built once, never written.
 */
const tiles = new Map<string, Uint8Array>();
const TILES_KEPT = 64;

function tileOf(pattern: Uint8Array): Uint8Array {
  const key = Buffer.from(pattern.buffer, pattern.byteOffset, pattern.byteLength).toString('latin1');
  let tile = tiles.get(key);
  if (!tile) {
    tile = new Uint8Array(PAGE_SIZE);
    for (let i = 0; i < PAGE_SIZE; i += pattern.length) tile.set(pattern.subarray(0, Math.min(pattern.length, PAGE_SIZE - i)), i);
    if (tiles.size >= TILES_KEPT) tiles.clear();
    tiles.set(key, tile);
  }
  return tile;
}

export class PhysicalMemory {
  private pages = new Map<bigint, Uint8Array>();
  private fills: FillRegion[] = [];
  private slabs: ArrayBuffer[] = [];
  /** Pages handed out of the slabs since reset(). */
  private slabPages = 0;
  /** Called with a pfn whenever TypeScript changed that page (mappings refresh their copy). */
  onWrite: (pfn: bigint) => void = () => undefined;

  constructor(private ownRam: OwnRamBackend) {}

  reset(): void {
    this.pages.clear();
    this.fills = [];
    this.slabPages = 0;
    if (this.slabs.length > SLABS_KEPT) this.slabs.length = SLABS_KEPT;
  }

  /**
   * A page of backing, its content to be set by the caller: a view into a slab, not an
   * allocation of its own (a fresh 4 KiB typed array costs the host an allocation, a zeroing and
   * the garbage collector's bookkeeping, for every page of every run). Stored pages are never
   * handed out of this class to be kept: snapshot() copies them, and reset() takes them back.
   */
  private newPage(): Uint8Array {
    const i = this.slabPages++;
    const s = Math.floor(i / SLAB_PAGES);
    if (s === this.slabs.length) this.slabs.push(new ArrayBuffer(SLAB_PAGES * PAGE_SIZE));
    return new Uint8Array(this.slabs[s], (i % SLAB_PAGES) * PAGE_SIZE, PAGE_SIZE);
  }

  /** Untouched pages of [start, end) read as `pattern` repeated (pattern length divides 4096). */
  fill(start: bigint, end: bigint, pattern: Uint8Array): void {
    this.fills.push({ start, end, pattern, tile: tileOf(pattern) });
  }

  isHole(pa: bigint): boolean {
    return regionOf(pa).kind === 'hole';
  }

  isOwnRam(pa: bigint): boolean {
    return pa >= OWN_RAM_START && pa < OWN_RAM_END;
  }

  /** The page's bytes, created on first use (to be written). Own RAM and holes have no page here. */
  page(pfn: bigint): Uint8Array {
    let p = this.pages.get(pfn);
    if (!p) {
      p = this.newPage();
      const f = this.filled(pfn);
      if (f) p.set(f);
      else p.fill(0);
      this.pages.set(pfn, p);
    }
    return p;
  }

  /**
   * What an unwritten page reads as, from the fill regions over it; undefined when none covers
   * it (all zeros). A whole page of one fill is that fill's shared tile: never to be written.
   */
  private filled(pfn: bigint): Uint8Array | undefined {
    const base = pfn << PAGE_SHIFT;
    const top = base + BigInt(PAGE_SIZE);
    let p: Uint8Array | undefined;
    let shared = false;
    for (const f of this.fills) {
      if (top <= f.start || base >= f.end) continue;
      const lo = f.start > base ? Number(f.start - base) : 0;
      const hi = f.end < top ? Number(f.end - base) : PAGE_SIZE;
      const plen = f.pattern.length;
      let phase = Number((base + BigInt(lo) - f.start) % BigInt(plen));
      if (lo === 0 && hi === PAGE_SIZE && phase === 0) {
        p = f.tile; // a later fill over the whole page replaces what earlier ones laid
        shared = true;
        continue;
      }
      if (p === undefined) p = new Uint8Array(PAGE_SIZE);
      else if (shared) p = p.slice();
      shared = false;
      for (let i = lo; i < hi; i++) {
        p[i] = f.pattern[phase];
        if (++phase === plen) phase = 0;
      }
    }
    return p;
  }

  /**
   * The page's bytes if it holds anything but zeros (written, or inside a fill region), without
   * storing anything: reading a huge table costs only the pages written. Read-only: the result
   * may be shared with other pages.
   */
  pageIfAny(pfn: bigint): Uint8Array | undefined {
    return this.pages.get(pfn) ?? this.filled(pfn);
  }

  /**
   * The pages in [lo, hi] that may hold anything but zeros (written, or in a fill region), as
   * sorted, disjoint, inclusive pfn ranges: what a reader of a huge, mostly empty range visits.
   */
  contentRanges(lo: bigint, hi: bigint): [bigint, bigint][] {
    const spans: [bigint, bigint][] = [];
    for (const pfn of this.pages.keys()) if (pfn >= lo && pfn <= hi) spans.push([pfn, pfn]);
    for (const f of this.fills) {
      const a = f.start >> PAGE_SHIFT > lo ? f.start >> PAGE_SHIFT : lo;
      const b = (f.end - 1n) >> PAGE_SHIFT < hi ? (f.end - 1n) >> PAGE_SHIFT : hi;
      if (a <= b) spans.push([a, b]);
    }
    spans.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const out: [bigint, bigint][] = [];
    for (const [a, b] of spans) {
      const last = out[out.length - 1];
      if (last && a <= last[1] + 1n) { if (b > last[1]) last[1] = b; } else out.push([a, b]);
    }
    return out;
  }

  /** Plain-data copy of what is stored (own RAM excepted): later writes do not show in it. */
  snapshot(): { pages: { pfn: bigint; bytes: Uint8Array }[]; fills: { start: bigint; end: bigint; pattern: Uint8Array }[] } {
    return {
      pages: [...this.pages].map(([pfn, bytes]) => ({ pfn, bytes: bytes.slice() })),
      fills: this.fills.map((f) => ({ start: f.start, end: f.end, pattern: f.pattern.slice() })),
    };
  }

  /** Whether the page has materialised (for tests of "costs nothing until touched"). */
  hasPage(pfn: bigint): boolean {
    return this.pages.has(pfn);
  }

  pageCount(): number {
    return this.pages.size;
  }

  read(pa: bigint, len: number): Uint8Array {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const a = pa + BigInt(done);
      const off = Number(a & 0xfffn);
      const n = Math.min(len - done, PAGE_SIZE - off);
      if (this.isOwnRam(a)) out.set(this.ownRam.view(a, n), done);
      else if (!this.isHole(a)) {
        const p = this.pageIfAny(a >> PAGE_SHIFT);
        if (p) out.set(p.subarray(off, off + n), done);
      }
      done += n;
    }
    return out;
  }

  write(pa: bigint, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) {
      const a = pa + BigInt(done);
      const off = Number(a & 0xfffn);
      const n = Math.min(bytes.length - done, PAGE_SIZE - off);
      const chunk = bytes.subarray(done, done + n);
      if (this.isOwnRam(a)) this.ownRam.view(a, n).set(chunk);
      else if (!this.isHole(a)) {
        this.page(a >> PAGE_SHIFT).set(chunk, off);
        this.onWrite(a >> PAGE_SHIFT);
      }
      done += n;
    }
  }

  read64(pa: bigint): bigint {
    return new DataView(this.read(pa, 8).buffer).getBigUint64(0, true);
  }

  write64(pa: bigint, v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
    this.write(pa, b);
  }
}

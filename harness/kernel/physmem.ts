/**
 * Sparse physical memory. A page exists only once something writes it (or a mapping of it is
 * touched), so a 2 GiB memremap costs nothing until read. Pages never written read as zero, or
 * as the repeating pattern of a `fill` region (how a crashed kernel's table of abort STEs is
 * laid out without writing every page). The kdump kernel's own RAM is not stored here: it is
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

export class PhysicalMemory {
  private pages = new Map<bigint, Uint8Array>();
  private fills: FillRegion[] = [];
  /** Called with a pfn whenever TypeScript changed that page (mappings refresh their copy). */
  onWrite: (pfn: bigint) => void = () => undefined;

  constructor(private ownRam: OwnRamBackend) {}

  reset(): void {
    this.pages.clear();
    this.fills = [];
  }

  /** Untouched pages of [start, end) read as `pattern` repeated (pattern length divides 4096). */
  fill(start: bigint, end: bigint, pattern: Uint8Array): void {
    const tile = new Uint8Array(PAGE_SIZE);
    for (let i = 0; i < PAGE_SIZE; i += pattern.length) tile.set(pattern.subarray(0, Math.min(pattern.length, PAGE_SIZE - i)), i);
    this.fills.push({ start, end, pattern, tile });
  }

  isHole(pa: bigint): boolean {
    return regionOf(pa).kind === 'hole';
  }

  isOwnRam(pa: bigint): boolean {
    return pa >= OWN_RAM_START && pa < OWN_RAM_END;
  }

  /** The page's bytes, created on first use. Own RAM and holes have no page here. */
  page(pfn: bigint): Uint8Array {
    let p = this.pages.get(pfn);
    if (!p) {
      p = new Uint8Array(PAGE_SIZE);
      const base = pfn << PAGE_SHIFT;
      for (const f of this.fills) {
        if (base + BigInt(PAGE_SIZE) <= f.start || base >= f.end) continue;
        const lo = f.start > base ? Number(f.start - base) : 0;
        const hi = f.end < base + BigInt(PAGE_SIZE) ? Number(f.end - base) : PAGE_SIZE;
        const plen = f.pattern.length;
        let phase = Number((base + BigInt(lo) - f.start) % BigInt(plen));
        if (lo === 0 && hi === PAGE_SIZE && phase === 0) {
          p.set(f.tile);
          continue;
        }
        for (let i = lo; i < hi; i++) {
          p[i] = f.pattern[phase];
          if (++phase === plen) phase = 0;
        }
      }
      this.pages.set(pfn, p);
    }
    return p;
  }

  /**
   * The page's bytes if it holds anything but zeros (written, or inside a fill region), without
   * materialising an all-zero page: reading a huge, mostly empty table stays cheap.
   */
  pageIfAny(pfn: bigint): Uint8Array | undefined {
    const p = this.pages.get(pfn);
    if (p) return p;
    const base = pfn << PAGE_SHIFT;
    for (const f of this.fills) if (base < f.end && base + BigInt(PAGE_SIZE) > f.start) return this.page(pfn);
    return undefined;
  }

  /** The pfns in [lo, hi] that hold anything but zeros (written, or in a fill region). */
  pfnsWithContent(lo: bigint, hi: bigint): bigint[] {
    const out = new Set<bigint>();
    for (const pfn of this.pages.keys()) if (pfn >= lo && pfn <= hi) out.add(pfn);
    for (const f of this.fills) {
      const a = f.start >> PAGE_SHIFT > lo ? f.start >> PAGE_SHIFT : lo;
      const b = (f.end - 1n) >> PAGE_SHIFT < hi ? (f.end - 1n) >> PAGE_SHIFT : hi;
      for (let pfn = a; pfn <= b; pfn++) out.add(pfn);
    }
    return [...out];
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
      else if (!this.isHole(a)) out.set(this.page(a >> PAGE_SHIFT).subarray(off, off + n), done);
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

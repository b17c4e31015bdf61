/**
 * Reading a PhysSnapshot (the crashed kernel's memory as plain data in the Outcome) the way the
 * SMMU would: 64-bit little-endian words, and the non-zero descriptors of a range without
 * visiting every untouched one (a linear table of 2^25 STEs is one fill pattern, read once).
 */
import type { PhysSnapshot } from '../../harness/scenario/types';

const PAGE = 4096n;
const PAGE_BYTES = 4096;

export interface Chunk {
  pa: bigint;
  bytes: Uint8Array;
  /** From an untouched fill area: this content repeats over the area, given once. */
  repeated: boolean;
}

export class SnapshotReader {
  private pages = new Map<bigint, Uint8Array>();
  private pfns: bigint[];

  constructor(private snap: PhysSnapshot) {
    for (const p of snap.pages) this.pages.set(p.pfn, p.bytes);
    this.pfns = [...this.pages.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private byteAt(pa: bigint): number {
    const page = this.pages.get(pa / PAGE);
    if (page) return page[Number(pa % PAGE)];
    for (const f of this.snap.fills) {
      if (pa >= f.start && pa < f.end) return f.pattern[Number((pa - f.start) % BigInt(f.pattern.length))];
    }
    return 0;
  }

  bytes(pa: bigint, len: number): Uint8Array {
    // Within one stored page (every aligned descriptor is): a copy of the bytes, not a BigInt
    // lookup per byte, which made this reader most of a run's cost.
    const off = Number(pa % PAGE);
    const page = off + len <= Number(PAGE) ? this.pages.get(pa / PAGE) : undefined;
    if (page) return page.slice(off, off + len);
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) out[i] = this.byteAt(pa + BigInt(i));
    return out;
  }

  read64(pa: bigint): bigint {
    return word(this.bytes(pa, 8), 0);
  }

  /**
   * Every `size`-byte chunk at lo + k * size in [lo, hi) that is not all zeros: those in written
   * pages one by one, those in untouched fill areas once per phase of the pattern. Ascending by
   * address; a chunk of a written page wins over a fill area's at the same address.
   */
  chunks(lo: bigint, hi: bigint, size: number): Chunk[] {
    const n = BigInt(size);
    const out: Chunk[] = [];
    const firstAtOrAfter = (x: bigint) => (x <= lo ? lo : lo + ((x - lo + n - 1n) / n) * n);
    const fills = this.snap.fills.filter((f) => f.start < hi && f.end > lo);
    // Only needed when a fill area may repeat an address a page already gave.
    const seen = fills.length > 0 ? new Set<bigint>() : undefined;
    // Pages in address order from the first that can hold a chunk (a table walk asks for many
    // small ranges of a snapshot of many pages).
    for (let i = this.firstPageIndex((lo > PAGE ? lo - PAGE : 0n) / PAGE); i < this.pfns.length; i++) {
      const pfn = this.pfns[i];
      const start = pfn * PAGE;
      if (start >= hi) break;
      if (start + PAGE <= lo) continue;
      const page = this.pages.get(pfn)!;
      for (let pa = firstAtOrAfter(start); pa < start + PAGE && pa + n <= hi; pa += n) {
        const off = Number(pa - start);
        // Within the page: judged in place, copied only when not all zeros.
        if (off + size <= PAGE_BYTES) {
          if (allZero(page, off, size)) continue;
          seen?.add(pa);
          out.push({ pa, bytes: page.slice(off, off + size), repeated: false });
          continue;
        }
        const bytes = this.bytes(pa, size);
        if (allZero(bytes, 0, size)) continue;
        seen?.add(pa);
        out.push({ pa, bytes, repeated: false });
      }
    }
    let fromFills = false;
    for (const f of fills) {
      const a = f.start > lo ? f.start : lo;
      const b = f.end < hi ? f.end : hi;
      const phases = Math.max(1, Math.ceil(f.pattern.length / size));
      for (let k = 0, pa = firstAtOrAfter(a); k < phases && pa + n <= b; k++, pa += n) {
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i++) bytes[i] = f.pattern[Number((pa + BigInt(i) - f.start) % BigInt(f.pattern.length))];
        if (seen!.has(pa) || allZero(bytes, 0, size)) continue;
        seen!.add(pa);
        out.push({ pa, bytes, repeated: true });
        fromFills = true;
      }
    }
    return fromFills ? out.sort((x, y) => (x.pa < y.pa ? -1 : x.pa > y.pa ? 1 : 0)) : out;
  }

  /** Index into the sorted pfns of the first page at or above `pfn`. */
  private firstPageIndex(pfn: bigint): number {
    let a = 0;
    let b = this.pfns.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.pfns[m] < pfn) a = m + 1;
      else b = m;
    }
    return a;
  }
}

function allZero(bytes: Uint8Array, off: number, len: number): boolean {
  for (let i = off; i < off + len; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The 64-bit little-endian word at byte offset `off`. */
export function word(bytes: Uint8Array, off: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset + off, 8).getBigUint64(0, true);
}

/**
 * Reading a PhysSnapshot (the crashed kernel's memory as plain data in the Outcome) the way the
 * SMMU would: 64-bit little-endian words, and the non-zero descriptors of a range without
 * visiting every untouched one (a linear table of 2^25 STEs is one fill pattern, read once).
 */
import type { PhysSnapshot } from '../../harness/scenario/types';

const PAGE = 4096n;

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
   * pages one by one, those in untouched fill areas once per phase of the pattern.
   */
  chunks(lo: bigint, hi: bigint, size: number): Chunk[] {
    const n = BigInt(size);
    const out: Chunk[] = [];
    const seen = new Set<bigint>();
    const push = (pa: bigint, bytes: Uint8Array, repeated: boolean) => {
      if (seen.has(pa) || bytes.every((b) => b === 0)) return;
      seen.add(pa);
      out.push({ pa, bytes, repeated });
    };
    const firstAtOrAfter = (x: bigint) => (x <= lo ? lo : lo + ((x - lo + n - 1n) / n) * n);
    for (const pfn of this.pfns) {
      const start = pfn * PAGE;
      if (start + PAGE <= lo || start >= hi) continue;
      for (let pa = firstAtOrAfter(start); pa < start + PAGE && pa + n <= hi; pa += n) push(pa, this.bytes(pa, size), false);
    }
    for (const f of this.snap.fills) {
      const a = f.start > lo ? f.start : lo;
      const b = f.end < hi ? f.end : hi;
      if (a >= b) continue;
      const phases = Math.max(1, Math.ceil(f.pattern.length / size));
      for (let k = 0, pa = firstAtOrAfter(a); k < phases && pa + n <= b; k++, pa += n) {
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i++) bytes[i] = f.pattern[Number((pa + BigInt(i) - f.start) % BigInt(f.pattern.length))];
        push(pa, bytes, true);
      }
    }
    return out.sort((x, y) => (x.pa < y.pa ? -1 : x.pa > y.pa ? 1 : 0));
  }
}

/** The 64-bit little-endian word at byte offset `off`. */
export function word(bytes: Uint8Array, off: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset + off, 8).getBigUint64(0, true);
}

/** The snapshot reader's fast path (a stored page copied whole) reads what the byte-by-byte path reads. */
import { fc, test } from '@fast-check/jest';
import { SnapshotReader } from '../../properties/_lib/snapshot';
import type { PhysSnapshot } from '../../harness/scenario/types';

const PAGE = 4096;

/** The definition: each byte from its stored page, else the fill pattern covering it, else 0. */
function slowBytes(snap: PhysSnapshot, pa: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    const a = pa + BigInt(i);
    const page = snap.pages.find((p) => p.pfn === a / BigInt(PAGE));
    if (page) { out[i] = page.bytes[Number(a % BigInt(PAGE))]; continue; }
    const f = snap.fills.find((x) => a >= x.start && a < x.end);
    out[i] = f ? f.pattern[Number((a - f.start) % BigInt(f.pattern.length))] : 0;
  }
  return out;
}

const snapshot = fc.record({
  pages: fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { maxLength: 6 }).chain((pfns) =>
    fc.tuple(...pfns.map((pfn) => fc.uint8Array({ minLength: PAGE, maxLength: PAGE }).map((bytes) => ({ pfn: BigInt(pfn), bytes }))))),
  fills: fc.array(fc.tuple(fc.integer({ min: 0, max: 16 * PAGE }), fc.integer({ min: 1, max: 3 * PAGE }), fc.uint8Array({ minLength: 1, maxLength: 64 }))
    .map(([start, size, pattern]) => ({ start: BigInt(start), end: BigInt(start + size), pattern })), { maxLength: 3 }),
}) as fc.Arbitrary<PhysSnapshot>;

test.prop([snapshot, fc.integer({ min: 0, max: 17 * PAGE }), fc.integer({ min: 1, max: 200 })])(
  'bytes(pa, len) equals the byte-by-byte definition, inside a page and across pages', (snap, pa, len) => {
    expect(new SnapshotReader(snap).bytes(BigInt(pa), len)).toEqual(slowBytes(snap, BigInt(pa), len));
  });

test('a copy: changing what bytes() returned does not change the snapshot', () => {
  const snap: PhysSnapshot = { pages: [{ pfn: 1n, bytes: new Uint8Array(PAGE).fill(7) }], fills: [] };
  const r = new SnapshotReader(snap);
  r.bytes(4096n, 8).fill(0);
  expect(r.read64(4096n)).toBe(0x0707070707070707n);
});

/**
 * chunks() as first written (every stored page scanned, each chunk copied then tested for zeros,
 * one address set): the faster chunks() must return exactly this.
 */
function chunksByDefinition(snap: PhysSnapshot, lo: bigint, hi: bigint, size: number) {
  const r = new SnapshotReader(snap);
  const n = BigInt(size);
  const out: { pa: bigint; bytes: Uint8Array; repeated: boolean }[] = [];
  const seen = new Set<bigint>();
  const push = (pa: bigint, bytes: Uint8Array, repeated: boolean) => {
    if (seen.has(pa) || bytes.every((b) => b === 0)) return;
    seen.add(pa);
    out.push({ pa, bytes, repeated });
  };
  const firstAtOrAfter = (x: bigint) => (x <= lo ? lo : lo + ((x - lo + n - 1n) / n) * n);
  const pfns = snap.pages.map((p) => p.pfn).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const pfn of pfns) {
    const start = pfn * BigInt(PAGE);
    if (start + BigInt(PAGE) <= lo || start >= hi) continue;
    for (let pa = firstAtOrAfter(start); pa < start + BigInt(PAGE) && pa + n <= hi; pa += n) push(pa, r.bytes(pa, size), false);
  }
  for (const f of snap.fills) {
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

/** Snapshots whose pages are mostly zeros with a few set words, as a stream table's are. */
const sparseSnapshot = fc.record({
  pages: fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { maxLength: 6 }).chain((pfns) =>
    fc.tuple(...pfns.map((pfn) => fc.array(fc.tuple(fc.integer({ min: 0, max: PAGE - 1 }), fc.integer({ min: 1, max: 255 })), { maxLength: 12 })
      .map((sets) => {
        const bytes = new Uint8Array(PAGE);
        for (const [at, v] of sets) bytes[at] = v;
        return { pfn: BigInt(pfn), bytes };
      })))),
  fills: snapshot.map((s) => s.fills),
}) as fc.Arbitrary<PhysSnapshot>;

test.prop([fc.oneof(snapshot, sparseSnapshot), fc.integer({ min: 0, max: 17 * PAGE }), fc.integer({ min: 0, max: 6 * PAGE }), fc.constantFrom(8, 64, 24)])(
  'chunks(lo, hi, size) equals chunks as first written: same addresses, bytes and repeated flags, ascending', (snap, lo, len, size) => {
    expect(new SnapshotReader(snap).chunks(BigInt(lo), BigInt(lo + len), size)).toEqual(chunksByDefinition(snap, BigInt(lo), BigInt(lo + len), size));
  });

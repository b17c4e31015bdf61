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

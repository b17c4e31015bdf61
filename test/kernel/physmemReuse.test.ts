/**
 * Stored pages live in slabs reused from run to run, and fill tiles are shared between fills of
 * the same pattern: after reset() nothing of an earlier run shows, and writing one page never
 * changes another page or a fill's pattern.
 */
import { fc, test } from '@fast-check/jest';
import { PhysicalMemory } from '../../harness/kernel/physmem';

const BASE = 0x1_0000_0000n;
const noOwnRam = { view: (): Uint8Array => { throw new Error('no own RAM in this test'); } };

const write = fc.record({ page: fc.integer({ min: 0, max: 200 }), off: fc.integer({ min: 0, max: 4088 }), v: fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }) });
const pattern = fc.uint8Array({ minLength: 64, maxLength: 64 });

/** What the second run must read: the fill's pattern over its pages, zeros elsewhere, then its own writes. */
function expected(pat: Uint8Array, writes: { page: number; off: number; v: bigint }[]): Buffer {
  const out = Buffer.alloc(PAGES * 4096);
  for (let i = 0; i < FILL_PAGES * 4096; i++) out[i] = pat[i % pat.length];
  for (const w of writes) out.writeBigUInt64LE(w.v, w.page * 4096 + w.off);
  return out;
}

const PAGES = 202;
const FILL_PAGES = 64;

test.prop([fc.array(write, { maxLength: 150 }), fc.array(write, { maxLength: 20 }), pattern])(
  'a run after reset() reads only the fill it laid and what it wrote, over slabs and a tile an earlier run also used', (first, second, pat) => {
    const phys = new PhysicalMemory(noOwnRam);
    phys.fill(BASE, BASE + BigInt(FILL_PAGES * 4096), pat);
    for (const w of first) phys.write64(BASE + BigInt(w.page * 4096 + w.off), w.v ^ 0xffn);
    phys.reset();

    phys.fill(BASE, BASE + BigInt(FILL_PAGES * 4096), pat.slice());
    for (const w of second) phys.write64(BASE + BigInt(w.page * 4096 + w.off), w.v);
    // One comparison of the whole range (jest's toEqual on typed arrays goes element by element).
    expect(Buffer.from(phys.read(BASE, PAGES * 4096)).equals(expected(pat, second))).toBe(true);
  });

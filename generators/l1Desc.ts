import fc from 'fast-check';
import type { Corruption } from '../harness/scenario/types';
import { HOLE_END, HOLE_START, OWN_RAM_END, OWN_RAM_START, PHYS_TOP, SMMU_MMIO_PA } from '../harness/kernel/ramMap';
import { boundaryInt, boundaryMultiple, oneofWeighted, uniq, type Weighted } from './_internals/biased';
import { L1_DESC_KINDS, allowed, type L1DescKind, type CorruptionContext } from './_internals/kinds';
import {
  FIELD_GET,
  FIELD_PREP,
  L2_TABLE_SIZE,
  STRTAB_L1_DESC_L2PTR_MASK,
  STRTAB_L1_DESC_SPAN,
  STRTAB_L1_DESC_SPAN_DRIVER,
  alignDown,
  crashedL1Desc,
  crashedL2Tables,
  num_l1_ents,
} from './_internals/kernel';
import { l1Corruption } from './_internals/corruptionShapes';

export interface L1DescConstraints extends CorruptionContext {
  /** Only these operators (default: all of L1_DESC_KINDS that apply to the table). */
  kinds?: readonly L1DescKind[];
}

/** SPAN values tried first: 0 (no L2), 1, 8, the driver's 9, 10, 11 (largest valid), 12, 31. */
export const SPAN_BOUNDARIES: readonly number[] = [0, 1, 8, STRTAB_L1_DESC_SPAN_DRIVER, 10, 11, 12, 31];

const PA_LIMIT = 1n << 52n;
const HALF_L2 = L2_TABLE_SIZE / 2n;

/**
 * The L1-descriptor operators that apply to this table, with their weights (none for a linear
 * table). Descriptors are picked among the attached ones (whose L2 table exists), 0, 1 and the
 * last; every L2PTR operator writes SPAN = STRTAB_SPLIT + 1 as the driver does, so that only
 * the pointer is wrong.
 */
export function l1DescOperators(c: L1DescConstraints): Weighted<Corruption>[] {
  const { table, hardware } = c;
  if (table.fmt !== '2lvl') return [];
  const n = num_l1_ents(hardware.sid_bits);
  const l2s = crashedL2Tables(table);
  const attachedIdx = l2s.map((t) => t.l1_idx);
  const anyIdx = boundaryInt(0, n - 1, [0, 1, n - 1]);
  const idxArb = attachedIdx.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...attachedIdx), weight: 3 }, { arbitrary: anyIdx, weight: 1 }) : anyIdx;
  // SPAN has two stories of equal weight: a live descriptor's span changed (attached), and a
  // span written into an empty descriptor (L2Ptr NULL: "span && base" is false). The empty one
  // is the next descriptor from anyIdx that no attached SID uses: anyIdx's boundaries (0, 1,
  // the last) are where the attached SIDs' boundaries put their descriptors too.
  const emptyIdx = (idx: number): number => {
    for (let k = 0; k < n; k++) {
      const i = (idx + k) % n;
      if (!attachedIdx.includes(i)) return i;
    }
    return idx;
  };
  const spanIdxArb = attachedIdx.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...attachedIdx), weight: 1 }, { arbitrary: anyIdx.map(emptyIdx), weight: 1 }) : anyIdx;
  const origL2 = (idx: number): bigint => crashedL1Desc(table, idx) & STRTAB_L1_DESC_L2PTR_MASK;
  const desc = (pa: bigint): bigint => FIELD_PREP(STRTAB_L1_DESC_SPAN, STRTAB_L1_DESC_SPAN_DRIVER) | (pa & STRTAB_L1_DESC_L2PTR_MASK);
  const l2ptr = (kind: L1DescKind, pa: fc.Arbitrary<bigint>): fc.Arbitrary<Corruption> =>
    fc.tuple(idxArb, pa).map(([idx, a]) => l1Corruption(kind, idx, 'set', desc(a)));

  const ops: [L1DescKind, number, () => fc.Arbitrary<Corruption>][] = [
    [
      'l1:span',
      4,
      () =>
        fc.tuple(spanIdxArb, fc.oneof({ arbitrary: fc.constantFrom(...SPAN_BOUNDARIES), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 31 }), weight: 1 })).map(([idx, span]) => {
          const orig = crashedL1Desc(table, idx);
          // never a no-op: the driver's own 9 on an attached descriptor becomes 10
          const s = span === FIELD_GET(STRTAB_L1_DESC_SPAN, orig) ? span + 1 : span;
          return l1Corruption('l1:span', idx, 'set', (orig & ~STRTAB_L1_DESC_SPAN) | FIELD_PREP(STRTAB_L1_DESC_SPAN, s));
        }),
    ],
    ['l1:l2ptr-zero', 2, () => l2ptr('l1:l2ptr-zero', fc.constant(0n))],
    [
      'l1:l2ptr-unaligned',
      3,
      () =>
        fc.tuple(idxArb, boundaryInt(1, 255, [1, 128, 255])).map(([idx, m]) => {
          const l2 = origL2(idx) !== 0n ? origL2(idx) : table.l2_base;
          return l1Corruption('l1:l2ptr-unaligned', idx, 'set', desc(l2 + 64n * BigInt(m)));
        }),
    ],
    [
      // a hole is the known limitation at its worst: an external abort, the vmcore lost
      'l1:l2ptr-hole',
      5,
      () =>
        l2ptr(
          'l1:l2ptr-hole',
          fc.oneof(
            // the hole between the RAM banks (its ends, or any 16 KiB inside)
            { arbitrary: fc.constantFrom(HOLE_START, HOLE_END - L2_TABLE_SIZE), weight: 2 },
            { arbitrary: boundaryMultiple(HOLE_START, HOLE_END - L2_TABLE_SIZE, L2_TABLE_SIZE, []), weight: 2 },
            // above the top of RAM, below its start, the SMMU's own MMIO
            { arbitrary: fc.constantFrom(PHYS_TOP, PA_LIMIT - L2_TABLE_SIZE), weight: 1 },
            { arbitrary: fc.constantFrom(L2_TABLE_SIZE, alignDown(SMMU_MMIO_PA, L2_TABLE_SIZE)), weight: 1 },
            // half RAM, half hole: 8 KiB-aligned only, so code that checks the L2Ptr's 16 KiB
            // alignment (v4 on) rejects it before any read; an aligned hole is what gets read
            { arbitrary: fc.constantFrom(HOLE_START - HALF_L2, PHYS_TOP - HALF_L2, HOLE_END - HALF_L2), weight: 1 },
          ),
        ),
    ],
    [
      'l1:l2ptr-own-ram',
      2,
      () =>
        l2ptr(
          'l1:l2ptr-own-ram',
          fc.oneof(fc.constantFrom(OWN_RAM_START, OWN_RAM_END - L2_TABLE_SIZE), boundaryMultiple(OWN_RAM_START, OWN_RAM_END - L2_TABLE_SIZE, L2_TABLE_SIZE, [])),
        ),
    ],
    [
      'l1:l2ptr-straddle-own-ram',
      2,
      () => l2ptr('l1:l2ptr-straddle-own-ram', fc.constantFrom(...uniq([OWN_RAM_START - HALF_L2, OWN_RAM_END - HALF_L2, OWN_RAM_START - 64n, OWN_RAM_END - 64n]))),
    ],
    ['l1:l2ptr-self', 2, () => l2ptr('l1:l2ptr-self', fc.constant(table.base))],
    [
      'l1:l2ptr-other-l2',
      l2s.length >= 2 || (l2s.length === 1 && n >= 2) ? 2 : 0,
      () =>
        fc.tuple(idxArb, fc.integer({ min: 0, max: Math.max(0, l2s.length - 1) })).map(([idx0, k]) => {
          let idx = idx0;
          let pa = l2s[k].pa;
          if (pa === origL2(idx)) {
            if (l2s.length > 1) pa = l2s[(k + 1) % l2s.length].pa;
            else idx = (idx + 1) % n;
          }
          return l1Corruption('l1:l2ptr-other-l2', idx, 'set', desc(pa));
        }),
    ],
    ['l1:clear', attachedIdx.length > 0 ? 1 : 0, () => fc.constantFrom(...attachedIdx).map((idx) => l1Corruption('l1:clear', idx, 'set', 0n))],
  ];
  return ops.filter(([kind, weight]) => weight > 0 && allowed(c.kinds, kind)).map(([, weight, arb]) => ({ arbitrary: arb(), weight }));
}

/**
 * One rewrite of an L1 descriptor of the crashed kernel's 2-level table (kinds: L1_DESC_KINDS):
 * SPAN (0, 1, 8, 9, 10, 11, 12, 31, any; STRTAB_L1_DESC_SPAN = GENMASK(4, 0)) or L2PTR
 * (GENMASK(51, 6)) zero, unaligned, in a hole, inside/straddling the kdump kernel's own RAM, at
 * the L1 table itself, at another descriptor's L2 table; or the descriptor cleared.
 * Throws for a linear table (there are no L1 descriptors).
 */
export function l1Desc(constraints: L1DescConstraints): fc.Arbitrary<Corruption> {
  return oneofWeighted('l1Desc', l1DescOperators(constraints));
}

export { L1_DESC_KINDS };

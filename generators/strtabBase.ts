import fc from 'fast-check';
import type { Corruption } from '../harness/scenario/types';
import { HOLE_END, HOLE_START, OWN_RAM_END, OWN_RAM_START, PHYS_TOP, SMMU_MMIO_PA } from '../harness/kernel/ramMap';
import { boundaryMultiple, oneofWeighted, uniq, type Weighted } from './_internals/biased';
import { STRTAB_BASE_KINDS, allowed, type CorruptionContext, type StrtabBaseKind } from './_internals/kinds';
import {
  STRTAB_BASE_ADDR_MASK,
  STRTAB_BASE_RA,
  STRTAB_BASE_RESERVED_BITS,
  alignDown,
  crashedStrtabBase,
  strtabAlign,
  strtabBytes,
} from './_internals/kernel';
import { regCorruption } from './_internals/corruptionShapes';

export interface StrtabBaseConstraints extends CorruptionContext {
  /** Only these operators (default: all of STRTAB_BASE_KINDS that apply to the table). */
  kinds?: readonly StrtabBaseKind[];
}

/** Top of the 52-bit physical address space. */
const PA_LIMIT = 1n << 52n;

/**
 * The STRTAB_BASE corruption operators that apply to this table, with their weights.
 * (Used by corruption(); most callers want strtabBase().)
 *
 * An address is written with RA kept as the crashed kernel left it. Every operator that
 * places the table somewhere (hole, own-ram) keeps it aligned to the table size, so that it
 * tests *where* only; `unaligned` and the two `straddle-*` operators are unaligned by nature
 * (an aligned table cannot straddle a boundary aligned to more than its size) and only exist
 * for tables larger than the 64 bytes the ADDR field can express.
 */
export function strtabBaseOperators(c: StrtabBaseConstraints): Weighted<Corruption>[] {
  const { table, hardware } = c;
  const size = strtabBytes(table.fmt, hardware.sid_bits);
  const align = strtabAlign(table.fmt, hardware.sid_bits);
  const orig = crashedStrtabBase(table);
  const withAddr = (pa: bigint): bigint => (orig & ~STRTAB_BASE_ADDR_MASK) | (pa & STRTAB_BASE_ADDR_MASK);
  const set = (kind: StrtabBaseKind, pa: fc.Arbitrary<bigint>): fc.Arbitrary<Corruption> =>
    pa.map((a) => regCorruption(kind, 'STRTAB_BASE', 'set', withAddr(a)));
  const half = alignDown(size / 2n, 64n);
  const ops: [StrtabBaseKind, number, () => fc.Arbitrary<Corruption>][] = [
    ['STRTAB_BASE:zero', 2, () => fc.constantFrom(0n, STRTAB_BASE_RA).map((v) => regCorruption('STRTAB_BASE:zero', 'STRTAB_BASE', 'set', v))],
    [
      'STRTAB_BASE:unaligned',
      size > 64n ? 3 : 0,
      () => set('STRTAB_BASE:unaligned', boundaryMultiple(64n, size - 64n, 64n, [64n, half, size - 64n]).map((d) => table.base + d)),
    ],
    [
      'STRTAB_BASE:hole',
      2,
      () =>
        set(
          'STRTAB_BASE:hole',
          fc.oneof(
            fc.constantFrom(HOLE_START, HOLE_END - align, alignDown(SMMU_MMIO_PA, align), PHYS_TOP, PA_LIMIT - align),
            boundaryMultiple(HOLE_START, HOLE_END - align, align, []),
          ),
        ),
    ],
    [
      'STRTAB_BASE:straddle-hole',
      size > 64n ? 1 : 0,
      () =>
        set(
          'STRTAB_BASE:straddle-hole',
          fc.constantFrom(...uniq([HOLE_START - half, HOLE_END - half, PHYS_TOP - half, HOLE_START - 64n])),
        ),
    ],
    [
      'STRTAB_BASE:own-ram',
      align <= OWN_RAM_END - OWN_RAM_START ? 3 : 0,
      () =>
        set(
          'STRTAB_BASE:own-ram',
          fc.oneof(fc.constantFrom(OWN_RAM_START, OWN_RAM_END - align), boundaryMultiple(OWN_RAM_START, OWN_RAM_END - align, align, [])),
        ),
    ],
    [
      'STRTAB_BASE:straddle-own-ram',
      size > 64n ? 3 : 0,
      () =>
        set(
          'STRTAB_BASE:straddle-own-ram',
          fc.oneof(
            fc.constantFrom(...uniq([OWN_RAM_START - half, OWN_RAM_END - half, OWN_RAM_START - 64n, OWN_RAM_END - 64n])),
            boundaryMultiple(64n, size - 64n, 64n, []).map((d) => OWN_RAM_START - d),
          ),
        ),
    ],
    ['STRTAB_BASE:RA', 1, () => fc.constant(regCorruption('STRTAB_BASE:RA', 'STRTAB_BASE', 'xor', STRTAB_BASE_RA))],
    [
      'STRTAB_BASE:reserved-bits',
      2,
      () =>
        fc
          .oneof(
            fc.constantFrom(63, 52, 61, 0, 5).map((b) => 1n << BigInt(b)),
            fc.constantFrom(...STRTAB_BASE_RESERVED_BITS).map((b) => 1n << BigInt(b)),
            fc.constantFrom(0x3ffn << 52n, 0x3fn, 0xbffn << 52n),
          )
          .map((mask) => regCorruption('STRTAB_BASE:reserved-bits', 'STRTAB_BASE', 'xor', mask)),
    ],
  ];
  return ops.filter(([kind, weight]) => weight > 0 && allowed(c.kinds, kind)).map(([, weight, arb]) => ({ arbitrary: arb(), weight }));
}

/**
 * One corruption of STRTAB_BASE (kinds: STRTAB_BASE_KINDS): zero, unaligned to the table
 * size, in a hole, inside the kdump kernel's own RAM (memremap's REGION_INTERSECTS), straddling
 * own RAM (REGION_MIXED) or a hole, RA cleared, reserved bits 63/61..52/5..0 set.
 */
export function strtabBase(constraints: StrtabBaseConstraints): fc.Arbitrary<Corruption> {
  return oneofWeighted('strtabBase', strtabBaseOperators(constraints));
}

export { STRTAB_BASE_KINDS };

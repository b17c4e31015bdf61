import fc from 'fast-check';
import type { Corruption } from '../harness/scenario/types';
import { oneofWeighted, uniq, type Weighted } from './_internals/biased';
import { STRTAB_BASE_CFG_KINDS, allowed, type CorruptionContext, type StrtabBaseCfgKind } from './_internals/kinds';
import {
  FIELD_GET,
  FIELD_PREP,
  STRTAB_BASE_CFG_FMT,
  STRTAB_BASE_CFG_LOG2SIZE,
  STRTAB_BASE_CFG_SPLIT,
  STRTAB_SPLIT,
  crashedStrtabBaseCfg,
} from './_internals/kernel';
import { regCorruption } from './_internals/corruptionShapes';

export interface StrtabBaseCfgConstraints extends CorruptionContext {
  /** Only these operators (default: all of STRTAB_BASE_CFG_KINDS). */
  kinds?: readonly StrtabBaseCfgKind[];
}

/** SPLIT values tried first: the driver's 8, its neighbours, the architectural 6/10/11, junk. */
export const SPLIT_BOUNDARIES: readonly number[] = [STRTAB_SPLIT, 0, 6, 7, 9, 10, 11, 16, 31];

/**
 * LOG2SIZE values tried first, for a given sid_bits: split-1, split, sid_bits, sid_bits+1,
 * 24/25/26 (around the 2^17-entry L1 cap, which covers 25 bits of SID: v4-v7 cap a linear
 * table on 2-level hardware there), 31/32 (int shifts), 63 (field max).
 */
export function log2sizeBoundaries(sid_bits: number): number[] {
  return uniq([STRTAB_SPLIT - 1, STRTAB_SPLIT, sid_bits, sid_bits + 1, 24, 25, 26, 31, 32, 63]);
}

/**
 * FMT values tried first: the other valid format (linear <-> 2-level: the adoption takes the
 * other branch with the same LOG2SIZE) twice as often as each reserved one (2, 3: refused).
 */
function fmtBoundaries(cur: number): number[] {
  const other = cur === 0 ? 1 : 0;
  return [other, other, 2, 3];
}

/**
 * The STRTAB_BASE_CFG operators, with their weights: one field (FMT = GENMASK(17, 16),
 * SPLIT = GENMASK(10, 6), LOG2SIZE = GENMASK(5, 0)) replaced, the others as the crashed kernel
 * programmed them. The replacement always differs from the programmed value.
 */
export function strtabBaseCfgOperators(c: StrtabBaseCfgConstraints): Weighted<Corruption>[] {
  const orig = crashedStrtabBaseCfg(c.table);
  const field = (kind: StrtabBaseCfgKind, mask: bigint, boundaries: readonly number[], max: number): fc.Arbitrary<Corruption> => {
    const cur = FIELD_GET(mask, orig);
    // (a value listed twice is drawn twice as often)
    const firsts = boundaries.filter((v) => v !== cur && v >= 0 && v <= max);
    return fc
      .oneof(
        { arbitrary: fc.constantFrom(...firsts), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max }).filter((v) => v !== cur), weight: 1 },
      )
      .map((v) => regCorruption(kind, 'STRTAB_BASE_CFG', 'set', (orig & ~mask) | FIELD_PREP(mask, v)));
  };
  const linear = c.table.fmt === 'linear';
  const ops: [StrtabBaseCfgKind, number, () => fc.Arbitrary<Corruption>][] = [
    ['STRTAB_BASE_CFG:fmt', 2, () => field('STRTAB_BASE_CFG:fmt', STRTAB_BASE_CFG_FMT, fmtBoundaries(FIELD_GET(STRTAB_BASE_CFG_FMT, orig)), 3)],
    // A linear table's SPLIT means nothing to the SMMU: rarer there (LOG2SIZE is its size).
    ['STRTAB_BASE_CFG:split', linear ? 1 : 2, () => field('STRTAB_BASE_CFG:split', STRTAB_BASE_CFG_SPLIT, SPLIT_BOUNDARIES, 31)],
    [
      'STRTAB_BASE_CFG:log2size',
      3,
      () => field('STRTAB_BASE_CFG:log2size', STRTAB_BASE_CFG_LOG2SIZE, log2sizeBoundaries(c.hardware.sid_bits), 63),
    ],
  ];
  return ops.filter(([kind]) => allowed(c.kinds, kind)).map(([, weight, arb]) => ({ arbitrary: arb(), weight }));
}

/**
 * One corruption of STRTAB_BASE_CFG (kinds: STRTAB_BASE_CFG_KINDS): FMT 0..3 (the other valid
 * format first), SPLIT (8 on a linear table, 0, 6, 7, 9..11, 16, 31, any), LOG2SIZE (split-1,
 * split, sid_bits, sid_bits+1, 24, 25, 26, 31, 32, 63, any).
 */
export function strtabBaseCfg(constraints: StrtabBaseCfgConstraints): fc.Arbitrary<Corruption> {
  return oneofWeighted('strtabBaseCfg', strtabBaseCfgOperators(constraints));
}

export { STRTAB_BASE_CFG_KINDS };

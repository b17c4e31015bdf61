import fc from 'fast-check';
import type { Corruption } from '../harness/scenario/types';
import { boundaryInt, oneofWeighted, type Weighted } from './_internals/biased';
import { STE_KINDS, allowed, type CorruptionContext, type SteKind } from './_internals/kinds';
import {
  FIELD_PREP,
  STRTAB_NUM_L2_STES,
  STRTAB_STE_0_CFG,
  STRTAB_STE_0_CFG_BYPASS,
  STRTAB_STE_0_CFG_S2_TRANS,
  STRTAB_STE_0_V,
  U64_MAX,
  crashedL2Tables,
} from './_internals/kernel';
import { steCorruption } from './_internals/corruptionShapes';

export interface SteGarbageConstraints extends CorruptionContext {
  /** Only these operators (default: all of STE_KINDS). */
  kinds?: readonly SteKind[];
}

/** Words an STE word is set to first: zero, all ones, V alone, valid bypass, valid S2. */
export const STE_WORD_BOUNDARIES: readonly bigint[] = [
  0n,
  U64_MAX,
  STRTAB_STE_0_V,
  STRTAB_STE_0_V | FIELD_PREP(STRTAB_STE_0_CFG, STRTAB_STE_0_CFG_BYPASS),
  STRTAB_STE_0_V | FIELD_PREP(STRTAB_STE_0_CFG, STRTAB_STE_0_CFG_S2_TRANS),
];

/**
 * The STE operators, with weights: none for a 2-level table without any L2 table (no STE
 * exists in the crashed kernel's memory). SIDs are picked among the attached ones, their
 * L2-table neighbours, and for a linear table 0, 255, 256 and the last.
 */
export function steGarbageOperators(c: SteGarbageConstraints): Weighted<Corruption>[] {
  const { table, hardware } = c;
  if (!allowed(c.kinds, 'ste:garbage')) return [];
  let sid: fc.Arbitrary<number>;
  if (table.fmt === '2lvl') {
    const l2s = crashedL2Tables(table);
    if (l2s.length === 0) return [];
    const inL2 = fc
      .tuple(fc.constantFrom(...l2s.map((t) => t.l1_idx)), boundaryInt(0, STRTAB_NUM_L2_STES - 1, [0, STRTAB_NUM_L2_STES - 1]))
      .map(([l1, lo]) => l1 * STRTAB_NUM_L2_STES + lo);
    sid = fc.oneof({ arbitrary: fc.constantFrom(...table.attached), weight: 2 }, { arbitrary: inL2, weight: 1 });
  } else {
    const last = 2 ** hardware.sid_bits - 1;
    const any = boundaryInt(0, last, [0, 255, 256, last]);
    sid = table.attached.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...table.attached), weight: 2 }, { arbitrary: any, weight: 1 }) : any;
  }
  const word = boundaryInt(0, 7, [0, 1], 2);
  const change = fc.oneof(
    { arbitrary: fc.tuple(fc.constant('set' as const), fc.constantFrom(...STE_WORD_BOUNDARIES)), weight: 2 },
    { arbitrary: fc.tuple(fc.constant('set' as const), fc.bigInt({ min: 0n, max: U64_MAX })), weight: 1 },
    { arbitrary: fc.tuple(fc.constant('xor' as const), fc.integer({ min: 0, max: 63 }).map((b) => 1n << BigInt(b))), weight: 1 },
  );
  return [
    {
      arbitrary: fc.tuple(sid, word, change).map(([s, w, [op, value]]) => steCorruption('ste:garbage', s, w, op, value)),
      weight: 1,
    },
  ];
}

/** One garbage write to a word of an STE of the crashed kernel's table (kinds: STE_KINDS). */
export function steGarbage(constraints: SteGarbageConstraints): fc.Arbitrary<Corruption> {
  return oneofWeighted('steGarbage', steGarbageOperators(constraints));
}

export { STE_KINDS };

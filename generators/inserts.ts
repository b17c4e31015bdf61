import fc from 'fast-check';
import { boundaryInt, uniq } from './_internals/biased';
import type { CorruptionContext } from './_internals/kinds';
import { SID_MAX, STRTAB_NUM_L2_STES, STRTAB_MAX_L1_ENTRIES, arm_smmu_strtab_l1_idx } from './_internals/kernel';

export interface InsertsConstraints extends CorruptionContext {
  /** Most inserts. Default 4. */
  maxInserts?: number;
  /** Fewest inserts. Default 0 (the shrink target). */
  minInserts?: number;
  /** Generate SIDs >= 2^sid_bits (the range check must refuse them). Default true. */
  outOfRange?: boolean;
  /**
   * L1 indexes whose descriptor a corruption or an in-flight DMA write rewrote: SIDs of those
   * buses are drawn often, since v5+ read a bus's descriptor (and its L2 table) only when a
   * device on it is inserted. Default none.
   */
  touchedL1?: readonly number[];
}

/**
 * Weight of a SID on a rewritten bus (touchedL1), against 3 for the boundaries and for the
 * attached SIDs: as much as those two together, since a rewritten descriptor is read only when a
 * device on its bus is inserted (the lazy L2 adoption, the attach-deferred check).
 */
export const TOUCHED_BUS_WEIGHT = 6;

/** SIDs one past the last the 2-level table can cover: 2^25 (STRTAB_MAX_L1_ENTRIES * 256). */
const L1_COVERAGE = STRTAB_MAX_L1_ENTRIES * STRTAB_NUM_L2_STES;

/**
 * The SIDs the kdump kernel inserts (arm_smmu_init_sid_strtab), in order: attached SIDs, SIDs
 * sharing an L1 descriptor (same sid >> 8) with an attached one or with a rewritten one
 * (touchedL1), the boundaries 0, 255, 256 and
 * 2^sid_bits - 1, any in-range SID, out-of-range SIDs (>= 2^sid_bits, up to the u32 maximum)
 * and, for sid_bits > 25, in-range SIDs beyond the 2^17-entry L1 table.
 * Shrinks towards [] (few inserts).
 */
export function inserts(constraints: InsertsConstraints): fc.Arbitrary<number[]> {
  const { hardware, table } = constraints;
  const limit = 2 ** hardware.sid_bits; // one past the last in-range SID
  const last = limit - 1;
  const branches: { arbitrary: fc.Arbitrary<number>; weight: number }[] = [
    { arbitrary: fc.constantFrom(...uniq([0, 255, 256, last].filter((s) => s <= last))), weight: 3 },
    { arbitrary: boundaryInt(0, last, [1, 257, last - 1]), weight: 2 },
  ];
  if (table.attached.length > 0) {
    branches.push({ arbitrary: fc.constantFrom(...table.attached), weight: 3 });
    const l1s = uniq(table.attached.map(arm_smmu_strtab_l1_idx));
    branches.push({
      arbitrary: fc
        .tuple(fc.constantFrom(...l1s), boundaryInt(0, STRTAB_NUM_L2_STES - 1, [0, STRTAB_NUM_L2_STES - 1]))
        .map(([l1, lo]) => Math.min(l1 * STRTAB_NUM_L2_STES + lo, last)),
      weight: 2,
    });
  }
  const touched = uniq(constraints.touchedL1 ?? []).filter((idx) => idx * STRTAB_NUM_L2_STES <= last);
  if (touched.length > 0) {
    branches.push({
      arbitrary: fc
        .tuple(fc.constantFrom(...touched), boundaryInt(0, STRTAB_NUM_L2_STES - 1, [0, STRTAB_NUM_L2_STES - 1]))
        .map(([l1, lo]) => Math.min(l1 * STRTAB_NUM_L2_STES + lo, last)),
      weight: TOUCHED_BUS_WEIGHT,
    });
  }
  if (constraints.outOfRange !== false && last < SID_MAX) {
    branches.push({ arbitrary: boundaryInt(limit, SID_MAX, [limit, limit + 255, limit + 256, SID_MAX], 2), weight: 2 });
  }
  if (table.fmt === '2lvl' && limit > L1_COVERAGE) {
    branches.push({ arbitrary: boundaryInt(L1_COVERAGE, last, [L1_COVERAGE, last]), weight: 1 });
  }
  return fc.array(fc.oneof(...branches), { minLength: constraints.minInserts ?? 0, maxLength: constraints.maxInserts ?? 4 });
}

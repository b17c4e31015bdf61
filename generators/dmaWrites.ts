import fc from 'fast-check';
import type { DmaWrite, ProbeDmaPoint } from '../harness/scenario/types';
import { boundaryInt, family } from './_internals/biased';
import { DMA_KINDS, type CorruptionContext, type CorruptionKind } from './_internals/kinds';
import { bitflipOperators } from './bitflip';
import { l1DescOperators } from './l1Desc';
import { steGarbageOperators } from './steGarbage';

export interface DmaWritesConstraints extends CorruptionContext {
  /** Most DMA writes. Default 2. 0 = no in-flight DMA. */
  maxDmaWrites?: number;
  /**
   * before_insert is drawn in 0..maxBeforeInsert (boundary-biased to both ends); scenario()
   * clamps it to its inserts.length ("before teardown"). Default 4.
   */
  maxBeforeInsert?: number;
  /** Only these operators (default: DMA_KINDS: L1 descriptors, STEs, memory bit flips). */
  kinds?: readonly CorruptionKind[];
  /** false = never write during probe (only before inserts / teardown). Default true. */
  duringProbe?: boolean;
}

/** The points inside probe a DMA write can land at (harness/scenario/types.ts ProbeDmaPoint). */
export const PROBE_DMA_POINTS: readonly ProbeDmaPoint[] = ['after_init', 'after_reset'];

/**
 * In-flight DMA: devices overwriting L1 descriptors and L2/STE contents while the kdump kernel
 * runs, each just before insert number `before_insert` (0 = right after probe, i.e. between
 * adoption and the first lazy insert) or, 1 time in 4, at a point inside probe (`during_probe`:
 * after arm_smmu_init_structures() adopted, or after arm_smmu_device_reset()). The operators are
 * the corruption ones, so a DMA write's `kind` says what it does ('l1:span' after adoption is the
 * span-change story). Shrinks to [], and a write towards "before insert 0".
 */
export function dmaWrites(constraints: DmaWritesConstraints): fc.Arbitrary<DmaWrite[]> {
  const max = constraints.maxDmaWrites ?? 2;
  const maxBefore = constraints.maxBeforeInsert ?? 4;
  const kinds = (constraints.kinds ?? DMA_KINDS).filter((k) => DMA_KINDS.includes(k));
  const c = { ...constraints, kinds: kinds as never };
  // SPAN apart from the other descriptor rewrites, so that it is a third of all DMA writes: a
  // span changed (or written into an empty descriptor) after adoption is the lazy path's story.
  const notSpan = kinds.filter((k) => k !== 'l1:span');
  const branches = [
    ...family(l1DescOperators({ ...c, kinds: notSpan as never }), 3),
    ...family(l1DescOperators({ ...c, kinds: kinds.includes('l1:span') ? ['l1:span'] : [] }), 3),
    ...family(steGarbageOperators(c), 2),
    ...family(bitflipOperators(c), 1),
  ];
  if (branches.length === 0 || max === 0) return fc.constant([]);
  const beforeInsert = boundaryInt(0, maxBefore, [0, 1, maxBefore]).map((before_insert) => ({ before_insert }) as const);
  const when: fc.Arbitrary<{ before_insert: number } | { during_probe: ProbeDmaPoint }> =
    constraints.duringProbe === false
      ? beforeInsert
      : fc.oneof(
          { withCrossShrink: true },
          { arbitrary: beforeInsert, weight: 3 },
          { arbitrary: fc.constantFrom(...PROBE_DMA_POINTS).map((during_probe) => ({ during_probe }) as const), weight: 1 },
        );
  const write = fc.tuple(fc.oneof(...branches), when).map(([m, w]): DmaWrite => ({ ...m, ...w }) as DmaWrite);
  return fc.array(write, { maxLength: max });
}

import fc from 'fast-check';
import type { DmaWrite } from '../harness/scenario/types';
import { boundaryInt, family } from './_internals/biased';
import { DMA_KINDS, type MutationContext, type MutationKind } from './_internals/kinds';
import { bitflipOperators } from './bitflip';
import { l1DescOperators } from './l1Desc';
import { steGarbageOperators } from './steGarbage';

export interface DmaWritesConstraints extends MutationContext {
  /** Most DMA writes. Default 2. 0 = no in-flight DMA. */
  maxDmaWrites?: number;
  /**
   * before_insert is drawn in 0..maxBeforeInsert (boundary-biased to both ends); scenario()
   * clamps it to its inserts.length ("before teardown"). Default 4.
   */
  maxBeforeInsert?: number;
  /** Only these operators (default: DMA_KINDS: L1 descriptors, STEs, memory bit flips). */
  kinds?: readonly MutationKind[];
}

/**
 * In-flight DMA: devices overwriting L1 descriptors and L2/STE contents while the kdump kernel
 * runs, each just before insert number `before_insert` (0 = right after probe, i.e. between
 * adoption and the first lazy insert). The operators are the corruption ones, so a DMA write's
 * `kind` says what it does ('l1:span' after adoption is the span-change story). Shrinks to [].
 */
export function dmaWrites(constraints: DmaWritesConstraints): fc.Arbitrary<DmaWrite[]> {
  const max = constraints.maxDmaWrites ?? 2;
  const maxBefore = constraints.maxBeforeInsert ?? 4;
  const kinds = (constraints.kinds ?? DMA_KINDS).filter((k) => DMA_KINDS.includes(k));
  const c = { ...constraints, kinds: kinds as never };
  const branches = [
    ...family(l1DescOperators(c), 4),
    ...family(steGarbageOperators(c), 2),
    ...family(bitflipOperators(c), 1),
  ];
  if (branches.length === 0 || max === 0) return fc.constant([]);
  const write = fc
    .tuple(fc.oneof(...branches), boundaryInt(0, maxBefore, [0, 1, maxBefore]))
    .map(([m, before_insert]): DmaWrite => ({ ...m, before_insert }));
  return fc.array(write, { maxLength: max });
}

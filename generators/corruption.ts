import fc from 'fast-check';
import type { Corruption } from '../harness/scenario/types';
import { family } from './_internals/biased';
import { MUTATION_KINDS, type CorruptionContext, type CorruptionKind } from './_internals/kinds';
import { bitflipOperators } from './bitflip';
import { l1DescOperators } from './l1Desc';
import { steGarbageOperators } from './steGarbage';
import { strtabBaseOperators } from './strtabBase';
import { strtabBaseCfgOperators } from './strtabBaseCfg';
import { strtabRegsOperators } from './strtabRegs';

export interface CorruptionConstraints extends CorruptionContext {
  /** Most corruptions. Default 3. 0 = never corrupt. */
  maxCorruptions?: number;
  /** Fewest corruptions. Default 0 (the shrink target: no corruption). */
  minCorruptions?: number;
  /** Only these operators (default: every operator of MUTATION_KINDS that applies). */
  kinds?: readonly CorruptionKind[];
}

/** How often each operator family is picked, relative to the others. */
export const CORRUPTION_FAMILY_WEIGHTS = {
  strtabBase: 3,
  strtabBaseCfg: 3,
  /** The lazy L2 design's own input (and the later code's ID scan reads every descriptor). */
  l1Desc: 4,
  steGarbage: 1,
  bitflip: 2,
  /** Both stream-table registers describing one other table (two corruptions; default kinds only). */
  strtabRegs: 3,
} as const;

/**
 * How often the list is drawn with any length (fc.array: about a quarter empty, a fifth one
 * operator), as exactly one operator (a register pair counts as one), or empty: about 28% none,
 * 41% one, 31% more.
 */
export const CORRUPTION_COUNT_WEIGHTS = { any: 3, single: 3, none: 2 } as const;

/**
 * The corruption of the crashed kernel's state: a list of corruptions applied after the table is
 * laid out and before the kdump kernel probes, at most maxCorruptions (a register pair counts
 * two). Shrinks towards [] (no corruption).
 */
export function corruption(constraints: CorruptionConstraints): fc.Arbitrary<Corruption[]> {
  const max = constraints.maxCorruptions ?? 3;
  const min = constraints.minCorruptions ?? 0;
  const kinds = constraints.kinds;
  if (kinds) {
    const unknown = kinds.filter((k) => !MUTATION_KINDS.includes(k));
    if (unknown.length > 0) throw new Error(`corruption: unknown kinds ${unknown.join(', ')}; known: ${MUTATION_KINDS.join(', ')}`);
  }
  const c = { ...constraints, kinds: kinds as never };
  const w = CORRUPTION_FAMILY_WEIGHTS;
  const singles = [
    ...family(strtabBaseOperators(c), w.strtabBase),
    ...family(strtabBaseCfgOperators(c), w.strtabBaseCfg),
    ...family(l1DescOperators(c), w.l1Desc),
    ...family(steGarbageOperators(c), w.steGarbage),
    ...family(bitflipOperators(c), w.bitflip),
  ].map((b) => ({ arbitrary: b.arbitrary.map((m) => [m]), weight: b.weight }));
  // The register pair only when every operator is allowed (a kinds filter asks for single ones).
  const pairs = kinds === undefined && max >= 2 ? family(strtabRegsOperators(c), w.strtabRegs) : [];
  const branches = [...singles, ...pairs];
  if (branches.length === 0 || max === 0) {
    if (min > 0) throw new Error(`corruption: minCorruptions = ${min} but no operator of kinds [${kinds?.join(', ') ?? ''}] applies to a ${constraints.table.fmt} table with sid_bits = ${constraints.hardware.sid_bits}`);
    return fc.constant([]);
  }
  const op = fc.oneof(...branches);
  const any = fc.array(op, { minLength: min, maxLength: max });
  // One operator on its own, beside any number: most validation rejects the whole table at the
  // first malformed field it meets, so a corruption reaches the code behind the checks (the ID
  // scan, the lazy L2 adoption, the fallback) mostly when nothing else is corrupted.
  // An uncorrupted state keeps its share: in-flight DMA on an intact table is a story of its own.
  const cw = CORRUPTION_COUNT_WEIGHTS;
  const lengths: { arbitrary: fc.Arbitrary<Corruption[][]>; weight: number }[] = [{ arbitrary: any, weight: cw.any }];
  if (min <= 1) lengths.push({ arbitrary: op.map((m) => [m]), weight: cw.single });
  if (min === 0) lengths.push({ arbitrary: fc.constant([]), weight: cw.none });
  const lists = fc.oneof({ withCrossShrink: true }, ...lengths);
  return lists.map((xs) => xs.flat().slice(0, max));
}

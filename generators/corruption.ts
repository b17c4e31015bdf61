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
  l1Desc: 3,
  steGarbage: 1,
  bitflip: 2,
  /** Both stream-table registers describing one other table (two corruptions; default kinds only). */
  strtabRegs: 2,
} as const;

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
  return fc.array(fc.oneof(...branches), { minLength: min, maxLength: max }).map((xs) => xs.flat().slice(0, max));
}

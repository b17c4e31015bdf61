import fc from 'fast-check';
import type { Corruption, RegName } from '../harness/scenario/types';
import { boundaryInt, oneofWeighted, type Weighted } from './_internals/biased';
import { BITFLIP_KINDS, allowed, type BitflipKind, type CorruptionContext } from './_internals/kinds';
import { L2_TABLE_SIZE, crashedL2Tables, regWidth, strtabBytes } from './_internals/kernel';
import { memCorruption, regCorruption } from './_internals/corruptionShapes';

export interface BitflipConstraints extends CorruptionContext {
  /** Only these operators (default: both of BITFLIP_KINDS). */
  kinds?: readonly BitflipKind[];
}

/** Registers a bit flip hits, weighted towards the ones the adoption decision reads. */
export const BITFLIP_REGS: readonly (readonly [RegName, number])[] = [
  ['STRTAB_BASE', 4],
  ['STRTAB_BASE_CFG', 4],
  ['CR0', 2],
  ['GERROR', 2],
  ['IDR0', 2],
  ['IDR1', 2],
  ['CR0ACK', 1],
  ['GERRORN', 1],
  ['CR1', 1],
  ['CR2', 1],
  ['GBPA', 1],
  ['IDR3', 1],
  ['IDR5', 1],
];

/** Bits worth flipping first, per register (KERNEL_FACTS.md field layout). */
const INTERESTING_BITS: Partial<Record<RegName, readonly number[]>> = {
  STRTAB_BASE: [62, 6, 51, 52, 63, 0],
  STRTAB_BASE_CFG: [16, 17, 6, 7, 8, 9, 10, 0, 1, 2, 3, 4, 5],
  CR0: [0],
  CR0ACK: [0],
  GERROR: [8],
  GERRORN: [8],
  GBPA: [20, 31],
  IDR0: [27, 28, 4],
  IDR1: [0, 1, 2, 3, 4, 5],
};

/**
 * The bit-flip operators, with weights: one bit of a register, or one bit of a 64-bit word of
 * the crashed kernel's table memory (the L1/linear table, or an L2 table).
 */
export function bitflipOperators(c: BitflipConstraints): Weighted<Corruption>[] {
  const { table, hardware } = c;
  const out: Weighted<Corruption>[] = [];
  if (allowed(c.kinds, 'bitflip:reg')) {
    const reg = fc.oneof(...BITFLIP_REGS.map(([r, weight]) => ({ arbitrary: fc.constant(r), weight })));
    out.push({
      arbitrary: reg.chain((r) => boundaryInt(0, regWidth(r) - 1, INTERESTING_BITS[r] ?? [], 2).map((b) => regCorruption('bitflip:reg', r, 'xor', 1n << BigInt(b)))),
      weight: 1,
    });
  }
  if (allowed(c.kinds, 'bitflip:mem')) {
    const regions: { start: bigint; words: number }[] = [{ start: table.base, words: Number(strtabBytes(table.fmt, hardware.sid_bits) / 8n) }];
    for (const l2 of crashedL2Tables(table)) regions.push({ start: l2.pa, words: Number(L2_TABLE_SIZE / 8n) });
    const pa = fc
      .integer({ min: 0, max: regions.length - 1 })
      .chain((r) => boundaryInt(0, regions[r].words - 1, [0, regions[r].words - 1]).map((w) => regions[r].start + 8n * BigInt(w)));
    out.push({
      arbitrary: fc.tuple(pa, boundaryInt(0, 63, [0, 6, 51, 62, 63])).map(([a, b]) => memCorruption('bitflip:mem', a, 'xor', 1n << BigInt(b))),
      weight: 1,
    });
  }
  return out;
}

/** One flipped bit: of a register, or of a word of the crashed kernel's tables (BITFLIP_KINDS). */
export function bitflip(constraints: BitflipConstraints): fc.Arbitrary<Corruption> {
  return oneofWeighted('bitflip', bitflipOperators(constraints));
}

export { BITFLIP_KINDS };

import fc from 'fast-check';
import type { Hardware } from '../harness/scenario/types';
import { flag, uniq } from './_internals/biased';
import { DEFAULT_MAX_LINEAR_SID_BITS, HARD_MAX_LINEAR_SID_BITS, STRTAB_SPLIT } from './_internals/kernel';

/** A range of IDR1.SIDSIZE, or one forced value. */
export type SidBitsConstraint = number | { min?: number; max?: number };

export interface HardwareConstraints {
  /** IDR1.SIDSIZE: a value or an inclusive range within 1..32. Default 1..32. */
  sid_bits?: SidBitsConstraint;
  /** Force IDR0.ST_LVL == 2-level (true) or linear-only (false). Default: 2-level 4 times in 5. */
  two_level?: boolean;
  /** Force the coherency the firmware reports. Default: coherent 11 times in 12 (adoption is for coherent SMMUs only). */
  coherent?: boolean;
  /**
   * Largest sid_bits generated for hardware without 2-level support (its crashed kernel can
   * only have built a linear table, 2^sid_bits * 64 bytes). Default 16, at most 24; see
   * DEFAULT_MAX_LINEAR_SID_BITS.
   */
  maxLinearSidBits?: number;
}

/**
 * The values of sid_bits where the geometry changes: 1 (smallest), STRTAB_SPLIT-1..+2 (the
 * driver's "sid_bits <= STRTAB_SPLIT ⇒ linear" edge), 16 (typical), 24..26 (the 2^17-entry L1
 * cap covers 25 bits), 31/32 (`1 << sid_bits` overflows an int).
 */
export const SID_BITS_BOUNDARIES: readonly number[] = [
  1, STRTAB_SPLIT - 1, STRTAB_SPLIT, STRTAB_SPLIT + 1, STRTAB_SPLIT + 2, 16, 17, 24, 25, 26, 31, 32,
];

/**
 * sid_bits in [min, max]: half uniform (fc.noBias: fast-check's small-value bias would spend
 * most runs on sid_bits <= 8, where there is no 2-level table at all), half a boundary.
 * Shrinks towards min.
 */
function sidBits(min: number, max: number): fc.Arbitrary<number> {
  const plain = fc.noBias(fc.integer({ min, max }));
  const b = uniq(SID_BITS_BOUNDARIES.filter((v) => v >= min && v <= max));
  if (b.length === 0) return plain;
  return fc.oneof({ withCrossShrink: true }, { arbitrary: plain, weight: 1 }, { arbitrary: fc.constantFrom(...b), weight: 1 });
}

/** Normalise a SidBitsConstraint to an inclusive range, checking it. */
export function sidBitsRange(c: SidBitsConstraint | undefined): { min: number; max: number } {
  const r = typeof c === 'number' ? { min: c, max: c } : { min: c?.min ?? 1, max: c?.max ?? 32 };
  if (!Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < 1 || r.max > 32 || r.min > r.max) {
    throw new Error(`sid_bits constraint ${JSON.stringify(c)} is not a range within 1..32 (IDR1.SIDSIZE); pass a number or {min, max} with 1 <= min <= max <= 32`);
  }
  return r;
}

/** The coherency the firmware reports: `forced`, else coherent 11 times in 12 (the shrink target). */
export function coherency(forced?: boolean): fc.Arbitrary<boolean> {
  return flag(true, 11, forced);
}

/**
 * The SMMU hardware: sid_bits, 2-level support, coherency.
 *
 * Shrinks towards 2-level, coherent hardware with the smallest sid_bits allowed.
 */
export function hardware(constraints: HardwareConstraints = {}): fc.Arbitrary<Hardware> {
  const { min, max } = sidBitsRange(constraints.sid_bits);
  const maxLinear = constraints.maxLinearSidBits ?? DEFAULT_MAX_LINEAR_SID_BITS;
  if (maxLinear < 1 || maxLinear > HARD_MAX_LINEAR_SID_BITS) {
    throw new Error(`maxLinearSidBits = ${maxLinear}: must be within 1..${HARD_MAX_LINEAR_SID_BITS} (a linear table of 2^${maxLinear} STEs must fit in the simulated crashed RAM)`);
  }
  const coherent = coherency(constraints.coherent);
  const branches: { arbitrary: fc.Arbitrary<Hardware>; weight: number }[] = [];
  if (constraints.two_level !== false) {
    // On 2-level hardware, sid_bits <= STRTAB_SPLIT is one geometry (the probe clears the
    // feature and builds a linear table of at most 256 STEs), a quarter of 1..32 when drawn
    // plainly; half the draws come from above it, where the 2-level tables and the linear
    // table of another driver on 2-level hardware live.
    const above = Math.max(min, STRTAB_SPLIT + 1);
    const sid_bits = min <= STRTAB_SPLIT && above <= max
      ? fc.oneof({ withCrossShrink: true }, { arbitrary: sidBits(min, max), weight: 1 }, { arbitrary: sidBits(above, max), weight: 1 })
      : sidBits(min, max);
    branches.push({
      arbitrary: fc.record({ sid_bits, two_level: fc.constant(true), coherent }),
      weight: 4,
    });
  }
  if (constraints.two_level !== true && min <= maxLinear) {
    branches.push({
      arbitrary: fc.record({
        sid_bits: sidBits(min, Math.min(max, maxLinear)),
        two_level: fc.constant(false),
        coherent,
      }),
      weight: 1,
    });
  }
  if (branches.length === 0) {
    throw new Error(`hardware: two_level = false with sid_bits >= ${min} needs a linear table larger than maxLinearSidBits = ${maxLinear} allows; raise maxLinearSidBits (at most ${HARD_MAX_LINEAR_SID_BITS}) or lower sid_bits.min`);
  }
  if (branches.length === 1) return branches[0].arbitrary;
  return fc.oneof({ withCrossShrink: true }, ...branches);
}

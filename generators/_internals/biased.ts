/**
 * Boundary-biased building blocks that shrink towards a chosen "uneventful" value.
 *
 * fc.oneof only shrinks across branches with `withCrossShrink: true` (towards its first
 * branch), so every helper here puts the shrink target first and sets it.
 */
import fc from 'fast-check';

/** Distinct values, first occurrence kept (bigint- and number-safe). */
export function uniq<T>(values: readonly T[]): T[] {
  const out: T[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

/**
 * One of `entries`, picked with the given weights, shrinking towards the first entry.
 * `entries` must not be empty.
 */
export function weightedConstant<T>(entries: readonly (readonly [T, number])[]): fc.Arbitrary<T> {
  if (entries.length === 0) throw new Error('weightedConstant: no entries');
  if (entries.length === 1) return fc.constant(entries[0][0]);
  return fc.oneof(
    { withCrossShrink: true },
    ...entries.map(([v, weight]) => ({ arbitrary: fc.constant(v), weight })),
  );
}

/**
 * A flag: `forced` when given, else `preferred` (also the shrink target) `weight` times out of
 * `weight + 1`.
 */
export function flag(preferred: boolean, weight: number, forced?: boolean): fc.Arbitrary<boolean> {
  if (forced !== undefined) return fc.constant(forced);
  return weightedConstant([
    [preferred, weight],
    [!preferred, 1],
  ]);
}

/**
 * An integer in [min, max], half the time one of `boundaries` (those in range). Shrinks like
 * fc.integer (towards the value of [min, max] nearest 0).
 */
export function boundaryInt(min: number, max: number, boundaries: readonly number[], boundaryWeight = 1): fc.Arbitrary<number> {
  const inRange = uniq(boundaries.filter((b) => Number.isInteger(b) && b >= min && b <= max));
  const plain = fc.integer({ min, max });
  if (inRange.length === 0 || boundaryWeight === 0) return plain;
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: plain, weight: 1 },
    { arbitrary: fc.constantFrom(...inRange), weight: boundaryWeight },
  );
}

/** bigint counterpart of boundaryInt. */
function boundaryBigInt(min: bigint, max: bigint, boundaries: readonly bigint[], boundaryWeight = 1): fc.Arbitrary<bigint> {
  const inRange = uniq(boundaries.filter((b) => b >= min && b <= max));
  const plain = fc.bigInt({ min, max });
  if (inRange.length === 0 || boundaryWeight === 0) return plain;
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: plain, weight: 1 },
    { arbitrary: fc.constantFrom(...inRange), weight: boundaryWeight },
  );
}

/** A multiple of `step` in [min, max] (both multiples of `step`), boundary-biased. */
export function boundaryMultiple(min: bigint, max: bigint, step: bigint, boundaries: readonly bigint[]): fc.Arbitrary<bigint> {
  const n = (max - min) / step;
  return boundaryBigInt(
    0n,
    n,
    boundaries.filter((b) => b >= min && b <= max && (b - min) % step === 0n).map((b) => (b - min) / step),
  ).map((k) => min + k * step);
}

/** A weighted branch of a oneof: what the operator tables are made of. */
export interface Weighted<T> {
  arbitrary: fc.Arbitrary<T>;
  weight: number;
}

/** fc.oneof over weighted branches, or a clear error naming `what` when there are none. */
export function oneofWeighted<T>(what: string, branches: readonly Weighted<T>[]): fc.Arbitrary<T> {
  const live = branches.filter((b) => b.weight > 0);
  if (live.length === 0) throw new Error(`${what}: nothing can be generated under these constraints (every option is filtered out or not applicable)`);
  if (live.length === 1) return live[0].arbitrary;
  return fc.oneof(...live);
}

/** Nest one family's operators under a single weight, or nothing when none applies. */
export function family<T>(ops: Weighted<T>[], weight: number): Weighted<T>[] {
  if (ops.length === 0 || weight === 0) return [];
  return [{ arbitrary: ops.length === 1 ? ops[0].arbitrary : fc.oneof(...ops), weight }];
}

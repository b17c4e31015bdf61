import fc from 'fast-check';
import type { Corruption, S1Context } from '../harness/scenario/types';
import { flag } from './_internals/biased';

/** sizeof(struct arm_smmu_cd); CTXDESC_CD_0_V */
const CD_SIZE = 64n;
const CTXDESC_CD_0_V = 1n << 31n;

export interface CdCorruptionConstraints {
  /** The crashed kernel's stage-1 contexts (s1Contexts()). */
  contexts: readonly S1Context[];
  /** false = never. Default: 1 time in 5 when there is a context. */
  enabled?: boolean;
}

/**
 * A corrupted CD: word 0 of one valid CD of one context set to V with ASID 0, which no CD the
 * kernel writes has (a reservation scan must refuse the table, and leave none of what it
 * reserved before reaching it). 'mem' corruptions, so that replay needs nothing new. Shrinks to [].
 */
export function cdCorruption(c: CdCorruptionConstraints): fc.Arbitrary<Corruption[]> {
  const targets = c.contexts.flatMap((ctx) => ctx.cds.map((cd) => ctx.cdtab + BigInt(cd.ssid) * CD_SIZE));
  if (targets.length === 0 || c.enabled === false) return fc.constant([]);
  return flag(false, 4).chain((on) =>
    on
      ? fc.constantFrom(...targets).map((pa): Corruption[] => [{ kind: 'cd:asid-zero', target: 'mem', pa, op: 'set', value: CTXDESC_CD_0_V }])
      : fc.constant<Corruption[]>([]),
  );
}

import fc from 'fast-check';
import type { RegisterPolicy, Scenario } from '../harness/scenario/types';
import { weightedConstant } from './_internals/biased';

export interface TeardownConstraints {
  /** Force what powered-off registers read back as. Default: any, 'keep' the shrink target. */
  policy?: RegisterPolicy;
}

export const REGISTER_POLICIES: readonly RegisterPolicy[] = ['keep', 'zero', 'ones', 'garbage'];

/**
 * What the SMMU registers read back as after runtime PM put at teardown: kept, zero, all
 * ones, or garbage from `garbage_seed` (0 unless the policy is 'garbage', so that a shrunk
 * scenario shows no meaningless seed). Shrinks towards { policy: 'keep', garbage_seed: 0 }.
 */
export function teardown(constraints: TeardownConstraints = {}): fc.Arbitrary<Scenario['teardown']> {
  const policy =
    constraints.policy !== undefined
      ? fc.constant(constraints.policy)
      : weightedConstant<RegisterPolicy>([
          ['keep', 3],
          ['zero', 2],
          ['ones', 2],
          ['garbage', 2],
        ]);
  return fc
    .record({ policy, seed: fc.nat({ max: 0x7fff_ffff }) })
    .map(({ policy: p, seed }) => ({ policy: p, garbage_seed: p === 'garbage' ? seed : 0 }));
}

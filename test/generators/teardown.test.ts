import fc from 'fast-check';
import { REGISTER_POLICIES, teardown } from '../../generators';
import { SEED, labelsOf, missing, snapshotSample } from './_helpers';

describe('teardown()', () => {
  it('reaches every policy; garbage_seed only with garbage', () => {
    const seen = labelsOf(teardown(), (t) => [t.policy, t.policy !== 'garbage' && t.garbage_seed !== 0 ? 'stray-seed' : ''], 200);
    expect(missing(seen, REGISTER_POLICIES)).toEqual([]);
    expect(seen.has('stray-seed')).toBe(false);
  });

  it('honours a forced policy and shrinks to keep', () => {
    expect(fc.sample(teardown({ policy: 'ones' }), { seed: SEED, numRuns: 10 }).every((t) => t.policy === 'ones')).toBe(true);
    const out = fc.check(fc.property(teardown(), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual({ policy: 'keep', garbage_seed: 0 });
  });

  it('no regression', () => {
    expect(snapshotSample(teardown(), 6)).toMatchSnapshot();
  });
});

import fc from 'fast-check';
import { MUTATION_KINDS, corruption } from '../../generators';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

describe('corruption()', () => {
  it('reaches every operator on a 2-level table with L2 tables', () => {
    const seen = labelsOf(corruption(CTX.twoLevel16), (ms) => ms.map((m) => m.kind), 800);
    expect(missing(seen, MUTATION_KINDS)).toEqual([]);
  });

  it('never produces L1 descriptor corruptions for a linear table', () => {
    const seen = labelsOf(corruption(CTX.linear16), (ms) => ms.map((m) => m.target), 300);
    expect(seen.has('l1')).toBe(false);
  });

  it('honours maxCorruptions, minCorruptions and kinds', () => {
    const arb = corruption({ ...CTX.twoLevel16, minCorruptions: 1, maxCorruptions: 2, kinds: ['l1:span', 'STRTAB_BASE:zero'] });
    fc.assert(fc.property(arb, (ms) => ms.length >= 1 && ms.length <= 2 && ms.every((m) => m.kind === 'l1:span' || m.kind === 'STRTAB_BASE:zero')), { seed: SEED, numRuns: 100 });
    expect(fc.sample(corruption({ ...CTX.twoLevel16, maxCorruptions: 0 }), { seed: SEED, numRuns: 5 })).toEqual([[], [], [], [], []]);
    // nothing applies: no corruption rather than an error, unless one is required
    expect(fc.sample(corruption({ ...CTX.linear8, kinds: ['l1:span'] }), { seed: SEED, numRuns: 3 })).toEqual([[], [], []]);
    expect(() => corruption({ ...CTX.linear8, kinds: ['l1:span'], minCorruptions: 1 })).toThrow(/no operator/);
    expect(() => corruption({ ...CTX.linear8, kinds: ['l1:nope' as never] })).toThrow(/unknown kinds/);
  });

  it('is often one operator alone, and keeps an uncorrupted state in about a quarter of the draws', () => {
    const lengths = fc.sample(corruption(CTX.twoLevel16), { seed: SEED, numRuns: 3000 }).map((ms) => ms.length);
    const share = (f: (n: number) => boolean) => lengths.filter(f).length / lengths.length;
    expect(share((n) => n === 0)).toBeGreaterThan(0.2);
    // one operator: one corruption, or the two of a register pair
    expect(share((n) => n === 1 || n === 2)).toBeGreaterThan(0.45);
    expect(share((n) => n === 3)).toBeGreaterThan(0.05);
  });

  it('shrinks to no corruption', () => {
    const out = fc.check(fc.property(corruption(CTX.twoLevel16), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual([]);
  });

  it('no regression', () => {
    expect(snapshotSample(corruption(CTX.twoLevel16), 6)).toMatchSnapshot();
  });
});

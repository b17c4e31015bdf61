import fc from 'fast-check';
import { DMA_KINDS, dmaWrites } from '../../generators';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

describe('dmaWrites()', () => {
  it('only writes memory (L1 descriptors, STEs, table words), before insert 0..maxBeforeInsert', () => {
    fc.assert(
      fc.property(dmaWrites({ ...CTX.twoLevel16, maxBeforeInsert: 3 }), (ds) => ds.every((d) => d.target !== 'reg' && DMA_KINDS.includes(d.kind as never) && d.before_insert >= 0 && d.before_insert <= 3)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reaches L1 and STE overwrites at both ends of the insert sequence', () => {
    const seen = labelsOf(dmaWrites({ ...CTX.twoLevel16, maxBeforeInsert: 3 }), (ds) => ds.flatMap((d) => [`dma:${d.target}`, d.kind, `before:${d.before_insert}`]), 600);
    expect(missing(seen, ['dma:l1', 'dma:ste', 'dma:mem', 'l1:span', 'l1:l2ptr-other-l2', 'l1:clear', 'ste:garbage', 'before:0', 'before:3'])).toEqual([]);
  });

  it('honours maxDmaWrites and shrinks to no DMA', () => {
    expect(fc.sample(dmaWrites({ ...CTX.twoLevel16, maxDmaWrites: 0 }), { seed: SEED, numRuns: 3 })).toEqual([[], [], []]);
    const out = fc.check(fc.property(dmaWrites(CTX.twoLevel16), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual([]);
  });

  it('no regression', () => {
    expect(snapshotSample(dmaWrites(CTX.twoLevel16), 6)).toMatchSnapshot();
  });
});

import fc from 'fast-check';
import { DMA_KINDS, dmaWrites } from '../../generators';
import { PROBE_DMA_POINTS } from '../../generators/dmaWrites';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

describe('dmaWrites()', () => {
  it('only writes memory (L1 descriptors, STEs, table words), before insert 0..maxBeforeInsert or at a probe point', () => {
    fc.assert(
      fc.property(dmaWrites({ ...CTX.twoLevel16, maxBeforeInsert: 3 }), (ds) =>
        ds.every((d) => d.target !== 'reg' && DMA_KINDS.includes(d.kind as never) &&
          (d.during_probe !== undefined ? PROBE_DMA_POINTS.includes(d.during_probe) && !('before_insert' in d) : d.before_insert >= 0 && d.before_insert <= 3))),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reaches L1 and STE overwrites at both ends of the insert sequence and at both probe points', () => {
    const seen = labelsOf(dmaWrites({ ...CTX.twoLevel16, maxBeforeInsert: 3 }), (ds) => ds.flatMap((d) => [`dma:${d.target}`, d.kind, d.during_probe !== undefined ? `probe:${d.during_probe}` : `before:${d.before_insert}`]), 600);
    expect(missing(seen, ['dma:l1', 'dma:ste', 'dma:mem', 'l1:span', 'l1:l2ptr-other-l2', 'l1:clear', 'ste:garbage', 'before:0', 'before:3', 'probe:after_init', 'probe:after_reset'])).toEqual([]);
  });

  it('duringProbe: false keeps every write between inserts', () => {
    fc.assert(fc.property(dmaWrites({ ...CTX.twoLevel16, duringProbe: false }), (ds) => ds.every((d) => d.during_probe === undefined)), { seed: SEED, numRuns: 200 });
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

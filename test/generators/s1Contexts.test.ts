import fc from 'fast-check';
import { s1Contexts } from '../../generators';
import { CD_TABLE_STRIDE } from '../../generators/s1Contexts';
import { CRASHED_CD_BASE, regionOf } from '../../harness/kernel/ramMap';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

describe('s1Contexts()', () => {
  it('gives attached SIDs only, each once, a CD table in the crashed RAM with CDs inside 2^S1CDMAX', () => {
    fc.assert(
      fc.property(s1Contexts(CTX.twoLevel16), (cs) => {
        const sids = cs.map((c) => c.sid);
        return new Set(sids).size === sids.length && cs.every((c, i) =>
          CTX.twoLevel16.table.attached.includes(c.sid) && c.cdtab === CRASHED_CD_BASE + BigInt(i) * CD_TABLE_STRIDE &&
          regionOf(c.cdtab).kind === 'crashed' && c.cds.length >= 1 &&
          c.cds.every((cd) => cd.ssid >= 0 && cd.ssid < 2 ** c.s1cdmax && cd.asid >= 0 && cd.asid <= 0xffff) &&
          new Set(c.cds.map((cd) => cd.ssid)).size === c.cds.length);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reaches no context, two contexts, the ASID boundaries and the malformed ASID 0, and both S1CDMAX ends', () => {
    const seen = labelsOf(s1Contexts(CTX.twoLevel16), (cs) => [
      `contexts:${cs.length}`,
      ...cs.flatMap((c) => [`s1cdmax:${c.s1cdmax}`, ...c.cds.map((cd) => (cd.asid === 0 ? 'asid:0' : cd.asid === 1 ? 'asid:1' : cd.asid === 0xffff ? 'asid:max' : 'asid:other'))]),
    ], 600);
    expect(missing(seen, ['contexts:0', 'contexts:1', 'contexts:2', 'asid:0', 'asid:1', 'asid:max', 'asid:other', 's1cdmax:0', 's1cdmax:6'])).toEqual([]);
  });

  it('nothing attached or maxS1Contexts 0: no context; shrinks to none', () => {
    expect(fc.sample(s1Contexts(CTX.twoLevelEmpty), { seed: SEED, numRuns: 3 })).toEqual([[], [], []]);
    expect(fc.sample(s1Contexts({ ...CTX.twoLevel16, maxS1Contexts: 0 }), { seed: SEED, numRuns: 3 })).toEqual([[], [], []]);
    const out = fc.check(fc.property(s1Contexts(CTX.twoLevel16), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual([]);
  });

  it('no regression', () => {
    expect(snapshotSample(s1Contexts(CTX.twoLevel16), 6)).toMatchSnapshot();
  });
});

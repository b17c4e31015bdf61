import fc from 'fast-check';
import { cdCorruption, s1Contexts } from '../../generators';
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
          c.cds.every((cd) => cd.ssid >= 0 && cd.ssid < 2 ** c.s1cdmax && cd.asid >= 1 && cd.asid <= 0xffff) &&
          new Set(c.cds.map((cd) => cd.ssid)).size === c.cds.length);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reaches no context, two contexts, the ASID boundaries and both S1CDMAX ends, never ASID 0', () => {
    const seen = labelsOf(s1Contexts(CTX.twoLevel16), (cs) => [
      `contexts:${cs.length}`,
      ...cs.flatMap((c) => [`s1cdmax:${c.s1cdmax}`, ...c.cds.map((cd) => (cd.asid === 0 ? 'asid:0' : cd.asid === 1 ? 'asid:1' : cd.asid === 0xffff ? 'asid:max' : 'asid:other'))]),
    ], 600);
    expect(missing(seen, ['contexts:0', 'contexts:1', 'contexts:2', 'asid:1', 'asid:max', 'asid:other', 's1cdmax:0', 's1cdmax:6'])).toEqual([]);
    expect(seen.has('asid:0')).toBe(false);
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

describe('cdCorruption()', () => {
  const contexts = [{ sid: 0, cdtab: CRASHED_CD_BASE, s1cdmax: 2, cds: [{ ssid: 1, asid: 3 }, { ssid: 3, asid: 4 }] }];

  it('sets one valid CD of a context to ASID 0 (V kept), 1 time in 5; none without contexts or when disabled', () => {
    const seen = labelsOf(cdCorruption({ contexts }), (ms) => ms.map((m) => (m.target === 'mem' ? `${m.kind}@${m.pa - CRASHED_CD_BASE}:${m.value}` : 'other')), 200);
    expect(new Set(seen)).toEqual(new Set([`cd:asid-zero@64:${1n << 31n}`, `cd:asid-zero@192:${1n << 31n}`]));
    expect(fc.sample(cdCorruption({ contexts: [] }), { seed: SEED, numRuns: 3 })).toEqual([[], [], []]);
    expect(fc.sample(cdCorruption({ contexts, enabled: false }), { seed: SEED, numRuns: 3 })).toEqual([[], [], []]);
    const out = fc.check(fc.property(cdCorruption({ contexts }), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual([]);
  });
});

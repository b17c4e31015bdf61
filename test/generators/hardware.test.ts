import fc from 'fast-check';
import { hardware, SID_BITS_BOUNDARIES } from '../../generators';
import { SEED, labelsOf, missing, snapshotSample } from './_helpers';

describe('hardware()', () => {
  it('reaches every sid_bits boundary, 2-level and linear-only, coherent and not', () => {
    const seen = labelsOf(hardware(), (h) => [`sid_bits:${h.sid_bits}`, `two_level:${h.two_level}`, `coherent:${h.coherent}`], 1000);
    expect(missing(seen, [...SID_BITS_BOUNDARIES.map((b) => `sid_bits:${b}`), 'two_level:true', 'two_level:false', 'coherent:true', 'coherent:false'])).toEqual([]);
  });

  it('keeps linear-only hardware within maxLinearSidBits (default 16) and sid_bits within its range', () => {
    fc.assert(
      fc.property(hardware(), (h) => h.sid_bits >= 1 && h.sid_bits <= 32 && (h.two_level || h.sid_bits <= 16)),
      { seed: SEED, numRuns: 500 },
    );
    fc.assert(
      fc.property(hardware({ sid_bits: { min: 9, max: 20 }, maxLinearSidBits: 12 }), (h) => h.sid_bits >= 9 && h.sid_bits <= 20 && (h.two_level || h.sid_bits <= 12)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('draws sid_bits above STRTAB_SPLIT on 2-level hardware in most draws, at or below it in some', () => {
    const twoLevel = fc.sample(hardware({ two_level: true }), { seed: SEED, numRuns: 2000 }).map((h) => h.sid_bits);
    const low = twoLevel.filter((b) => b <= 8).length / twoLevel.length;
    expect(low).toBeGreaterThan(0.05);
    expect(low).toBeLessThan(0.2);
  });

  it('honours forced fields', () => {
    for (const h of fc.sample(hardware({ sid_bits: 17, two_level: false, coherent: false, maxLinearSidBits: 20 }), { seed: SEED, numRuns: 20 })) {
      expect(h).toEqual({ sid_bits: 17, two_level: false, coherent: false });
    }
  });

  it('says what to change when the constraints cannot be met', () => {
    expect(() => hardware({ sid_bits: 20, two_level: false })).toThrow(/maxLinearSidBits/);
    expect(() => hardware({ sid_bits: 33 })).toThrow(/1\.\.32/);
    expect(() => hardware({ sid_bits: { min: 10, max: 9 } })).toThrow(/sid_bits/);
  });

  it('shrinks towards coherent 2-level hardware with the smallest sid_bits', () => {
    const out = fc.check(fc.property(hardware(), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual({ sid_bits: 1, two_level: true, coherent: true });
  });

  it('no regression', () => {
    expect(snapshotSample(hardware(), 8)).toMatchSnapshot();
  });
});

import fc from 'fast-check';
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE } from '../../harness/kernel/ramMap';
import { crashed, crashedTable, hardware } from '../../generators';
import { attachableSidLimit, strtabAlign } from '../../generators/_internals/kernel';
import { SEED, labelsOf, missing, snapshotSample } from './_helpers';

const withTable = hardware().chain((hw) => crashedTable({ hardware: hw }).map((table) => ({ hw, table })));

describe('crashedTable()', () => {
  it('lays the table out as mainline does: fmt, LOG2SIZE, aligned base, attached SIDs in range', () => {
    fc.assert(
      fc.property(withTable, ({ hw, table }) => {
        const mainline2lvl = hw.two_level && hw.sid_bits > 8;
        if (table.fmt === '2lvl') {
          expect(mainline2lvl).toBe(true);
          const numL1 = Math.min(Math.floor((2 ** hw.sid_bits - 1) / 256) + 1, 2 ** 17);
          expect(table.log2size).toBe(Math.log2(numL1) + 8);
        } else {
          expect(table.log2size).toBe(hw.sid_bits);
          expect(hw.sid_bits).toBeLessThanOrEqual(16);
        }
        expect(table.base % strtabAlign(table.fmt, hw.sid_bits)).toBe(0n);
        expect(table.base >= CRASHED_STRTAB_BASE).toBe(true);
        expect(table.l2_base >= CRASHED_L2_BASE).toBe(true);
        const limit = attachableSidLimit(table.fmt, hw.sid_bits);
        expect(table.attached.every((s, i) => s < 2 ** hw.sid_bits && s < limit && (i === 0 || table.attached[i - 1] < s))).toBe(true);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('sometimes builds a linear table on 2-level hardware (an other driver), never above the linear cap', () => {
    const seen = labelsOf(withTable, ({ hw, table }) => [`${hw.two_level && hw.sid_bits > 8 ? 'hw2' : 'hw1'}:${table.fmt}`], 400);
    expect(missing(seen, ['hw2:2lvl', 'hw2:linear', 'hw1:linear'])).toEqual([]);
    expect(seen.has('hw1:2lvl')).toBe(false);
  });

  it('builds a linear table about half the time on 2-level hardware where a linear one fits', () => {
    const hw = { sid_bits: 12, two_level: true, coherent: true };
    const fmts = fc.sample(crashedTable({ hardware: hw }), { seed: SEED, numRuns: 1000 }).map((t) => t.fmt);
    const linear = fmts.filter((f) => f === 'linear').length / fmts.length;
    expect(linear).toBeGreaterThan(0.4);
    expect(linear).toBeLessThan(0.6);
  });

  it('reaches the attached-SID boundaries 0, 255, 256 and the last SID', () => {
    const hw = { sid_bits: 12, two_level: true, coherent: true };
    const seen = labelsOf(crashedTable({ hardware: hw }), (t) => t.attached.map((s) => `sid:${s}`), 300);
    expect(missing(seen, ['sid:0', 'sid:255', 'sid:256', 'sid:4095'])).toEqual([]);
  });

  it('honours fmt, maxAttached and maxLinearSidBits, and says when a linear table would be too big', () => {
    const hw = { sid_bits: 20, two_level: true, coherent: true };
    for (const t of fc.sample(crashedTable({ hardware: hw, fmt: '2lvl', maxAttached: 1 }), { seed: SEED, numRuns: 30 })) {
      expect(t.fmt).toBe('2lvl');
      expect(t.attached.length).toBeLessThanOrEqual(1);
    }
    expect(() => crashedTable({ hardware: hw, fmt: 'linear' })).toThrow(/maxLinearSidBits/);
    expect(fc.sample(crashedTable({ hardware: hw, fmt: 'linear', maxLinearSidBits: 20 }), { seed: SEED, numRuns: 1 })[0].log2size).toBe(20);
  });

  it('shrinks towards mainline\'s table at the default addresses with nothing attached', () => {
    const hw = { sid_bits: 16, two_level: true, coherent: true };
    const out = fc.check(fc.property(crashedTable({ hardware: hw }), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual({ fmt: '2lvl', base: CRASHED_STRTAB_BASE, log2size: 16, attached: [], l2_base: CRASHED_L2_BASE });
  });

  it('no regression', () => {
    expect(snapshotSample(withTable, 6)).toMatchSnapshot();
  });
});

describe('crashed()', () => {
  const hw = { sid_bits: 16, two_level: true, coherent: true };
  it('shrinks towards SMMUEN set and no SFM_ERR', () => {
    const out = fc.check(fc.property(crashed({ hardware: hw }), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toMatchObject({ smmuen: true, sfm_err: false });
  });

  it('reaches SMMUEN off and SFM_ERR on, and honours forcing them', () => {
    const seen = labelsOf(crashed({ hardware: hw }), (c) => [`smmuen:${c.smmuen}`, `sfm_err:${c.sfm_err}`], 200);
    expect(missing(seen, ['smmuen:true', 'smmuen:false', 'sfm_err:true', 'sfm_err:false'])).toEqual([]);
    expect(fc.sample(crashed({ hardware: hw, smmuen: false, sfm_err: true }), { seed: SEED, numRuns: 20 }).every((c) => !c.smmuen && c.sfm_err)).toBe(true);
  });

  it('no regression', () => {
    expect(snapshotSample(crashed({ hardware: hw }), 4)).toMatchSnapshot();
  });
});

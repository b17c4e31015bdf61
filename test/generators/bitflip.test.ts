import fc from 'fast-check';
import { BITFLIP_REGS, bitflip } from '../../generators';
import { L2_TABLE_SIZE, crashedL2Tables, regWidth, strtabBytes } from '../../generators/_internals/kernel';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

const isPow2 = (v: bigint): boolean => v > 0n && (v & (v - 1n)) === 0n;

describe('bitflip()', () => {
  it('flips exactly one bit of a register (within its width) or of a table word', () => {
    const ctx = CTX.twoLevel16;
    const regions = [
      { start: ctx.table.base, end: ctx.table.base + strtabBytes('2lvl', 16) },
      ...crashedL2Tables(ctx.table).map((t) => ({ start: t.pa, end: t.pa + L2_TABLE_SIZE })),
    ];
    fc.assert(
      fc.property(bitflip(ctx), (m) => {
        if (m.op !== 'xor' || !isPow2(m.value)) return false;
        if (m.target === 'reg') return m.kind === 'bitflip:reg' && m.value < 1n << BigInt(regWidth(m.reg));
        if (m.target === 'mem') return m.kind === 'bitflip:mem' && m.pa % 8n === 0n && regions.some((r) => m.pa >= r.start && m.pa < r.end);
        return false;
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('reaches every register, STRTAB_BASE bits above 31, and L2 memory', () => {
    const ctx = CTX.twoLevel16;
    const l2 = crashedL2Tables(ctx.table)[0].pa;
    const seen = labelsOf(bitflip(ctx), (m) => (m.target === 'reg' ? [m.kind, `reg:${m.reg}`, m.reg === 'STRTAB_BASE' && m.value > 1n << 31n ? 'base:high' : ''] : m.target === 'mem' ? [m.kind, m.pa >= l2 ? 'mem:l2' : 'mem:l1'] : []), 1500);
    expect(missing(seen, ['bitflip:reg', 'bitflip:mem', 'base:high', 'mem:l1', 'mem:l2', ...BITFLIP_REGS.map(([r]) => `reg:${r}`)])).toEqual([]);
  });

  it('no regression', () => {
    expect(snapshotSample(bitflip(CTX.linear8), 6)).toMatchSnapshot();
  });
});

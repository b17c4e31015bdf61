import fc from 'fast-check';
import { inserts, type CorruptionContext } from '../../generators';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

function classify(ctx: CorruptionContext, sids: number[]): string[] {
  const last = 2 ** ctx.hardware.sid_bits - 1;
  const out = sids.map((s) => (s > last ? 'out-of-range' : s === last ? 'last' : ctx.table.attached.includes(s) ? 'attached' : `sid:${s}`));
  const l1 = (s: number) => s >>> 8;
  const shared = sids.some((s, i) => [...ctx.table.attached, ...sids.slice(0, i)].some((o) => o !== s && l1(o) === l1(s)));
  if (shared) out.push('shared-l1');
  if (sids.some((s) => s >= 2 ** 25 && s <= last)) out.push('beyond-l1');
  return out;
}

describe('inserts()', () => {
  it('reaches 0, 255, 256, 2^sid_bits - 1, attached SIDs, shared L1 descriptors and out-of-range SIDs', () => {
    const ctx = { ...CTX.twoLevel16, table: { ...CTX.twoLevel16.table, attached: [4660] } };
    const seen = labelsOf(inserts(ctx), (s) => classify(ctx, s), 500);
    expect(missing(seen, ['sid:0', 'sid:255', 'sid:256', 'last', 'attached', 'shared-l1', 'out-of-range'])).toEqual([]);
  });

  it('reaches SIDs beyond the 2^17-entry L1 table when sid_bits > 25', () => {
    const seen = labelsOf(inserts(CTX.twoLevel32), (s) => classify(CTX.twoLevel32, s), 300);
    expect(missing(seen, ['beyond-l1', 'last'])).toEqual([]);
  });

  it('inserts on the buses whose descriptor was rewritten (touchedL1) often, and only in range', () => {
    const ctx = CTX.twoLevelEmpty; // 16 L1 descriptors, nothing attached
    const onBus = (c: Parameters<typeof inserts>[0], idx: number) =>
      fc.sample(inserts(c), { seed: SEED, numRuns: 1000 }).filter((sids) => sids.some((s) => s >>> 8 === idx)).length;
    const touched = onBus({ ...ctx, touchedL1: [7] }, 7);
    expect(touched).toBeGreaterThan(300);
    expect(touched).toBeGreaterThan(3 * onBus(ctx, 7));
    // an L1 index past the table's SIDs adds nothing out of range
    fc.assert(fc.property(inserts({ ...ctx, touchedL1: [1 << 20], outOfRange: false }), (s) => s.every((x) => x < 2 ** 12)), { seed: SEED, numRuns: 200 });
  });

  it('stays within u32, honours maxInserts and outOfRange: false', () => {
    fc.assert(fc.property(inserts(CTX.twoLevel32), (s) => s.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff_ffff)), { seed: SEED, numRuns: 200 });
    fc.assert(fc.property(inserts({ ...CTX.linear8, maxInserts: 2, outOfRange: false }), (s) => s.length <= 2 && s.every((x) => x < 256)), { seed: SEED, numRuns: 200 });
  });

  it('shrinks to no insert', () => {
    const out = fc.check(fc.property(inserts(CTX.twoLevel16), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual([]);
  });

  it('no regression', () => {
    expect(snapshotSample(inserts(CTX.twoLevel16), 8)).toMatchSnapshot();
  });
});

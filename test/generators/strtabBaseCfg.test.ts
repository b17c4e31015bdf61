import fc from 'fast-check';
import { STRTAB_BASE_CFG_KINDS, strtabBaseCfg, type CorruptionContext } from '../../generators';
import {
  FIELD_GET,
  STRTAB_BASE_CFG_FMT,
  STRTAB_BASE_CFG_LOG2SIZE,
  STRTAB_BASE_CFG_SPLIT,
  crashedStrtabBaseCfg,
} from '../../generators/_internals/kernel';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

const FIELDS = { fmt: STRTAB_BASE_CFG_FMT, split: STRTAB_BASE_CFG_SPLIT, log2size: STRTAB_BASE_CFG_LOG2SIZE } as const;

function decode(v: bigint): Record<keyof typeof FIELDS, number> {
  return { fmt: FIELD_GET(STRTAB_BASE_CFG_FMT, v), split: FIELD_GET(STRTAB_BASE_CFG_SPLIT, v), log2size: FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, v) };
}

describe('strtabBaseCfg()', () => {
  it('replaces exactly the field its kind names, with a different value, in a 32-bit register', () => {
    for (const ctx of [CTX.twoLevel16, CTX.linear8, CTX.twoLevel32] as CorruptionContext[]) {
      const orig = decode(crashedStrtabBaseCfg(ctx.table));
      fc.assert(
        fc.property(strtabBaseCfg(ctx), (m) => {
          if (m.target !== 'reg' || m.reg !== 'STRTAB_BASE_CFG' || m.op !== 'set' || m.value >= 1n << 32n) return false;
          const field = m.kind.split(':')[1] as keyof typeof FIELDS;
          const now = decode(m.value);
          return (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).every((f) => (f === field ? now[f] !== orig[f] : now[f] === orig[f]));
        }),
        { seed: SEED, numRuns: 300 },
      );
    }
  });

  it('reaches FMT 0..3, SPLIT 8 and others, LOG2SIZE split-1/split/sid_bits/sid_bits+1/25/26/31/32/63', () => {
    const labels = (ctx: CorruptionContext) =>
      labelsOf(strtabBaseCfg(ctx), (m) => {
        const d = decode(m.value);
        return [m.kind, `fmt:${d.fmt}`, `split:${d.split}`, `log2size:${d.log2size}`, d.log2size === ctx.hardware.sid_bits ? 'log2size:=sid_bits' : '', d.log2size === ctx.hardware.sid_bits + 1 ? 'log2size:=sid_bits+1' : ''];
      }, 800);
    // linear sid_bits 8: the programmed FMT is 0 and SPLIT 0, so 1 and 8 are changes
    const lin = labels(CTX.linear8);
    expect(missing(lin, [...STRTAB_BASE_CFG_KINDS, 'fmt:1', 'fmt:2', 'fmt:3', 'split:8', 'split:6', 'split:31', 'log2size:7', 'log2size:=sid_bits+1', 'log2size:25', 'log2size:26', 'log2size:31', 'log2size:32', 'log2size:63'])).toEqual([]);
    // 2-level sid_bits 32: LOG2SIZE is programmed 25 (the L1 cap), so sid_bits itself is a change
    const big = labels(CTX.twoLevel32);
    expect(missing(big, ['fmt:0', 'split:0', 'split:9', 'log2size:7', 'log2size:8', 'log2size:=sid_bits', 'log2size:=sid_bits+1', 'log2size:26', 'log2size:63'])).toEqual([]);
  });

  it('rewrites FMT to the other valid format more often than to each reserved one', () => {
    const fmts = fc.sample(strtabBaseCfg({ ...CTX.twoLevel16, kinds: ['STRTAB_BASE_CFG:fmt'] }), { seed: SEED, numRuns: 1000 })
      .map((m) => FIELD_GET(STRTAB_BASE_CFG_FMT, m.value));
    const count = (v: number) => fmts.filter((f) => f === v).length;
    expect(count(1)).toBe(0); // never the programmed one
    expect(count(0)).toBeGreaterThan(1.5 * count(2));
    expect(count(0)).toBeGreaterThan(1.5 * count(3));
  });

  it('no regression', () => {
    expect(snapshotSample(strtabBaseCfg(CTX.twoLevel16), 8)).toMatchSnapshot();
  });
});

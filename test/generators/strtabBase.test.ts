import fc from 'fast-check';
import type { Corruption } from '../../harness/scenario/types';
import { regionIntersectsOwnRam, regionOf } from '../../harness/kernel/ramMap';
import { STRTAB_BASE_KINDS, strtabBase, type CorruptionContext } from '../../generators';
import { STRTAB_BASE_ADDR_MASK, STRTAB_BASE_RA, STRTAB_BASE_RESERVED_BITS, strtabBytes } from '../../generators/_internals/kernel';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

const RESERVED = STRTAB_BASE_RESERVED_BITS.reduce((m, b) => m | (1n << BigInt(b)), 0n);

/** What the corruption does, in the words of KERNEL_FACTS.md (memremap's three cases). */
function classify(ctx: CorruptionContext, m: Corruption): string[] {
  if (m.target !== 'reg' || m.reg !== 'STRTAB_BASE') return ['wrong-target'];
  if (m.op === 'xor') return [m.kind, m.value === STRTAB_BASE_RA ? 'xor:RA' : (m.value & ~RESERVED) === 0n ? 'xor:reserved' : 'xor:other'];
  const pa = m.value & STRTAB_BASE_ADDR_MASK;
  const size = strtabBytes(ctx.table.fmt, ctx.hardware.sid_bits);
  return [
    m.kind,
    regionIntersectsOwnRam(pa, size),
    pa === 0n ? 'pa:zero' : pa % size === 0n || size <= 64n ? 'aligned' : 'unaligned',
    `first:${regionOf(pa).kind}`,
    `last:${regionOf(pa + size - 1n).kind}`,
    (m.value & STRTAB_BASE_RA) !== 0n ? 'RA' : 'noRA',
  ];
}

describe('strtabBase()', () => {
  it.each(['twoLevel16', 'linear16', 'twoLevel32'] as const)('reaches every operator and every memremap case (%s)', (name) => {
    const ctx = CTX[name];
    const seen = labelsOf(strtabBase(ctx), (m) => classify(ctx, m), 600);
    expect(missing(seen, [...STRTAB_BASE_KINDS, 'REGION_INTERSECTS', 'REGION_DISJOINT', 'REGION_MIXED', 'pa:zero', 'unaligned', 'xor:RA', 'xor:reserved', 'first:hole'])).toEqual([]);
    expect(seen.has('wrong-target')).toBe(false);
  });

  it('each operator does what its kind says', () => {
    const ctx = CTX.twoLevel16;
    const size = strtabBytes(ctx.table.fmt, ctx.hardware.sid_bits);
    fc.assert(
      fc.property(strtabBase(ctx), (m) => {
        const c = classify(ctx, m);
        const pa = m.target === 'reg' ? m.value & STRTAB_BASE_ADDR_MASK : -1n;
        switch (m.kind) {
          case 'STRTAB_BASE:zero': return pa === 0n;
          case 'STRTAB_BASE:unaligned': return c.includes('unaligned') && pa > ctx.table.base && pa < ctx.table.base + size;
          case 'STRTAB_BASE:hole': return c.includes('aligned') && c.includes('first:hole') && c.includes('REGION_DISJOINT');
          case 'STRTAB_BASE:straddle-hole': return c.includes('unaligned') && c.includes('first:hole') !== c.includes('last:hole');
          case 'STRTAB_BASE:own-ram': return c.includes('aligned') && c.includes('REGION_INTERSECTS');
          case 'STRTAB_BASE:straddle-own-ram': return c.includes('REGION_MIXED');
          case 'STRTAB_BASE:RA': return c.includes('xor:RA');
          case 'STRTAB_BASE:reserved-bits': return c.includes('xor:reserved');
          default: return false;
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('has no unaligned/straddling operator for a table of 64 bytes or less (ADDR is 64-byte granular)', () => {
    const seen = labelsOf(strtabBase(CTX.twoLevel9), (m) => [m.kind], 300);
    expect([...seen].filter((k) => /unaligned|straddle/.test(k))).toEqual([]);
  });

  it('honours kinds', () => {
    const seen = labelsOf(strtabBase({ ...CTX.linear16, kinds: ['STRTAB_BASE:own-ram'] }), (m) => [m.kind], 50);
    expect([...seen]).toEqual(['STRTAB_BASE:own-ram']);
    expect(() => strtabBase({ ...CTX.twoLevel9, kinds: ['STRTAB_BASE:unaligned'] })).toThrow(/nothing can be generated/);
  });

  it('no regression', () => {
    expect(snapshotSample(strtabBase(CTX.twoLevel16), 8)).toMatchSnapshot();
  });
});

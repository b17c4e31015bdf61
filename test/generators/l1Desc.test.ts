import fc from 'fast-check';
import type { Corruption } from '../../harness/scenario/types';
import { regionIntersectsOwnRam, regionOf } from '../../harness/kernel/ramMap';
import { L1_DESC_KINDS, SPAN_BOUNDARIES, l1Desc, type CorruptionContext } from '../../generators';
import {
  FIELD_GET,
  L2_TABLE_SIZE,
  STRTAB_L1_DESC_L2PTR_MASK,
  STRTAB_L1_DESC_SPAN,
  crashedL1Desc,
  crashedL2Tables,
  num_l1_ents,
} from '../../generators/_internals/kernel';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

function check(ctx: CorruptionContext, m: Corruption): boolean {
  if (m.target !== 'l1' || m.op !== 'set') return false;
  if (m.idx < 0 || m.idx >= num_l1_ents(ctx.hardware.sid_bits)) return false;
  const orig = crashedL1Desc(ctx.table, m.idx);
  if (m.value === orig) return false; // never a no-op
  const span = FIELD_GET(STRTAB_L1_DESC_SPAN, m.value);
  const l2 = m.value & STRTAB_L1_DESC_L2PTR_MASK;
  const l2s = crashedL2Tables(ctx.table).map((t) => t.pa);
  switch (m.kind) {
    case 'l1:span': return (m.value & STRTAB_L1_DESC_L2PTR_MASK) === (orig & STRTAB_L1_DESC_L2PTR_MASK);
    case 'l1:clear': return m.value === 0n && orig !== 0n;
    case 'l1:l2ptr-zero': return span === 9 && l2 === 0n;
    case 'l1:l2ptr-unaligned': return span === 9 && l2 % L2_TABLE_SIZE !== 0n;
    case 'l1:l2ptr-hole': return span === 9 && (regionOf(l2).kind === 'hole' || regionOf(l2 + L2_TABLE_SIZE - 1n).kind === 'hole');
    case 'l1:l2ptr-own-ram': return span === 9 && regionIntersectsOwnRam(l2, L2_TABLE_SIZE) === 'REGION_INTERSECTS';
    case 'l1:l2ptr-straddle-own-ram': return span === 9 && regionIntersectsOwnRam(l2, L2_TABLE_SIZE) === 'REGION_MIXED';
    case 'l1:l2ptr-self': return span === 9 && l2 === ctx.table.base;
    case 'l1:l2ptr-other-l2': return span === 9 && l2s.includes(l2) && l2 !== (orig & STRTAB_L1_DESC_L2PTR_MASK);
    default: return false;
  }
}

describe('l1Desc()', () => {
  it.each(['twoLevel16', 'twoLevel32', 'twoLevel9'] as const)('every operator does what its kind says (%s)', (name) => {
    fc.assert(fc.property(l1Desc(CTX[name]), (m) => check(CTX[name], m)), { seed: SEED, numRuns: 400 });
  });

  it('reaches every operator and SPAN 0, 1, 8, 9, 10, 11, 12, 31', () => {
    const seen = labelsOf(l1Desc(CTX.twoLevel16), (m) => [m.kind, m.kind === 'l1:span' ? `span:${FIELD_GET(STRTAB_L1_DESC_SPAN, m.value)}` : ''], 1500);
    expect(missing(seen, [...L1_DESC_KINDS, ...SPAN_BOUNDARIES.map((s) => `span:${s}`)])).toEqual([]);
  });

  it('points a descriptor at another L2 even when only one L2 table exists', () => {
    const seen = labelsOf(l1Desc(CTX.twoLevel9), (m) => [m.kind], 400);
    expect(seen.has('l1:l2ptr-other-l2')).toBe(true);
  });

  it('has no operator for a linear table, and no L2-dependent one when nothing is attached', () => {
    expect(() => l1Desc(CTX.linear8)).toThrow(/nothing can be generated/);
    const seen = labelsOf(l1Desc(CTX.twoLevelEmpty), (m) => [m.kind], 300);
    expect(seen.has('l1:l2ptr-other-l2') || seen.has('l1:clear')).toBe(false);
  });

  it('writes a SPAN into an empty descriptor as often as into a live one', () => {
    const live = new Set(crashedL2Tables(CTX.twoLevel16.table).map((t) => t.l1_idx));
    const spans = fc.sample(l1Desc({ ...CTX.twoLevel16, kinds: ['l1:span'] }), { seed: SEED, numRuns: 1000 });
    const empty = spans.filter((m) => m.target === 'l1' && !live.has(m.idx)).length / spans.length;
    expect(empty).toBeGreaterThan(0.35);
    expect(empty).toBeLessThan(0.65);
  });

  it('points an L2Ptr into a hole aligned to the L2 table more often than not (what a read reaches)', () => {
    const holes = fc.sample(l1Desc({ ...CTX.twoLevel16, kinds: ['l1:l2ptr-hole'] }), { seed: SEED, numRuns: 1000 });
    const aligned = holes.filter((m) => m.op === 'set' && (m.value & STRTAB_L1_DESC_L2PTR_MASK) % L2_TABLE_SIZE === 0n).length / holes.length;
    expect(aligned).toBeGreaterThan(0.75);
    expect(aligned).toBeLessThan(1);
  });

  it('no regression', () => {
    expect(snapshotSample(l1Desc(CTX.twoLevel16), 8)).toMatchSnapshot();
  });
});

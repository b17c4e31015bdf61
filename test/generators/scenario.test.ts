import fc from 'fast-check';
import type { Scenario } from '../../harness/scenario/types';
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE } from '../../harness/kernel/ramMap';
import { KNOWN_FAULT_SITES, MUTATION_KINDS, SID_BITS_BOUNDARIES, SPAN_BOUNDARIES, scenario, scenarioLabels } from '../../generators';
import { SEED, labelsOf, missing, snapshotSample, toHexJson, wellFormedProblems } from './_helpers';

/** The uncorrupted story every shrink ends on when no property cares. */
const UNEVENTFUL: Scenario = {
  hardware: { sid_bits: 1, two_level: true, coherent: true },
  kdump: true,
  crashed: { smmuen: true, sfm_err: false, table: { fmt: 'linear', base: CRASHED_STRTAB_BASE, log2size: 1, attached: [], l2_base: CRASHED_L2_BASE } },
  corruption: [],
  dma: [],
  faults: [],
  inserts: [],
  teardown: { policy: 'keep', garbage_seed: 0 },
};

describe('scenario()', () => {
  it('generates well-formed scenarios (attached SIDs < 2^sid_bits, aligned base, mainline LOG2SIZE, ...)', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        expect(wellFormedProblems(s)).toEqual([]);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('is JSON-able once bigints are hex strings, and the hex round-trips', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const json = JSON.stringify(toHexJson(s));
        const back = JSON.parse(json, (_k, v) => (typeof v === 'string' && /^0x[0-9a-f]+$/.test(v) ? BigInt(v) : v));
        expect(back).toEqual(s);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('reaches every corruption operator and every listed boundary', () => {
    const seen = labelsOf(scenario(), scenarioLabels, 4000);
    const wanted = [
      ...MUTATION_KINDS,
      ...SID_BITS_BOUNDARIES.map((b) => `sid_bits:${b}`),
      'fmt:2lvl', 'fmt:linear', 'fmt:linear-not-mainline', 'hw:linear-only', 'hw:non-coherent', 'kdump:no', 'smmuen:off', 'sfm_err',
      'cfg.fmt:0', 'cfg.fmt:1', 'cfg.fmt:2', 'cfg.fmt:3', 'cfg.split:8', 'cfg.split:0', 'cfg.split:9', 'cfg.split:31',
      'cfg.log2size:=split-1', 'cfg.log2size:=split', 'cfg.log2size:=sid_bits', 'cfg.log2size:=sid_bits+1',
      'cfg.log2size:25', 'cfg.log2size:26', 'cfg.log2size:31', 'cfg.log2size:32', 'cfg.log2size:63',
      ...SPAN_BOUNDARIES.map((s) => `l1.span:${s}`),
      'base.memremap:REGION_INTERSECTS', 'base.memremap:REGION_DISJOINT', 'base.memremap:REGION_MIXED', 'base.hole',
      'l1.l2ptr.memremap:REGION_INTERSECTS', 'l1.l2ptr.memremap:REGION_MIXED',
      'dma:l1', 'dma:ste', 'dma:mem', 'dma:l1:span', 'dma:after-probe', 'dma:between-inserts', 'dma:before-teardown',
      ...KNOWN_FAULT_SITES.map((s) => `fault:${s}`),
      'policy:keep', 'policy:zero', 'policy:ones', 'policy:garbage',
      'inserts:out-of-range', 'inserts:beyond-l1', 'inserts:shared-l1', 'inserts:attached',
      'inserts:sid=0', 'inserts:sid=255', 'inserts:sid=256', 'inserts:sid=2^sid_bits-1',
      'corruption:none', 'dma:none', 'faults:none', 'inserts:none', 'adopt:attempted',
    ];
    expect(missing(seen, wanted)).toEqual([]);
  });

  it.each([1, 2, 3])('shrinks to the uncorrupted scenario when no property cares (seed offset %i)', (k) => {
    const out = fc.check(fc.property(scenario(), () => false), { seed: SEED + k });
    expect(out.failed).toBe(true);
    expect(out.counterexample?.[0]).toEqual(UNEVENTFUL);
  });

  it('shrinks to a counterexample that shows only what matters', () => {
    const out = fc.check(
      fc.property(scenario(), (s) => !s.corruption.some((m) => m.kind === 'l1:span')),
      { seed: SEED, numRuns: 2000 },
    );
    expect(out.failed).toBe(true);
    const s = out.counterexample![0];
    expect(s.corruption.map((m) => m.kind)).toEqual(['l1:span']);
    expect({ dma: s.dma, faults: s.faults, inserts: s.inserts, teardown: s.teardown, kdump: s.kdump, smmuen: s.crashed.smmuen, sfm_err: s.crashed.sfm_err, coherent: s.hardware.coherent }).toEqual({
      dma: [], faults: [], inserts: [], teardown: { policy: 'keep', garbage_seed: 0 }, kdump: true, smmuen: true, sfm_err: false, coherent: true,
    });
  });

  it('lets a property target one story', () => {
    const arb = scenario({
      kdump: true, smmuen: true, sfm_err: false, coherent: true, two_level: true, fmt: '2lvl',
      sid_bits: { min: 9, max: 20 }, minAttached: 1, maxInserts: 2, withFaults: false,
      corruptionKinds: ['STRTAB_BASE_CFG:log2size'], minCorruptions: 1, maxCorruptions: 1, maxDmaWrites: 0, policy: 'zero',
    });
    fc.assert(
      fc.property(arb, (s) => {
        expect(wellFormedProblems(s)).toEqual([]);
        expect(s.kdump && s.crashed.smmuen && !s.crashed.sfm_err && s.hardware.coherent).toBe(true);
        expect(s.crashed.table.fmt).toBe('2lvl');
        expect(s.hardware.sid_bits >= 9 && s.hardware.sid_bits <= 20).toBe(true);
        expect(s.crashed.table.attached.length).toBeGreaterThanOrEqual(1);
        expect(s.inserts.length).toBeLessThanOrEqual(2);
        expect(s.faults).toEqual([]);
        expect(s.dma).toEqual([]);
        expect(s.corruption.map((m) => m.kind)).toEqual(['STRTAB_BASE_CFG:log2size']);
        expect(s.teardown.policy).toBe('zero');
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('passes extra fault sites through', () => {
    const seen = labelsOf(scenario({ faultSites: [], extraFaultSites: ['arm_smmu_new_fn:kmalloc'] }), (s) => s.faults.map((f) => f.site), 100);
    expect([...seen]).toEqual(['arm_smmu_new_fn:kmalloc']);
  });

  it('inserts a device on a bus whose L1 descriptor a corruption or DMA write rewrote, in most such scenarios', () => {
    const rewrote = fc.sample(scenario({ fmt: '2lvl' }), { seed: SEED, numRuns: 1500 })
      .map((s) => ({ s, buses: [...s.corruption, ...s.dma].flatMap((m) => (m.target === 'l1' ? [m.idx] : [])) }))
      .filter(({ buses }) => buses.length > 0);
    const hit = rewrote.filter(({ s, buses }) => s.inserts.some((sid) => buses.includes(sid >>> 8)));
    expect(rewrote.length).toBeGreaterThan(300);
    expect(hit.length / rewrote.length).toBeGreaterThan(0.5);
  });

  it('no regression', () => {
    expect(snapshotSample(scenario(), 4)).toMatchSnapshot();
  });
});

describe('scenarioLabels()', () => {
  it('names the shape, each corruption kind and boundary, DMA, faults, policy and SID classes', () => {
    const s: Scenario = {
      hardware: { sid_bits: 16, two_level: true, coherent: true },
      kdump: true,
      crashed: { smmuen: true, sfm_err: false, table: { fmt: '2lvl', base: CRASHED_STRTAB_BASE, log2size: 16, attached: [256], l2_base: CRASHED_L2_BASE } },
      corruption: [
        { kind: 'STRTAB_BASE_CFG:log2size', target: 'reg', reg: 'STRTAB_BASE_CFG', op: 'set', value: (1n << 16n) | (8n << 6n) | 17n },
        { kind: 'l1:span', target: 'l1', idx: 1, op: 'set', value: CRASHED_L2_BASE | 11n },
      ],
      dma: [{ kind: 'l1:span', target: 'l1', idx: 1, op: 'set', value: CRASHED_L2_BASE | 10n, before_insert: 1 }],
      faults: [{ site: 'arm_smmu_init_l2_strtab:dmam_alloc_coherent', nth: 2 }],
      inserts: [257, 65536],
      teardown: { policy: 'zero', garbage_seed: 0 },
    };
    expect(scenarioLabels(s)).toEqual(
      expect.arrayContaining([
        'fmt:2lvl', 'sid_bits:16', 'adopt:attempted', 'STRTAB_BASE_CFG:log2size', 'cfg.log2size:17', 'cfg.log2size:=sid_bits+1',
        'l1:span', 'l1.span:11', 'dma:l1', 'dma:l1:span', 'dma:l1.span:10', 'dma:between-inserts',
        'fault:arm_smmu_init_l2_strtab:dmam_alloc_coherent', 'policy:zero', 'inserts:shared-l1', 'inserts:out-of-range',
      ]),
    );
  });
});

describe('scenario() with a forced format', () => {
  it('narrows the hardware so that the table can be built', () => {
    fc.assert(fc.property(scenario({ fmt: 'linear' }), (s) => s.crashed.table.fmt === 'linear' && s.hardware.sid_bits <= 16), { seed: SEED, numRuns: 200 });
    fc.assert(
      fc.property(scenario({ fmt: '2lvl' }), (s) => s.crashed.table.fmt === '2lvl' && s.hardware.two_level && s.hardware.sid_bits > 8 && wellFormedProblems(s).length === 0),
      { seed: SEED, numRuns: 200 },
    );
    expect(() => scenario({ fmt: 'linear', sid_bits: { min: 20 } })).toThrow(/maxLinearSidBits/);
  });
});

/**
 * A small Scenario arbitrary of the tests' own, independent of generators/: it reaches every
 * variant of the data model (each corruption target, every register name and policy, 64-bit
 * extremes), which is what the codec and the report must handle, whatever generators produce.
 */
import * as fc from 'fast-check';
import type { DmaWrite, Corruption, RegName, S1Context, Scenario } from '../../harness/scenario/types';

const REGS: RegName[] = ['IDR0', 'IDR1', 'IDR3', 'IDR5', 'CR0', 'CR0ACK', 'CR1', 'CR2', 'GBPA', 'GERROR', 'GERRORN', 'STRTAB_BASE', 'STRTAB_BASE_CFG'];
const u64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.constantFrom(0n, 1n, (1n << 64n) - 1n, 1n << 63n, 0x8000_0000n));
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const op = fc.constantFrom('set' as const, 'xor' as const);
const kind = fc.constantFrom('bitflip', 'STRTAB_BASE_CFG:log2size', 'l1:span', 'ste:garbage');

export const corruptionArb: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind, target: fc.constant('reg' as const), reg: fc.constantFrom(...REGS), op, value: u64 }),
  fc.record({ kind, target: fc.constant('mem' as const), pa: u64, op, value: u64 }),
  fc.record({ kind, target: fc.constant('l1' as const), idx: fc.nat({ max: 1 << 17 }), op, value: u64 }),
  fc.record({ kind, target: fc.constant('ste' as const), sid: u32, word: fc.nat({ max: 7 }), op, value: u64 }),
);

const dmaArb: fc.Arbitrary<DmaWrite> = fc.oneof(
  fc.tuple(corruptionArb, fc.nat({ max: 4 })).map(([m, before_insert]): DmaWrite => ({ ...m, before_insert })),
  fc.tuple(corruptionArb, fc.constantFrom('after_init' as const, 'after_reset' as const)).map(([m, during_probe]): DmaWrite => ({ ...m, during_probe })),
);

const s1ContextArb: fc.Arbitrary<S1Context> = fc.record({
  sid: fc.nat({ max: 0xffff }),
  cdtab: u64,
  s1cdmax: fc.nat({ max: 31 }),
  cds: fc.array(fc.record({ ssid: fc.nat({ max: 0xfffff }), asid: fc.nat({ max: 0xffff }) }), { maxLength: 3 }),
});

export interface ScenarioArbOptions {
  maxSidBits?: number;
}

export function scenarioArb(opts: ScenarioArbOptions = {}): fc.Arbitrary<Scenario> {
  return fc.record({
    hardware: fc.record({ sid_bits: fc.integer({ min: 1, max: opts.maxSidBits ?? 32 }), two_level: fc.boolean(), coherent: fc.boolean() }),
    kdump: fc.boolean(),
    crashed: fc.record({
      smmuen: fc.boolean(),
      sfm_err: fc.boolean(),
      table: fc.record({
        fmt: fc.constantFrom('2lvl' as const, 'linear' as const),
        base: fc.oneof(u64, fc.constant(0x1_0000_0000n)),
        log2size: fc.nat({ max: 63 }),
        attached: fc.array(fc.nat({ max: 0xffff }), { maxLength: 4 }),
        l2_base: u64,
        s1_contexts: fc.array(s1ContextArb, { maxLength: 2 }),
      }, { requiredKeys: ['fmt', 'base', 'log2size', 'attached', 'l2_base'] }),
    }),
    corruption: fc.array(corruptionArb, { maxLength: 3 }),
    dma: fc.array(dmaArb, { maxLength: 2 }),
    faults: fc.array(fc.record({
      site: fc.constantFrom('arm_smmu_init_strtab_2lvl:dmam_alloc_coherent', 'arm_smmu_kdump_adopt_strtab:memremap', 'arm_smmu_init_l2_strtab:dmam_alloc_coherent'),
      nth: fc.integer({ min: 1, max: 5 }),
    }), { maxLength: 3 }),
    inserts: fc.array(u32, { maxLength: 4 }),
    teardown: fc.record({ policy: fc.constantFrom('keep' as const, 'zero' as const, 'ones' as const, 'garbage' as const), garbage_seed: fc.integer() }),
  });
}

/** A plain, valid scenario for example-based tests. */
export function simpleScenario(): Scenario {
  return {
    hardware: { sid_bits: 16, two_level: true, coherent: true },
    kdump: true,
    crashed: {
      smmuen: true, sfm_err: false,
      table: { fmt: '2lvl', base: 0x1_0000_0000n, log2size: 16, attached: [0, 0x105], l2_base: 0x1_0010_0000n },
    },
    corruption: [{ kind: 'l1:span', target: 'l1', idx: 1, op: 'set', value: 0x1_0010_401fn }],
    dma: [{ kind: 'bitflip', target: 'reg', reg: 'STRTAB_BASE_CFG', op: 'xor', value: 0x1n, before_insert: 1 }],
    faults: [{ site: 'arm_smmu_init_l2_strtab:dmam_alloc_coherent', nth: 2 }],
    inserts: [0, 0x105],
    teardown: { policy: 'garbage', garbage_seed: 7 },
  };
}

/**
 * Hand-written crashed kernels, intact: the stories the KUnit-style tests, the review-claim
 * rulings (harness/claims) and the tools start from, each one a story a reviewer can read.
 * Built with the same constants the harness uses (as arm-smmu-v3-test.c builds expected STEs
 * with the driver's own helpers). Product code, so that tools need not import from test/.
 */
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE } from '../kernel/ramMap';
import type { Fault, Corruption, Scenario } from '../scenario/types';

/** num_l1_ents as mainline computes it for sid_bits (arm_smmu_init_strtab_2lvl). */
export function mainlineNumL1Ents(sid_bits: number): number {
  return Math.min(Number(((1n << BigInt(sid_bits)) - 1n) >> 8n) + 1, 1 << 17);
}

/** A crashed kernel that used mainline's 2-level table on 2-level hardware, intact. */
export function intactTwoLevel(sid_bits = 16, attached: number[] = [0x100, 0x101, 0x2000]): Scenario {
  const log2size = Math.log2(mainlineNumL1Ents(sid_bits)) + 8;
  return {
    hardware: { sid_bits, two_level: true, coherent: true },
    kdump: true,
    crashed: {
      smmuen: true,
      sfm_err: false,
      table: { fmt: '2lvl', base: CRASHED_STRTAB_BASE, log2size, attached, l2_base: CRASHED_L2_BASE },
    },
    corruption: [],
    dma: [],
    faults: [],
    inserts: [...attached],
    teardown: { policy: 'keep', garbage_seed: 1 },
  };
}

/** A crashed kernel with a linear table (linear-only hardware). */
export function intactLinear(sid_bits = 8, attached: number[] = [3, 200]): Scenario {
  const s = intactTwoLevel(sid_bits, attached);
  return {
    ...s,
    hardware: { ...s.hardware, two_level: false },
    crashed: { ...s.crashed, table: { ...s.crashed.table, fmt: 'linear', log2size: sid_bits } },
  };
}

/** The same machine booted normally (no kdump): mainline's own allocations. */
export function normalBoot(sid_bits: number, two_level = true, inserts: number[] = []): Scenario {
  return { ...intactTwoLevel(sid_bits, []), hardware: { sid_bits, two_level, coherent: true }, kdump: false, inserts };
}

export function withCorruption(s: Scenario, ...m: Corruption[]): Scenario {
  return { ...s, corruption: [...s.corruption, ...m] };
}

export function withFaults(s: Scenario, ...faults: Fault[]): Scenario {
  return { ...s, faults: [...s.faults, ...faults] };
}

import fc from 'fast-check';
import type { CrashedTable, Hardware } from '../harness/scenario/types';
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE } from '../harness/kernel/ramMap';
import { boundaryInt, flag } from './_internals/biased';
import {
  DEFAULT_MAX_LINEAR_SID_BITS,
  HARD_MAX_LINEAR_SID_BITS,
  L2_TABLE_SIZE,
  STRTAB_NUM_L2_STES,
  attachableSidLimit,
  mainlineFmt,
  mainlineLog2size,
  strtabAlign,
} from './_internals/kernel';

export interface CrashedTableConstraints {
  hardware: Hardware;
  /**
   * Force the format. Default: mainline's choice for the hardware (mainlineFmt), and 1 time in
   * 2 linear on hardware where mainline would use 2-level ("the crashed kernel may run a
   * different driver") when sid_bits <= maxLinearSidBits: the adoption code's linear branch on
   * 2-level hardware (the feature bit it clears and must restore, the 2-level cap on LOG2SIZE,
   * the fallback's table of the wrong format) is reached only there, while hardware with more
   * SID bits (most of the range) always gets mainline's 2-level table. Forcing '2lvl' on hardware where
   * mainline would not is honoured (an other driver's table; the adoption code must refuse it).
   */
  fmt?: CrashedTable['fmt'];
  /** Most SIDs attached in the crashed kernel (each 2-level one has a real L2 table). Default 4. */
  maxAttached?: number;
  /** Fewest attached SIDs. Default 0 (the shrink target). */
  minAttached?: number;
  /** Largest sid_bits a linear table is generated for. Default 16 (DEFAULT_MAX_LINEAR_SID_BITS). */
  maxLinearSidBits?: number;
  /** base = CRASHED_STRTAB_BASE + slot * table size, slot in 0..maxBaseSlot. Default 3. */
  maxBaseSlot?: number;
  /** l2_base = CRASHED_L2_BASE + slot * 16 KiB, slot in 0..maxL2Slot. Default 3. */
  maxL2Slot?: number;
}

/**
 * The stream table the crashed kernel built, as mainline lays it out for that hardware:
 * LOG2SIZE as arm_smmu_write_strtab() programs it, base aligned to the table size in the
 * crashed kernel's RAM, some SIDs attached (sorted, unique, inside the range the crashed
 * kernel's own check allows) so that real L2 tables exist.
 *
 * Shrinks towards mainline's format, the default addresses and no attached SID.
 */
export function crashedTable(constraints: CrashedTableConstraints): fc.Arbitrary<CrashedTable> {
  const hw = constraints.hardware;
  const maxLinear = constraints.maxLinearSidBits ?? DEFAULT_MAX_LINEAR_SID_BITS;
  const mainline = mainlineFmt(hw);
  const linearFits = hw.sid_bits <= Math.min(maxLinear, HARD_MAX_LINEAR_SID_BITS);

  let fmt: fc.Arbitrary<CrashedTable['fmt']>;
  if (constraints.fmt !== undefined) {
    fmt = fc.constant(constraints.fmt);
  } else if (mainline === '2lvl' && linearFits) {
    // true = mainline's choice (the shrink target), false = an other driver's linear table
    fmt = flag(true, 1).map((m): CrashedTable['fmt'] => (m ? '2lvl' : 'linear'));
  } else {
    fmt = fc.constant(mainline);
  }
  const needLinear = constraints.fmt === 'linear' || (constraints.fmt === undefined && mainline === 'linear');
  if (needLinear && !linearFits) {
    throw new Error(`crashedTable: a linear table for sid_bits = ${hw.sid_bits} is 2^${hw.sid_bits} STEs; maxLinearSidBits = ${maxLinear} (hard limit ${HARD_MAX_LINEAR_SID_BITS}) forbids it. Generate the hardware with the same maxLinearSidBits, or force fmt '2lvl'.`);
  }

  const maxAttached = constraints.maxAttached ?? 4;
  const minAttached = constraints.minAttached ?? 0;
  const maxBaseSlot = constraints.maxBaseSlot ?? 3;
  const maxL2Slot = constraints.maxL2Slot ?? 3;

  return fmt.chain((f) => {
    const limit = attachableSidLimit(f, hw.sid_bits);
    const sid = boundaryInt(0, limit - 1, [0, STRTAB_NUM_L2_STES - 1, STRTAB_NUM_L2_STES, STRTAB_NUM_L2_STES + 1, limit - STRTAB_NUM_L2_STES, limit - 1]);
    const align = strtabAlign(f, hw.sid_bits);
    return fc
      .record({
        baseSlot: fc.integer({ min: 0, max: maxBaseSlot }),
        l2Slot: fc.integer({ min: 0, max: f === '2lvl' ? maxL2Slot : 0 }),
        attached: fc.uniqueArray(sid, { minLength: Math.min(minAttached, limit), maxLength: Math.min(maxAttached, limit) }),
      })
      .map(
        ({ baseSlot, l2Slot, attached }): CrashedTable => ({
          fmt: f,
          base: CRASHED_STRTAB_BASE + BigInt(baseSlot) * align,
          log2size: mainlineLog2size(f, hw.sid_bits),
          attached: [...attached].sort((a, b) => a - b),
          l2_base: CRASHED_L2_BASE + BigInt(l2Slot) * L2_TABLE_SIZE,
        }),
      );
  });
}

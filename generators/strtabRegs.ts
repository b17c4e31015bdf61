import fc from 'fast-check';
import type { Corruption } from '../harness/scenario/types';
import { HOLE_START, OWN_RAM_END, OWN_RAM_START, regionOf } from '../harness/kernel/ramMap';
import { weightedConstant, type Weighted } from './_internals/biased';
import type { CorruptionContext } from './_internals/kinds';
import { STRTAB_BASE_CFG_FMT_2LVL, STRTAB_BASE_CFG_FMT_LINEAR, STRTAB_STE_DWORDS } from '../harness/kernel/smmuRegs';
import {
  FIELD_PREP,
  STRTAB_BASE_ADDR_MASK,
  STRTAB_BASE_CFG_FMT,
  STRTAB_BASE_CFG_LOG2SIZE,
  STRTAB_BASE_CFG_SPLIT,
  STRTAB_SPLIT,
  crashedStrtabBase,
} from './_internals/kernel';
import { regCorruption } from './_internals/corruptionShapes';
import { log2sizeBoundaries } from './strtabBaseCfg';

export interface StrtabRegsConstraints extends CorruptionContext {}

/** sizeof(struct arm_smmu_ste), sizeof(struct arm_smmu_strtab_l1) */
const STE_SIZE = STRTAB_STE_DWORDS * 8;
const L1_DESC_SIZE = 8;

/** Largest table placed: 2^32 STEs would be 256 GiB, past every RAM region. */
const MAX_LOG2SIZE = 26;

/** Bytes of the table STRTAB_BASE_CFG describes: 2^LOG2SIZE STEs, or their L1 descriptors. */
function describedBytes(fmt: number, log2size: number): bigint {
  return fmt === STRTAB_BASE_CFG_FMT_LINEAR
    ? (1n << BigInt(log2size)) * BigInt(STE_SIZE)
    : (1n << BigInt(Math.max(0, log2size - STRTAB_SPLIT))) * BigInt(L1_DESC_SIZE);
}

/**
 * Where the described table is put, aligned to its own size as a correct driver would (so that
 * only *where* and *how big* are wrong, together): at the start of the kdump kernel's own RAM
 * (2 GiB: for a table of at most 2 GiB; one larger than the 256 MiB reservation runs out of it,
 * memremap's REGION_MIXED), at the start of a hole (8 GiB), or at the end of own RAM when the
 * table fits in it.
 */
function placements(size: bigint): bigint[] {
  const align = size > 64n ? size : 64n;
  const out = [OWN_RAM_START, HOLE_START];
  if (align <= OWN_RAM_END - OWN_RAM_START) out.push(OWN_RAM_END - align);
  // HOLE_START (8 GiB) is aligned to every size placed (at most 4 GiB), so one always remains
  return out.filter((pa) => pa % align === 0n);
}

/**
 * The two stream-table registers rewritten together, describing one other table consistently:
 * STRTAB_BASE_CFG's FMT (the other valid format first) and LOG2SIZE (its boundaries for this
 * sid_bits), and STRTAB_BASE aligned to the size of *that* table — what a foreign or half
 * reprogrammed driver leaves, and what one corruption of each register rarely lines up: the
 * base operators align to the crashed kernel's table, not to the one the registers now
 * describe. Two corruptions with the kinds of their one-register operators
 * ('STRTAB_BASE_CFG:fmt' or ':log2size', then 'STRTAB_BASE:own-ram' or ':hole').
 */
export function strtabRegsOperators(c: StrtabRegsConstraints): Weighted<Corruption[]>[] {
  const origBase = crashedStrtabBase(c.table);
  const crashedFmt = c.table.fmt === 'linear' ? STRTAB_BASE_CFG_FMT_LINEAR : STRTAB_BASE_CFG_FMT_2LVL;
  const otherFmt = crashedFmt === STRTAB_BASE_CFG_FMT_LINEAR ? STRTAB_BASE_CFG_FMT_2LVL : STRTAB_BASE_CFG_FMT_LINEAR;
  const sizes = log2sizeBoundaries(c.hardware.sid_bits).filter((v) => v >= STRTAB_SPLIT - 1 && v <= MAX_LOG2SIZE);
  const shape = fc.record({
    fmt: weightedConstant([[otherFmt, 2], [crashedFmt, 1]]),
    log2size: fc.constantFrom(...(sizes.length > 0 ? sizes : [c.table.log2size])),
    where: fc.nat({ max: 2 }),
  });
  const pair = shape
    .filter(({ fmt, log2size }) => fmt !== crashedFmt || log2size !== c.table.log2size)
    .map(({ fmt, log2size, where }): Corruption[] => {
      const cfg =
        FIELD_PREP(STRTAB_BASE_CFG_FMT, fmt) |
        FIELD_PREP(STRTAB_BASE_CFG_SPLIT, fmt === STRTAB_BASE_CFG_FMT_2LVL ? STRTAB_SPLIT : 0) |
        FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, log2size);
      const at = placements(describedBytes(fmt, log2size));
      const pa = at[where % at.length];
      const kind = regionOf(pa).kind === 'own' ? 'STRTAB_BASE:own-ram' : 'STRTAB_BASE:hole';
      return [
        regCorruption(fmt !== crashedFmt ? 'STRTAB_BASE_CFG:fmt' : 'STRTAB_BASE_CFG:log2size', 'STRTAB_BASE_CFG', 'set', cfg),
        regCorruption(kind, 'STRTAB_BASE', 'set', (origBase & ~STRTAB_BASE_ADDR_MASK) | (pa & STRTAB_BASE_ADDR_MASK)),
      ];
    });
  return [{ arbitrary: pair, weight: 1 }];
}

/**
 * Kernel constants and the crashed kernel's stream-table geometry, shared by the builders.
 *
 * Names follow drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.{c,h} (mainline v6.18.y excerpts in
 * ../shared/revisions/mainline/) so that a reviewer can hold the two side by side. 64-bit
 * register and descriptor values are `bigint`; SIDs and small counts are `number` (a SID is a
 * u32: SID arithmetic uses `>>> 8` / `2 ** n`, never `1 << n`, which is wrong from n = 31 on).
 */
import type { CrashedTable, Hardware } from '../../harness/scenario/types';

// ---------------------------------------------------------------------------------------------
// Bit helpers (linux/bits.h, linux/bitfield.h)

/** GENMASK_ULL(h, l) */
export function GENMASK_ULL(h: number, l: number): bigint {
  return ((1n << BigInt(h - l + 1)) - 1n) << BigInt(l);
}

function lowestSetBit(mask: bigint): bigint {
  let shift = 0n;
  while (((mask >> shift) & 1n) === 0n) shift++;
  return shift;
}

/** FIELD_PREP(mask, val): `val` is truncated to the field, as the kernel's would warn about. */
export function FIELD_PREP(mask: bigint, val: bigint | number): bigint {
  return (BigInt(val) << lowestSetBit(mask)) & mask;
}

/** FIELD_GET(mask, reg) as a number (every field we decode is narrower than 53 bits). */
export function FIELD_GET(mask: bigint, reg: bigint): number {
  return Number((reg & mask) >> lowestSetBit(mask));
}

/** ilog2() of a positive integer. */
export function ilog2(n: number): number {
  return Math.floor(Math.log2(n));
}

export const U32_MAX = 0xffff_ffffn;
export const U64_MAX = (1n << 64n) - 1n;
/** The largest SID the insert path can be handed (a u32). */
export const SID_MAX = 0xffff_ffff;

// ---------------------------------------------------------------------------------------------
// arm-smmu-v3.h

export const STRTAB_SPLIT = 8;
export const STRTAB_NUM_L2_STES = 1 << STRTAB_SPLIT;
/** STRTAB_MAX_L1_ENTRIES: 2^17 descriptors (1 MiB), covering 2^25 stream IDs. */
export const STRTAB_MAX_L1_ENTRIES = 1 << 17;
/** sizeof(struct arm_smmu_ste) */
export const STE_SIZE = 64;
/** sizeof(struct arm_smmu_strtab_l1) */
export const L1_DESC_SIZE = 8;
/** sizeof(struct arm_smmu_strtab_l2): 256 STEs = 16 KiB. */
export const L2_TABLE_SIZE = BigInt(STRTAB_NUM_L2_STES * STE_SIZE);

export const STRTAB_BASE_RA = 1n << 62n;
export const STRTAB_BASE_ADDR_MASK = GENMASK_ULL(51, 6);
/** Bits of STRTAB_BASE that are neither ADDR nor RA: 63, 61..52, 5..0. */
export const STRTAB_BASE_RESERVED_BITS: readonly number[] = [0, 1, 2, 3, 4, 5, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 63];

export const STRTAB_BASE_CFG_FMT = GENMASK_ULL(17, 16);
export const STRTAB_BASE_CFG_FMT_LINEAR = 0;
export const STRTAB_BASE_CFG_FMT_2LVL = 1;
export const STRTAB_BASE_CFG_SPLIT = GENMASK_ULL(10, 6);
export const STRTAB_BASE_CFG_LOG2SIZE = GENMASK_ULL(5, 0);

export const STRTAB_L1_DESC_SPAN = GENMASK_ULL(4, 0);
export const STRTAB_L1_DESC_L2PTR_MASK = GENMASK_ULL(51, 6);
/** What arm_smmu_write_strtab_l1_desc() writes: STRTAB_SPLIT + 1. */
export const STRTAB_L1_DESC_SPAN_DRIVER = STRTAB_SPLIT + 1;

export const STRTAB_STE_0_V = 1n << 0n;
export const STRTAB_STE_0_CFG = GENMASK_ULL(3, 1);
export const STRTAB_STE_0_CFG_ABORT = 0;
export const STRTAB_STE_0_CFG_BYPASS = 4;
export const STRTAB_STE_0_CFG_S1_TRANS = 5;
export const STRTAB_STE_0_CFG_S2_TRANS = 6;

/** Register width in bits (STRTAB_BASE is the only 64-bit register we model). */
export function regWidth(reg: string): number {
  return reg === 'STRTAB_BASE' ? 64 : 32;
}

// ---------------------------------------------------------------------------------------------
// Stream-table geometry of the crashed kernel (what mainline builds for the hardware)

/** arm_smmu_strtab_l1_idx(sid) */
export function arm_smmu_strtab_l1_idx(sid: number): number {
  return sid >>> STRTAB_SPLIT;
}

/**
 * cfg->l2.num_l1_ents as arm_smmu_init_strtab_2lvl() computes it:
 * min(arm_smmu_strtab_l1_idx((1ULL << sid_bits) - 1) + 1, STRTAB_MAX_L1_ENTRIES).
 */
export function num_l1_ents(sid_bits: number): number {
  return Math.min(Math.floor((2 ** sid_bits - 1) / STRTAB_NUM_L2_STES) + 1, STRTAB_MAX_L1_ENTRIES);
}

/** STRTAB_BASE_CFG.LOG2SIZE as arm_smmu_write_strtab() programs it. */
export function mainlineLog2size(fmt: CrashedTable['fmt'], sid_bits: number): number {
  return fmt === '2lvl' ? ilog2(num_l1_ents(sid_bits)) + STRTAB_SPLIT : sid_bits;
}

/** The format mainline picks: 2-level when supported and sid_bits > STRTAB_SPLIT. */
export function mainlineFmt(hw: Hardware): CrashedTable['fmt'] {
  return hw.two_level && hw.sid_bits > STRTAB_SPLIT ? '2lvl' : 'linear';
}

/** Bytes of the table STRTAB_BASE points at: the L1 table (2-level) or the linear table. */
export function strtabBytes(fmt: CrashedTable['fmt'], sid_bits: number): bigint {
  return fmt === '2lvl'
    ? BigInt(num_l1_ents(sid_bits) * L1_DESC_SIZE)
    : BigInt(2 ** sid_bits) * BigInt(STE_SIZE);
}

/**
 * Alignment the hardware requires of STRTAB_BASE: the table size, and never less than the
 * 64 bytes the ADDR field (bits 51..6) can express.
 */
export function strtabAlign(fmt: CrashedTable['fmt'], sid_bits: number): bigint {
  const size = strtabBytes(fmt, sid_bits);
  return size > 64n ? size : 64n;
}

/** One past the largest SID the crashed kernel could attach (its range check). */
export function attachableSidLimit(fmt: CrashedTable['fmt'], sid_bits: number): number {
  const bySidBits = 2 ** sid_bits;
  return fmt === '2lvl' ? Math.min(bySidBits, num_l1_ents(sid_bits) * STRTAB_NUM_L2_STES) : bySidBits;
}

export interface CrashedL2 {
  l1_idx: number;
  pa: bigint;
}

/**
 * The crashed kernel's L2 tables. MODEL: types.ts says "the first L2 table at l2_base, the
 * others follow at 16 KiB strides"; the k-th table belongs to the k-th distinct L1 index of
 * `attached` in ascending order. The generators always emit `attached` sorted and unique, so
 * "order of first appearance" and "ascending order" are the same thing.
 */
export function crashedL2Tables(table: CrashedTable): CrashedL2[] {
  if (table.fmt !== '2lvl') return [];
  const idxs = [...new Set(table.attached.map(arm_smmu_strtab_l1_idx))].sort((a, b) => a - b);
  return idxs.map((l1_idx, k) => ({ l1_idx, pa: table.l2_base + BigInt(k) * L2_TABLE_SIZE }));
}

/** The L1 descriptor the crashed kernel left at `idx` (arm_smmu_write_strtab_l1_desc()). */
export function crashedL1Desc(table: CrashedTable, idx: number): bigint {
  const l2 = crashedL2Tables(table).find((t) => t.l1_idx === idx);
  if (!l2) return 0n;
  return FIELD_PREP(STRTAB_L1_DESC_SPAN, STRTAB_L1_DESC_SPAN_DRIVER) | (l2.pa & STRTAB_L1_DESC_L2PTR_MASK);
}

/** STRTAB_BASE as arm_smmu_write_strtab() programmed it. */
export function crashedStrtabBase(table: CrashedTable): bigint {
  return (table.base & STRTAB_BASE_ADDR_MASK) | STRTAB_BASE_RA;
}

/** STRTAB_BASE_CFG as arm_smmu_write_strtab() programmed it (linear: SPLIT left 0). */
export function crashedStrtabBaseCfg(table: CrashedTable): bigint {
  return table.fmt === '2lvl'
    ? FIELD_PREP(STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_FMT_2LVL) |
        FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, table.log2size) |
        FIELD_PREP(STRTAB_BASE_CFG_SPLIT, STRTAB_SPLIT)
    : FIELD_PREP(STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_FMT_LINEAR) |
        FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, table.log2size);
}

/** Round down to a multiple of `align` (a power of two). */
export function alignDown(pa: bigint, align: bigint): bigint {
  return pa - (pa % align);
}

/**
 * The largest sid_bits a linear table is generated for, unless a constraint says otherwise.
 * A linear table is 64 bytes per SID: sid_bits 16 is 4 MiB, 24 is 1 GiB, 32 would be 256 GiB
 * (and `1 << sid_bits` in arm_smmu_init_strtab_linear() overflows an int from 31 on). Real
 * linear-only SMMUs have small SID spaces; a huge linear table only costs simulator memory
 * and hides the interesting boundaries, so 16 is the default.
 */
export const DEFAULT_MAX_LINEAR_SID_BITS = 16;
/** Hard limit: a linear table must fit in the crashed RAM above CRASHED_STRTAB_BASE. */
export const HARD_MAX_LINEAR_SID_BITS = 24;

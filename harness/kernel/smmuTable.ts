/**
 * Stream-table geometry as mainline computes it (arm_smmu_init_strtab_2lvl/linear,
 * arm_smmu_write_strtab), and where the crashed kernel's table lies in its RAM: the one layout
 * the generators fake, the scenario lays out and the report describes.
 *
 * A SID is a u32: SID arithmetic uses `>>> STRTAB_SPLIT` / `2 ** n`, never `1 << n` (wrong from
 * n = 31 on).
 */
import type { CrashedTable, Hardware } from '../scenario/types';
import {
  FIELD_PREP, STRTAB_BASE_ADDR_MASK, STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_FMT_2LVL, STRTAB_BASE_CFG_FMT_LINEAR,
  STRTAB_BASE_CFG_LOG2SIZE, STRTAB_BASE_CFG_SPLIT, STRTAB_BASE_RA, STRTAB_L1_DESC_SIZE, STRTAB_L2_SIZE,
  STRTAB_MAX_L1_ENTRIES, STRTAB_NUM_L2_STES, STRTAB_SPLIT, STRTAB_STE_SIZE, l1Desc,
} from './smmuRegs';

export type StrtabFmt = CrashedTable['fmt'];

/** ilog2() of a positive integer. */
export function ilog2(n: number): number {
  return Math.floor(Math.log2(n));
}

/** Round down to a multiple of `align` (a power of two). */
export function alignDown(pa: bigint, align: bigint): bigint {
  return pa - (pa % align);
}

// ---- What mainline builds for the hardware --------------------------------------------------

/** arm_smmu_strtab_l1_idx(sid) */
export function arm_smmu_strtab_l1_idx(sid: number): number {
  return sid >>> STRTAB_SPLIT;
}

/** arm_smmu_strtab_l2_idx(sid): the STE's index inside its L2 table. */
export function arm_smmu_strtab_l2_idx(sid: number): number {
  return sid % STRTAB_NUM_L2_STES;
}

/**
 * cfg->l2.num_l1_ents as arm_smmu_init_strtab_2lvl() computes it:
 * min(arm_smmu_strtab_l1_idx((1ULL << sid_bits) - 1) + 1, STRTAB_MAX_L1_ENTRIES).
 */
export function num_l1_ents(sid_bits: number): number {
  return Math.min(Math.floor((2 ** sid_bits - 1) / STRTAB_NUM_L2_STES) + 1, STRTAB_MAX_L1_ENTRIES);
}

/** The format mainline picks: 2-level when supported and sid_bits > STRTAB_SPLIT. */
export function mainlineFmt(hw: Hardware): StrtabFmt {
  return hw.two_level && hw.sid_bits > STRTAB_SPLIT ? '2lvl' : 'linear';
}

/** STRTAB_BASE_CFG.LOG2SIZE as arm_smmu_write_strtab() programs it. */
export function mainlineLog2size(fmt: StrtabFmt, sid_bits: number): number {
  return fmt === '2lvl' ? ilog2(num_l1_ents(sid_bits)) + STRTAB_SPLIT : sid_bits;
}

/** Bytes of the table STRTAB_BASE points at: the L1 table (2-level) or the linear table. */
export function strtabBytes(fmt: StrtabFmt, sid_bits: number): bigint {
  return fmt === '2lvl'
    ? BigInt(num_l1_ents(sid_bits) * STRTAB_L1_DESC_SIZE)
    : BigInt(2 ** sid_bits) * BigInt(STRTAB_STE_SIZE);
}

/**
 * Alignment the hardware requires of STRTAB_BASE: the table size, and never less than the
 * 64 bytes the ADDR field (bits 51..6) can express.
 */
export function strtabAlign(fmt: StrtabFmt, sid_bits: number): bigint {
  const size = strtabBytes(fmt, sid_bits);
  return size > 64n ? size : 64n;
}

/** One past the largest SID the crashed kernel could attach (its range check). */
export function attachableSidLimit(fmt: StrtabFmt, sid_bits: number): number {
  const bySidBits = 2 ** sid_bits;
  return fmt === '2lvl' ? Math.min(bySidBits, num_l1_ents(sid_bits) * STRTAB_NUM_L2_STES) : bySidBits;
}

// ---- The crashed kernel's registers ---------------------------------------------------------

/** STRTAB_BASE as arm_smmu_write_strtab() programmed it. */
export function crashedStrtabBase(t: CrashedTable): bigint {
  return (t.base & STRTAB_BASE_ADDR_MASK) | STRTAB_BASE_RA;
}

/** STRTAB_BASE_CFG as arm_smmu_write_strtab() programmed it (linear: SPLIT left 0). */
export function crashedStrtabBaseCfg(t: CrashedTable): bigint {
  return t.fmt === '2lvl'
    ? FIELD_PREP(STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_FMT_2LVL) | FIELD_PREP(STRTAB_BASE_CFG_SPLIT, STRTAB_SPLIT) |
        FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, t.log2size)
    : FIELD_PREP(STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_FMT_LINEAR) | FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, t.log2size);
}

// ---- Where the crashed kernel's table lies --------------------------------------------------

export interface CrashedL2 {
  l1_idx: number;
  pa: bigint;
}

/**
 * The crashed kernel's L2 tables. MODEL: types.ts says "the first L2 table at l2_base, the
 * others follow at 16 KiB strides, one per distinct L1 index of `attached`, in ascending L1
 * index order".
 */
export function crashedL2Tables(t: CrashedTable): CrashedL2[] {
  if (t.fmt !== '2lvl') return [];
  const idxs = [...new Set(t.attached.map(arm_smmu_strtab_l1_idx))].sort((a, b) => a - b);
  return idxs.map((l1_idx, k) => ({ l1_idx, pa: t.l2_base + BigInt(k) * STRTAB_L2_SIZE }));
}

/** Physical address of the crashed kernel's L2 table for L1 index `idx`, if it has one. */
export function crashedL2Table(t: CrashedTable, idx: number): bigint | undefined {
  return crashedL2Tables(t).find((l2) => l2.l1_idx === idx)?.pa;
}

/** The L1 descriptor the crashed kernel wrote for `idx` (0 where it made no L2 table). */
export function crashedL1Desc(t: CrashedTable, idx: number): bigint {
  const l2 = crashedL2Table(t, idx);
  return l2 === undefined ? 0n : l1Desc(l2);
}

/**
 * The non-zero L1 descriptors in the crashed kernel's L1 table, by index: those of its L2
 * tables inside the 2^(LOG2SIZE - SPLIT) entries it sized.
 */
export function crashedL1Descs(t: CrashedTable): Map<number, bigint> {
  const out = new Map<number, bigint>();
  const l1Ents = 2 ** Math.max(0, t.log2size - STRTAB_SPLIT);
  for (const { l1_idx, pa } of crashedL2Tables(t)) if (l1_idx < l1Ents) out.set(l1_idx, l1Desc(pa));
  return out;
}

/** Physical address of `sid`'s STE in the crashed kernel's table, if it exists. */
export function crashedStePa(t: CrashedTable, sid: number): bigint | undefined {
  if (t.fmt === 'linear') return sid < 2 ** t.log2size ? t.base + BigInt(sid) * BigInt(STRTAB_STE_SIZE) : undefined;
  const l2 = crashedL2Table(t, arm_smmu_strtab_l1_idx(sid));
  return l2 === undefined ? undefined : l2 + BigInt(arm_smmu_strtab_l2_idx(sid) * STRTAB_STE_SIZE);
}

/** Physical address of L1 descriptor `idx` of the crashed kernel's table. */
export function crashedL1DescPa(t: CrashedTable, idx: number): bigint {
  return t.base + BigInt(idx) * BigInt(STRTAB_L1_DESC_SIZE);
}

/**
 * The VMID of an attached SID's stage-2 STE in the crashed kernel's table (even SIDs translate
 * through stage 2 with a VMID of their own), undefined for a bypass STE (odd SIDs).
 */
export function attachedVmid(sid: number): number | undefined {
  return sid % 2 === 0 ? (sid % 0xfffe) + 1 : undefined;
}

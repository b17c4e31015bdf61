/**
 * Kernel constants and register/descriptor decoding the properties use, with the kernel's own
 * names (arm-smmu-v3.h; see ../shared/KERNEL_FACTS.md). Kept here rather than imported from
 * harness/kernel so that a property states its own reading of the architecture: if the
 * simulator and a property disagree, the disagreement shows instead of cancelling out.
 */

export const STRTAB_SPLIT = 8;
/** 2^17 L1 descriptors: 1 MiB of L1 table, covering 2^25 stream IDs. */
export const STRTAB_MAX_L1_ENTRIES = 1 << 17;
/** sizeof(struct arm_smmu_ste) */
export const STE_SIZE = 64n;
/** sizeof(struct arm_smmu_strtab_l1) */
export const L1_DESC_SIZE = 8n;
/** sizeof(struct arm_smmu_strtab_l2 *) on LP64: one l2ptrs slot. */
export const L2PTR_SIZE = 8n;
/** sizeof(struct arm_smmu_strtab_l2): 256 STEs = 16 KiB. */
export const L2_TABLE_SIZE = (1n << BigInt(STRTAB_SPLIT)) * STE_SIZE;

export const ARM_SMMU_FEAT_2_LVL_STRTAB = 1 << 0;
export const ARM_SMMU_FEAT_COHERENCY = 1 << 8;
export const ARM_SMMU_OPT_KDUMP_ADOPT = 1 << 5;

/** MMIO register offsets. */
export const ARM_SMMU_CR0 = 0x20;
export const ARM_SMMU_GBPA = 0x44;
export const ARM_SMMU_STRTAB_BASE = 0x80;
export const ARM_SMMU_STRTAB_BASE_CFG = 0x88;

export const CR0_SMMUEN = 1n << 0n;
export const GBPA_ABORT = 1n << 20n;
export const STRTAB_BASE_RA = 1n << 62n;
/** GENMASK_ULL(51, 6) */
export const STRTAB_BASE_ADDR_MASK = ((1n << 52n) - 1n) & ~((1n << 6n) - 1n);
/** GENMASK_ULL(4, 0) */
export const STRTAB_L1_DESC_SPAN = 0x1fn;
/** GENMASK_ULL(51, 6) */
export const STRTAB_L1_DESC_L2PTR_MASK = ((1n << 52n) - 1n) & ~((1n << 6n) - 1n);

/** GENMASK(17, 16), GENMASK(10, 6), GENMASK(5, 0) */
export const STRTAB_BASE_CFG_FMT = 0x30000n;
export const STRTAB_BASE_CFG_SPLIT = 0x7c0n;
export const STRTAB_BASE_CFG_LOG2SIZE = 0x3fn;
export const STRTAB_BASE_CFG_FMT_LINEAR = 0;
export const STRTAB_BASE_CFG_FMT_2LVL = 1;

/** FIELD_GET(mask, reg): the field, shifted down to bit 0. */
function field(reg: bigint, mask: bigint): number {
  let v = reg & mask;
  for (let m = mask; (m & 1n) === 0n; m >>= 1n) v >>= 1n;
  return Number(v);
}

export type StrtabFmt = 'linear' | '2lvl';

export interface StrtabBaseCfg {
  /** FIELD_GET(STRTAB_BASE_CFG_FMT, reg): 0 linear, 1 2-level, 2/3 reserved. */
  fmt: number;
  /** The format it names, null for a reserved FMT. */
  fmtName: StrtabFmt | null;
  /** FIELD_GET(STRTAB_BASE_CFG_SPLIT, reg) */
  split: number;
  /** FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, reg) */
  log2size: number;
}

export function decodeStrtabBaseCfg(reg: bigint | number): StrtabBaseCfg {
  const v = BigInt(reg);
  const fmt = field(v, STRTAB_BASE_CFG_FMT);
  return {
    fmt,
    fmtName: fmt === STRTAB_BASE_CFG_FMT_2LVL ? '2lvl' : fmt === STRTAB_BASE_CFG_FMT_LINEAR ? 'linear' : null,
    split: field(v, STRTAB_BASE_CFG_SPLIT),
    log2size: field(v, STRTAB_BASE_CFG_LOG2SIZE),
  };
}

export function fmtLabel(fmt: StrtabFmt | null): string {
  return fmt === '2lvl' ? '2-level' : fmt === 'linear' ? 'linear' : 'reserved';
}

/** "STRTAB_BASE_CFG 0x10210 (FMT=2-level, SPLIT=8, LOG2SIZE=16)" */
export function describeStrtabBaseCfg(reg: bigint | number): string {
  const d = decodeStrtabBaseCfg(reg);
  const fmt = d.fmtName ? fmtLabel(d.fmtName) : `reserved ${d.fmt}`;
  return `STRTAB_BASE_CFG 0x${BigInt(reg).toString(16)} (FMT=${fmt}, SPLIT=${d.split}, LOG2SIZE=${d.log2size})`;
}

export function decodeL1Desc(desc: bigint): { span: number; l2ptr: bigint } {
  return { span: field(desc, STRTAB_L1_DESC_SPAN), l2ptr: desc & STRTAB_L1_DESC_L2PTR_MASK };
}

/**
 * The Level 2 array the SMMU walks for an L1 descriptor, or undefined when it walks none (SPAN 0
 * is "L2Ptr invalid", 12..31 are reserved and behave as 0). Source: Arm SMMUv3 architecture
 * specification (IHI 0070), 5.1 "L1STD, Level 1 Stream Table Descriptor": SPAN 1..11 = an array
 * of 2^(SPAN-1) STEs, and "Bits L2Ptr[N:0] are treated as 0 by the SMMU, where N == 5 + (Span - 1).
 * Note: The Level 2 array is therefore aligned to its size by the SMMU." So an L2Ptr 64 bytes
 * past a 16 KiB table still selects that table.
 */
export function walkedL2(desc: bigint): { pa: bigint; size: bigint } | undefined {
  const { span, l2ptr } = decodeL1Desc(desc);
  if (span < 1 || span > 11) return undefined;
  const size = STE_SIZE << BigInt(span - 1);
  return { pa: l2ptr & ~(size - 1n), size };
}

/** "L1 descriptor 0x140000009 (SPAN=9, L2Ptr=0x140000000)" */
export function describeL1Desc(desc: bigint): string {
  const d = decodeL1Desc(desc);
  return `L1 descriptor 0x${desc.toString(16)} (SPAN=${d.span}, L2Ptr=0x${d.l2ptr.toString(16)})`;
}

/** arm_smmu_strtab_l1_idx() */
export function l1Idx(sid: number): number {
  return Math.floor(sid / 2 ** STRTAB_SPLIT);
}

const FEATURE_NAMES: [number, string][] = [
  [ARM_SMMU_FEAT_2_LVL_STRTAB, 'ARM_SMMU_FEAT_2_LVL_STRTAB'],
  [ARM_SMMU_FEAT_COHERENCY, 'ARM_SMMU_FEAT_COHERENCY'],
];

/** Names of the feature bits this harness models, plus the rest in hex. */
export function describeFeatures(features: number): string {
  const names: string[] = [];
  let rest = features >>> 0;
  for (const [bit, name] of FEATURE_NAMES) {
    if (features & bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  if (rest) names.push(`0x${(rest >>> 0).toString(16)}`);
  return names.length ? names.join('|') : '0';
}

/** The feature bits that differ between two values, named. */
export function describeFeatureDiff(expected: number, actual: number): string {
  const lost = expected & ~actual;
  const gained = actual & ~expected;
  const parts: string[] = [];
  if (lost) parts.push(`lost ${describeFeatures(lost)}`);
  if (gained) parts.push(`gained ${describeFeatures(gained)}`);
  return parts.join(', ');
}

// ---- STEs and CDs, for the ASID/VMID reservation property -----------------------------------

/** STRTAB_STE_0_V, STRTAB_STE_0_CFG = GENMASK_ULL(3, 1) and its values. */
export const STRTAB_STE_0_V = 1n;
export const STRTAB_STE_0_CFG = 0xen;
export const STRTAB_STE_0_CFG_ABORT = 0;
export const STRTAB_STE_0_CFG_BYPASS = 4;
export const STRTAB_STE_0_CFG_S1_TRANS = 5;
export const STRTAB_STE_0_CFG_S2_TRANS = 6;
export const STRTAB_STE_0_CFG_NESTED = 7;
/** STRTAB_STE_0_S1FMT = GENMASK_ULL(5, 4): linear, or 2-level with 64 KiB leaves. */
export const STRTAB_STE_0_S1FMT = 0x30n;
export const STRTAB_STE_0_S1FMT_LINEAR = 0;
export const STRTAB_STE_0_S1FMT_64K_L2 = 2;
/** STRTAB_STE_0_S1CTXPTR_MASK = GENMASK_ULL(51, 6) */
export const STRTAB_STE_0_S1CTXPTR_MASK = ((1n << 52n) - 1n) & ~((1n << 6n) - 1n);
/** STRTAB_STE_0_S1CDMAX = GENMASK_ULL(63, 59) */
export const STRTAB_STE_0_S1CDMAX = 0xf800_0000_0000_0000n;
/** STRTAB_STE_2_S2VMID = GENMASK_ULL(15, 0) */
export const STRTAB_STE_2_S2VMID = 0xffffn;
/** sizeof(struct arm_smmu_cd) */
export const CD_SIZE = 64n;
/** CTXDESC_L2_ENTRIES: CDs per 64 KiB leaf of a 2-level CD table. */
export const CTXDESC_L2_ENTRIES = 1024;
/** CTXDESC_L1_DESC_V, CTXDESC_L1_DESC_L2PTR_MASK = GENMASK_ULL(51, 12) */
export const CTXDESC_L1_DESC_V = 1n;
export const CTXDESC_L1_DESC_L2PTR_MASK = ((1n << 52n) - 1n) & ~((1n << 12n) - 1n);
/** CTXDESC_CD_0_V = bit 31, CTXDESC_CD_0_ASID = GENMASK_ULL(63, 48) */
export const CTXDESC_CD_0_V = 1n << 31n;
export const CTXDESC_CD_0_ASID = 0xffff_0000_0000_0000n;

export interface SteIds {
  valid: boolean;
  /** FIELD_GET(STRTAB_STE_0_CFG, word0) */
  cfg: number;
  /** S2 or nested: the STE's S2VMID. */
  vmid?: number;
  /** S1: where its CD table is and how it is laid out. */
  cdtab?: { base: bigint; fmt: number; s1cdmax: number };
}

/** The IDs part of an STE (words 0 and 2), as the SMMU reads it. */
export function decodeSteIds(word0: bigint, word2: bigint): SteIds {
  const valid = (word0 & STRTAB_STE_0_V) !== 0n;
  const cfg = field(word0, STRTAB_STE_0_CFG);
  const out: SteIds = { valid, cfg };
  if (cfg === STRTAB_STE_0_CFG_S2_TRANS || cfg === STRTAB_STE_0_CFG_NESTED) out.vmid = field(word2, STRTAB_STE_2_S2VMID);
  if (cfg === STRTAB_STE_0_CFG_S1_TRANS) {
    out.cdtab = { base: word0 & STRTAB_STE_0_S1CTXPTR_MASK, fmt: field(word0, STRTAB_STE_0_S1FMT), s1cdmax: field(word0, STRTAB_STE_0_S1CDMAX) };
  }
  return out;
}

/** A CD's word 0: valid, and its ASID. */
export function decodeCdWord0(word0: bigint): { valid: boolean; asid: number } {
  return { valid: (word0 & CTXDESC_CD_0_V) !== 0n, asid: field(word0, CTXDESC_CD_0_ASID) };
}

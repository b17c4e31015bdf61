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

export const REG_NAME_BY_OFFSET: Readonly<Record<number, string>> = {
  [ARM_SMMU_CR0]: 'CR0',
  [ARM_SMMU_GBPA]: 'GBPA',
  [ARM_SMMU_STRTAB_BASE]: 'STRTAB_BASE',
  [ARM_SMMU_STRTAB_BASE_CFG]: 'STRTAB_BASE_CFG',
};

export const CR0_SMMUEN = 1n << 0n;
export const GBPA_ABORT = 1n << 20n;
export const STRTAB_BASE_RA = 1n << 62n;
/** GENMASK_ULL(51, 6) */
export const STRTAB_BASE_ADDR_MASK = ((1n << 52n) - 1n) & ~((1n << 6n) - 1n);
/** GENMASK_ULL(4, 0) */
export const STRTAB_L1_DESC_SPAN = 0x1fn;
/** GENMASK_ULL(51, 6) */
export const STRTAB_L1_DESC_L2PTR_MASK = ((1n << 52n) - 1n) & ~((1n << 6n) - 1n);

export const STRTAB_BASE_CFG_FMT_LINEAR = 0;
export const STRTAB_BASE_CFG_FMT_2LVL = 1;

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
  const v = Number(BigInt(reg) & 0xffffffffn);
  const fmt = (v >>> 16) & 3;
  return {
    fmt,
    fmtName: fmt === STRTAB_BASE_CFG_FMT_2LVL ? '2lvl' : fmt === STRTAB_BASE_CFG_FMT_LINEAR ? 'linear' : null,
    split: (v >>> 6) & 0x1f,
    log2size: v & 0x3f,
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
  return { span: Number(desc & STRTAB_L1_DESC_SPAN), l2ptr: desc & STRTAB_L1_DESC_L2PTR_MASK };
}

/** "L1 descriptor 0x140000009 (SPAN=9, L2Ptr=0x140000000)" */
export function describeL1Desc(desc: bigint): string {
  const d = decodeL1Desc(desc);
  return `L1 descriptor 0x${desc.toString(16)} (SPAN=${d.span}, L2Ptr=0x${d.l2ptr.toString(16)})`;
}

/** arm_smmu_strtab_l1_idx() */
export function l1Idx(sid: number): number {
  return Math.floor(sid / 256);
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

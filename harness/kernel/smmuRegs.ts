/**
 * SMMUv3 register offsets and the fields the harness sets or decodes, with the kernel's own
 * names (arm-smmu-v3.h). Only what the stream-table story touches; anything else the driver
 * writes is kept by offset.
 */

export const ARM_SMMU_IDR0 = 0x0;
export const ARM_SMMU_IDR1 = 0x4;
export const ARM_SMMU_IDR3 = 0xc;
export const ARM_SMMU_IDR5 = 0x14;
export const ARM_SMMU_CR0 = 0x20;
export const ARM_SMMU_CR0ACK = 0x24;
export const ARM_SMMU_CR1 = 0x28;
export const ARM_SMMU_CR2 = 0x2c;
export const ARM_SMMU_GBPA = 0x44;
export const ARM_SMMU_IRQ_CTRL = 0x50;
export const ARM_SMMU_IRQ_CTRLACK = 0x54;
export const ARM_SMMU_GERROR = 0x60;
export const ARM_SMMU_GERRORN = 0x64;
export const ARM_SMMU_STRTAB_BASE = 0x80;
export const ARM_SMMU_STRTAB_BASE_CFG = 0x88;

/** Offset → kernel name, for traces and reports. 64-bit registers take two words. */
export const REG_NAMES: Readonly<Record<number, string>> = {
  0x0: 'IDR0', 0x4: 'IDR1', 0x8: 'IDR2', 0xc: 'IDR3', 0x10: 'IDR4', 0x14: 'IDR5',
  0x18: 'IIDR', 0x1c: 'AIDR', 0x20: 'CR0', 0x24: 'CR0ACK', 0x28: 'CR1', 0x2c: 'CR2',
  0x40: 'STATUSR', 0x44: 'GBPA', 0x48: 'AGBPA', 0x50: 'IRQ_CTRL', 0x54: 'IRQ_CTRLACK',
  0x60: 'GERROR', 0x64: 'GERRORN', 0x68: 'GERROR_IRQ_CFG0', 0x70: 'GERROR_IRQ_CFG1',
  0x74: 'GERROR_IRQ_CFG2', 0x80: 'STRTAB_BASE', 0x88: 'STRTAB_BASE_CFG', 0x90: 'CMDQ_BASE',
  0x98: 'CMDQ_PROD', 0x9c: 'CMDQ_CONS', 0xa0: 'EVTQ_BASE', 0xa8: 'EVTQ_PROD', 0xac: 'EVTQ_CONS',
  0xb0: 'EVTQ_IRQ_CFG0', 0xc0: 'PRIQ_BASE', 0xc8: 'PRIQ_PROD', 0xcc: 'PRIQ_CONS',
};

export const REG_OFFSETS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(REG_NAMES).map(([off, name]) => [name, Number(off)]),
);

/** Registers accessed as 64 bits (writeq/readq). */
export const REG64 = new Set<number>([0x68, 0x80, 0x90, 0xa0, 0xb0, 0xc0]);

export const IDR0_ST_LVL_SHIFT = 27; // GENMASK(28, 27)
export const IDR0_ST_LVL_2LVL = 1;
export const IDR0_TTENDIAN_SHIFT = 21; // GENMASK(22, 21)
export const IDR0_TTENDIAN_LE = 2;
export const IDR0_VMID16 = 1 << 18;
export const IDR0_ASID16 = 1 << 12;
export const IDR0_COHACC = 1 << 4;
export const IDR0_TTF_SHIFT = 2; // GENMASK(3, 2)
export const IDR0_TTF_AARCH64 = 2;
export const IDR0_S1P = 1 << 1;
export const IDR0_S2P = 1 << 0;

export const IDR1_CMDQS_SHIFT = 21;
export const IDR1_EVTQS_SHIFT = 16;
export const IDR1_PRIQS_SHIFT = 11;
export const IDR1_SSIDSIZE_SHIFT = 6;

export const IDR5_GRAN4K = 1 << 4;
export const IDR5_OAS_48_BIT = 5;

export const CR0_ATSCHK = 1 << 4;
export const CR0_CMDQEN = 1 << 3;
export const CR0_EVTQEN = 1 << 2;
export const CR0_PRIQEN = 1 << 1;
export const CR0_SMMUEN = 1 << 0;

export const GBPA_UPDATE = 1 << 31;
export const GBPA_ABORT = 1 << 20;

export const GERROR_SFM_ERR = 1 << 8;

export const STRTAB_BASE_RA = 1n << 62n;
export const STRTAB_BASE_ADDR_MASK = ((1n << 52n) - 1n) & ~((1n << 6n) - 1n); // GENMASK_ULL(51, 6)

export const STRTAB_BASE_CFG_FMT_LINEAR = 0;
export const STRTAB_BASE_CFG_FMT_2LVL = 1;

export const STRTAB_SPLIT = 8;
export const STRTAB_NUM_L2_STES = 1 << STRTAB_SPLIT;
export const STRTAB_MAX_L1_ENTRIES = 1 << 17;
export const STRTAB_STE_SIZE = 64;
export const STRTAB_L1_DESC_SIZE = 8;
export const STRTAB_L2_SIZE = STRTAB_NUM_L2_STES * STRTAB_STE_SIZE; // 16 KiB
export const STRTAB_L1_DESC_SPAN = 0x1fn; // GENMASK_ULL(4, 0)
export const STRTAB_L1_DESC_L2PTR_MASK = ((1n << 52n) - 1n) & ~((1n << 6n) - 1n); // GENMASK_ULL(51, 6)

export const STRTAB_STE_0_V = 1n;
export const STRTAB_STE_0_CFG_SHIFT = 1n; // GENMASK_ULL(3, 1)
export const STRTAB_STE_0_CFG_ABORT = 0n;
export const STRTAB_STE_0_CFG_BYPASS = 4n;
export const STRTAB_STE_0_CFG_S1_TRANS = 5n;
export const STRTAB_STE_0_CFG_S2_TRANS = 6n;
export const STRTAB_STE_0_S1FMT_SHIFT = 4n; // GENMASK_ULL(5, 4)
export const STRTAB_STE_0_S1FMT_LINEAR = 0n;
export const STRTAB_STE_0_S1CTXPTR_MASK = ((1n << 52n) - 1n) & ~((1n << 6n) - 1n); // GENMASK_ULL(51, 6)
export const STRTAB_STE_0_S1CDMAX_SHIFT = 59n; // GENMASK_ULL(63, 59)

/** sizeof(struct arm_smmu_cd) */
export const CTXDESC_CD_SIZE = 64;
export const CTXDESC_CD_0_V = 1n << 31n;
export const CTXDESC_CD_0_ASID_SHIFT = 48n; // GENMASK_ULL(63, 48)

export const ARM_SMMU_FEAT_2_LVL_STRTAB = 1 << 0;
export const ARM_SMMU_FEAT_COHERENCY = 1 << 8;
export const ARM_SMMU_OPT_KDUMP_ADOPT = 1 << 5;

/** STRTAB_BASE_CFG = FMT[17:16] | SPLIT[10:6] | LOG2SIZE[5:0]. */
export function strtabBaseCfg(fmt: number, split: number, log2size: number): number {
  return ((fmt & 3) << 16) | ((split & 0x1f) << 6) | (log2size & 0x3f);
}

export function decodeStrtabBaseCfg(v: number): { fmt: number; split: number; log2size: number } {
  return { fmt: (v >>> 16) & 3, split: (v >>> 6) & 0x1f, log2size: v & 0x3f };
}

/** The L1 descriptor mainline writes: arm_smmu_write_strtab_l1_desc(). */
export function l1Desc(l2pa: bigint): bigint {
  return BigInt(STRTAB_SPLIT + 1) | (l2pa & STRTAB_L1_DESC_L2PTR_MASK);
}

export function decodeL1Desc(v: bigint): { span: number; l2ptr: bigint } {
  return { span: Number(v & STRTAB_L1_DESC_SPAN), l2ptr: v & STRTAB_L1_DESC_L2PTR_MASK };
}

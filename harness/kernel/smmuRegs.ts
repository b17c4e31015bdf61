/**
 * The SMMUv3 hardware contract the harness fakes: register offsets, register and descriptor
 * fields, with the kernel's own names and values (arm-smmu-v3.h), so that this file can be held
 * beside the header line by line — test/kernel/smmuModel.test.ts does exactly that for every
 * revision. One model for the whole harness (kernel, scenario, generators, report); the
 * properties keep an independent reading of their own (properties/_lib/kernel.ts).
 *
 * Representation: offsets and `(1 << n)` flags of 32-bit registers are numbers, as the MMIO
 * words are; every GENMASK/GENMASK_ULL field is a bigint mask for FIELD_PREP/FIELD_GET; bits of
 * 64-bit words (`1UL << n`) are bigints; the values a field takes are numbers.
 */

// ---- linux/bits.h, linux/bitfield.h ---------------------------------------------------------

/** GENMASK(h, l) and GENMASK_ULL(h, l): one bigint for both. */
export function GENMASK(h: number, l: number): bigint {
  return ((1n << BigInt(h - l + 1)) - 1n) << BigInt(l);
}
export const GENMASK_ULL = GENMASK;

/** Shifts of the field masks met so far: the masks are the constants below, and FIELD_GET runs per STE. */
const shifts = new Map<bigint, bigint>();

function lowestSetBit(mask: bigint): bigint {
  let shift = shifts.get(mask);
  if (shift !== undefined) return shift;
  if (mask <= 0n) throw new Error(`harness bug: field mask 0x${mask.toString(16)} has no set bit`);
  shift = 0n;
  while (((mask >> shift) & 1n) === 0n) shift++;
  shifts.set(mask, shift);
  return shift;
}

/** FIELD_PREP(mask, val): `val` truncated to the field (the kernel would warn at build time). */
export function FIELD_PREP(mask: bigint, val: bigint | number): bigint {
  return (BigInt(val) << lowestSetBit(mask)) & mask;
}

/** FIELD_GET(mask, reg) as a number (every field is narrower than 53 bits). */
export function FIELD_GET(mask: bigint, reg: bigint | number): number {
  return Number((BigInt(reg) & mask) >> lowestSetBit(mask));
}

// ---- Registers ------------------------------------------------------------------------------

export const ARM_SMMU_IDR0 = 0x0;
export const IDR0_ST_LVL = GENMASK(28, 27);
export const IDR0_ST_LVL_2LVL = 1;
export const IDR0_TTENDIAN = GENMASK(22, 21);
export const IDR0_TTENDIAN_LE = 2;
export const IDR0_VMID16 = 1 << 18;
export const IDR0_ASID16 = 1 << 12;
export const IDR0_COHACC = 1 << 4;
export const IDR0_TTF = GENMASK(3, 2);
export const IDR0_TTF_AARCH64 = 2;
export const IDR0_S1P = 1 << 1;
export const IDR0_S2P = 1 << 0;

export const ARM_SMMU_IDR1 = 0x4;
export const IDR1_CMDQS = GENMASK(25, 21);
export const IDR1_EVTQS = GENMASK(20, 16);
export const IDR1_PRIQS = GENMASK(15, 11);
export const IDR1_SSIDSIZE = GENMASK(10, 6);
export const IDR1_SIDSIZE = GENMASK(5, 0);

export const ARM_SMMU_IDR3 = 0xc;

export const ARM_SMMU_IDR5 = 0x14;
export const IDR5_GRAN4K = 1 << 4;
export const IDR5_OAS = GENMASK(2, 0);
export const IDR5_OAS_48_BIT = 5;

export const ARM_SMMU_CR0 = 0x20;
export const CR0_CMDQEN = 1 << 3;
export const CR0_EVTQEN = 1 << 2;
export const CR0_PRIQEN = 1 << 1;
export const CR0_SMMUEN = 1 << 0;
export const ARM_SMMU_CR0ACK = 0x24;

export const ARM_SMMU_GBPA = 0x44;
export const GBPA_UPDATE = (1 << 31) >>> 0;
export const GBPA_ABORT = 1 << 20;

export const ARM_SMMU_IRQ_CTRL = 0x50;
export const ARM_SMMU_IRQ_CTRLACK = 0x54;

export const ARM_SMMU_GERROR = 0x60;
export const GERROR_SFM_ERR = 1 << 8;
export const ARM_SMMU_GERRORN = 0x64;

export const ARM_SMMU_STRTAB_BASE = 0x80;
export const STRTAB_BASE_RA = 1n << 62n;
export const STRTAB_BASE_ADDR_MASK = GENMASK_ULL(51, 6);

export const ARM_SMMU_STRTAB_BASE_CFG = 0x88;
export const STRTAB_BASE_CFG_FMT = GENMASK(17, 16);
export const STRTAB_BASE_CFG_FMT_LINEAR = 0;
export const STRTAB_BASE_CFG_FMT_2LVL = 1;
export const STRTAB_BASE_CFG_SPLIT = GENMASK(10, 6);
export const STRTAB_BASE_CFG_LOG2SIZE = GENMASK(5, 0);

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

/** Register width in bits, by name. */
export function regWidth(reg: string): number {
  return REG64.has(REG_OFFSETS[reg]) ? 64 : 32;
}

// ---- Stream table: L1 descriptors and STEs --------------------------------------------------

export const STRTAB_SPLIT = 8;
export const STRTAB_L1_DESC_SPAN = GENMASK_ULL(4, 0);
export const STRTAB_L1_DESC_L2PTR_MASK = GENMASK_ULL(51, 6);
export const STRTAB_STE_DWORDS = 8;
export const STRTAB_NUM_L2_STES = 1 << STRTAB_SPLIT;
/** 2^17 L1 descriptors (1 MiB of L1 table), covering 2^25 stream IDs. */
export const STRTAB_MAX_L1_ENTRIES = 1 << 17;

export const STRTAB_STE_0_V = 1n << 0n;
export const STRTAB_STE_0_CFG = GENMASK_ULL(3, 1);
export const STRTAB_STE_0_CFG_ABORT = 0;
export const STRTAB_STE_0_CFG_BYPASS = 4;
export const STRTAB_STE_0_CFG_S1_TRANS = 5;
export const STRTAB_STE_0_CFG_S2_TRANS = 6;
export const STRTAB_STE_0_S1FMT = GENMASK_ULL(5, 4);
export const STRTAB_STE_0_S1FMT_LINEAR = 0;
export const STRTAB_STE_0_S1CTXPTR_MASK = GENMASK_ULL(51, 6);
export const STRTAB_STE_0_S1CDMAX = GENMASK_ULL(63, 59);
export const STRTAB_STE_2_S2VMID = GENMASK_ULL(15, 0);

/** sizeof(struct arm_smmu_ste) */
export const STRTAB_STE_SIZE = STRTAB_STE_DWORDS * 8;
/** sizeof(struct arm_smmu_strtab_l1): one descriptor. */
export const STRTAB_L1_DESC_SIZE = 8;
/** sizeof(struct arm_smmu_strtab_l2): 256 STEs = 16 KiB. */
export const STRTAB_L2_SIZE = BigInt(STRTAB_NUM_L2_STES * STRTAB_STE_SIZE);

// ---- Context descriptors --------------------------------------------------------------------

export const CTXDESC_CD_DWORDS = 8;
/** sizeof(struct arm_smmu_cd) */
export const CTXDESC_CD_SIZE = CTXDESC_CD_DWORDS * 8;
export const CTXDESC_CD_0_V = 1n << 31n;
export const CTXDESC_CD_0_ASID = GENMASK_ULL(63, 48);

// ---- Driver state (struct arm_smmu_device) --------------------------------------------------

export const ARM_SMMU_FEAT_2_LVL_STRTAB = 1 << 0;
export const ARM_SMMU_FEAT_COHERENCY = 1 << 8;
/** ARM_SMMU_OPT_KDUMP in v1 and v2. */
export const ARM_SMMU_OPT_KDUMP_ADOPT = 1 << 5;

// ---- Encoders and decoders ------------------------------------------------------------------

/** STRTAB_BASE_CFG from its fields (a 32-bit register value). */
export function strtabBaseCfg(fmt: number, split: number, log2size: number): number {
  return Number(
    FIELD_PREP(STRTAB_BASE_CFG_FMT, fmt) | FIELD_PREP(STRTAB_BASE_CFG_SPLIT, split) | FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, log2size),
  );
}

export function decodeStrtabBaseCfg(v: bigint | number): { fmt: number; split: number; log2size: number } {
  return {
    fmt: FIELD_GET(STRTAB_BASE_CFG_FMT, v),
    split: FIELD_GET(STRTAB_BASE_CFG_SPLIT, v),
    log2size: FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, v),
  };
}

/** What arm_smmu_write_strtab_l1_desc() writes as SPAN: STRTAB_SPLIT + 1. */
export const STRTAB_L1_DESC_SPAN_DRIVER = STRTAB_SPLIT + 1;

/** The L1 descriptor mainline writes: arm_smmu_write_strtab_l1_desc(). */
export function l1Desc(l2pa: bigint): bigint {
  return FIELD_PREP(STRTAB_L1_DESC_SPAN, STRTAB_L1_DESC_SPAN_DRIVER) | (l2pa & STRTAB_L1_DESC_L2PTR_MASK);
}

export function decodeL1Desc(v: bigint): { span: number; l2ptr: bigint } {
  return { span: FIELD_GET(STRTAB_L1_DESC_SPAN, v), l2ptr: v & STRTAB_L1_DESC_L2PTR_MASK };
}

/**
 * The hardware the generators fake, from the harness's one SMMU model (harness/kernel/smmuRegs.ts
 * and smmuTable.ts: the register layout is the hardware contract, not how it is simulated), and
 * the bounds the generators choose within.
 *
 * 64-bit register and descriptor values are `bigint`; SIDs and small counts are `number` (a SID is
 * a u32: SID arithmetic uses `>>> 8` / `2 ** n`, never `1 << n`, which is wrong from n = 31 on).
 */
import { STRTAB_BASE_ADDR_MASK, STRTAB_BASE_RA } from '../../harness/kernel/smmuRegs';

export {
  FIELD_GET, FIELD_PREP, STRTAB_BASE_ADDR_MASK, STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_LOG2SIZE, STRTAB_BASE_CFG_SPLIT,
  STRTAB_BASE_RA, STRTAB_L1_DESC_L2PTR_MASK, STRTAB_L1_DESC_SPAN, STRTAB_L1_DESC_SPAN_DRIVER, STRTAB_MAX_L1_ENTRIES,
  STRTAB_NUM_L2_STES, STRTAB_SPLIT, STRTAB_STE_0_CFG, STRTAB_STE_0_CFG_BYPASS, STRTAB_STE_0_CFG_S2_TRANS,
  STRTAB_STE_0_V, regWidth,
} from '../../harness/kernel/smmuRegs';
export { STRTAB_L2_SIZE as L2_TABLE_SIZE } from '../../harness/kernel/smmuRegs';
export {
  alignDown, arm_smmu_strtab_l1_idx, attachableSidLimit, crashedL1Desc, crashedL2Tables, crashedStrtabBase,
  crashedStrtabBaseCfg, mainlineFmt, mainlineLog2size, num_l1_ents, strtabAlign, strtabBytes,
} from '../../harness/kernel/smmuTable';

export const U32_MAX = 0xffff_ffffn;
export const U64_MAX = (1n << 64n) - 1n;
/** The largest SID the insert path can be handed (a u32). */
export const SID_MAX = 0xffff_ffff;

/** Bits of STRTAB_BASE that are neither ADDR nor RA: 63, 61..52, 5..0. */
export const STRTAB_BASE_RESERVED_BITS: readonly number[] = Array.from({ length: 64 }, (_, b) => b).filter(
  (b) => ((STRTAB_BASE_ADDR_MASK | STRTAB_BASE_RA) & (1n << BigInt(b))) === 0n,
);

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

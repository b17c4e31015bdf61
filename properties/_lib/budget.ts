/**
 * What the kdump kernel's own mainline code would allocate for its stream table
 * (arm_smmu_init_strtab_2lvl / arm_smmu_init_strtab_linear / arm_smmu_init_l2_strtab):
 * the cap of the no-over-allocation property.
 */
import {
  L1_DESC_SIZE, L2PTR_SIZE, L2_TABLE_SIZE, STE_SIZE, STRTAB_MAX_L1_ENTRIES, STRTAB_SPLIT,
  fmtLabel, l1Idx, type StrtabFmt,
} from './kernel';
import { formatSize } from './format';

export interface StrtabBudget {
  fmt: StrtabFmt;
  sid_bits: number;
  /** 2-level: min(arm_smmu_strtab_l1_idx((1 << sid_bits) - 1) + 1, STRTAB_MAX_L1_ENTRIES). */
  num_l1_ents: number;
  /** 2-level: the L1 table (dmam_alloc_coherent). */
  l1_bytes: bigint;
  /** 2-level: the l2ptrs array (devm_kcalloc of num_l1_ents pointers). */
  l2ptrs_bytes: bigint;
  /** 2-level: distinct in-range L1 indexes inserted, one 16 KiB L2 each. */
  l2_count: number;
  l2_bytes: bigint;
  /** linear: 2^sid_bits STEs. */
  linear_bytes: bigint;
  total: bigint;
}

/** num_l1_ents as arm_smmu_init_strtab_2lvl computes it (in 64-bit: no wrap for sid_bits 32). */
export function mainlineNumL1Ents(sidBits: number): number {
  const lastSidIdx = ((1n << BigInt(sidBits)) - 1n) >> BigInt(STRTAB_SPLIT);
  const n = lastSidIdx + 1n;
  return Number(n < BigInt(STRTAB_MAX_L1_ENTRIES) ? n : BigInt(STRTAB_MAX_L1_ENTRIES));
}

/**
 * The mainline allocation for a table of format `fmt` on hardware with `sidBits`, once the
 * kdump kernel has inserted `inserts` (2-level: one L2 per distinct L1 index that
 * arm_smmu_sid_in_range() accepts, i.e. l1_idx < num_l1_ents). Pass the inserts done by the
 * step being judged, never the whole run's: mainline allocates an L2 table when its first SID
 * is inserted, not before.
 */
export function mainlineStrtabBudget(fmt: StrtabFmt, sidBits: number, inserts: readonly number[]): StrtabBudget {
  if (fmt === 'linear') {
    const linear = (1n << BigInt(sidBits)) * STE_SIZE;
    return {
      fmt, sid_bits: sidBits, num_l1_ents: 0, l1_bytes: 0n, l2ptrs_bytes: 0n, l2_count: 0, l2_bytes: 0n,
      linear_bytes: linear, total: linear,
    };
  }
  const n = mainlineNumL1Ents(sidBits);
  const l1 = BigInt(n) * L1_DESC_SIZE;
  const l2ptrs = BigInt(n) * L2PTR_SIZE;
  const idx = new Set(inserts.filter((sid) => sid >= 0 && l1Idx(sid) < n).map(l1Idx));
  const l2 = BigInt(idx.size) * L2_TABLE_SIZE;
  return {
    fmt, sid_bits: sidBits, num_l1_ents: n, l1_bytes: l1, l2ptrs_bytes: l2ptrs, l2_count: idx.size,
    l2_bytes: l2, linear_bytes: 0n, total: l1 + l2ptrs + l2,
  };
}

/** "2-level for sid_bits=16: L1 table 2 KiB (256 descriptors) + l2ptrs 2 KiB + 2 L2 tables x 16 KiB = 36 KiB" */
export function describeBudget(b: StrtabBudget): string {
  if (b.fmt === 'linear') {
    return `linear for sid_bits=${b.sid_bits}: 2^${b.sid_bits} STEs x 64 bytes = ${formatSize(b.total)}`;
  }
  const l2 = b.l2_count ? ` + ${b.l2_count} L2 table${b.l2_count === 1 ? '' : 's'} x 16 KiB` : ' + no L2 table (nothing inserted)';
  return (
    `${fmtLabel(b.fmt)} for sid_bits=${b.sid_bits}: L1 table ${formatSize(b.l1_bytes)} (${b.num_l1_ents} descriptors)` +
    ` + l2ptrs ${formatSize(b.l2ptrs_bytes)}${l2} = ${formatSize(b.total)}`
  );
}

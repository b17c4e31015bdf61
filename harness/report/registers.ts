/**
 * SMMUv3 register and descriptor values decoded by field, with the kernel's field names
 * (arm-smmu-v3.h; KERNEL_FACTS.md "Registers"), so a report line reads like the driver source.
 */
import { toHex } from '../corpus/hex';
import type { CrashedTable, RegName } from '../scenario/types';

const bit = (n: number) => 1n << BigInt(n);
const genmask = (hi: number, lo: number) => ((1n << BigInt(hi - lo + 1)) - 1n) << BigInt(lo);
const get = (v: bigint, mask: bigint) => {
  let shift = 0n;
  while (((mask >> shift) & 1n) === 0n) shift++;
  return (v & mask) >> shift;
};

export const STRTAB_SPLIT = 8;
export const STRTAB_BASE_RA = bit(62);
export const STRTAB_BASE_ADDR_MASK = genmask(51, 6);
export const STRTAB_BASE_CFG_FMT = genmask(17, 16);
export const STRTAB_BASE_CFG_SPLIT = genmask(10, 6);
export const STRTAB_BASE_CFG_LOG2SIZE = genmask(5, 0);
export const STRTAB_L1_DESC_SPAN = genmask(4, 0);
export const STRTAB_L1_DESC_L2PTR_MASK = genmask(51, 6);
/** An L2 table: 2^STRTAB_SPLIT STEs of 64 bytes. */
export const L2_TABLE_SIZE = 64n << BigInt(STRTAB_SPLIT);

/** [name, mask, how to show it, address field (shown in place, not shifted down)] */
type Field = [name: string, mask: bigint, show?: (v: bigint) => string, address?: boolean];

const FMT = (v: bigint) => (v === 0n ? 'linear' : v === 1n ? '2-level' : `reserved(${v})`);
const FIELDS: Partial<Record<RegName | 'L1_DESC', Field[]>> = {
  STRTAB_BASE: [['RA', STRTAB_BASE_RA], ['ADDR', STRTAB_BASE_ADDR_MASK, toHex, true]],
  STRTAB_BASE_CFG: [['FMT', STRTAB_BASE_CFG_FMT, FMT], ['SPLIT', STRTAB_BASE_CFG_SPLIT], ['LOG2SIZE', STRTAB_BASE_CFG_LOG2SIZE]],
  L1_DESC: [['SPAN', STRTAB_L1_DESC_SPAN, spanText], ['L2PTR', STRTAB_L1_DESC_L2PTR_MASK, toHex, true]],
  CR0: [['SMMUEN', bit(0)]],
  CR0ACK: [['SMMUEN', bit(0)]],
  GBPA: [['UPDATE', bit(31)], ['ABORT', bit(20)]],
  GERROR: [['SFM_ERR', bit(8)]],
  GERRORN: [['SFM_ERR', bit(8)]],
  IDR0: [['ST_LVL', genmask(28, 27)], ['COHACC', bit(4)]],
  IDR1: [['SIDSIZE', genmask(5, 0)]],
};

/** "SPAN 9 (256 STEs)": SPAN 0 is "no L2 table", 1..11 give 2^(SPAN-1) STEs, above is reserved. */
export function spanText(span: bigint): string {
  if (span === 0n) return '0 (no L2 table)';
  if (span <= 11n) return `${span} (${1n << (span - 1n)} STEs)`;
  return `${span} (reserved)`;
}

/** "STRTAB_BASE_CFG 0x10210: FMT=2-level SPLIT=8 LOG2SIZE=16" */
export function decodeRegister(name: RegName | 'L1_DESC', value: bigint): string {
  const fields = FIELDS[name];
  if (!fields) return toHex(value);
  const parts = fields.map(([f, mask, show, address]) => `${f}=${(show ?? String)(address ? value & mask : get(value, mask))}`);
  const known = fields.reduce((m, [, mask]) => m | mask, 0n);
  if (value & ~known) parts.push(`other bits ${toHex(value & ~known)}`);
  return `${toHex(value)} (${parts.join(' ')})`;
}

/** Which fields an XOR mask flips: "flips SPAN, L2PTR bits". */
export function flippedFields(name: RegName | 'L1_DESC', mask: bigint): string {
  const fields = FIELDS[name] ?? [];
  const hit = fields.filter(([, m]) => (m & mask) !== 0n).map(([f]) => f);
  const known = fields.reduce((m, [, f]) => m | f, 0n);
  if (mask & ~known) hit.push('other bits');
  return `flips ${hit.join(', ') || 'nothing'}`;
}

/** STRTAB_BASE as mainline's arm_smmu_write_strtab() programs it for this table. */
export function programmedStrtabBase(t: CrashedTable): bigint {
  return (t.base & STRTAB_BASE_ADDR_MASK) | STRTAB_BASE_RA;
}

/** STRTAB_BASE_CFG as mainline programs it (FMT, LOG2SIZE, and SPLIT for 2-level). */
export function programmedStrtabBaseCfg(t: CrashedTable): bigint {
  const log2size = BigInt(t.log2size) & STRTAB_BASE_CFG_LOG2SIZE;
  return t.fmt === '2lvl' ? (1n << 16n) | (BigInt(STRTAB_SPLIT) << 6n) | log2size : log2size;
}

/** The L1 descriptor mainline's arm_smmu_write_strtab_l1_desc() writes for an L2 table. */
export function l1Desc(l2ptr: bigint): bigint {
  return (l2ptr & STRTAB_L1_DESC_L2PTR_MASK) | BigInt(STRTAB_SPLIT + 1);
}

export function applyOp(old: bigint, op: 'set' | 'xor', value: bigint): bigint {
  return op === 'set' ? value : old ^ value;
}

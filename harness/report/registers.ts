/**
 * SMMUv3 register and descriptor values decoded by field, with the kernel's field names
 * (arm-smmu-v3.h; KERNEL_FACTS.md "Registers"), so a report line reads like the driver source.
 */
import { toHex } from '../corpus/hex';
import {
  CR0_SMMUEN, FIELD_GET, GBPA_ABORT, GBPA_UPDATE, GERROR_SFM_ERR, IDR0_COHACC, IDR0_ST_LVL, IDR1_SIDSIZE, STRTAB_BASE_ADDR_MASK,
  STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_LOG2SIZE, STRTAB_BASE_CFG_SPLIT, STRTAB_BASE_RA, STRTAB_L1_DESC_L2PTR_MASK,
  STRTAB_L1_DESC_SPAN,
} from '../kernel/smmuRegs';
import type { RegName } from '../scenario/types';

const flag = (f: number) => BigInt(f);

/** [name, mask, how to show it, address field (shown in place, not shifted down)] */
type Field = [name: string, mask: bigint, show?: (v: bigint) => string, address?: boolean];

const FMT = (v: bigint) => (v === 0n ? 'linear' : v === 1n ? '2-level' : `reserved(${v})`);
const FIELDS: Partial<Record<RegName | 'L1_DESC', Field[]>> = {
  STRTAB_BASE: [['RA', STRTAB_BASE_RA], ['ADDR', STRTAB_BASE_ADDR_MASK, toHex, true]],
  STRTAB_BASE_CFG: [['FMT', STRTAB_BASE_CFG_FMT, FMT], ['SPLIT', STRTAB_BASE_CFG_SPLIT], ['LOG2SIZE', STRTAB_BASE_CFG_LOG2SIZE]],
  L1_DESC: [['SPAN', STRTAB_L1_DESC_SPAN, spanText], ['L2PTR', STRTAB_L1_DESC_L2PTR_MASK, toHex, true]],
  CR0: [['SMMUEN', flag(CR0_SMMUEN)]],
  CR0ACK: [['SMMUEN', flag(CR0_SMMUEN)]],
  GBPA: [['UPDATE', flag(GBPA_UPDATE)], ['ABORT', flag(GBPA_ABORT)]],
  GERROR: [['SFM_ERR', flag(GERROR_SFM_ERR)]],
  GERRORN: [['SFM_ERR', flag(GERROR_SFM_ERR)]],
  IDR0: [['ST_LVL', IDR0_ST_LVL], ['COHACC', flag(IDR0_COHACC)]],
  IDR1: [['SIDSIZE', IDR1_SIDSIZE]],
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
  const parts = fields.map(([f, mask, show, address]) => `${f}=${(show ?? String)(address ? value & mask : BigInt(FIELD_GET(mask, value)))}`);
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

export function applyOp(old: bigint, op: 'set' | 'xor', value: bigint): bigint {
  return op === 'set' ? value : old ^ value;
}

/**
 * The corruption operators, by family. A Corruption's `kind` is one of these; the statistics
 * (scenarioLabels) and the reports read it.
 */
import type { CrashedTable, Hardware } from '../../harness/scenario/types';

export const STRTAB_BASE_KINDS = [
  'STRTAB_BASE:zero',
  'STRTAB_BASE:unaligned',
  'STRTAB_BASE:hole',
  'STRTAB_BASE:straddle-hole',
  'STRTAB_BASE:own-ram',
  'STRTAB_BASE:straddle-own-ram',
  'STRTAB_BASE:RA',
  'STRTAB_BASE:reserved-bits',
] as const;
export type StrtabBaseKind = (typeof STRTAB_BASE_KINDS)[number];

export const STRTAB_BASE_CFG_KINDS = [
  'STRTAB_BASE_CFG:fmt',
  'STRTAB_BASE_CFG:split',
  'STRTAB_BASE_CFG:log2size',
] as const;
export type StrtabBaseCfgKind = (typeof STRTAB_BASE_CFG_KINDS)[number];

export const L1_DESC_KINDS = [
  'l1:span',
  'l1:l2ptr-zero',
  'l1:l2ptr-unaligned',
  'l1:l2ptr-hole',
  'l1:l2ptr-own-ram',
  'l1:l2ptr-straddle-own-ram',
  'l1:l2ptr-self',
  'l1:l2ptr-other-l2',
  'l1:clear',
] as const;
export type L1DescKind = (typeof L1_DESC_KINDS)[number];

export const STE_KINDS = ['ste:garbage'] as const;
export type SteKind = (typeof STE_KINDS)[number];

export const BITFLIP_KINDS = ['bitflip:reg', 'bitflip:mem'] as const;
export type BitflipKind = (typeof BITFLIP_KINDS)[number];

export type CorruptionKind = StrtabBaseKind | StrtabBaseCfgKind | L1DescKind | SteKind | BitflipKind;

export const MUTATION_KINDS: readonly CorruptionKind[] = [
  ...STRTAB_BASE_KINDS,
  ...STRTAB_BASE_CFG_KINDS,
  ...L1_DESC_KINDS,
  ...STE_KINDS,
  ...BITFLIP_KINDS,
];

/** Kinds an in-flight DMA write can have: a device can only write memory. */
export const DMA_KINDS: readonly CorruptionKind[] = [...L1_DESC_KINDS, ...STE_KINDS, 'bitflip:mem'];

/** What every corruption builder is given: the hardware and the crashed kernel's table. */
export interface CorruptionContext {
  hardware: Hardware;
  table: CrashedTable;
}

/** `kinds` filter helper: undefined = all. */
export function allowed(kinds: readonly string[] | undefined, kind: string): boolean {
  return kinds === undefined || kinds.includes(kind);
}

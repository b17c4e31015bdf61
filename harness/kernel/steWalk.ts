/**
 * The STE the simulated SMMU walks for one stream ID, right now: from CR0, IDR1.SIDSIZE,
 * STRTAB_BASE and STRTAB_BASE_CFG as the SMMU holds them, through physical memory (the crashed
 * kernel's, or the kdump kernel's own RAM for a table it allocated). The SMMU aligns STRTAB_BASE
 * down to the table size and each L2Ptr down to its array size (SMMUv3 5.1, L1STD.L2Ptr; as
 * properties/_lib/liveIds.ts reads it). A step of the walk that reads a hole would be an external
 * abort of the walk: the walk stops there, as the SMMU terminates the transaction.
 *
 * Only the raw words are given (registers, the L1 descriptor, the STE's first two words): what
 * they mean for a verdict is the property's reading.
 */
import type { PhysicalMemory } from './physmem';
import {
  ARM_SMMU_CR0, ARM_SMMU_IDR1, ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG, CR0_SMMUEN, FIELD_GET, IDR1_SIDSIZE,
  STRTAB_BASE_ADDR_MASK, STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_FMT_2LVL, STRTAB_BASE_CFG_FMT_LINEAR, STRTAB_BASE_CFG_LOG2SIZE,
  STRTAB_BASE_CFG_SPLIT, STRTAB_L1_DESC_L2PTR_MASK, STRTAB_L1_DESC_SIZE, STRTAB_L1_DESC_SPAN, STRTAB_STE_SIZE,
} from './smmuRegs';

const STE_SIZE = BigInt(STRTAB_STE_SIZE);
const L1_DESC_SIZE = BigInt(STRTAB_L1_DESC_SIZE);
/** L1STD.Span 1..11 names an L2 array of 2^(Span-1) STEs; 0 and 12..31 none (KERNEL_FACTS.md). */
const MAX_SPAN = 11;

export type SteWalkStop =
  | 'smmu-disabled'
  | 'reserved-fmt'
  | 'sid-out-of-range'
  | 'l1-invalid'
  | 'sid-beyond-span'
  | 'hole';

export interface SteWalk {
  cr0: bigint;
  strtab_base: bigint;
  strtab_base_cfg: bigint;
  /** 2-level: where the L1 descriptor is and what it holds. */
  l1_desc_pa?: bigint;
  l1_desc?: bigint;
  /** Where the STE is; its words 0 and 1 when it was read (not in a hole). */
  ste_pa?: bigint;
  ste?: [bigint, bigint];
  /** Why the walk reached no STE it could read. */
  stop?: SteWalkStop;
}

export interface SmmuRegisterFile {
  read32(off: number): number;
  read64(off: number): bigint;
}

const alignDown = (x: bigint, size: bigint): bigint => x - (x % size);

function read64(phys: PhysicalMemory, pa: bigint): bigint {
  const b = phys.read(pa, 8);
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

export function walkSte(regs: SmmuRegisterFile, phys: PhysicalMemory, sid: number): SteWalk {
  const walk: SteWalk = {
    cr0: BigInt(regs.read32(ARM_SMMU_CR0) >>> 0),
    strtab_base: regs.read64(ARM_SMMU_STRTAB_BASE),
    strtab_base_cfg: BigInt(regs.read32(ARM_SMMU_STRTAB_BASE_CFG) >>> 0),
  };
  if ((walk.cr0 & BigInt(CR0_SMMUEN)) === 0n) return { ...walk, stop: 'smmu-disabled' };
  const cfg = walk.strtab_base_cfg;
  const fmt = FIELD_GET(STRTAB_BASE_CFG_FMT, cfg);
  const split = FIELD_GET(STRTAB_BASE_CFG_SPLIT, cfg);
  const sidsize = FIELD_GET(IDR1_SIDSIZE, regs.read32(ARM_SMMU_IDR1) >>> 0);
  const log2 = Math.min(FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, cfg), sidsize);
  const addr = walk.strtab_base & STRTAB_BASE_ADDR_MASK;
  if (fmt > STRTAB_BASE_CFG_FMT_2LVL) return { ...walk, stop: 'reserved-fmt' };
  if (BigInt(sid) >= 1n << BigInt(log2)) return { ...walk, stop: 'sid-out-of-range' };

  let stePa: bigint;
  if (fmt === STRTAB_BASE_CFG_FMT_LINEAR) {
    stePa = alignDown(addr, (1n << BigInt(log2)) * STE_SIZE) + BigInt(sid) * STE_SIZE;
  } else {
    const l1Size = (1n << BigInt(Math.max(0, log2 - split))) * L1_DESC_SIZE;
    walk.l1_desc_pa = alignDown(addr, l1Size < 64n ? 64n : l1Size) + BigInt(sid >>> split) * L1_DESC_SIZE;
    if (phys.isHole(walk.l1_desc_pa)) return { ...walk, stop: 'hole' };
    walk.l1_desc = read64(phys, walk.l1_desc_pa);
    const span = FIELD_GET(STRTAB_L1_DESC_SPAN, walk.l1_desc);
    if (span === 0 || span > MAX_SPAN) return { ...walk, stop: 'l1-invalid' };
    const stes = 1n << BigInt(span - 1);
    const idx = BigInt(sid & ((1 << split) - 1));
    if (idx >= stes) return { ...walk, stop: 'sid-beyond-span' };
    stePa = alignDown(walk.l1_desc & STRTAB_L1_DESC_L2PTR_MASK, stes * STE_SIZE) + idx * STE_SIZE;
  }
  walk.ste_pa = stePa;
  if (phys.isHole(stePa)) return { ...walk, stop: 'hole' };
  walk.ste = [read64(phys, stePa), read64(phys, stePa + 8n)];
  return walk;
}

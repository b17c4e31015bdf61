/**
 * The crashed kernel's SMMU as the kdump kernel finds it: the registers mainline's probe and
 * arm_smmu_write_strtab() left behind, and the stream table laid out in the crashed kernel's
 * RAM as mainline builds it (arm_smmu_init_strtab_2lvl/linear, arm_smmu_init_l2_strtab and
 * arm_smmu_init_initial_stes) with the attached devices' STEs live. Then the corruption.
 */
import type { PhysicalMemory } from '../kernel/physmem';
import {
  ARM_SMMU_CR0, ARM_SMMU_CR0ACK, ARM_SMMU_GBPA, ARM_SMMU_GERROR, ARM_SMMU_GERRORN, ARM_SMMU_IDR0, ARM_SMMU_IDR1,
  ARM_SMMU_IDR3, ARM_SMMU_IDR5, ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG, CR0_CMDQEN, CR0_EVTQEN, CR0_SMMUEN,
  CTXDESC_CD_0_ASID, CTXDESC_CD_0_V, CTXDESC_CD_SIZE, FIELD_PREP, GERROR_SFM_ERR, IDR0_ASID16, IDR0_COHACC,
  IDR0_S1P, IDR0_S2P, IDR0_ST_LVL, IDR0_ST_LVL_2LVL, IDR0_TTENDIAN, IDR0_TTENDIAN_LE, IDR0_TTF, IDR0_TTF_AARCH64,
  IDR0_VMID16, IDR1_CMDQS, IDR1_EVTQS, IDR1_PRIQS, IDR1_SIDSIZE, IDR1_SSIDSIZE, IDR5_GRAN4K, IDR5_OAS,
  IDR5_OAS_48_BIT, REG_OFFSETS, STRTAB_STE_0_CFG, STRTAB_STE_0_CFG_BYPASS, STRTAB_STE_0_CFG_S1_TRANS,
  STRTAB_STE_0_CFG_S2_TRANS, STRTAB_STE_0_S1CDMAX, STRTAB_STE_0_S1CTXPTR_MASK, STRTAB_STE_0_S1FMT,
  STRTAB_STE_0_S1FMT_LINEAR, STRTAB_STE_0_V, STRTAB_STE_2_S2VMID, STRTAB_STE_DWORDS, STRTAB_STE_SIZE, STRTAB_L2_SIZE,
} from '../kernel/smmuRegs';
import {
  crashedL1DescPa, crashedL1Descs, crashedL2Table, crashedL2Tables, crashedStePa, crashedStrtabBase, crashedStrtabBaseCfg,
  attachedVmid,
} from '../kernel/smmuTable';
import type { Corruption, S1Context, Scenario } from './types';

/** Queue sizes and SSID bits of the simulated SMMU (IDR1): realistic, and large enough for probe. */
const CMDQS = 19;
const EVTQS = 19;
const PRIQS = 19;
export const SSID_BITS = 20;

/** The abort STE arm_smmu_make_abort_ste() writes: data[0] = V | CFG_ABORT. */
export function abortSte(): Uint8Array {
  const b = new Uint8Array(STRTAB_STE_SIZE);
  new DataView(b.buffer).setBigUint64(0, STRTAB_STE_0_V, true);
  return b;
}

/**
 * A live STE of a device attached in the crashed kernel: even SIDs translate through stage 2
 * with a VMID of their own (attachedVmid, in the model's table layout), odd SIDs bypass (what
 * the ASID/VMID reservation scan walks).
 */
export function attachedSte(sid: number): Uint8Array {
  const b = new Uint8Array(STRTAB_STE_SIZE);
  const v = new DataView(b.buffer);
  const cfg = sid % 2 === 0 ? STRTAB_STE_0_CFG_S2_TRANS : STRTAB_STE_0_CFG_BYPASS;
  v.setBigUint64(0, STRTAB_STE_0_V | FIELD_PREP(STRTAB_STE_0_CFG, cfg), true);
  const vmid = attachedVmid(sid);
  if (vmid !== undefined) v.setBigUint64(16, FIELD_PREP(STRTAB_STE_2_S2VMID, vmid), true);
  return b;
}

/**
 * The STE of an attached SID the crashed kernel gave a stage-1 domain (arm_smmu_make_cdtable_ste
 * for a linear CD table): V | CFG=S1_TRANS | S1FMT=linear | S1ContextPtr | S1CDMAX, no VMID.
 */
export function s1Ste(c: S1Context): Uint8Array {
  const b = new Uint8Array(STRTAB_STE_SIZE);
  const word0 = STRTAB_STE_0_V | FIELD_PREP(STRTAB_STE_0_CFG, STRTAB_STE_0_CFG_S1_TRANS) |
    FIELD_PREP(STRTAB_STE_0_S1FMT, STRTAB_STE_0_S1FMT_LINEAR) | (c.cdtab & STRTAB_STE_0_S1CTXPTR_MASK) |
    FIELD_PREP(STRTAB_STE_0_S1CDMAX, c.s1cdmax);
  new DataView(b.buffer).setBigUint64(0, word0, true);
  return b;
}

/** Word 0 of a valid CD with `asid` (the rest of the CD does not matter to the adoption). */
export function cdWord0(asid: number): bigint {
  return CTXDESC_CD_0_V | FIELD_PREP(CTXDESC_CD_0_ASID, asid);
}

/** The L1 indexes with an L2 table, in the order the crashed kernel allocated them. */
export function attachedL1Indexes(s: Scenario): number[] {
  return crashedL2Tables(s.crashed.table).map((l2) => l2.l1_idx);
}

/** Physical address of the crashed kernel's L2 table for L1 index `idx`, if it has one. */
export function l2TableOf(s: Scenario, idx: number): bigint | undefined {
  return crashedL2Table(s.crashed.table, idx);
}

/** Physical address of `sid`'s STE in the crashed kernel's table, if it exists. */
export function stePa(s: Scenario, sid: number): bigint | undefined {
  return crashedStePa(s.crashed.table, sid);
}

/** The crashed kernel's registers (before corruption), by offset. */
export function crashedRegisters(s: Scenario): Map<number, number> {
  const h = s.hardware;
  const t = s.crashed.table;
  const regs = new Map<number, number>();
  const idr0 = FIELD_PREP(IDR0_ST_LVL, h.two_level ? IDR0_ST_LVL_2LVL : 0) | FIELD_PREP(IDR0_TTENDIAN, IDR0_TTENDIAN_LE) |
    FIELD_PREP(IDR0_TTF, IDR0_TTF_AARCH64) |
    BigInt(IDR0_VMID16 | IDR0_ASID16 | (h.coherent ? IDR0_COHACC : 0) | IDR0_S1P | IDR0_S2P);
  regs.set(ARM_SMMU_IDR0, Number(idr0));
  regs.set(ARM_SMMU_IDR1, Number(FIELD_PREP(IDR1_CMDQS, CMDQS) | FIELD_PREP(IDR1_EVTQS, EVTQS) |
    FIELD_PREP(IDR1_PRIQS, PRIQS) | FIELD_PREP(IDR1_SSIDSIZE, SSID_BITS) | FIELD_PREP(IDR1_SIDSIZE, h.sid_bits)));
  regs.set(ARM_SMMU_IDR3, 0);
  regs.set(ARM_SMMU_IDR5, Number(BigInt(IDR5_GRAN4K) | FIELD_PREP(IDR5_OAS, IDR5_OAS_48_BIT)));
  const cr0 = s.crashed.smmuen ? CR0_SMMUEN | CR0_EVTQEN | CR0_CMDQEN : 0;
  regs.set(ARM_SMMU_CR0, cr0);
  regs.set(ARM_SMMU_CR0ACK, cr0);
  regs.set(ARM_SMMU_GBPA, 0);
  regs.set(ARM_SMMU_GERROR, s.crashed.sfm_err ? GERROR_SFM_ERR : 0);
  regs.set(ARM_SMMU_GERRORN, 0);
  const base = crashedStrtabBase(t);
  regs.set(ARM_SMMU_STRTAB_BASE, Number(base & 0xffffffffn));
  regs.set(ARM_SMMU_STRTAB_BASE + 4, Number(base >> 32n));
  regs.set(ARM_SMMU_STRTAB_BASE_CFG, Number(crashedStrtabBaseCfg(t)));
  return regs;
}

/** Lays the crashed kernel's stream table out in physical memory. */
export function layoutCrashedTable(s: Scenario, phys: PhysicalMemory): void {
  const t = s.crashed.table;
  if (t.fmt === 'linear') {
    const size = BigInt(2 ** t.log2size) * BigInt(STRTAB_STE_SIZE);
    phys.fill(t.base, t.base + size, abortSte());
  } else {
    const descs = crashedL1Descs(t);
    for (const { l1_idx, pa } of crashedL2Tables(t)) {
      phys.fill(pa, pa + STRTAB_L2_SIZE, abortSte());
      const desc = descs.get(l1_idx);
      if (desc !== undefined) phys.write64(crashedL1DescPa(t, l1_idx), desc);
    }
  }
  for (const sid of t.attached) {
    const pa = stePa(s, sid);
    if (pa !== undefined) phys.write(pa, attachedSte(sid));
  }
  // Stage-1 contexts: the STE points at a linear CD table with the valid CDs in it. A context
  // of a SID that has no STE, or a CD beyond 2^S1CDMAX, or in a hole, is left out.
  for (const c of t.s1_contexts ?? []) {
    const pa = stePa(s, c.sid);
    if (pa === undefined || !t.attached.includes(c.sid)) continue;
    phys.write(pa, s1Ste(c));
    for (const cd of c.cds) {
      const cdPa = (c.cdtab & STRTAB_STE_0_S1CTXPTR_MASK) + BigInt(cd.ssid) * BigInt(CTXDESC_CD_SIZE);
      if (cd.ssid < 2 ** c.s1cdmax && !phys.isHole(cdPa)) phys.write64(cdPa, cdWord0(cd.asid));
    }
  }
}

/** Where a memory corruption lands, or undefined when its target does not exist. */
export function corruptionPa(s: Scenario, m: Corruption): bigint | undefined {
  switch (m.target) {
    case 'mem': return m.pa;
    case 'l1': return crashedL1DescPa(s.crashed.table, m.idx);
    case 'ste': {
      const pa = stePa(s, m.sid);
      return pa === undefined ? undefined : pa + BigInt((m.word & (STRTAB_STE_DWORDS - 1)) * 8);
    }
    case 'reg': return undefined;
  }
}

/** Applies one corruption to registers (by offset) or physical memory. */
export function applyCorruption(s: Scenario, m: Corruption, regs: { read: (off: number) => bigint; write: (off: number, v: bigint) => void; is64: (off: number) => boolean }, phys: PhysicalMemory): boolean {
  if (m.target === 'reg') {
    const off = REG_OFFSETS[m.reg];
    const width = regs.is64(off) ? 64 : 32;
    const old = regs.read(off);
    regs.write(off, BigInt.asUintN(width, m.op === 'set' ? m.value : old ^ m.value));
    return true;
  }
  const pa = corruptionPa(s, m);
  if (pa === undefined || phys.isHole(pa)) return false;
  const old = phys.read64(pa);
  phys.write64(pa, m.op === 'set' ? m.value : old ^ m.value);
  return true;
}

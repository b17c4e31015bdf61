import type { Corruption, Scenario } from '../harness/scenario/types';
import { regionIntersectsOwnRam, regionOf } from '../harness/kernel/ramMap';
import {
  FIELD_GET,
  STRTAB_BASE_ADDR_MASK,
  STRTAB_BASE_CFG_FMT,
  STRTAB_BASE_CFG_LOG2SIZE,
  STRTAB_BASE_CFG_SPLIT,
  STRTAB_L1_DESC_L2PTR_MASK,
  STRTAB_L1_DESC_SPAN,
  STRTAB_SPLIT,
  L2_TABLE_SIZE,
  arm_smmu_strtab_l1_idx,
  mainlineFmt,
  num_l1_ents,
  strtabBytes,
} from './_internals/kernel';

/** Labels of one corruption's decoded value (boundaries reached), prefix `cfg.`, `l1.`, `base.`. */
function corruptionValueLabels(m: Corruption, s: Scenario): string[] {
  const out: string[] = [];
  if (m.op !== 'set') return out;
  const sid_bits = s.hardware.sid_bits;
  if (m.target === 'reg' && m.reg === 'STRTAB_BASE_CFG') {
    if (m.kind === 'STRTAB_BASE_CFG:fmt') out.push(`cfg.fmt:${FIELD_GET(STRTAB_BASE_CFG_FMT, m.value)}`);
    if (m.kind === 'STRTAB_BASE_CFG:split') out.push(`cfg.split:${FIELD_GET(STRTAB_BASE_CFG_SPLIT, m.value)}`);
    if (m.kind === 'STRTAB_BASE_CFG:log2size') {
      const v = FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, m.value);
      out.push(`cfg.log2size:${v}`);
      if (v === STRTAB_SPLIT - 1) out.push('cfg.log2size:=split-1');
      if (v === STRTAB_SPLIT) out.push('cfg.log2size:=split');
      if (v === sid_bits) out.push('cfg.log2size:=sid_bits');
      if (v === sid_bits + 1) out.push('cfg.log2size:=sid_bits+1');
    }
  }
  if (m.target === 'reg' && m.reg === 'STRTAB_BASE') {
    // how the kdump kernel's memremap() of the table (its true size) would see the new address
    const pa = m.value & STRTAB_BASE_ADDR_MASK;
    const size = strtabBytes(s.crashed.table.fmt, sid_bits);
    out.push(`base.memremap:${regionIntersectsOwnRam(pa, size)}`);
    if (regionOf(pa).kind === 'hole' || regionOf(pa + size - 1n).kind === 'hole') out.push('base.hole');
  }
  if (m.target === 'l1') {
    out.push(`l1.span:${FIELD_GET(STRTAB_L1_DESC_SPAN, m.value)}`);
    const l2 = m.value & STRTAB_L1_DESC_L2PTR_MASK;
    if (l2 !== 0n) out.push(`l1.l2ptr.memremap:${regionIntersectsOwnRam(l2, L2_TABLE_SIZE)}`);
  }
  return out;
}

/**
 * Classify a scenario for generation statistics (fc.statistics-style: one scenario, many
 * labels): the hardware and table shape, each corruption kind and the boundary it reached, DMA
 * targets, fault sites, the teardown policy, and what kinds of SIDs are inserted.
 */
export function scenarioLabels(s: Scenario): string[] {
  const labels: string[] = [];
  const hw = s.hardware;
  const t = s.crashed.table;
  labels.push(`fmt:${t.fmt}`, `sid_bits:${hw.sid_bits}`, hw.two_level ? 'hw:2lvl' : 'hw:linear-only');
  if (t.fmt !== mainlineFmt(hw)) labels.push(`fmt:${t.fmt}-not-mainline`);
  if (!hw.coherent) labels.push('hw:non-coherent');
  labels.push(s.kdump ? 'kdump' : 'kdump:no');
  if (!s.crashed.smmuen) labels.push('smmuen:off');
  if (s.crashed.sfm_err) labels.push('sfm_err');
  if (s.kdump && s.crashed.smmuen && hw.coherent && !s.crashed.sfm_err) labels.push('adopt:attempted');
  labels.push(t.attached.length === 0 ? 'attached:none' : `attached:${Math.min(t.attached.length, 3)}${t.attached.length > 3 ? '+' : ''}`);

  for (const c of s.crashed.table.s1_contexts ?? []) labels.push('crashed:s1-context', ...c.cds.map((cd) => (cd.asid === 0 ? 'crashed:cd-asid-0' : 'crashed:cd-asid')));

  if (s.corruption.length === 0) labels.push('corruption:none');
  for (const m of s.corruption) labels.push(m.kind, ...corruptionValueLabels(m, s));

  if (s.dma.length === 0) labels.push('dma:none');
  for (const d of s.dma) {
    labels.push(`dma:${d.target}`, `dma:${d.kind}`, ...corruptionValueLabels(d, s).map((l) => `dma:${l}`));
    if (d.during_probe !== undefined) labels.push(`dma:during-probe-${d.during_probe}`);
    else if (d.before_insert === 0) labels.push('dma:after-probe');
    else if (d.before_insert === s.inserts.length) labels.push('dma:before-teardown');
    else labels.push('dma:between-inserts');
  }

  if (s.faults.length === 0) labels.push('faults:none');
  for (const f of s.faults) labels.push(`fault:${f.site}`, `fault.nth:${f.nth}`);

  labels.push(`policy:${s.teardown.policy}`);

  const limit = 2 ** hw.sid_bits;
  const last = limit - 1;
  if (s.inserts.length === 0) labels.push('inserts:none');
  const seenL1 = new Map<number, Set<number>>();
  for (const sid of t.attached) {
    const l1 = arm_smmu_strtab_l1_idx(sid);
    if (!seenL1.has(l1)) seenL1.set(l1, new Set());
    seenL1.get(l1)!.add(sid);
  }
  for (const sid of s.inserts) {
    if (sid >= limit) labels.push('inserts:out-of-range');
    else if (t.fmt === '2lvl' && arm_smmu_strtab_l1_idx(sid) >= num_l1_ents(hw.sid_bits)) labels.push('inserts:beyond-l1');
    if (t.attached.includes(sid)) labels.push('inserts:attached');
    if (sid === 0) labels.push('inserts:sid=0');
    if (sid === 255) labels.push('inserts:sid=255');
    if (sid === 256) labels.push('inserts:sid=256');
    if (sid === last) labels.push('inserts:sid=2^sid_bits-1');
    const l1 = arm_smmu_strtab_l1_idx(sid);
    const same = seenL1.get(l1);
    if (same && [...same].some((o) => o !== sid)) labels.push('inserts:shared-l1');
    if (!same) seenL1.set(l1, new Set([sid]));
    else same.add(sid);
  }
  return [...new Set(labels)];
}

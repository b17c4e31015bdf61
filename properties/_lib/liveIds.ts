/**
 * The VMIDs and ASIDs the SMMU uses for the stream table it walks: from STRTAB_BASE /
 * STRTAB_BASE_CFG as the registers hold them (ADDR aligned down to the table size, as the
 * hardware does), through L1 descriptors and L2 tables, to every valid STE's S2VMID (stage 2,
 * nested) or, for stage 1, every valid CD's ASID in its CD table. Read from the memory snapshot
 * with this file's own decoding (kernel.ts), not the driver's nor the simulator's.
 */
import type { PhysSnapshot } from '../../harness/scenario/types';
import {
  CD_SIZE, CTXDESC_L1_DESC_L2PTR_MASK, CTXDESC_L1_DESC_V, CTXDESC_L2_ENTRIES, STE_SIZE,
  STRTAB_BASE_ADDR_MASK, STRTAB_STE_0_S1FMT_64K_L2, STRTAB_STE_0_S1FMT_LINEAR, decodeCdWord0,
  decodeL1Desc, decodeStrtabBaseCfg, decodeSteIds,
} from './kernel';
import { SnapshotReader, word } from './snapshot';

export interface LiveId {
  kind: 'vmid' | 'asid';
  id: number;
  /** The stream whose STE uses it, and that STE's physical address. */
  sid: number;
  ste_pa: bigint;
  /** ASIDs: the substream (CD index). */
  ssid?: number;
}

/**
 * Architectural SPAN limit (KERNEL_FACTS.md, as walkedL2 in kernel.ts reads it): SPAN 1..11
 * names an L2 array of 2^(SPAN-1) STEs; 12..31 are reserved and walk nothing, as SPAN 0.
 */
const MAX_SPAN = 11;

const alignDown = (x: bigint, size: bigint) => x - (x % size);

export function liveIds(snap: PhysSnapshot, strtabBase: bigint, strtabBaseCfg: bigint, sidBits: number): LiveId[] {
  const mem = new SnapshotReader(snap);
  const out: LiveId[] = [];
  const cfg = decodeStrtabBaseCfg(strtabBaseCfg);
  const log2 = Math.min(cfg.log2size, sidBits);
  const addr = strtabBase & STRTAB_BASE_ADDR_MASK;

  const ste = (sid: number, pa: bigint, bytes: Uint8Array) => {
    const d = decodeSteIds(word(bytes, 0), word(bytes, 16));
    if (!d.valid) return;
    if (d.vmid !== undefined) out.push({ kind: 'vmid', id: d.vmid, sid, ste_pa: pa });
    if (d.cdtab) for (const cd of liveCds(mem, d.cdtab)) out.push({ kind: 'asid', id: cd.asid, ssid: cd.ssid, sid, ste_pa: pa });
  };

  if (cfg.fmtName === 'linear') {
    const size = (1n << BigInt(log2)) * STE_SIZE;
    const base = alignDown(addr, size);
    for (const c of mem.chunks(base, base + size, Number(STE_SIZE))) ste(Number((c.pa - base) / STE_SIZE), c.pa, c.bytes);
  } else if (cfg.fmtName === '2lvl') {
    const l1Ents = 1n << BigInt(Math.max(0, log2 - cfg.split));
    const size = l1Ents * 8n;
    const base = alignDown(addr, size < 64n ? 64n : size);
    for (const c of mem.chunks(base, base + size, 8)) {
      const { span, l2ptr } = decodeL1Desc(word(c.bytes, 0));
      if (span === 0 || span > MAX_SPAN) continue;
      const stes = 1n << BigInt(Math.min(span - 1, cfg.split));
      const l2 = alignDown(l2ptr, stes * STE_SIZE);
      const idx = Number((c.pa - base) / 8n);
      for (const s of mem.chunks(l2, l2 + stes * STE_SIZE, Number(STE_SIZE))) {
        ste(idx * 2 ** cfg.split + Number((s.pa - l2) / STE_SIZE), s.pa, s.bytes);
      }
    }
  }
  return out;
}

function liveCds(mem: SnapshotReader, t: { base: bigint; fmt: number; s1cdmax: number }): { ssid: number; asid: number }[] {
  const out: { ssid: number; asid: number }[] = [];
  const n = 1n << BigInt(t.s1cdmax);
  const cds = (base: bigint, count: bigint, first: number) => {
    for (const c of mem.chunks(base, base + count * CD_SIZE, Number(CD_SIZE))) {
      const cd = decodeCdWord0(word(c.bytes, 0));
      if (cd.valid) out.push({ ssid: first + Number((c.pa - base) / CD_SIZE), asid: cd.asid });
    }
  };
  if (t.fmt === STRTAB_STE_0_S1FMT_LINEAR) {
    cds(t.base, n, 0);
  } else if (t.fmt === STRTAB_STE_0_S1FMT_64K_L2) {
    const leaves = (n + BigInt(CTXDESC_L2_ENTRIES) - 1n) / BigInt(CTXDESC_L2_ENTRIES);
    const perLeaf = n < BigInt(CTXDESC_L2_ENTRIES) ? n : BigInt(CTXDESC_L2_ENTRIES);
    for (const c of mem.chunks(t.base, t.base + leaves * 8n, 8)) {
      const desc = word(c.bytes, 0);
      if ((desc & CTXDESC_L1_DESC_V) === 0n) continue;
      cds(desc & CTXDESC_L1_DESC_L2PTR_MASK, perLeaf, Number((c.pa - t.base) / 8n) * CTXDESC_L2_ENTRIES);
    }
  }
  return out;
}

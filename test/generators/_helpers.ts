/** Shared by the generator specs: fixed contexts, bigint -> hex, a Scenario well-formedness check. */
import fc from 'fast-check';
import type { CrashedTable, Hardware, Corruption, Scenario } from '../../harness/scenario/types';
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE, isAllRam, regionOf } from '../../harness/kernel/ramMap';
import type { CorruptionContext } from '../../generators';
import {
  L2_TABLE_SIZE,
  SID_MAX,
  U32_MAX,
  U64_MAX,
  attachableSidLimit,
  crashedL2Tables,
  mainlineFmt,
  mainlineLog2size,
  num_l1_ents,
  regWidth,
  strtabAlign,
  strtabBytes,
} from '../../generators/_internals/kernel';

/** The seed of every "no regression" snapshot and reachability sample. */
export const SEED = 0x5eed;

/** JSON with 64-bit values as hex strings (as the corpus stores them). */
export function toHexJson(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x)));
}

/** A fixed sample of `arb`, JSON-able, for toMatchSnapshot. */
export function snapshotSample<T>(arb: fc.Arbitrary<T>, numRuns = 5): unknown {
  return toHexJson(fc.sample(arb, { seed: SEED, numRuns }));
}

function table(hardware: Hardware, fmt: CrashedTable['fmt'], attached: number[]): CorruptionContext {
  return {
    hardware,
    table: { fmt, base: CRASHED_STRTAB_BASE, log2size: mainlineLog2size(fmt, hardware.sid_bits), attached, l2_base: CRASHED_L2_BASE },
  };
}

/** Fixed crashed states the corruption builders are exercised on. */
export const CTX = {
  /** sid_bits 16, 2-level: 256 L1 descriptors (2 KiB), three L2 tables (L1 0, 1, 18). */
  twoLevel16: table({ sid_bits: 16, two_level: true, coherent: true }, '2lvl', [0, 255, 256, 4660]),
  /** sid_bits 32, 2-level: the 2^17-entry cap (1 MiB L1), the last coverable SID attached. */
  twoLevel32: table({ sid_bits: 32, two_level: true, coherent: true }, '2lvl', [0x1ff_ffff]),
  /** sid_bits 9, 2-level: 2 descriptors, a 16-byte L1 table; one L2 table. */
  twoLevel9: table({ sid_bits: 9, two_level: true, coherent: true }, '2lvl', [5]),
  /** sid_bits 12, 2-level, nothing attached: no L2 table exists. */
  twoLevelEmpty: table({ sid_bits: 12, two_level: true, coherent: true }, '2lvl', []),
  /** sid_bits 8, linear (mainline: sid_bits <= STRTAB_SPLIT), 16 KiB table. */
  linear8: table({ sid_bits: 8, two_level: true, coherent: true }, 'linear', [3]),
  /** sid_bits 16, linear-only hardware, 4 MiB table. */
  linear16: table({ sid_bits: 16, two_level: false, coherent: true }, 'linear', [0, 65535]),
} satisfies Record<string, CorruptionContext>;

function checkCorruption(m: Corruption, s: Pick<Scenario, 'hardware' | 'crashed'>, where: string, out: string[]): void {
  const t = s.crashed.table;
  const w = m.target === 'reg' ? regWidth(m.reg) : 64;
  if (typeof m.kind !== 'string' || m.kind.length === 0) out.push(`${where}: no kind`);
  if (m.value < 0n || m.value > (w === 64 ? U64_MAX : U32_MAX)) out.push(`${where}: value ${m.value} does not fit ${w} bits`);
  if (m.op === 'xor' && m.value === 0n) out.push(`${where}: xor with 0 is a no-op`);
  if (m.target === 'l1') {
    if (t.fmt !== '2lvl') out.push(`${where}: l1 corruption on a linear table`);
    if (!Number.isInteger(m.idx) || m.idx < 0 || m.idx >= num_l1_ents(s.hardware.sid_bits)) out.push(`${where}: l1 idx ${m.idx} outside the L1 table`);
  }
  if (m.target === 'ste') {
    if (m.word < 0 || m.word > 7 || !Number.isInteger(m.word)) out.push(`${where}: ste word ${m.word}`);
    if (m.sid < 0 || m.sid >= attachableSidLimit(t.fmt, s.hardware.sid_bits)) out.push(`${where}: ste sid ${m.sid} outside the table`);
    if (t.fmt === '2lvl' && !crashedL2Tables(t).some((l2) => l2.l1_idx === m.sid >>> 8)) out.push(`${where}: ste sid ${m.sid} has no L2 table`);
  }
  if (m.target === 'mem' && m.pa % 8n !== 0n) out.push(`${where}: mem pa ${m.pa} not 8-byte aligned`);
}

/** Everything a generated Scenario promises, as a list of broken promises (empty = fine). */
export function wellFormedProblems(s: Scenario): string[] {
  const out: string[] = [];
  const hw = s.hardware;
  const t = s.crashed.table;
  if (!Number.isInteger(hw.sid_bits) || hw.sid_bits < 1 || hw.sid_bits > 32) out.push(`sid_bits ${hw.sid_bits}`);
  if (t.fmt === '2lvl' && mainlineFmt(hw) !== '2lvl') out.push('2lvl table on hardware where mainline builds linear (not generated unless forced)');
  if (t.log2size !== mainlineLog2size(t.fmt, hw.sid_bits)) out.push(`log2size ${t.log2size} != mainline's ${mainlineLog2size(t.fmt, hw.sid_bits)}`);
  if (t.fmt === '2lvl' && t.log2size > 25) out.push(`2lvl log2size ${t.log2size} > 25`);
  if (t.fmt === 'linear' && t.log2size !== hw.sid_bits) out.push('linear log2size != sid_bits');
  const size = strtabBytes(t.fmt, hw.sid_bits);
  if (t.base % strtabAlign(t.fmt, hw.sid_bits) !== 0n) out.push(`base ${t.base.toString(16)} not aligned to the table size ${size}`);
  if (!isAllRam(t.base, size) || regionOf(t.base).kind !== 'crashed' || regionOf(t.base + size - 1n).kind !== 'crashed') out.push('table not in crashed RAM');
  if (t.l2_base % L2_TABLE_SIZE !== 0n) out.push('l2_base not 16 KiB aligned');
  for (const l2 of crashedL2Tables(t)) {
    if (regionOf(l2.pa).kind !== 'crashed' || regionOf(l2.pa + L2_TABLE_SIZE - 1n).kind !== 'crashed') out.push(`L2 table ${l2.pa.toString(16)} not in crashed RAM`);
    if (l2.pa < t.base + size && t.base < l2.pa + L2_TABLE_SIZE) out.push('L2 table overlaps the L1 table');
  }
  for (const [i, sid] of t.attached.entries()) {
    if (!Number.isInteger(sid) || sid < 0 || sid >= 2 ** hw.sid_bits) out.push(`attached SID ${sid} >= 2^sid_bits`);
    if (sid >= attachableSidLimit(t.fmt, hw.sid_bits)) out.push(`attached SID ${sid} beyond the table`);
    if (i > 0 && t.attached[i - 1] >= sid) out.push('attached not sorted and unique');
  }
  for (const c of t.s1_contexts ?? []) {
    if (!t.attached.includes(c.sid)) out.push(`s1 context of SID ${c.sid}, not attached`);
    if (c.cds.some((cd) => cd.ssid >= 2 ** c.s1cdmax)) out.push(`s1 context of SID ${c.sid}: a CD beyond S1CDMAX`);
  }
  s.corruption.forEach((m, i) => checkCorruption(m, s, `corruption[${i}]`, out));
  s.dma.forEach((d, i) => {
    checkCorruption(d, s, `dma[${i}]`, out);
    if (d.target === 'reg') out.push(`dma[${i}]: a device cannot write a register`);
    if (d.during_probe !== undefined) {
      if (!['after_init', 'after_reset'].includes(d.during_probe) || 'before_insert' in d) out.push(`dma[${i}].during_probe ${d.during_probe}`);
    } else if (!Number.isInteger(d.before_insert) || d.before_insert < 0 || d.before_insert > s.inserts.length) out.push(`dma[${i}].before_insert ${d.before_insert}`);
  });
  for (const f of s.faults) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*:[a-z_]+$/.test(f.site)) out.push(`fault site ${f.site}`);
    if (!Number.isInteger(f.nth) || f.nth < 1 || f.nth > 4) out.push(`fault nth ${f.nth}`);
  }
  for (const sid of s.inserts) if (!Number.isInteger(sid) || sid < 0 || sid > SID_MAX) out.push(`insert SID ${sid} not a u32`);
  if (!['keep', 'zero', 'ones', 'garbage'].includes(s.teardown.policy)) out.push(`policy ${s.teardown.policy}`);
  if (s.teardown.policy !== 'garbage' && s.teardown.garbage_seed !== 0) out.push('garbage_seed set without the garbage policy');
  return out;
}

/** Labels seen over a fixed-seed sample. */
export function labelsOf<T>(arb: fc.Arbitrary<T>, classify: (v: T) => string[], numRuns: number): Set<string> {
  const seen = new Set<string>();
  for (const v of fc.sample(arb, { seed: SEED, numRuns })) for (const l of classify(v)) seen.add(l);
  return seen;
}

export function missing(seen: Set<string>, wanted: readonly string[]): string[] {
  return wanted.filter((w) => !seen.has(w));
}

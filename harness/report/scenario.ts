/**
 * A Scenario in kernel terms: the registers the crashed kernel left (STRTAB_BASE by ADDR/RA,
 * STRTAB_BASE_CFG by FMT/SPLIT/LOG2SIZE), its L1 descriptors by index/SPAN/L2PTR, then each
 * corruption, DMA write, injected fault, insert and the register policy at teardown.
 */
import { toHex } from '../corpus/hex';
import { STRTAB_L2_SIZE, STRTAB_SPLIT } from '../kernel/smmuRegs';
import { crashedL1Descs, crashedStrtabBase, crashedStrtabBaseCfg } from '../kernel/smmuTable';
import { attachedVmid } from '../kernel/smmuTable';
import type { DmaWrite, Corruption, RegName, Scenario } from '../scenario/types';
import { applyOp, decodeRegister, flippedFields } from './registers';
import { bytes } from './units';

const sid = (n: number) => `SID ${toHex(BigInt(n))}`;
const l1Idx = (n: number) => n >>> STRTAB_SPLIT;

function describeCorruption(m: Corruption, regs: Map<RegName, bigint>): string {
  const op = (name: RegName | 'L1_DESC') => m.op === 'set'
    ? `set ${decodeRegister(name, m.value)}`
    : `xor ${toHex(m.value)} (${flippedFields(name, m.value)})`;
  switch (m.target) {
    case 'reg': {
      let text = `${m.kind}: ${m.reg} ${op(m.reg)}`;
      const old = regs.get(m.reg);
      if (old !== undefined) {
        const now = applyOp(old, m.op, m.value);
        regs.set(m.reg, now);
        if (m.op === 'xor') text += ` -> ${decodeRegister(m.reg, now)}`;
      }
      return text;
    }
    case 'l1': return `${m.kind}: L1[${m.idx}] (${sid(m.idx << STRTAB_SPLIT)}..) ${op('L1_DESC')}`;
    case 'ste': return `${m.kind}: STE of ${sid(m.sid)} word ${m.word} ${m.op} ${toHex(m.value)}`;
    case 'mem': return `${m.kind}: 64-bit word at PA ${toHex(m.pa)} ${m.op} ${toHex(m.value)}`;
  }
}

function whenDma(d: DmaWrite, s: Scenario): string {
  if (d.during_probe !== undefined) {
    return d.during_probe === 'after_init'
      ? 'during probe, after arm_smmu_init_structures() (before the RMR bypass STEs and the reset)'
      : 'during probe, after arm_smmu_device_reset()';
  }
  if (d.before_insert === 0) return 'right after probe';
  if (d.before_insert >= s.inserts.length) return 'before teardown';
  return `before insert #${d.before_insert} (${sid(s.inserts[d.before_insert])})`;
}

function splitSite(site: string): { fn: string; service: string } {
  const i = site.lastIndexOf(':');
  return i < 0 ? { fn: site, service: '?' } : { fn: site.slice(0, i), service: site.slice(i + 1) };
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}

export function describeScenario(s: Scenario): string[] {
  const t = s.crashed.table;
  const pad = (label: string) => '  ' + label.padEnd(13);
  const cont = ' '.repeat(15);
  const lines: string[] = [];
  lines.push(`${pad('hardware')}IDR1.SIDSIZE sid_bits=${s.hardware.sid_bits}, ` +
    `${s.hardware.two_level ? '2-level stream table supported' : 'linear stream table only'}, ` +
    `${s.hardware.coherent ? 'coherent' : 'not coherent'}`);
  lines.push(`${pad('boot')}${s.kdump ? 'kdump kernel (is_kdump_kernel())' : 'normal boot (not kdump)'}`);
  lines.push(`${pad('crashed')}CR0.SMMUEN=${+s.crashed.smmuen} GERROR.SFM_ERR=${+s.crashed.sfm_err}; ` +
    `${t.fmt === '2lvl' ? '2-level' : 'linear'} stream table at PA ${toHex(t.base)}, LOG2SIZE ${t.log2size}`);

  const regs = new Map<RegName, bigint>([
    ['STRTAB_BASE', crashedStrtabBase(t)],
    ['STRTAB_BASE_CFG', crashedStrtabBaseCfg(t)],
  ]);
  lines.push(`${cont}STRTAB_BASE     ${decodeRegister('STRTAB_BASE', regs.get('STRTAB_BASE')!)}`);
  lines.push(`${cont}STRTAB_BASE_CFG ${decodeRegister('STRTAB_BASE_CFG', regs.get('STRTAB_BASE_CFG')!)}`);
  if (t.attached.length > 0) {
    lines.push(`${cont}attached        ${t.attached.map((n) => `${sid(n)} (L1[${l1Idx(n)}])`).join(', ')}`);
  }
  for (const [idx, desc] of crashedL1Descs(t)) {
    lines.push(`${cont}L1[${idx}]${' '.repeat(Math.max(1, 12 - String(idx).length))}${decodeRegister('L1_DESC', desc)} -> ${bytes(STRTAB_L2_SIZE)} L2 table`);
  }
  if (t.attached.length > 0) {
    const s1 = new Set((t.s1_contexts ?? []).map((c) => c.sid));
    const s2 = t.attached.filter((n) => attachedVmid(n) !== undefined && !s1.has(n));
    if (s2.length > 0) lines.push(`${cont}stage 2         ${s2.map((n) => `${sid(n)} VMID ${attachedVmid(n)}`).join(', ')} (odd SIDs bypass)`);
  }
  for (const c of t.s1_contexts ?? []) {
    lines.push(`${cont}stage 1         ${sid(c.sid)}: linear CD table at PA ${toHex(c.cdtab)}, S1CDMAX ${c.s1cdmax} (${2 ** c.s1cdmax} CDs); ` +
      `valid CDs ${c.cds.map((cd) => `SSID ${cd.ssid} ASID ${cd.asid}`).join(', ')}`);
  }

  const listed = <T>(label: string, items: readonly T[], show: (x: T, i: number) => string) => {
    if (items.length === 0) { lines.push(`${pad(label)}(none)`); return; }
    items.forEach((x, i) => lines.push(`${i === 0 ? pad(label) : cont}[${i}] ${show(x, i)}`));
  };
  listed('corruption', s.corruption, (m) => describeCorruption(m, regs));
  listed('DMA writes', s.dma, (d) => `${whenDma(d, s)}: ${describeCorruption(d, regs)}`);
  listed('faults', s.faults, (f) => {
    const { fn, service } = splitSite(f.site);
    return `fail the ${ordinal(f.nth)} call of ${service}() in ${fn}()`;
  });
  listed('inserts', s.inserts, (n) => `${sid(n)} (L1[${l1Idx(n)}], STE ${n & 0xff})`);
  lines.push(`${pad('teardown')}runtime PM put, then registers read back as "${s.teardown.policy}"` +
    (s.teardown.policy === 'garbage' ? ` (garbage_seed ${s.teardown.garbage_seed})` : ''));
  return lines;
}

/**
 * What the kernel did in one run, for a reader: the probe result and strtab_cfg, the trace of
 * kernel-service calls (long traces keep their head and tail), the kernel log as dmesg lines,
 * WARN_ONs, a crash, and the ledger of what leaked or was misused with its call sites.
 */
import { toHex } from '../corpus/hex';
import type { LedgerEntry, Outcome, Phase } from '../scenario/types';
import { bytes } from './units';

/** "[   probe]": the phase where a dmesg timestamp would be. */
export function phaseTag(phase: Phase): string {
  return `[${phase.padStart(8)}]`;
}

export function describeProbe(o: Outcome, baseline?: Outcome): string[] {
  const lines: string[] = [];
  const probe = o.probe_ret === undefined ? 'did not return (crashed)'
    : o.probe_ret === 0 ? 'returned 0 (bound)' : `returned ${o.probe_ret}${o.probe_failed_at ? ` in ${o.probe_failed_at}` : ''}`;
  lines.push(`  probe        ${probe}; KDUMP_ADOPT ${o.adopt_attempted ? (o.adopted ? 'set, table adopted' : 'set, then fell back') : 'not set'}`);
  const cfg = o.after_init?.strtab_cfg;
  if (cfg) {
    lines.push(`  strtab_cfg   after init: l1tab=${toHex(cfg.l1tab)} l2ptrs=${toHex(cfg.l2ptrs)} l1_dma=${toHex(cfg.l1_dma)} ` +
      `num_l1_ents=${cfg.num_l1_ents} (linear view: num_ents=${cfg.num_ents})`);
  }
  lines.push(`  peak live    ${bytes(o.peak_live_bytes)} at step ${o.peak_live_step}` +
    (baseline ? `; the same scenario on mainline, normal boot: ${bytes(baseline.peak_live_bytes)}` : ''));
  const res = o.reservations;
  if (res && Object.values(res).some((r) => r && (r.asids.length > 0 || r.vmids.length > 0))) {
    const show = (r: NonNullable<typeof res.after_init>) =>
      `ASIDs ${r.asids.map((a) => `${a.asid}${a.value ? '' : ' (pointer)'}`).join(', ') || 'none'}; VMIDs ${r.vmids.map((v) => v.vmid).join(', ') || 'none'}`;
    for (const [when, label] of [['after_init', 'after init'], ['after_probe', 'after probe'], ['after_teardown', 'after unbind']] as const) {
      const r = res[when];
      if (r) lines.push(`  reserved     ${label}: ${show(r)}`);
    }
  }
  for (const n of o.model_notes ?? []) {
    lines.push(`  MODEL        ${n.service}() by ${n.site}:${n.line} in ${n.phase} (step ${n.step}): ${n.note}`);
  }
  for (const r of o.inserts) {
    lines.push(`  insert       SID ${toHex(BigInt(r.sid))} -> ${r.ret}` +
      (r.l1_desc_before !== undefined ? `, L1 desc ${toHex(r.l1_desc_before)} -> ${toHex(r.l1_desc_after ?? 0n)}` : ''));
  }
  if (o.crash) {
    lines.push(`  CRASH        ${o.crash.kind} in ${o.crash.phase}: ${o.crash.message}` +
      (o.crash.pa !== undefined ? ` (PA ${toHex(o.crash.pa)})` : ''));
    if (o.crash.stack.length > 0) lines.push(`               stack: ${o.crash.stack.join(' <- ')}`);
  }
  return lines;
}

/** Trace lines; beyond `limit`, the first quarter and the last part with a count in between. */
export function describeTrace(o: Outcome, limit = 60): string[] {
  const line = (t: Outcome['trace'][number]) =>
    `  ${phaseTag(t.phase)} #${t.step} ${t.call}(${t.args})${t.ret !== undefined ? ` = ${t.ret}` : ''}`;
  if (o.trace.length <= limit) return o.trace.map(line);
  const head = Math.floor(limit / 4);
  const tail = limit - head;
  return [
    ...o.trace.slice(0, head).map(line),
    `  ... ${o.trace.length - limit} more calls (of ${o.trace.length}; all of them in --json) ...`,
    ...o.trace.slice(-tail).map(line),
  ];
}

/** The kernel log as dmesg prints it: `[   probe] arm-smmu-v3: kdump: ...`, WARN_ONs included. */
export function describeLog(o: Outcome): string[] {
  type Row = { step: number; text: string };
  const rows: Row[] = o.log.map((l) => {
    const text = l.text.replace(/\n$/, '');
    return { step: l.step, text: `${phaseTag(l.phase)} ${text.startsWith('arm-smmu-v3') ? '' : 'arm-smmu-v3: '}${text}` };
  });
  for (const w of o.warnings) {
    rows.push({ step: w.step, text: `${phaseTag(w.phase)} WARNING: at ${w.file}:${w.line} WARN_ON(${w.cond})` });
  }
  return rows.sort((a, b) => a.step - b.step).map((r) => '  ' + r.text);
}

function describeEntry(e: LedgerEntry): string {
  const where = e.pa !== undefined ? ` PA ${toHex(e.pa)}` : '';
  const what = e.kind === 'devres_action' ? `devres action ${e.action ?? '?'}` : `${e.kind} ${bytes(e.size)} at ${toHex(e.addr)}${where}`;
  const released = e.released_at === undefined ? 'never released'
    : `released at step ${e.released_at}${e.released_by ? ` by ${e.released_by}` : ''}`;
  return `#${e.id} ${what}, acquired in ${e.site}:${e.line} (${e.phase}, step ${e.acquired_at}), ${released}`;
}

/** Violations, each with the ledger entry it is about. */
export function describeLedger(o: Outcome): string[] {
  if (o.violations.length === 0) return ['  (no leak or misuse)'];
  const byId = new Map(o.ledger.map((e) => [e.id, e]));
  const lines: string[] = [];
  for (const v of o.violations) {
    lines.push(`  ${v.kind}: ${v.message}${v.site ? ` [${v.site}]` : ''} (${v.phase}, step ${v.step})`);
    const e = v.entry !== undefined ? byId.get(v.entry) : undefined;
    if (e) lines.push(`      ${describeEntry(e)}`);
  }
  return lines;
}

import type { AttachDeferredCall, InsertResult, Property, PropertyContext, Verdict } from '../harness/scenario/types';
import { hex } from './_lib/format';
import {
  STRTAB_STE_0_CFG_ABORT, STRTAB_STE_0_CFG_BYPASS, STRTAB_STE_0_CFG_NESTED, STRTAB_STE_0_CFG_S1_TRANS,
  STRTAB_SPLIT, STRTAB_STE_0_CFG_S2_TRANS, STRTAB_STE_0_V, describeL1Desc,
} from './_lib/kernel';
import { adoptedTable } from './_lib/outcome';
import { SnapshotReader } from './_lib/snapshot';
import { PASS, allOf, fail } from './_lib/verdict';

const NAME = 'attach-deferred-for-live-ste';

/** The decision's home in every revision that carries it (the iommu_ops callback's name). */
const WHERE = 'arm_smmu_is_attach_deferred';

const CFG_NAMES: Record<number, string> = {
  [STRTAB_STE_0_CFG_ABORT]: 'ABORT',
  [STRTAB_STE_0_CFG_BYPASS]: 'BYPASS',
  [STRTAB_STE_0_CFG_S1_TRANS]: 'S1_TRANS',
  [STRTAB_STE_0_CFG_S2_TRANS]: 'S2_TRANS',
  [STRTAB_STE_0_CFG_NESTED]: 'NESTED',
};

/** What the STE the SMMU walks says about in-flight DMA, in this file's own reading. */
interface Reading {
  /** V=1 and Cfg != ABORT: the device's DMA is being translated (or bypassed) by the adopted STE. */
  live: boolean;
  /** For the signature: why it is not live (or 'live'). */
  kind: 'live' | 'abort-ste' | 'invalid-ste' | 'no-ste';
  says: string;
}

function read(call: AttachDeferredCall): Reading {
  const w = call.walk;
  const at = w.ste_pa !== undefined ? ` at PA ${hex(w.ste_pa)}` : '';
  const l1 = w.l1_desc !== undefined ? ` through ${describeL1Desc(w.l1_desc)}` : '';
  if (!w.ste) {
    const why: Record<string, string> = {
      'smmu-disabled': 'the SMMU is disabled (CR0.SMMUEN=0): no STE is walked',
      'reserved-fmt': 'STRTAB_BASE_CFG names a reserved format: no STE is walked',
      'sid-out-of-range': 'the SID is beyond STRTAB_BASE_CFG.LOG2SIZE: the SMMU walks no STE for it',
      'l1-invalid': `the L1 descriptor is invalid${l1} (SPAN 0 or reserved): the SMMU walks no L2 table`,
      'sid-beyond-span': `the SID is beyond the L2 array${l1}: the SMMU walks no STE for it`,
      hole: `the walk reads a physical hole${at}${l1}: the SMMU's walk aborts and the transaction is terminated`,
    };
    return { live: false, kind: 'no-ste', says: why[w.stop ?? ''] ?? `no STE (${w.stop})` };
  }
  const word0 = w.ste[0];
  const valid = (word0 & STRTAB_STE_0_V) !== 0n;
  const cfg = Number((word0 >> 1n) & 7n);
  const cfgName = CFG_NAMES[cfg] ?? `reserved ${cfg}`;
  const ste = `the STE the SMMU walks${at}${l1} has word 0 ${hex(word0)} (V=${valid ? 1 : 0}, Cfg=${cfgName})`;
  if (!valid) return { live: false, kind: 'invalid-ste', says: ste };
  if (cfg === STRTAB_STE_0_CFG_ABORT) return { live: false, kind: 'abort-ste', says: ste };
  return { live: true, kind: 'live', says: ste };
}

/** The call did not return: what stopped it, from the run's crash or KASAN-like reports. */
function faultOf(ctx: PropertyContext, ins: InsertResult): Verdict {
  const o = ctx.outcome;
  const call = ins.attach_deferred!;
  const reports = o.violations.slice(call.violations_from, call.violations_to);
  const verdicts: Verdict[] = reports.map((v) =>
    fail(NAME, v.kind, WHERE, `ops->is_attach_deferred() for SID ${hex(ins.sid)}, right after its successful insert: ${v.message} — an oops in the kdump kernel, and the vmcore is lost.`),
  );
  const c = o.crash;
  if (ins.attach_deferred?.deferred === undefined && c && c.kind !== 'harness-limit') {
    const fn = c.stack.find((f) => /is_attach_deferred/.test(f)) ?? c.stack.find((f) => /^arm_smmu_/.test(f)) ?? WHERE;
    const what = c.kind === 'external-abort' ? 'external-abort' : 'trap';
    verdicts.push(fail(NAME, what, fn,
      `ops->is_attach_deferred() for SID ${hex(ins.sid)}, called by the iommu core right after its successful insert, never returned: ${c.message}` +
      `${c.pa !== undefined ? ` (PA ${hex(c.pa)})` : ''}. The STE it reads is the one the insert just vouched for; a missing or corrupt L2 table must not take the kdump kernel down here. Stack: ${c.stack.join(' <- ')}.`));
  }
  return allOf(verdicts);
}

/**
 * The L1 descriptor the SMMU walks for the SID's bus when the driver took that bus: after the insert that filled
 * its l2ptrs slot, or (a slot filled at probe: eager adoption) as adopted, from the memory after
 * init. undefined for a linear table, or when the run does not tell.
 */
function descWhenTaken(ctx: PropertyContext, ins: InsertResult): bigint | undefined {
  const o = ctx.outcome;
  const pa = ins.attach_deferred?.walk.l1_desc_pa;
  if (pa === undefined) return undefined;
  const bus = ins.sid >>> STRTAB_SPLIT;
  const filler = o.inserts.find(
    (x) => x.sid >>> STRTAB_SPLIT === bus && x.ret === 0 && (x.l2ptr_slot_before ?? 0n) === 0n && x.l2ptr_slot !== 0n,
  );
  // The SMMU's view of the descriptor (the walk recorded right after that insert), not the
  // driver's (InsertResult.l1_desc_after, read through its l1tab, which may be a shifted table).
  if (filler) return filler.attach_deferred?.walk.l1_desc;
  return o.memory_after_init ? new SnapshotReader(o.memory_after_init).read64(pa) : undefined;
}

function check(ctx: PropertyContext): Verdict {
  const o = ctx.outcome;
  if (!o.attach_deferred_carried) return PASS; // the revision carries no is_attach_deferred(): nothing to judge
  const adoption = adoptedTable(o);
  const verdicts: Verdict[] = [];
  for (const ins of o.inserts) {
    const call = ins.attach_deferred;
    if (!call) continue;
    verdicts.push(faultOf(ctx, ins));
    if (call.deferred === undefined) continue;
    const sid = `SID ${hex(ins.sid)}`;
    if (!adoption.adopted) {
      if (call.deferred) {
        verdicts.push(fail(NAME, 'deferred-without-adoption', WHERE,
          `The crashed kernel's table was not adopted (${adoption.source}), yet the default-domain attach of ${sid} is deferred: the device stays on an STE of a table nobody adopted instead of getting its domain.`));
      }
      continue;
    }
    // A device that rewrote its bus's L1 descriptor after the driver took the bus points the SMMU
    // elsewhere; the driver keeps the table it adopted (as inserted-bus-usable has it, that is
    // beyond the driver's reach): its decision is not judged against the new walk.
    const taken = descWhenTaken(ctx, ins);
    if (taken !== undefined && call.walk.l1_desc !== undefined && taken !== call.walk.l1_desc) continue;
    const r = read(call);
    if (call.deferred && !r.live) {
      verdicts.push(fail(NAME, `deferred-${r.kind}`, WHERE,
        `The default-domain attach of ${sid} is deferred, but ${r.says}: no DMA of the crashed kernel flows through it, so there is nothing to protect and the device is left without its domain until its driver asks (the posted intent, v3 onwards: "Defer only when there might be in-flight DMAs", V=1 and Cfg != ABORT).`));
    } else if (!call.deferred && r.live) {
      verdicts.push(fail(NAME, 'attached-over-live-ste', WHERE,
        `The default-domain attach of ${sid} is not deferred, but ${r.says}: the iommu core goes on to attach the default domain, rewriting the device's STE (as the driver locates it) under in-flight DMA — what 2/x exists to prevent.`));
    }
  }
  return allOf(verdicts);
}

const property: Property = {
  name: NAME,
  description:
    'With the crashed kernel\'s stream table adopted, ops->is_attach_deferred() — called by the iommu core for ' +
    'each device right after its probe_device() (the insert) succeeded — defers the default-domain attach ' +
    'exactly when the STE the SMMU walks for the device\'s stream is live (V=1 and Cfg != ABORT: its in-flight ' +
    'DMA would be broken by the attach rewriting the STE), and not when that STE is invalid, ABORT, or not ' +
    'walked at all (SID beyond the table, invalid L1 descriptor, a walk into a hole); without an adopted table ' +
    'it never defers. The call itself never faults: a missing or corrupt L2 table must not oops the kdump ' +
    'kernel (no trap, external abort, NULL or out-of-bounds report from it). This is the cross-revision ' +
    'contract (v3 onwards posts it; v1/v2 test V only, and are judged by it). Judged only on revisions whose ' +
    'C carries is_attach_deferred() (2/x, hunk #1, or a later tree\'s own), as the run records.',
  check,
};

export default property;

import type { Outcome, Property, PropertyContext, SmmuState, Verdict } from '../harness/scenario/types';
import { describeEntries, describeEntry, hex } from './_lib/format';
import {
  ARM_SMMU_CR0, ARM_SMMU_FEAT_2_LVL_STRTAB, ARM_SMMU_OPT_KDUMP_ADOPT, ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG, CR0_SMMUEN,
  STRTAB_BASE_ADDR_MASK, describeFeatureDiff, describeFeatures, describeStrtabBaseCfg,
} from './_lib/kernel';
import { isAdoptionSite } from './_lib/ledger';
import { lastCr0, resetSequence } from './_lib/mmio';
import { faultsFired, initEndStep, isAdopted, probeCrashed, writeOffset, writesTo } from './_lib/outcome';
import { PASS, fail } from './_lib/verdict';

const NAME = 'clean-fallback';
const RESET = 'arm_smmu_device_reset';

function is2lvl(s: SmmuState): boolean {
  return (s.features & ARM_SMMU_FEAT_2_LVL_STRTAB) !== 0;
}

/**
 * A scheduled fault outside the adoption code that fired during probe (Outcome.faults_fired).
 * The baseline runs without faults, so only such a fault can make the fallback's probe fail
 * legitimately; faults inside the adoption code must still end in a working fallback.
 */
function mainlineFault(ctx: PropertyContext): string | undefined {
  const fn = (site: string): string => site.split(':')[0];
  const sites = faultsFired(ctx.outcome).filter((f) => f.phase === 'probe').map((f) => f.site);
  return sites.find((s) => !isAdoptionSite(fn(s)));
}

function probeResult(o: Outcome): string {
  if (o.probe_ret === undefined) return 'probe did not return';
  if (o.probe_ret === 0) return 'probe returned 0';
  return `probe returned ${o.probe_ret} at ${o.probe_failed_at ?? '?'}`;
}

function check(ctx: PropertyContext): Verdict {
  // ctx.baseline is read only at step 3, where it is needed: mainline's run is made on first read.
  const { outcome } = ctx;
  // Fell back = strtab_cfg no longer holds the crashed kernel's table, whatever smmu->options says.
  if (!outcome.adopt_attempted || isAdopted(outcome)) return PASS;
  // A probe that crashed has no "after" to judge: no-crash reports it.
  if (probeCrashed(outcome)) return PASS;

  // 1. No trace of the adoption left once arm_smmu_init_structures() has returned.
  const end = initEndStep(outcome);
  const leftovers = outcome.ledger.filter(
    (e) =>
      e.phase === 'probe' && isAdoptionSite(e.site) && (e.released_at === undefined || e.released_at > end.step),
  );
  if (leftovers.length) {
    const first = leftovers[0];
    const what = first.kind === 'devres_action' ? 'is still registered' : 'is still live';
    return fail(
      NAME,
      `leftover-${first.kind}`,
      first.site,
      `Adoption fell back to a full reset, but ${describeEntry(first)} — it ${what} after ` +
        `arm_smmu_init_structures() returned (step ${end.step}, ${end.source}). A fallback must undo every ` +
        `memremap/allocation/devres action of the adoption before the normal path builds its own table.\n` +
        `Adoption entries left behind:\n${describeEntries(leftovers)}`,
    );
  }

  const init = outcome.after_init;
  const probed = outcome.after_hw_probe;
  if (!init || !probed) {
    // Probe stopped before or inside init_structures without crashing: compare with mainline below.
    if (outcome.probe_ret === 0) {
      return fail(NAME, 'missing-state', 'after_init', `${probeResult(outcome)} but the Outcome has no after_init/after_hw_probe state (harness bug?).`);
    }
  }

  // 2. Options and features as probed.
  for (const [label, st] of [['after_init', init], ['after_probe', outcome.after_probe]] as const) {
    if (st && st.options & ARM_SMMU_OPT_KDUMP_ADOPT) {
      return fail(NAME, 'option-kdump-adopt', label, `Adoption fell back, but smmu->options still has ARM_SMMU_OPT_KDUMP_ADOPT (options 0x${st.options.toString(16)}) ${label.replace('_', ' ')}: device reset would skip the full reset and keep SMMUEN on a table nobody owns.`);
    }
  }
  if (init && probed && init.features !== probed.features) {
    return fail(
      NAME,
      'features',
      'after_init',
      `Adoption fell back, but smmu->features after arm_smmu_init_structures() are ${describeFeatures(init.features)} ` +
        `where the hardware probe set ${describeFeatures(probed.features)} (${describeFeatureDiff(probed.features, init.features)}). ` +
        'The full-reset path must run with the features the hardware has: a lost ARM_SMMU_FEAT_2_LVL_STRTAB makes it ' +
        'allocate a linear table of 2^sid_bits STEs.',
    );
  }

  // 3. The normal path then works as it does on a normal boot (mainline baseline).
  const baseline = ctx.baseline;
  const bInit = baseline.after_init;
  if (outcome.probe_ret !== 0) {
    if (baseline.probe_ret !== 0 && baseline.probe_failed_at === outcome.probe_failed_at) return PASS; // mainline fails alike
    const fault = mainlineFault(ctx);
    if (fault) return PASS; // an injected failure of mainline's own path explains it
    return fail(
      NAME,
      'probe-failed',
      outcome.probe_failed_at ?? 'probe',
      `After adoption fell back, ${probeResult(outcome)}; a normal boot of mainline on the same hardware: ${probeResult(baseline)}. ` +
        'The fallback must leave the driver able to do what a non-kdump probe does.',
    );
  }
  if (!init || !bInit || baseline.probe_ret !== 0) return PASS; // nothing to compare with

  if (is2lvl(init) !== is2lvl(bInit)) {
    return fail(NAME, 'strtab-format', 'after_init', `After the fallback the driver built a ${is2lvl(init) ? '2-level' : 'linear'} stream table; mainline on this hardware builds a ${is2lvl(bInit) ? '2-level' : 'linear'} one.`);
  }
  const c = init.strtab_cfg;
  const b = bInit.strtab_cfg;
  const fields: [string, boolean, string][] = is2lvl(init)
    ? [
        ['l2.num_l1_ents', c.num_l1_ents === b.num_l1_ents, `${c.num_l1_ents}, mainline ${b.num_l1_ents}`],
        ['l2.l1tab', c.l1tab !== 0n, 'NULL'],
        ['l2.l2ptrs', c.l2ptrs !== 0n, 'NULL'],
        ['l2.l1_dma', (c.l1_dma !== 0n) === (b.l1_dma !== 0n), `${hex(c.l1_dma)}, mainline ${hex(b.l1_dma)}`],
      ]
    : [
        ['linear.num_ents', c.num_ents === b.num_ents, `${c.num_ents}, mainline ${b.num_ents}`],
        ['linear.table', c.linear_table !== 0n, 'NULL'],
        ['linear.ste_dma', (c.ste_dma !== 0n) === (b.ste_dma !== 0n), `${hex(c.ste_dma)}, mainline ${hex(b.ste_dma)}`],
      ];
  for (const [field, ok, got] of fields) {
    if (!ok) {
      return fail(NAME, `strtab_cfg.${field}`, 'after_init', `After the fallback, strtab_cfg.${field} is ${got}: the zeroed strtab_cfg was not rebuilt as mainline's arm_smmu_init_strtab() builds it on this hardware.`);
    }
  }

  // 4. The full reset, as a non-kdump probe does it.
  const seq = resetSequence(outcome);
  const bSeq = resetSequence(baseline);
  const show = `\n  fallback: ${seq.join(', ') || '(none)'}\n  mainline: ${bSeq.join(', ') || '(none)'}`;
  const cfgW = writesTo(outcome, ARM_SMMU_STRTAB_BASE_CFG, ['probe']);
  const bCfgW = writesTo(baseline, ARM_SMMU_STRTAB_BASE_CFG, ['probe']);
  if (cfgW.length === 0 && bCfgW.length > 0) {
    return fail(NAME, 'no-strtab-base-cfg-write', RESET, `After the fallback, probe never wrote STRTAB_BASE_CFG; mainline writes ${describeStrtabBaseCfg(bCfgW[bCfgW.length - 1].value)}. The SMMU keeps walking the crashed kernel's table geometry.${show}`);
  }
  const vals = cfgW.map((w) => w.value & 0xffffffffn);
  const bVals = bCfgW.map((w) => w.value & 0xffffffffn);
  if (vals.join() !== bVals.join()) {
    return fail(NAME, 'strtab-base-cfg', RESET, `After the fallback, probe wrote ${vals.map((v) => describeStrtabBaseCfg(v)).join(', ')}; mainline writes ${bVals.map((v) => describeStrtabBaseCfg(v)).join(', ') || 'nothing'}.${show}`);
  }
  const baseW = writesTo(outcome, ARM_SMMU_STRTAB_BASE, ['probe']);
  if (baseW.length === 0 && writesTo(baseline, ARM_SMMU_STRTAB_BASE, ['probe']).length > 0) {
    return fail(NAME, 'no-strtab-base-write', RESET, `After the fallback, probe never wrote STRTAB_BASE: the SMMU still points at the crashed kernel's table while the driver manages a fresh one.${show}`);
  }
  if (baseW.length) {
    const st = outcome.after_probe ?? init;
    const dma = is2lvl(st) ? st.strtab_cfg.l1_dma : st.strtab_cfg.ste_dma;
    const got = baseW[baseW.length - 1].value & STRTAB_BASE_ADDR_MASK;
    if (got !== (dma & STRTAB_BASE_ADDR_MASK)) {
      return fail(NAME, 'strtab-base-not-fresh', RESET, `After the fallback, STRTAB_BASE.ADDR was last written ${hex(got)}, but the fresh table's ${is2lvl(st) ? 'l1_dma' : 'ste_dma'} is ${hex(dma)}: the SMMU is not pointed at the table the driver built.`);
    }
    const firstBase = baseW[0].step;
    const cleared = outcome.mmio_writes.some((w) => w.phase === 'probe' && w.step < firstBase && writeOffset(w) === ARM_SMMU_CR0 && (w.value & CR0_SMMUEN) === 0n);
    if (!cleared) {
      return fail(NAME, 'smmuen-not-cleared', RESET, `After the fallback, STRTAB_BASE was written with SMMUEN never cleared before it (CONSTRAINED UNPREDICTABLE while SMMUEN=1); mainline disables the SMMU first.${show}`);
    }
  }
  const last = lastCr0(outcome);
  const bLast = lastCr0(baseline);
  const on = last !== undefined && (last.value & CR0_SMMUEN) !== 0n;
  const bOn = bLast !== undefined && (bLast.value & CR0_SMMUEN) !== 0n;
  if (on !== bOn) {
    return fail(NAME, 'smmuen-not-set', RESET, `After the fallback, the last CR0 write of probe ${last ? `was ${hex(last.value)}` : 'never happened'}: SMMUEN ${on ? 'set' : 'not set'}, where mainline ends with SMMUEN ${bOn ? 'set' : 'clear'} (${bLast ? hex(bLast.value) : 'no write'}).${show}`);
  }
  if (seq.join() !== bSeq.join()) {
    return fail(NAME, 'reset-sequence', RESET, `After the fallback, the stream-table reset sequence differs from a normal boot of mainline on the same hardware:${show}`);
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  usesBaseline: true, // compares with mainline's normal boot of the same scenario
  description:
    'Whenever the kdump kernel attempted adoption but did not complete it, the fallback leaves no trace: ' +
    'every memremap, allocation and devres action the adoption functions made during probe is undone by the ' +
    'time arm_smmu_init_structures() returns, smmu->options lacks ARM_SMMU_OPT_KDUMP_ADOPT, smmu->features are ' +
    'the ones the hardware probe set, and strtab_cfg is exactly what mainline builds on this hardware (same ' +
    'num_l1_ents/num_ents as the mainline baseline, non-NULL tables). Then the normal path must fully reset the ' +
    'SMMU as a non-kdump probe does (the same STRTAB_BASE_CFG, STRTAB_BASE pointing at the fresh table, SMMUEN ' +
    'cleared before and set at the end). A reviewer cares because the fallback is the safety net for every ' +
    'corrupted register or failed call: a stale mapping, a lost feature bit or a half-zeroed strtab_cfg there ' +
    'turns "toss the table and reset" into a leak, a wrong-format table, or an SMMU walking memory the kdump ' +
    'kernel no longer tracks.',
  check,
};

export default property;

/**
 * runScenario(): one run of the story of SPEC.md on one revision, as a pure function of the
 * Scenario. The kdump kernel probes the SMMU the way arm_smmu_device_probe() does after its
 * MMIO mapping (hw probe, init structures, RMR bypass, reset, disable action), inserts SIDs with
 * in-flight DMA between them, then unbinds the way __device_release_driver() does
 * (pm_runtime_put_sync, ->remove, devres_release_all). Everything it observes is in the Outcome.
 */
import { MachineFault } from '../kernel/addressSpace';
import { recordEdges } from '../kernel/coverage';
import { errname } from '../kernel/errno';
import { MMIO_VA, SimKernel } from '../kernel/kernel';
import { wasmStack } from '../kernel/wasmStack';
import {
  ARM_SMMU_FEAT_2_LVL_STRTAB, ARM_SMMU_OPT_KDUMP_ADOPT, ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG, REG64, STRTAB_L1_DESC_SIZE,
} from '../kernel/smmuRegs';
import { arm_smmu_strtab_l1_idx } from '../kernel/smmuTable';
import { applyCorruption, crashedRegisters, layoutCrashedTable } from './crashedKernel';
import { attachAfterInsert, carriesIsAttachDeferred } from './attachDeferred';
import { emptyOutcome } from './outcome';
import { loadRevision, type Revision } from './revision';
import type { Crash, InsertResult, Outcome, Phase, ProbeDmaPoint, Property, PropertyContext, Scenario, SmmuState, StrtabCfg } from './types';

const machines = new Map<string, SimKernel>();

/** The one reused instance for a revision (WASM_FACTS.md: reuse is the only viable design). */
export function machineFor(revision: Revision): SimKernel {
  let k = machines.get(revision.key);
  if (!k) {
    k = new SimKernel(revision.module, revision.bytes);
    machines.set(revision.key, k);
  }
  return k;
}

function readState(k: SimKernel): SmmuState {
  const ex = k.exports;
  const cfgPtr = ex.kshim_strtab_cfg();
  const size = Number(ex.kshim_sizeof_strtab_cfg());
  const raw: bigint[] = [];
  for (let off = 0; off < size; off += 8) raw.push(k.u64(cfgPtr + BigInt(off)));
  const field = (i: number): bigint => cfgPtr + ex.kshim_offsetof(i);
  const cfg: StrtabCfg = {
    raw,
    l1tab: k.u64(field(0)),
    l2ptrs: k.u64(field(1)),
    l1_dma: k.u64(field(2)),
    num_l1_ents: k.u32(field(3)),
    linear_table: k.u64(field(4)),
    ste_dma: k.u64(field(5)),
    num_ents: k.u32(field(6)),
  };
  return { features: ex.kshim_features() >>> 0, options: ex.kshim_options() >>> 0, sid_bits: ex.kshim_sid_bits(), strtab_cfg: cfg };
}

function toCrash(e: unknown, phase: Phase): Crash {
  if (e instanceof MachineFault) return { kind: e.kind, message: e.message, phase, stack: wasmStack(e), pa: e.pa };
  if (e instanceof WebAssembly.RuntimeError) {
    // Every load and store of the driver is checked by the simulated kernel before it happens
    // (the shim's __asan_* hooks), so an out-of-bounds trap means the simulator failed to back
    // memory it handed out: a harness bug, never to be filed as a finding against the C.
    if (/memory access out of bounds/.test(e.message)) {
      throw new Error(`harness bug: the C touched WebAssembly memory the simulator did not back, in ${phase} (${wasmStack(e).join(' <- ')}): ${e.message}`);
    }
    return { kind: 'trap', message: e.message, phase, stack: wasmStack(e) };
  }
  throw e; // a bug in the harness itself: never disguise it as a finding
}

/**
 * Runs `scenario` on `revision`. `machine` is for tests that compare the reused instance with a
 * fresh one; everything else lets the cache pick the revision's instance.
 */
export function runScenario(revision: Revision, scenario: Scenario, machine?: SimKernel): Outcome {
  const k = machine ?? machineFor(revision);
  k.reset({ kdump: scenario.kdump });
  const ex = k.exports;

  // The crashed kernel's hardware and memory, then what corrupted them.
  const regs = crashedRegisters(scenario);
  const phys = k.aspace.phys;
  layoutCrashedTable(scenario, phys);
  const regIo = {
    read: (off: number) => BigInt(regs.get(off) ?? 0) | (REG64.has(off) ? BigInt(regs.get(off + 4) ?? 0) << 32n : 0n),
    write: (off: number, v: bigint) => {
      regs.set(off, Number(v & 0xffffffffn));
      if (REG64.has(off)) regs.set(off + 4, Number(v >> 32n));
    },
    is64: (off: number) => REG64.has(off),
  };
  for (const m of scenario.corruption) applyCorruption(scenario, m, regIo, phys);
  k.mmio.reset(regs);
  k.faults.reset(scenario.faults);
  const strtab_regs_at_probe = { strtab_base: regIo.read(ARM_SMMU_STRTAB_BASE), strtab_base_cfg: regIo.read(ARM_SMMU_STRTAB_BASE_CFG) };

  const o: Outcome = { ...emptyOutcome(revision.name), strtab_regs_at_probe };
  let edges: number[] | undefined;

  const call = <T>(name: string, f: () => T): T => {
    const r = f();
    k.aspace.flush();
    if (typeof r === 'number') k.coverage.add(`ret:${name}=${errname(r)}`);
    return r;
  };
  const dmaBefore = (n: number): void => {
    for (const d of scenario.dma) if (d.during_probe === undefined && d.before_insert === n) applyCorruption(scenario, d, regIo, phys);
  };
  // In-flight DMA between the steps of probe: the memory changes as the device writes it, and
  // the mappings see it at the next crossing into the C (as between inserts).
  const dmaDuringProbe = (at: ProbeDmaPoint): void => {
    let wrote = false;
    for (const d of scenario.dma) if (d.during_probe === at) wrote = applyCorruption(scenario, d, regIo, phys) || wrote;
    if (wrote) k.coverage.add(`dma:${at}`);
  };
  const reservations = (when: 'after_init' | 'after_probe' | 'after_teardown'): void => {
    (o.reservations ??= {})[when] = k.reservations();
  };

  try {
    k.phase = 'setup';
    call('kshim_setup', () => ex.kshim_setup(MMIO_VA, scenario.hardware.coherent ? 1 : 0));
    o.attach_deferred_carried = carriesIsAttachDeferred(k);
    o.phase_end.setup = k.step;

    // arm_smmu_device_probe(), from "Probe the h/w" on (excerpt 10 of mainline).
    k.phase = 'probe';
    let ret = call('arm_smmu_device_hw_probe', () => ex.kshim_hw_probe());
    o.after_hw_probe = readState(k);
    o.adopt_attempted = (o.after_hw_probe.options & ARM_SMMU_OPT_KDUMP_ADOPT) !== 0;
    if (ret) {
      o.probe_failed_at = 'hw_probe';
    } else {
      ret = call('arm_smmu_init_structures', () => ex.kshim_init_structures());
      o.after_init = readState(k);
      o.init_end_step = k.step;
      o.adopted = (o.after_init.options & ARM_SMMU_OPT_KDUMP_ADOPT) !== 0;
      reservations('after_init');
      // What the adopted table holds before any DMA write (copying memory costs: only then).
      if (o.adopted) o.memory_after_init = k.physSnapshot();
      dmaDuringProbe('after_init');
      if (ret) {
        o.probe_failed_at = 'init_structures';
      } else {
        call('arm_smmu_rmr_install_bypass_ste', () => ex.kshim_rmr_install_bypass_ste());
        ret = call('arm_smmu_device_reset', () => ex.kshim_device_reset());
        dmaDuringProbe('after_reset');
        if (ret) {
          o.probe_failed_at = 'device_reset';
          call('arm_smmu_device_disable', () => ex.kshim_device_disable());
        } else {
          ret = call('devm_add_action_or_reset(arm_smmu_disable_action)', () => ex.kshim_add_disable_action());
          if (ret) o.probe_failed_at = 'disable_action';
        }
      }
    }
    o.probe_ret = ret;
    o.after_probe = readState(k);
    o.phase_end.probe = k.step;
    reservations('after_probe');

    if (ret) {
      // really_probe() failed: device_unbind_cleanup() releases the devres of the probe.
      k.phase = 'teardown';
      k.releaseDevres();
    } else {
      k.phase = 'insert';
      scenario.inserts.forEach((sid, n) => {
        dmaBefore(n);
        const inserted = insertOne(k, sid >>> 0);
        o.inserts.push(inserted);
        // iommu_init_device(): probe_device() succeeded, so the core asks ops->is_attach_deferred().
        attachAfterInsert(k, inserted);
      });
      dmaBefore(scenario.inserts.length);
      o.phase_end.insert = k.step;

      // __device_release_driver(): pm_runtime_put_sync(), device_remove(), devres_release_all().
      k.phase = 'teardown';
      k.step++;
      k.mmio.powerOff(scenario.teardown.policy, scenario.teardown.garbage_seed);
      call('arm_smmu_device_remove', () => ex.kshim_device_remove());
      k.releaseDevres();
    }
    k.ledger.reportLeaks(k.step);
    o.phase_end.teardown = k.step;
    reservations('after_teardown');
  } catch (e) {
    o.crash = toCrash(e, k.phase);
    k.coverage.add(`crash:${o.crash.kind}`);
    edges = k.edgesHit(); // before the fresh instance restores the data (and clears the flags)
    k.instantiate(); // the C stack pointer is lost mid-call: start from a fresh instance
  }

  o.ledger = k.ledger.entries;
  o.violations = k.ledger.violations;
  o.peak_live_bytes = k.ledger.peakBytes;
  o.peak_live_step = k.ledger.peakStep;
  o.peak_live_entries = k.ledger.peakEntries;
  o.mmio_writes = k.mmioWrites;
  o.registers = k.mmio.snapshot();
  o.log = k.log;
  o.warnings = k.warnings;
  o.trace = k.trace;
  o.faults_fired = k.faults.fired;
  o.coverage = [...k.coverage].sort();
  if (k.modelNotes.length > 0) o.model_notes = k.modelNotes;
  recordEdges(o, edges ?? k.edgesHit());
  return o;
}

function insertOne(k: SimKernel, sid: number): InsertResult {
  const ex = k.exports;
  const before = readState(k);
  const twoLevel = (before.features & ARM_SMMU_FEAT_2_LVL_STRTAB) !== 0;
  const l1idx = arm_smmu_strtab_l1_idx(sid);
  const cfg = before.strtab_cfg;
  const inL1 = twoLevel && cfg.l1tab !== 0n && l1idx < cfg.num_l1_ents;
  const readDesc = (): bigint | undefined => {
    if (!inL1) return undefined;
    const b = k.aspace.readVirt(Number(cfg.l1tab) + l1idx * STRTAB_L1_DESC_SIZE, STRTAB_L1_DESC_SIZE);
    return b ? new DataView(b.buffer, b.byteOffset).getBigUint64(0, true) : undefined;
  };
  const step_from = k.step + 1;
  const firstEntry = k.ledger.entries.length;
  const l1_desc_before = readDesc();
  const slotOf = (cfg: StrtabCfg): bigint =>
    twoLevel && cfg.l2ptrs !== 0n && l1idx < cfg.num_l1_ents ? k.u64(cfg.l2ptrs + BigInt(l1idx * 8)) : 0n;
  const l2ptr_slot_before = slotOf(cfg);
  const ret = ex.kshim_insert_sid(sid);
  k.aspace.flush();
  k.coverage.add(`ret:arm_smmu_init_sid_strtab=${errname(ret)}`);
  return {
    sid,
    ret,
    l2ptr_slot_before,
    l2ptr_slot: slotOf(readState(k).strtab_cfg),
    l1_desc_before,
    l1_desc_after: readDesc(),
    acquired: k.ledger.entries.slice(firstEntry).map((e) => e.id),
    step_from,
    step_to: k.step,
  };
}

/** The allocation baseline: the same hardware and inserts on mainline, booted normally. */
export function baselineScenario(s: Scenario): Scenario {
  return { ...s, kdump: false, faults: [] };
}

/**
 * Mainline's baseline outcomes by baseline scenario. runScenario is a pure function of its
 * Scenario, so the cache is exact; it saves the second run when the same scenario runs on a
 * revision and its base, when a shrunk counterexample is run again, and on replays. Bounded:
 * the oldest entry goes first. `enabled` is for the test that compares outcomes with it off.
 */
export const baselineCache = { enabled: true, max: 256, hits: 0 };
const baselines = new Map<string, Outcome>();

function scenarioKey(s: Scenario): string {
  return JSON.stringify(s, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

export function baselineOutcome(scenario: Scenario): Outcome {
  const b = baselineScenario(scenario);
  if (!baselineCache.enabled) return runScenario(loadRevision('mainline'), b);
  const key = scenarioKey(b);
  const hit = baselines.get(key);
  if (hit) {
    baselineCache.hits++;
    return hit;
  }
  const o = runScenario(loadRevision('mainline'), b);
  if (baselines.size >= baselineCache.max) baselines.delete(baselines.keys().next().value!);
  baselines.set(key, o);
  return o;
}

/**
 * Stands in for the baseline of a run made without one (runWithBaseline's `baseline: false`):
 * reading anything of it is a harness bug (a property that reads ctx.baseline must say
 * `usesBaseline: true`), said as such.
 */
export const SKIPPED_BASELINE: Outcome = new Proxy({} as Outcome, {
  get(_t, key) {
    throw new Error(`harness bug: ctx.baseline.${String(key)} read on a run made without mainline's baseline ` +
      '(a property that reads ctx.baseline must declare usesBaseline: true)');
  },
});

/** The baseline of each context runWithBaseline made, once it has run (see baselineIfRun). */
const lazyBaselines = new WeakMap<PropertyContext, { outcome?: Outcome }>();

/**
 * The run of `scenario` on `revision`, and mainline's normal boot of it (the baseline) unless
 * `opts.baseline` is false: then ctx.baseline is SKIPPED_BASELINE.
 *
 * The baseline runs when ctx.baseline is first read, not before: the properties that compare
 * with it read it only on some paths (a fallback, an allocation over the model's cap), and
 * mainline's run is a pure function of the scenario, so running it later gives the same
 * Outcome. A limit of the simulator it meets then is seen by harnessLimitOf after the checks
 * (judgeRun in fuzz/harnessLimit.ts).
 */
export function runWithBaseline(revision: Revision, scenario: Scenario, opts: { baseline?: boolean } = {}): PropertyContext {
  const outcome = runScenario(revision, scenario);
  if (opts.baseline === false) return { scenario, outcome, baseline: SKIPPED_BASELINE };
  return withLazyBaseline(scenario, outcome, () => baselineOutcome(scenario));
}

/** A context whose ctx.baseline is `make()`, called when first read (once). */
export function withLazyBaseline(scenario: Scenario, outcome: Outcome, make: () => Outcome): PropertyContext {
  const slot: { outcome?: Outcome } = {};
  const ctx = { scenario, outcome } as PropertyContext;
  Object.defineProperty(ctx, 'baseline', { enumerable: true, get: () => (slot.outcome ??= make()) });
  lazyBaselines.set(ctx, slot);
  return ctx;
}

/**
 * ctx.baseline if it has run (a property read it, or the context was made with it), without
 * running it; undefined when it has not, or was skipped.
 */
export function baselineIfRun(ctx: PropertyContext): Outcome | undefined {
  const slot = lazyBaselines.get(ctx);
  if (slot) return slot.outcome;
  return ctx.baseline === SKIPPED_BASELINE ? undefined : ctx.baseline;
}

/** Whether the selected properties need mainline's baseline run (runWithBaseline). */
export function needsBaseline(properties: readonly Pick<Property, 'usesBaseline'>[]): boolean {
  return properties.some((p) => p.usesBaseline === true);
}

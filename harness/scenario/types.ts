/**
 * A Scenario is one whole story — the crashed kernel's SMMU and stream table, what corrupted
 * it, what the kdump kernel then does — as plain data. It is JSON-able once bigints are
 * written as hex strings (harness/corpus/codec.ts), it shrinks (generators/), and
 * runScenario() turns it into an Outcome without any other input.
 *
 * Kernel names are kept where the data is a kernel thing (sid_bits, STRTAB_BASE_CFG, l1tab).
 */

import type { SteWalk } from '../kernel/steWalk';

/** What powered-off SMMU registers read back as after runtime PM put (chosen per scenario). */
export type RegisterPolicy = 'keep' | 'zero' | 'ones' | 'garbage';

/** The SMMU hardware, identical for the crashed and the kdump kernel. */
export interface Hardware {
  /** IDR1.SIDSIZE, 1..32. */
  sid_bits: number;
  /** IDR0.ST_LVL == 2-level. (The driver still uses linear when sid_bits <= STRTAB_SPLIT.) */
  two_level: boolean;
  /** Firmware says the SMMU is coherent (ARM_SMMU_FEAT_COHERENCY); IDR0.COHACC agrees. */
  coherent: boolean;
}

/** Where, in physical memory, a table lives — resolved against the RAM map at run time. */
export interface CrashedTable {
  /**
   * Format the crashed kernel used. Mainline picks 2-level when the hardware supports it and
   * sid_bits > STRTAB_SPLIT; an older or other driver may have used linear regardless.
   */
  fmt: 'linear' | '2lvl';
  /** Physical address of the L1 table (2-level) or of the linear table. */
  base: bigint;
  /** STRTAB_BASE_CFG.LOG2SIZE the crashed kernel programmed (mainline: sid_bits, capped). */
  log2size: number;
  /** SIDs with a device attached in the crashed kernel: their L2 tables exist (2-level). */
  attached: number[];
  /**
   * Physical address of the first L2 table; the others follow at 16 KiB strides, one per
   * distinct L1 index (sid >> 8) of `attached`, in ascending L1 index order.
   */
  l2_base: bigint;
  /**
   * Attached SIDs whose STE the crashed kernel made stage 1 (S1 translation through a linear CD
   * table), instead of the default S2/bypass STE. Absent = none (every corpus entry before them).
   */
  s1_contexts?: S1Context[];
}

/**
 * A stage-1 context of the crashed kernel: the STE of `sid` is V | CFG=S1_TRANS with
 * S1ContextPtr = `cdtab`, S1Fmt = linear, S1CDMAX = `s1cdmax`, and the CD table there holds
 * 2^s1cdmax CDs, of which those in `asids` are valid with that ASID (by SSID).
 */
export interface S1Context {
  sid: number;
  /** Physical address of the linear CD table (64-byte aligned). */
  cdtab: bigint;
  /** STE.S1CDMAX: log2 of the number of CDs. */
  s1cdmax: number;
  /** The valid CDs: SSID -> ASID. */
  cds: { ssid: number; asid: number }[];
}

/** The crashed kernel's view of the SMMU when kdump starts. */
export interface Crashed {
  /** CR0.SMMUEN left set (in-flight DMA being translated). */
  smmuen: boolean;
  /** GERROR.SFM_ERR active (GERROR ^ GERRORN). */
  sfm_err: boolean;
  table: CrashedTable;
}

/** Registers a corruption or a test may rewrite. */
export type RegName =
  | 'IDR0' | 'IDR1' | 'IDR3' | 'IDR5' | 'CR0' | 'CR0ACK' | 'CR1' | 'CR2' | 'GBPA' | 'GERROR'
  | 'GERRORN' | 'STRTAB_BASE' | 'STRTAB_BASE_CFG';

/**
 * One corruption of the crashed kernel's state, applied after the table is laid out and
 * before the kdump kernel probes. `kind` names the corruption operator that produced it
 * (for statistics and reports); the effect is always one primitive write.
 */
export type Corruption =
  | { kind: string; target: 'reg'; reg: RegName; op: 'set' | 'xor'; value: bigint }
  /** A 64-bit little-endian word of physical memory. */
  | { kind: string; target: 'mem'; pa: bigint; op: 'set' | 'xor'; value: bigint }
  /** L1 descriptor `idx` of the crashed kernel's 2-level table (at table.base + 8 * idx). */
  | { kind: string; target: 'l1'; idx: number; op: 'set' | 'xor'; value: bigint }
  /** Word `word` (0..7) of the STE for `sid` in the crashed kernel's table (found through the
   *  crashed kernel's own layout, not through a corrupted descriptor; no STE = no effect). */
  | { kind: string; target: 'ste'; sid: number; word: number; op: 'set' | 'xor'; value: bigint };

/**
 * Points inside probe where in-flight DMA may write: right after arm_smmu_init_structures()
 * (the table adopted, before the RMR bypass STEs and the reset path's register writes), and
 * right after arm_smmu_device_reset() (before the disable action is registered).
 */
export type ProbeDmaPoint = 'after_init' | 'after_reset';

/**
 * A device's DMA rewriting memory while the kdump kernel runs: applied just before insert
 * number `before_insert` (0 = right after probe; inserts.length = before teardown), or, with
 * `during_probe`, at that point of probe instead (no `before_insert` then).
 */
export type DmaWrite = Corruption &
  ({ before_insert: number; during_probe?: undefined } | { during_probe: ProbeDmaPoint; before_insert?: undefined });

/** Fail the `nth` (1-based) call of a kernel service at one call site: `function:service`. */
export interface Fault {
  site: string;
  nth: number;
}

export interface Scenario {
  hardware: Hardware;
  /** The kdump kernel is running (is_kdump_kernel()). false = a normal boot. */
  kdump: boolean;
  crashed: Crashed;
  corruption: Corruption[];
  dma: DmaWrite[];
  faults: Fault[];
  /** SIDs the kdump kernel inserts (arm_smmu_init_sid_strtab), in order. */
  inserts: number[];
  /** Register read-back after runtime PM power-off, before remove and devres release. */
  teardown: { policy: RegisterPolicy; garbage_seed: number };
}

// ---------------------------------------------------------------------------------------------
// Outcome

/** A resource the ledger tracks. `memremap-ram` = memremap of the kdump kernel's own RAM. */
export type ResourceKind =
  | 'memremap' | 'memremap-ram' | 'devm_memremap' | 'kmalloc' | 'devm_kmalloc'
  | 'dmam_alloc_coherent' | 'devres_action';

export interface LedgerEntry {
  id: number;
  kind: ResourceKind;
  /** The C address handed to the driver (0n for devres actions: see `action`). */
  addr: bigint;
  /** True size requested (a mapping larger than the harness can back keeps its true size). */
  size: bigint;
  /** Physical address (mappings, DMA allocations); undefined for plain kmalloc. */
  pa?: bigint;
  site: string;
  line: number;
  /** Step counter of the run when acquired / released (undefined = never released). */
  acquired_at: number;
  released_at?: number;
  released_by?: string;
  phase: Phase;
  /** devres actions: the function's table index and name. */
  action?: string;
}

export type ViolationKind =
  | 'leak' | 'double-release' | 'bad-release' | 'use-after-release' | 'out-of-bounds'
  | 'null-deref' | 'wrong-release-kind' | 'write-kdump-ram';

export interface Violation {
  kind: ViolationKind;
  message: string;
  addr?: bigint;
  size?: bigint;
  site?: string;
  entry?: number;
  phase: Phase;
  step: number;
}

export type Phase = 'setup' | 'probe' | 'insert' | 'teardown';

export interface LogLine {
  level: number;
  site: string;
  /** The C's own format string, undecoded: the key for statistics. */
  fmt: string;
  text: string;
  phase: Phase;
  step: number;
}

export interface TraceEntry {
  step: number;
  phase: Phase;
  call: string;
  args: string;
  ret?: string;
}

export interface MmioWrite {
  step: number;
  phase: Phase;
  reg: string;
  offset: number;
  value: bigint;
}

export interface Crash {
  /** trap: WebAssembly trap in the C; external-abort: read of a physical hole through a
   *  mapping; harness-limit: an access the simulator cannot back (said as such). */
  kind: 'trap' | 'external-abort' | 'harness-limit';
  message: string;
  phase: Phase;
  /** C function names from the WebAssembly stack, innermost first. */
  stack: string[];
  /** The mapping/physical address involved, when known. */
  pa?: bigint;
}

/** `struct arm_smmu_strtab_cfg` decoded both ways (it is a union). */
export interface StrtabCfg {
  raw: bigint[];
  l1tab: bigint;
  l2ptrs: bigint;
  l1_dma: bigint;
  num_l1_ents: number;
  linear_table: bigint;
  ste_dma: bigint;
  num_ents: number;
}

export interface SmmuState {
  features: number;
  options: number;
  sid_bits: number;
  strtab_cfg: StrtabCfg;
}

export interface InsertResult {
  sid: number;
  ret: number;
  /** l2ptrs[l1_idx] before and after the insert (2-level only; 0n when empty or not 2-level). */
  l2ptr_slot_before?: bigint;
  l2ptr_slot: bigint;
  /** The L1 descriptor the insert saw before and left after (2-level only). */
  l1_desc_before?: bigint;
  l1_desc_after?: bigint;
  /** Ledger ids acquired during this insert. */
  acquired: number[];
  /** MMIO writes, memory writes to tables: the first step and the last step of the insert. */
  step_from: number;
  step_to: number;
  /**
   * The iommu core's ops->is_attach_deferred() for this device, after its successful insert
   * (harness/scenario/attachDeferred.ts); absent when the insert failed or the revision does not
   * carry arm_smmu_is_attach_deferred().
   */
  attach_deferred?: AttachDeferredCall;
}

/** The STE the SMMU walks for one SID (harness/kernel/steWalk.ts): raw words, no verdict. */
export type { SteWalk };

export interface AttachDeferredCall {
  /** What arm_smmu_is_attach_deferred() returned; undefined when it did not return (see Outcome.crash). */
  deferred?: boolean;
  /** The STE the SMMU walked for the SID when the core asked. */
  walk: SteWalk;
  step: number;
  /**
   * Outcome.violations[violations_from, violations_to) are the call's own (NULL / out-of-bounds
   * reports); violations_to is undefined when the call did not return (then: to the end).
   */
  violations_from: number;
  violations_to?: number;
}

/**
 * The ASID/VMID reservations the C holds, read from the simulated kernel's xarray and IDA:
 * `arm_smmu_asid_xa` (every present index, with its entry: `value` = an xa_mk_value()
 * reservation, else a pointer) and `smmu->vmid_map` (the allocated IDs). `step` = when it was
 * inserted/allocated.
 */
export interface Reservations {
  asids: { asid: number; entry: bigint; value: boolean; step: number; site: string }[];
  vmids: { vmid: number; step: number; site: string }[];
}

/** A kernel service call whose exact kernel behaviour the simulator does not settle: shown, never silent. */
export interface ModelNote {
  service: string;
  site: string;
  line: number;
  step: number;
  phase: Phase;
  note: string;
}

export interface Outcome {
  revision: string;
  /** probe() return value (0 = bound); undefined if probe crashed. */
  probe_ret?: number;
  /** Which probe step returned it. */
  probe_failed_at?: 'hw_probe' | 'init_structures' | 'device_reset' | 'disable_action';
  /** State right after arm_smmu_device_hw_probe: what the hardware probe set. */
  after_hw_probe?: SmmuState;
  /** State right after arm_smmu_init_structures (adopted or fallen back). */
  after_init?: SmmuState;
  /** State after the whole probe. */
  after_probe?: SmmuState;
  /** KDUMP_ADOPT was set by the hardware probe (adoption attempted). */
  adopt_attempted: boolean;
  /** KDUMP_ADOPT still set after init_structures (adoption completed). */
  adopted: boolean;
  inserts: InsertResult[];
  /** Ledger: every acquire/release with its site. */
  ledger: LedgerEntry[];
  violations: Violation[];
  /** Peak and per-step live bytes of mappings + allocations (devres actions excluded). */
  peak_live_bytes: bigint;
  peak_live_step: number;
  /** Live ledger entries at the peak. */
  peak_live_entries: number[];
  mmio_writes: MmioWrite[];
  /** Final register values (as the hardware holds them, before power policy). */
  registers: Record<string, bigint>;
  log: LogLine[];
  warnings: { file: string; line: number; cond: string; phase: Phase; step: number }[];
  trace: TraceEntry[];
  crash?: Crash;
  /** STRTAB_BASE / STRTAB_BASE_CFG as the kdump kernel found them (after corruption). */
  strtab_regs_at_probe?: { strtab_base: bigint; strtab_base_cfg: bigint };
  /** Step counter right after arm_smmu_init_structures() returned. */
  init_end_step?: number;
  /** The scheduled faults that actually fired. */
  faults_fired?: { site: string; nth: number; step: number; phase: Phase }[];
  /** Step counter value at the end of each phase. */
  phase_end: Partial<Record<Phase, number>>;
  /** Format strings and return codes reached, for coverage statistics. */
  coverage: string[];
  /** ASID/VMID reservations after init_structures, after the whole probe, after teardown. */
  reservations?: Partial<Record<'after_init' | 'after_probe' | 'after_teardown', Reservations>>;
  /**
   * The crashed kernel's physical memory (what the kdump kernel's mappings of it read) right
   * after init_structures, before any DMA write: for judging what the adopted table holds.
   */
  memory_after_init?: PhysSnapshot;
  /** Calls whose kernel behaviour the model does not settle (see ModelNote). */
  model_notes?: ModelNote[];
  /** Whether the revision's C carries arm_smmu_is_attach_deferred() (the core's call is made after each successful insert). */
  attach_deferred_carried?: boolean;
}

/**
 * Physical memory as plain data: pages that were written (4 KiB each, by page frame number),
 * and fill regions whose untouched pages read as `pattern` repeated from `start`. Anything else
 * (and the kdump kernel's own RAM, not recorded here) reads as zero.
 */
export interface PhysSnapshot {
  pages: { pfn: bigint; bytes: Uint8Array }[];
  fills: { start: bigint; end: bigint; pattern: Uint8Array }[];
}

/**
 * One failure of a property on one run: its signature `<property>:<what>@<where>` and the
 * explanation. A failing verdict carries one or more.
 */
export interface Failure {
  signature: string;
  message: string;
}

/**
 * Result of one property check. A failed check names its first failure (`signature`,
 * `message`) and, in `also`, every other distinct failure of the same run (each its own
 * signature), so that a first finding never masks the next.
 */
export type Verdict =
  | { ok: true }
  | ({ ok: false } & Failure & { also?: Failure[] });

export interface PropertyContext {
  scenario: Scenario;
  outcome: Outcome;
  /** The same scenario on `mainline` as a normal (non-kdump) boot: the allocation baseline. */
  baseline: Outcome;
}

/** A property: one file in properties/, found automatically. */
export interface Property {
  /** kebab-case, unique; the file is properties/<name>.ts */
  name: string;
  /** One paragraph: what it guarantees and why a kernel reviewer cares. */
  description: string;
  check(ctx: PropertyContext): Verdict;
  /**
   * check() reads ctx.baseline. Mainline's baseline run (a fifth to a third of a run's cost) is
   * made only when a check first reads it; a fuzz run whose selected properties all leave this
   * unset does not even offer it: ctx.baseline then throws when read, so a
   * property that reads it without saying so fails loudly (test/properties/usesBaseline.test.ts
   * checks every property's declaration against what it reads).
   */
  usesBaseline?: boolean;
}

import fc from 'fast-check';
import type { CrashedTable, Fault, Hardware, Corruption, RegisterPolicy, Scenario } from '../harness/scenario/types';
import { flag } from './_internals/biased';
import type { CorruptionKind } from './_internals/kinds';
import { DEFAULT_MAX_LINEAR_SID_BITS, STRTAB_SPLIT } from './_internals/kernel';
import { corruption } from './corruption';
import { crashedTable } from './crashedTable';
import { dmaWrites } from './dmaWrites';
import { faultSchedule } from './faultSchedule';
import { coherency, hardware, sidBitsRange, type SidBitsConstraint } from './hardware';
import { inserts } from './inserts';
import { cdCorruption } from './cdCorruption';
import { s1Contexts } from './s1Contexts';
import { teardown } from './teardown';

/**
 * Everything a property or a test can force or limit, so that it can target one story.
 * Every field is optional; the defaults generate the whole space, biased to boundaries.
 */
export interface ScenarioConstraints {
  // --- hardware (hardware())
  /** IDR1.SIDSIZE: a value or {min, max} within 1..32. Default 1..32. */
  sid_bits?: SidBitsConstraint;
  /** Force 2-level support (IDR0.ST_LVL). */
  two_level?: boolean;
  /** Force coherency. */
  coherent?: boolean;
  /** Largest sid_bits with a linear crashed table. Default 16 (DEFAULT_MAX_LINEAR_SID_BITS). */
  maxLinearSidBits?: number;

  // --- the kdump kernel and the crashed kernel's state (crashedTable())
  /** Force is_kdump_kernel(). Default: kdump 19 times in 20 (the shrink target: true). */
  kdump?: boolean;
  /** Force CR0.SMMUEN as the crashed kernel left it. Default: set 15 times in 16. */
  smmuen?: boolean;
  /** Force GERROR.SFM_ERR. Default: active 1 time in 16. */
  sfm_err?: boolean;
  /**
   * Force the crashed table's format. Default: mainline's, sometimes linear on 2-level HW.
   * 'linear' caps sid_bits at maxLinearSidBits; '2lvl' defaults two_level to true and sid_bits
   * to 9..32 (mainline's 2-level case) unless they are given.
   */
  fmt?: CrashedTable['fmt'];
  /** Attached SIDs in the crashed kernel: at most (default 4) / at least (default 0). */
  maxAttached?: number;
  minAttached?: number;
  /** Most attached SIDs with a stage-1 context (S1 STE, CD table with ASIDs). Default 2; 0 = none. */
  maxS1Contexts?: number;

  // --- corruption()
  /** Most corruptions. Default 3; 0 = an uncorrupted crashed state. */
  maxCorruptions?: number;
  minCorruptions?: number;
  /** Only these corruption operators (MUTATION_KINDS). */
  corruptionKinds?: readonly CorruptionKind[];

  // --- dmaWrites()
  /** Most in-flight DMA writes. Default 2; 0 = none. */
  maxDmaWrites?: number;
  /** Only these DMA operators (DMA_KINDS). */
  dmaKinds?: readonly CorruptionKind[];

  // --- faultSchedule()
  /** false = no fault schedule at all. Default true. */
  withFaults?: boolean;
  /** Most faults. Default 2. */
  maxFaults?: number;
  /** Replace the known fault sites (KNOWN_FAULT_SITES). */
  faultSites?: readonly string[];
  /** Add fault sites to the known ones. */
  extraFaultSites?: readonly string[];

  // --- inserts()
  /** Most / fewest SIDs inserted by the kdump kernel. Default 4 / 0. */
  maxInserts?: number;
  minInserts?: number;
  /** Generate out-of-range SIDs (>= 2^sid_bits). Default true. */
  outOfRangeInserts?: boolean;

  // --- teardown()
  /** Force the register read-back policy at teardown. */
  policy?: RegisterPolicy;
}

/** The L1 indexes a list of corruptions / DMA writes rewrites. */
function touchedL1(ms: readonly (Corruption | Scenario['dma'][number])[]): number[] {
  return ms.flatMap((m) => (m.target === 'l1' ? [m.idx] : []));
}

interface Story {
  hardware: Hardware;
  table: CrashedTable;
  corruption: Corruption[];
  inserts: number[];
  dma: Scenario['dma'];
}

/**
 * A whole Scenario, composed from the builders in one place. What depends on the hardware (the
 * crashed table, the corruption operators that apply to it, the SIDs, the DMA targets) is
 * chained on it; the rest (kdump, SMMUEN, SFM_ERR, faults, teardown) is independent so that it
 * shrinks on its own.
 *
 * Shrinks towards "no corruption, no DMA, no faults, no inserts": kdump, SMMUEN set, no SFM_ERR,
 * coherent 2-level hardware, mainline's table with nothing attached, policy 'keep'.
 */
export function scenario(constraints: ScenarioConstraints = {}): fc.Arbitrary<Scenario> {
  const c = constraints;
  const maxLinearSidBits = c.maxLinearSidBits ?? DEFAULT_MAX_LINEAR_SID_BITS;
  const maxInserts = c.maxInserts ?? 4;

  // A forced format narrows the hardware so that the table can be built: a linear table only
  // up to maxLinearSidBits; a 2-level one, unless said otherwise, on hardware where mainline
  // itself builds 2-level (2-level support, sid_bits > STRTAB_SPLIT).
  let sidRange = sidBitsRange(c.sid_bits);
  let two_level = c.two_level;
  if (c.fmt === 'linear') sidRange = { min: sidRange.min, max: Math.min(sidRange.max, maxLinearSidBits) };
  if (c.fmt === '2lvl') {
    two_level ??= true;
    if (c.sid_bits === undefined) sidRange = { min: STRTAB_SPLIT + 1, max: 32 };
  }
  if (sidRange.min > sidRange.max) {
    throw new Error(`scenario: fmt 'linear' with sid_bits >= ${sidRange.min} needs maxLinearSidBits >= ${sidRange.min} (now ${maxLinearSidBits})`);
  }

  // Coherency is drawn outside the chain (nothing below depends on it), so that it shrinks on its
  // own: a shrink of the hardware regenerates the table and everything chained on it.
  const story: fc.Arbitrary<Story> = hardware({ sid_bits: sidRange, two_level, coherent: true, maxLinearSidBits }).chain((hw) =>
    crashedTable({ hardware: hw, fmt: c.fmt, maxAttached: c.maxAttached, minAttached: c.minAttached, maxLinearSidBits }).chain((table) => {
      const ctx = { hardware: hw, table };
      return fc
        .record({
          corruption: corruption({ ...ctx, maxCorruptions: c.maxCorruptions, minCorruptions: c.minCorruptions, kinds: c.corruptionKinds }),
          dma: dmaWrites({ ...ctx, maxDmaWrites: c.maxDmaWrites, maxBeforeInsert: maxInserts, kinds: c.dmaKinds }),
          // Stage-1 contexts, and sometimes a corrupted CD in one of them (a corruption).
          s1: s1Contexts({ ...ctx, maxS1Contexts: c.maxS1Contexts }).chain((contexts) =>
            cdCorruption({ contexts, enabled: c.corruptionKinds === undefined && (c.maxCorruptions ?? 3) > 0 ? undefined : false }).map((cds) => ({ contexts, cds })),
          ),
        })
        // The inserts after what was rewritten, so that a device on a rewritten bus re-probes
        // often (chained this way round, the inserts shrink without losing the rewrites).
        .chain((r) =>
          inserts({ ...ctx, maxInserts, minInserts: c.minInserts, outOfRange: c.outOfRangeInserts, touchedL1: touchedL1([...r.corruption, ...r.dma]) })
            .map((ins) => ({ ...r, inserts: ins })),
        )
        .map(
          (r): Story => ({
            hardware: hw,
            // No field at all without contexts: the shape of every scenario before them.
            table: r.s1.contexts.length > 0 ? { ...table, s1_contexts: r.s1.contexts } : table,
            // A corrupted CD counts against maxCorruptions like any other corruption.
            corruption: [...r.s1.cds, ...r.corruption].slice(0, Math.max(c.maxCorruptions ?? 3, r.corruption.length)),
            inserts: r.inserts,
            // before_insert = inserts.length means "before teardown"; probe-time writes stay as drawn
            dma: r.dma.map((d) => (d.during_probe !== undefined ? d : { ...d, before_insert: Math.min(d.before_insert, r.inserts.length) })),
          }),
        );
    }),
  );

  const faults: fc.Arbitrary<Fault[]> =
    c.withFaults === false
      ? fc.constant<Fault[]>([])
      : faultSchedule({ sites: c.faultSites, extraSites: c.extraFaultSites, maxFaults: c.maxFaults });

  return fc
    .record({
      story,
      coherent: coherency(c.coherent),
      // Adoption needs all of kdump, SMMUEN and no SFM_ERR (and coherency): each "no" only
      // exercises the plain reset, so it is drawn rarely enough that 3 runs in 4 can adopt.
      kdump: flag(true, 19, c.kdump),
      smmuen: flag(true, 15, c.smmuen),
      sfm_err: flag(false, 15, c.sfm_err),
      faults,
      teardown: teardown({ policy: c.policy }),
    })
    .map(
      ({ story: s, coherent, kdump, smmuen, sfm_err, faults: f, teardown: t }): Scenario => ({
        hardware: { ...s.hardware, coherent },
        kdump,
        crashed: { smmuen, sfm_err, table: s.table },
        corruption: s.corruption,
        dma: s.dma,
        faults: f,
        inserts: s.inserts,
        teardown: t,
      }),
    );
}

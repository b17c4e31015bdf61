/**
 * A fake harness for the command tests: the real commands, corpus and reports, with a tiny
 * deterministic "kernel" and three properties whose failures are easy to reason about.
 *
 * - fake-small-table: on revision fake-old, a kdump boot with 2-level hardware and
 *   sid_bits >= 20 "over-allocates" (signature "l1tab over-allocated"); fake-new is fixed.
 * - fake-fault-count: fails when two or more faults are scheduled; the signature says whether
 *   there are exactly two or more (two distinct signatures to find).
 * - fake-holds: always holds.
 */
import { UsageError } from '../../harness/errors';
import type { Harness } from '../../harness/cli/harness';
import type { Revision, RevisionInfo } from '../../harness/scenario/api';
import type { Outcome, Property, PropertyContext, Scenario } from '../../harness/scenario/types';
import { scenarioArb } from '../corpus/scenarioArb';

export const REVISIONS: RevisionInfo[] = [
  { name: 'fake-old', description: 'The first fake revision:\n  over-allocates.', wasm: 'fake-old.wasm' },
  { name: 'fake-new', description: 'The fixed fake revision.', wasm: 'fake-new.wasm' },
];

export function fakeOutcome(revision: string, s: Scenario, over: Partial<Outcome> = {}): Outcome {
  const l1 = BigInt(Math.max(1, 2 ** Math.max(0, s.crashed.table.log2size - 8))) * 8n;
  return {
    revision,
    probe_ret: 0,
    adopt_attempted: s.kdump && s.crashed.smmuen,
    adopted: s.kdump && s.crashed.smmuen && s.hardware.coherent,
    inserts: s.inserts.map((sid, i) => ({ sid, ret: 0, l2ptr_slot: 0n, acquired: [], step_from: 10 + i, step_to: 11 + i })),
    ledger: [{ id: 1, kind: 'memremap', addr: 0x4000_0000n, size: l1, pa: s.crashed.table.base, site: 'arm_smmu_kdump_adopt_strtab', line: 42, acquired_at: 3, phase: 'probe' }],
    violations: [{ kind: 'leak', message: 'memremap of the L1 table never released', entry: 1, phase: 'teardown', step: 20 }],
    peak_live_bytes: l1,
    peak_live_step: 3,
    peak_live_entries: [1],
    mmio_writes: [],
    registers: { STRTAB_BASE: s.crashed.table.base },
    log: [{ level: 6, site: 'arm_smmu_kdump_adopt_strtab', fmt: 'kdump: adopting %s stream table\n', text: `kdump: adopting ${s.crashed.table.fmt} stream table\n`, phase: 'probe', step: 2 }],
    warnings: [],
    trace: Array.from({ length: 3 + s.inserts.length * 30 }, (_, i) => ({ step: i, phase: 'probe' as const, call: 'readl', args: `0x${(i * 4).toString(16)}`, ret: '0x0' })),
    phase_end: { probe: 5 },
    coverage: [`fmt:${s.crashed.table.fmt}`, s.kdump ? 'kdump' : 'normal boot', ...(s.faults.length ? ['fault injected'] : [])],
    ...over,
  };
}

export const PROPERTIES: Property[] = [
  {
    name: 'fake-small-table',
    description: 'The L1 table is never larger than the kdump kernel would allocate.',
    check: ({ scenario: s, outcome }) =>
      outcome.revision === 'fake-old' && s.kdump && s.hardware.two_level && s.hardware.sid_bits >= 20
        ? { ok: false, signature: 'l1tab over-allocated', message: `L1 table sized for sid_bits=${s.hardware.sid_bits}, more than 2^20 SIDs` }
        : { ok: true },
  },
  {
    name: 'fake-fault-count',
    description: 'Two injected faults are survived.',
    check: ({ scenario: s }) =>
      s.faults.length >= 2
        ? { ok: false, signature: s.faults.length === 2 ? 'two faults' : 'three or more faults', message: `${s.faults.length} faults` }
        : { ok: true },
  },
  { name: 'fake-holds', description: 'Always holds.', check: () => ({ ok: true }) },
];

export interface FakeOptions {
  /** Busy-wait this long per run (for Ctrl-C and progress tests). */
  slowMs?: number;
}

export function fakeHarness(opts: FakeOptions = {}): Harness {
  return {
    listRevisions: () => REVISIONS,
    loadRevision(nameOrPath: string): Revision {
      const r = REVISIONS.find((x) => x.name === nameOrPath);
      if (r) return { ...r, key: r.name, bytes: new Uint8Array(), module: {} as WebAssembly.Module };
      if (nameOrPath.includes('/') || /\.(c|patch)$/.test(nameOrPath)) {
        throw new UsageError(`--revision ${nameOrPath}: no such file`);
      }
      throw new UsageError(`--revision ${nameOrPath}: unknown revision (known: ${REVISIONS.map((x) => x.name).join(', ')})`);
    },
    defaultRevision: 'fake-new',
    runWithBaseline(revision: Revision, s: Scenario): PropertyContext {
      if (opts.slowMs) { const end = Date.now() + opts.slowMs; while (Date.now() < end) { /* a slow kernel */ } }
      return { scenario: s, outcome: fakeOutcome(revision.name, s), baseline: fakeOutcome('mainline', { ...s, kdump: false }) };
    },
    loadProperties: () => PROPERTIES,
    scenario: () => scenarioArb(),
    scenarioLabels: (s) => [`fmt:${s.crashed.table.fmt}`, `faults:${s.faults.length}`, s.kdump ? 'kdump' : 'normal'],
  };
}

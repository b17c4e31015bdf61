/**
 * A fake harness for the command tests: the real commands, corpus and reports, with a tiny
 * deterministic "kernel" and three properties whose failures are easy to reason about.
 *
 * - fake-small-table: on revision fake-old, a kdump boot with 2-level hardware and
 *   sid_bits >= 20 "over-allocates" (signature "l1tab over-allocated"); fake-new is fixed.
 * - fake-fault-count: fails when two or more faults are scheduled; the signature says whether
 *   there are exactly two or more (two distinct signatures to find).
 * - fake-holds: always holds.
 *
 * Path revisions (built on --base, default fake-new), named by what their file name contains:
 * - "copy": behaves exactly like its base (an unchanged copy);
 * - "fix":  fixes fake-small-table (behaves like fake-new there) but breaks fake-fault-count for
 *           a single fault (signature "one fault"), on any base.
 * fake-limit: a listed revision whose runs with any fault meet a harness limit (a 4 GiB mapping
 * the simulator cannot back); every fake property would fail on those runs if they were checked.
 */
import { UsageError } from '../../harness/errors';
import type { Harness } from '../../harness/fuzz/harness';
import type { Revision, RevisionInfo } from '../../harness/scenario/api';
import type { Outcome, Property, PropertyContext, Scenario } from '../../harness/scenario/types';
import { scenarioArb } from '../corpus/scenarioArb';

export const REVISIONS: RevisionInfo[] = [
  { name: 'fake-old', description: 'The first fake revision:\n  over-allocates.', wasm: 'fake-old.wasm' },
  { name: 'fake-new', description: 'The fixed fake revision.', wasm: 'fake-new.wasm' },
  { name: 'fake-limit', description: 'Meets a simulator limit whenever a fault is injected.', wasm: 'fake-limit.wasm' },
];

const LIMIT_CRASH = {
  kind: 'harness-limit' as const, phase: 'probe' as const, stack: ['kshim_check', 'arm_smmu_kdump_adopt_strtab_linear'],
  message: 'a 4294967296-byte mapping of 0x100000000 is larger than the simulator can back (4 GiB WebAssembly memory)', pa: 0x1_0000_0000n,
};

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
      (outcome.revision === 'fake-old' || outcome.crash !== undefined) && s.kdump && s.hardware.two_level && s.hardware.sid_bits >= 20
        ? { ok: false, signature: 'l1tab over-allocated', message: `L1 table sized for sid_bits=${s.hardware.sid_bits}, more than 2^20 SIDs` }
        : { ok: true },
  },
  {
    name: 'fake-fault-count',
    description: 'Two injected faults are survived.',
    check: ({ scenario: s, outcome }) =>
      s.faults.length >= 2
        ? { ok: false, signature: s.faults.length === 2 ? 'two faults' : 'three or more faults', message: `${s.faults.length} faults` }
        : s.faults.length === 1 && (outcome.revision === 'fake-fix' || outcome.crash !== undefined)
          ? { ok: false, signature: 'one fault', message: '1 fault' }
          : { ok: true },
  },
  { name: 'fake-holds', description: 'Always holds.', check: ({ outcome }) => (outcome.crash ? { ok: false, signature: 'crashed', message: outcome.crash.message } : { ok: true }) },
];

export interface FakeOptions {
  /** Busy-wait this long per run (for Ctrl-C and progress tests). */
  slowMs?: number;
}

export function fakeHarness(opts: FakeOptions = {}): Harness {
  return {
    listRevisions: () => REVISIONS,
    loadRevision(nameOrPath: string, opts: { base?: string } = {}): Revision {
      const r = REVISIONS.find((x) => x.name === nameOrPath);
      if (r && opts.base !== undefined) throw new UsageError(`--base ${opts.base}: --base applies to a path given as --revision`);
      if (r) return { ...r, key: r.name, label: r.name, bytes: new Uint8Array(), module: {} as WebAssembly.Module };
      if (nameOrPath.includes('/') || /\.(c|patch)$/.test(nameOrPath)) {
        const file = nameOrPath.split('/').pop()!;
        if (!/copy|fix/.test(file)) throw new UsageError(`--revision ${nameOrPath}: no such file`);
        const base = opts.base ?? 'fake-new';
        if (!REVISIONS.some((x) => x.name === base)) throw new UsageError(`--base ${base}: no such revision`);
        return {
          name: `${base}+${file}`, description: `built from ${nameOrPath} on ${base}`, wasm: '', key: `${nameOrPath}#0`,
          label: `${base} + ${file} (1 hunk in fake.c)`, base, changes: [{ file: 'fake.c', hunks: 1 }],
          bytes: new Uint8Array(), module: {} as WebAssembly.Module,
        };
      }
      throw new UsageError(`--revision ${nameOrPath}: unknown revision (known: ${REVISIONS.map((x) => x.name).join(', ')})`);
    },
    defaultRevision: 'fake-new',
    runWithBaseline(revision: Revision, s: Scenario): PropertyContext {
      if (opts.slowMs) { const end = Date.now() + opts.slowMs; while (Date.now() < end) { /* a slow kernel */ } }
      // A path revision behaves like its base ("copy") or like the fake fix ("fix").
      const behaves = revision.base === undefined ? revision.name : /fix/.test(revision.name) ? 'fake-fix' : revision.base;
      const limit = behaves === 'fake-limit' && s.faults.length > 0 ? { crash: LIMIT_CRASH } : {};
      return { scenario: s, outcome: fakeOutcome(behaves, s, limit), baseline: fakeOutcome('mainline', { ...s, kdump: false }) };
    },
    loadProperties: () => PROPERTIES,
    scenario: () => scenarioArb(),
    scenarioLabels: (s) => [`fmt:${s.crashed.table.fmt}`, `faults:${s.faults.length}`, s.kdump ? 'kdump' : 'normal'],
  };
}

/**
 * Structural derivations of a scenario from the coverage pool (guide.ts), as fast-check
 * arbitraries built from the generators' own builders, so a mutant is as valid as a generated
 * scenario and shrinks with fast-check's shrinker (only the derived part shrinks; the rest is
 * the pool scenario's).
 *
 * Each derivation redraws one part against the parent's hardware and crashed table: the
 * corruption (or one corruption more, a corrupted CD of a stage-1 context, or one field of an
 * attached SID's STE flipped), the SIDs inserted, the DMA writes, the teardown policy,
 * one of kdump / SMMUEN / SFM_ERR flipped, or the fault schedule — aimed at the fallible call
 * sites the parent's run actually called, with nth within the calls it made (a fail-nth on a
 * site that is never called, or called fewer times, would be a wasted run).
 */
import fc from 'fast-check';
import type { Corruption, Scenario } from '../scenario/types';
import { cdCorruption } from '../../generators/cdCorruption';
import { corruption } from '../../generators/corruption';
import { dmaWrites } from '../../generators/dmaWrites';
import { inserts } from '../../generators/inserts';
import { teardown } from '../../generators/teardown';

/** A fallible call site (`function:service`, as the fault schedule names it) and how often it was called. */
export type SiteCalls = readonly [site: string, calls: number];

const SERVICE_OF_TRACE: Record<string, string> = {
  memremap: 'memremap', devm_memremap: 'devm_memremap', kmalloc: 'kmalloc', kzalloc: 'kmalloc',
  devm_kzalloc: 'devm_kmalloc', dmam_alloc_coherent: 'dmam_alloc_coherent', devm_add_action: 'devm_add_action',
  devm_add_action_or_reset: 'devm_add_action', xa_insert: 'xa_insert', ida_alloc_range: 'ida_alloc_range',
};

/** The fallible call sites a run called, with their call counts, from its trace (sorted by site). */
export function siteCallsOf(trace: readonly { call: string; args: string }[]): SiteCalls[] {
  const counts = new Map<string, number>();
  for (const t of trace) {
    const svc = SERVICE_OF_TRACE[t.call];
    const m = svc ? /\[([A-Za-z0-9_]+):\d+\]$/.exec(t.args) : null;
    if (!svc || !m) continue;
    const site = `${m[1]}:${svc}`;
    counts.set(site, (counts.get(site) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * STE fields the adoption's ID scan decodes (arm-smmu-v3.h): word, low bit, width. A flip
 * confined to one field reaches the scan's checks one at a time, where garbage in the whole STE
 * mostly stops at the first.
 */
const STE_FIELDS: readonly (readonly [word: number, lo: number, bits: number])[] = [
  [0, 0, 1], // V
  [0, 1, 3], // CFG
  [0, 4, 2], // S1FMT
  [0, 59, 5], // S1CDMAX
  [0, 6, 46], // S1ContextPtr
  [2, 0, 16], // S2VMID
];

function steFieldFlip(sids: readonly number[]): fc.Arbitrary<Corruption> {
  return fc.record({
    sid: fc.constantFrom(...sids),
    field: fc.constantFrom(...STE_FIELDS),
    bits: fc.bigInt({ min: 1n, max: (1n << 46n) - 1n }),
  }).map(({ sid, field: [word, lo, width], bits }): Corruption => {
    const mask = (1n << BigInt(width)) - 1n;
    const flip = (bits & mask) === 0n ? 1n : bits & mask;
    return { kind: 'ste:garbage', target: 'ste', sid, word, op: 'xor', value: flip << BigInt(lo) };
  });
}

/** DMA writes keyed to inserts that no longer exist move to "before teardown", as scenario() does. */
function clampDma(dma: Scenario['dma'], insertCount: number): Scenario['dma'] {
  return dma.map((d) => (d.during_probe !== undefined ? d : { ...d, before_insert: Math.min(d.before_insert, insertCount) }));
}

export function derivationOf(parent: Scenario, calls: readonly SiteCalls[]): fc.Arbitrary<Scenario> {
  const ctx = { hardware: parent.hardware, table: parent.crashed.table };
  const options: fc.Arbitrary<Scenario>[] = [
    corruption({ ...ctx }).map((c) => ({ ...parent, corruption: c })),
    corruption({ ...ctx, minCorruptions: 1, maxCorruptions: 1 }).map((c) => ({ ...parent, corruption: [...parent.corruption, ...c] })),
    inserts({ ...ctx, maxInserts: 4 }).map((ins) => ({ ...parent, inserts: ins, dma: clampDma(parent.dma, ins.length) })),
    dmaWrites({ ...ctx, maxBeforeInsert: Math.max(parent.inserts.length, 0) }).map((d) => ({ ...parent, dma: clampDma(d, parent.inserts.length) })),
    teardown().map((t) => ({ ...parent, teardown: t })),
    fc.constantFrom('kdump', 'smmuen', 'sfm_err').map((f): Scenario => f === 'kdump'
      ? { ...parent, kdump: !parent.kdump }
      : { ...parent, crashed: { ...parent.crashed, [f]: !parent.crashed[f as 'smmuen' | 'sfm_err'] } }),
  ];
  const attached = parent.crashed.table.attached;
  if (attached.length > 0) {
    options.push(steFieldFlip(attached).map((m) => ({ ...parent, corruption: [...parent.corruption, m] })));
  }
  const contexts = parent.crashed.table.s1_contexts ?? [];
  if (contexts.length > 0) {
    options.push(cdCorruption({ contexts, enabled: true }).map((c) => ({ ...parent, corruption: [...c, ...parent.corruption] })));
  }
  if (calls.length > 0) {
    const fault = fc.constantFrom(...calls).chain(([site, n]) => fc.integer({ min: 1, max: Math.max(1, n) }).map((nth) => ({ site, nth })));
    options.push(fc.uniqueArray(fault, { minLength: 1, maxLength: 2, selector: (f) => `${f.site}#${f.nth}` }).map((faults) => ({ ...parent, faults })));
  }
  return fc.oneof(...options);
}

/**
 * The evidence that a property can fail on real C, found by running, never listed by hand:
 *
 *  - mutant kills: every mutant of harness/revisions/revisions.json is run, like its base, on the
 *    hand-written probes below; a property kills a mutant when it fails on the mutant with a
 *    signature it does not fail with on the base for the same probe (a recorded finding of the
 *    base kills nothing; a property that fails every run kills nothing either).
 *  - findings: every row of test/findings/_catalog.ts for the property, re-run: it must fail with
 *    its exact signature on each revision that has it, and hold on each revision that fixed it
 *    (the row's `passes`: the same scenario, the same property).
 *
 * The probes: the scenario of every Findings row, every story of harness/stories/findingScenarios.ts
 * that takes no argument, and each fault-free story again with one of the allocations it makes on
 * the base failed (its first call at an adoption site): the failure paths are where mutants hide.
 * A scenario met twice (a story that is also a Findings row's) is one probe.
 *
 * Runs are memoised per (revision, probe), so checking another property (a test's imitation of a
 * real one) costs only its check().
 */
import * as fs from 'fs';
import * as path from 'path';
import { KNOWN_FAULT_SITES } from '../../generators';
import { findToolchain } from '../../harness/build';
import { readCatalog } from '../../harness/revisions/catalog';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { REPO_ROOT } from '../../harness/scenario/revision';
import type { Property, PropertyContext, Scenario, Verdict } from '../../harness/scenario/types';
import { isAdoptionSite } from '../../properties/_lib/ledger';
import * as stories from '../../harness/stories/findingScenarios';
import { PINNED_ENTRIES, type Rev } from '../findings/_catalog';

export interface Probe {
  label: string;
  scenario: Scenario;
}

export interface Kill {
  mutant: string;
  probe: string;
  signature: string;
}

export interface FindingCheck {
  id: string;
  rev: Rev;
  /** The exact signature the row records for `rev`, or 'PASS' for a revision that fixed it. */
  expected: string;
  /** What the property said on that revision: its signatures, or ['PASS']. */
  got: string[];
}

export interface Evidence {
  property: string;
  kills: Kill[];
  findings: FindingCheck[];
  /** Runs that threw, one line per revision and error (a harness bug, never evidence either way). */
  errors: string[];
}

/** Every signature a verdict carries (a Verdict may carry several failures). */
export function signaturesOf(v: Verdict): string[] {
  if (v.ok) return [];
  const out = [v.signature];
  for (const value of Object.values(v as unknown as Record<string, unknown>)) {
    if (!Array.isArray(value)) continue;
    for (const x of value) {
      const sig = (x as { signature?: unknown } | null)?.signature;
      if (typeof sig === 'string' && !out.includes(sig)) out.push(sig);
    }
  }
  return out;
}

function verdictWords(v: Verdict): string[] {
  return v.ok ? ['PASS'] : signaturesOf(v);
}

const ctxCache = new Map<string, PropertyContext | Error>();

/** One run, memoised; an exception is kept as the result (the caller reports it). */
export function run(revision: string, probe: Probe): PropertyContext | Error {
  const key = `${revision}\0${probe.label}`;
  let ctx = ctxCache.get(key);
  if (ctx === undefined) {
    try {
      ctx = runWithBaseline(loadRevision(revision), probe.scenario);
    } catch (e) {
      ctx = e instanceof Error ? e : new Error(String(e));
    }
    ctxCache.set(key, ctx);
  }
  return ctx;
}

/** The mutants in harness/revisions/revisions.json, with their base. */
export function mutants(): { name: string; base: string }[] {
  return readCatalog(REPO_ROOT).filter((e) => e.mutant).map((e) => ({ name: e.name, base: e.base ?? 'latest' }));
}

/** A ledger kind as the fault schedule's service name. */
const SERVICE: Record<string, string> = { 'memremap-ram': 'memremap', devres_action: 'devm_add_action' };

const probeCache = new Map<string, Probe[]>();

/** The hand-written probes, in a stable order; fault variants are taken from `base`'s runs. */
export function probes(base = 'latest'): Probe[] {
  const cached = probeCache.get(base);
  if (cached) return cached;
  const out: Probe[] = PINNED_ENTRIES.map((f) => ({ label: `finding:${f.id}`, scenario: f.scenario() }));
  const plain: Probe[] = [];
  for (const [name, f] of Object.entries(stories as Record<string, unknown>)) {
    if (typeof f !== 'function' || f.length !== 0) continue;
    const s = (f as () => unknown)();
    if (s && typeof s === 'object' && 'hardware' in s && 'crashed' in s) plain.push({ label: `story:${name}`, scenario: s as Scenario });
  }
  out.push(...plain);
  for (const p of plain) {
    if (p.scenario.faults.length > 0) continue;
    const ctx = run(base, p);
    if (ctx instanceof Error) continue;
    const sites = new Set(ctx.outcome.ledger.filter((e) => isAdoptionSite(e.site)).map((e) => `${e.site}:${SERVICE[e.kind] ?? e.kind}`));
    for (const site of [...sites].filter((x) => KNOWN_FAULT_SITES.includes(x)).sort()) {
      out.push({ label: `${p.label}+fault:${site}`, scenario: { ...p.scenario, faults: [{ site, nth: 1 }] } });
    }
  }
  // The same scenario twice (a story that is also a Findings row's) is run once.
  const seen = new Set<string>();
  const unique = out.filter((p) => {
    const key = JSON.stringify(p.scenario, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return seen.has(key) ? false : (seen.add(key), true);
  });
  probeCache.set(base, unique);
  return unique;
}

/** A harness limit is not a verdict on the C, so never evidence. */
const LIMIT = /:harness-limit@/;

/** What makes `property` fail on real C: mutant kills on the probes and the Findings rows. */
export function evidenceOf(property: Property): Evidence {
  const kills: Kill[] = [];
  /** "<revision>: <error>" -> the probes it happened on (one line per distinct error). */
  const errors = new Map<string, string[]>();
  // A check that throws is a bug of the property: reported, never taken as a failure (or a kill).
  const check = (ctx: PropertyContext, where: string): string[] => {
    try {
      return verdictWords(property.check(ctx));
    } catch (e) {
      const key = `check() threw: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
      errors.set(key, [...(errors.get(key) ?? []), where]);
      return ['THREW'];
    }
  };
  for (const m of mutants()) {
    for (const probe of probes(m.base)) {
      const base = run(m.base, probe);
      const mutant = run(m.name, probe);
      if (base instanceof Error || mutant instanceof Error) {
        const [rev, err] = base instanceof Error ? [m.base, base] : [m.name, mutant as Error];
        const key = `${rev}: ${err.message.split('\n')[0]}`;
        errors.set(key, [...(errors.get(key) ?? []), probe.label]);
        continue;
      }
      const had = check(base, `${probe.label} on ${m.base}`);
      for (const sig of check(mutant, `${probe.label} on ${m.name}`)) if (sig !== 'PASS' && sig !== 'THREW' && !LIMIT.test(sig) && !had.includes(sig)) kills.push({ mutant: m.name, probe: probe.label, signature: sig });
    }
  }
  const findings: FindingCheck[] = [];
  for (const f of PINNED_ENTRIES.filter((x) => x.property === property.name)) {
    const probe = { label: `finding:${f.id}`, scenario: f.scenario() };
    const rows: [Rev, string][] = [
      ...(Object.entries(f.fails) as [Rev, string][]),
      ...f.passes.map((r): [Rev, string] => [r, 'PASS']),
    ];
    for (const [rev, expected] of rows) {
      const ctx = run(rev, probe);
      findings.push({ id: f.id, rev, expected, got: ctx instanceof Error ? [`harness error: ${ctx.message.split('\n')[0]}`] : check(ctx, `${probe.label} on ${rev}`) });
    }
  }
  const errorLines = [...errors].map(([key, on]) => `${key} (on ${on.length} probe${on.length === 1 ? '' : 's'}, first ${on[0]})`);
  return { property: property.name, kills, findings, errors: errorLines };
}

/** Where the mutant requirement is enforced: clang-14 is there to build one, or this is CI. */
export function clangOrCi(): boolean {
  if (process.env.CI && process.env.CI !== 'false') return true;
  try {
    findToolchain();
    return true;
  } catch {
    return false;
  }
}

/** test/mutants/<property>.test.ts: the property claims a mutant, so it must have one, clang or not. */
export function claimsMutant(name: string): boolean {
  return fs.existsSync(path.join(REPO_ROOT, 'test', 'mutants', `${name}.test.ts`));
}

export function mutantStep(name: string): string {
  return `write a mutant of latest that only ${name} catches: harness/revisions/mutants/latest-<what-it-breaks>.patch ` +
    '(header lines Mutant:, Base-Revision: latest, Description:, then a diff of the C), ' +
    `npm run assemble && npm run build:c -- latest-<what-it-breaks> (needs clang-14), and test/mutants/${name}.test.ts showing the kill`;
}

/** The mutant requirement: [] when a mutant kills it, or when it is not `required`. */
export function mutantProblems(e: Evidence, required: boolean): string[] {
  if (e.kills.length > 0 || !required) return [];
  return [`${e.property}: no mutant makes it fail on any of the ${probes().length} hand-written probes ` +
    `(mutants: ${mutants().map((m) => m.name).join(', ') || 'none'}; a scenario that kills one belongs in ` +
    `harness/stories/findingScenarios.ts as a story without arguments). Next: ${mutantStep(e.property)}`];
}

/** Findings rows the property does not reproduce: a missed failure, another signature, or no PASS where fixed. */
export function findingProblems(e: Evidence): string[] {
  const out: string[] = [];
  for (const f of e.findings) {
    const ok = f.expected === 'PASS' ? f.got.length === 1 && f.got[0] === 'PASS' : f.got.includes(f.expected);
    if (!ok) {
      out.push(`${e.property}: Findings row ${f.id} on ${f.rev}: expected ${f.expected === 'PASS' ? 'PASS (the revision that fixed it)' : f.expected}, got ${f.got.join(', ')}`);
    }
  }
  return out;
}

/**
 * Why `e` does not show that its property can fail; [] when it does. `mutantRequired`: a
 * property no mutant kills is a problem (where clang-14 or CI is, or when it claims a mutant).
 */
export function problemsOf(e: Evidence, mutantRequired: boolean): string[] {
  return [...mutantProblems(e, mutantRequired), ...findingProblems(e)];
}

/**
 * Every property can fail on real C. It replaces the fixed-seed allow-list, which any property
 * that always passes also passed. For each property found in properties/ (discovered, never
 * listed here), test/properties/_canFail.ts gathers the evidence by running:
 *
 *  (a) a mutant makes it fail: a signature it does not give on the mutant's base (latest) for
 *      the same hand-written probe. The mutant requirement is ENFORCED where clang-14 is installed
 *      (a mutant can be built: harness/build/toolchain.ts, KSHIM_CLANG) and in CI (CI=true; the CI
 *      image has clang), and always for a property that claims a mutant (test/mutants/<name>.test.ts
 *      exists). Elsewhere a property no mutant kills is a test.todo that names it and the next step,
 *      so a contributor without clang is not blocked and CI still fails on it.
 *  (b) every Findings row of the property (test/findings/_catalog.ts) fails on each revision that
 *      has it, with the exact signature, and
 *  (c) holds on each revision that fixed it (the row's `passes`), same scenario, same property.
 *      A property with no Findings row says so in its title: its mutant is its only evidence.
 *
 * The last block proves the check can fail: a constant-PASS and a constant-FAIL imitation of every
 * real property are rejected.
 */
import { PASS, fail } from '../../properties/_lib/verdict';
import type { Property } from '../../harness/scenario/types';
import { loadProperties } from '../../properties';
import {
  claimsMutant, clangOrCi, evidenceOf, findingProblems, mutantProblems, mutantStep, mutants, probes, problemsOf, type Evidence,
} from './_canFail';

const properties = loadProperties();
const enforced = clangOrCi();
const evidence = new Map<string, Evidence>(properties.map((p) => [p.name, evidenceOf(p)]));
const ev = (name: string): Evidence => evidence.get(name)!;

test('there are properties, mutants and probes to judge them with', () => {
  expect(properties.length).toBeGreaterThan(0);
  expect(mutants().length).toBeGreaterThan(0);
  expect(probes().length).toBeGreaterThan(0);
});

describe.each(properties.map((p) => p.name))('%s can fail on real C', (name) => {
  const e = ev(name);
  const required = enforced || claimsMutant(name);
  const first = e.kills[0];

  if (e.kills.length > 0 || required) {
    test(`a mutant makes it fail${first ? ` (${first.mutant}: ${first.signature}, probe ${first.probe})` : ''}`, () => {
      expect({ property: name, problems: mutantProblems(e, true) }).toEqual({ property: name, problems: [] });
    });
  } else {
    // Loud, not silent: the summary counts it and the title says what to do.
    // eslint-disable-next-line no-console
    console.warn(`${name}: NO MUTANT makes it fail (not enforced here: no clang-14, not CI; CI fails on it). Next: ${mutantStep(name)}`);
    test.todo(`NO MUTANT makes ${name} fail yet; enforced where clang-14 is and in CI. Next: ${mutantStep(name)}`);
  }

  const rows = e.findings;
  if (rows.length === 0) {
    test('has no Findings row: no posted revision is known to fail it, so its mutant is its only evidence', () => {
      expect(e.findings).toEqual([]);
    });
  }
  for (const f of rows) {
    test(`Findings row ${f.id} on ${f.rev}: ${f.expected === 'PASS' ? 'passes (fixed there)' : `fails with ${f.expected}`}`, () => {
      expect({ property: name, problems: findingProblems({ ...e, findings: [f] }) }).toEqual({ property: name, problems: [] });
    });
  }

  test('no probe made the harness throw', () => {
    expect({ property: name, errors: e.errors }).toEqual({ property: name, errors: [] });
  });
});

test('the Findings rows checked fail on v6, v7 and latest, and some pass on a revision that fixed them', () => {
  const all = [...evidence.values()].flatMap((e) => e.findings);
  const failing = new Set(all.filter((f) => f.expected !== 'PASS').map((f) => f.rev));
  expect([...failing].sort()).toEqual(expect.arrayContaining(['latest', 'v6', 'v7']));
  expect(all.filter((f) => f.expected === 'PASS').length).toBeGreaterThan(0);
});

describe('the check itself can fail', () => {
  const imitate = (p: Property, check: Property['check']): Property => ({ ...p, check });

  test.each(properties.map((p) => [p.name, p] as const))('a constant-PASS imitation of %s is rejected (as CI judges it)', (name, real) => {
    const problems = problemsOf(evidenceOf(imitate(real, () => PASS)), true);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(`${name}: no mutant makes it fail`)]));
    // Every Findings row that expects a failure reports the PASS.
    const failing = ev(name).findings.filter((f) => f.expected !== 'PASS');
    for (const f of failing) expect(problems).toContain(`${name}: Findings row ${f.id} on ${f.rev}: expected ${f.expected}, got PASS`);
  });

  test.each(properties.map((p) => [p.name, p] as const))('a constant-FAIL imitation of %s is rejected: the base fails the same way, so it kills no mutant', (name, real) => {
    const always = imitate(real, () => fail(name, 'always', 'check', 'fails every run'));
    const e = evidenceOf(always);
    expect(e.kills).toEqual([]);
    expect(problemsOf(e, true).length).toBeGreaterThan(0);
  });

  test('a check that throws is reported as an error, never counted as a kill', () => {
    const e = evidenceOf(imitate(properties[0], () => {
      throw new Error('boom');
    }));
    expect(e.kills).toEqual([]);
    expect(e.errors.some((x) => x.startsWith('check() threw: boom (on '))).toBe(true);
  });

  test('without clang, a constant-PASS imitation is still rejected when the property has a Findings row or claims a mutant', () => {
    const judged = properties.filter((p) => ev(p.name).findings.some((f) => f.expected !== 'PASS') || claimsMutant(p.name));
    expect(judged.length).toBeGreaterThan(0);
    for (const p of judged) {
      expect({ property: p.name, rejected: problemsOf(evidenceOf(imitate(p, () => PASS)), claimsMutant(p.name)).length > 0 })
        .toEqual({ property: p.name, rejected: true });
    }
  });

  test('a real property with its evidence intact has no problem (the check is not rejecting everything)', () => {
    const killed = properties.filter((p) => ev(p.name).kills.length > 0);
    expect(killed.length).toBeGreaterThan(0);
    for (const p of killed) expect(mutantProblems(ev(p.name), true)).toEqual([]);
  });
});

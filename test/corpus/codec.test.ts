import * as fc from 'fast-check';
import { canonicalJson, contentHash } from '../../harness/corpus/canonical';
import { decodeScenario, encodeScenario } from '../../harness/corpus/codec';
import { CORPUS_SCHEMA, decodeEntry, encodeEntry, entryHash, serializeEntry, type CorpusEntry } from '../../harness/corpus/entry';
import { FieldError } from '../../harness/corpus/fields';
import { parseHex64, toHex } from '../../harness/corpus/hex';
import { scenarioArb, simpleScenario } from './scenarioArb';

const entryArb: fc.Arbitrary<CorpusEntry> = fc.record({
  schema: fc.constant(CORPUS_SCHEMA),
  property: fc.constantFrom('no-over-allocation', 'no-leaked-mappings'),
  revision: fc.constantFrom('v6', 'latest', 'mainline'),
  signature: fc.string({ minLength: 1 }),
  message: fc.string(),
  expect: fc.dictionary(fc.constantFrom('v6', 'v7', 'latest'), fc.constantFrom('fail' as const, 'pass' as const), { minKeys: 1 }),
  scenario: scenarioArb({ maxSidBits: 63 }),
  found: fc.record({
    seed: fc.option(fc.integer({ min: -0x8000_0000, max: 0xffff_ffff })),
    path: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }).map((a) => a.join(':'))),
    date: fc.option(fc.constant('2026-05-01')),
    commit: fc.option(fc.stringMatching(/^[0-9a-f]{40}$/)),
  }),
});

/** Rebuilds every object of a JSON value with its keys in a random order. */
function shuffleKeys(v: unknown, rnd: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, rnd));
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort(() => rnd() - 0.5);
    return Object.fromEntries(keys.map((k) => [k, shuffleKeys((v as Record<string, unknown>)[k], rnd)]));
  }
  return v;
}

describe('corpus codec', () => {
  test('hex: 64-bit values round trip, anything else is refused', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (v) => parseHex64(toHex(v)) === v));
    for (const bad of ['0x', '12', '0x1_0', '0x10000000000000000', '-0x1', 0x10, null]) expect(parseHex64(bad)).toBeUndefined();
    expect(parseHex64('0xFF')).toBe(255n);
  });

  test('any Scenario round-trips through JSON text', () => {
    fc.assert(fc.property(scenarioArb({ maxSidBits: 63 }), (s) => {
      const text = JSON.stringify(encodeScenario(s));
      expect(decodeScenario(JSON.parse(text))).toEqual(s);
    }), { numRuns: 300 });
  });

  test('any entry round-trips through its file bytes, keeping its hash', () => {
    fc.assert(fc.property(entryArb, (e) => {
      const back = decodeEntry(JSON.parse(serializeEntry(e)));
      expect(back).toEqual(e);
      expect(entryHash(back)).toBe(entryHash(e));
    }), { numRuns: 200 });
  });

  test('canonical JSON and the hash do not depend on key order', () => {
    fc.assert(fc.property(entryArb, fc.integer(), (e, seed) => {
      let x = seed;
      const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      const json = encodeEntry(e);
      const shuffled = shuffleKeys(json, rnd);
      expect(canonicalJson(shuffled)).toBe(canonicalJson(json));
      expect(entryHash(decodeEntry(shuffled))).toBe(entryHash(e));
    }), { numRuns: 100 });
  });

  test('the hash covers schema, property, revision, signature and scenario, not message/expect/found', () => {
    const e: CorpusEntry = {
      schema: 1, property: 'p', revision: 'v6', signature: 's', message: 'm', expect: { v6: 'fail' },
      scenario: simpleScenario(), found: { seed: 1, path: '3:1', date: '2026-01-01', commit: null },
    };
    const h = entryHash(e);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(entryHash({ ...e, message: 'other', expect: { v6: 'fail', latest: 'pass' }, found: { ...e.found, date: '2027-02-02' } })).toBe(h);
    for (const changed of [{ property: 'q' }, { revision: 'v7' }, { signature: 't' }, { scenario: { ...e.scenario, kdump: false } }]) {
      expect(entryHash({ ...e, ...changed })).not.toBe(h);
    }
    // No regression: the name of this entry is part of the corpus format.
    expect(contentHash({ b: 1, a: [1, { d: 2, c: '0x1' }] })).toBe(contentHash({ a: [1, { c: '0x1', d: 2 }], b: 1 }));
    expect(h).toBe("153fb886cd810dc1");
  });

  test('a bad field is named by its path', () => {
    const json = encodeScenario(simpleScenario()) as any;
    const cases: [(j: any) => void, RegExp][] = [
      [(j) => { j.crashed.table.base = 4096; }, /scenario\.crashed\.table\.base: expected a 64-bit value/],
      [(j) => { j.corruption[0].target = 'cache'; }, /scenario\.corruption\[0\]\.target: expected one of/],
      [(j) => { j.dma[0].reg = 'STRTAB_BAS'; }, /scenario\.dma\[0\]\.reg/],
      [(j) => { delete j.dma[0].before_insert; }, /scenario\.dma\[0\]\.before_insert: is missing/],
      [(j) => { j.hardware.sid_bits = 64; }, /scenario\.hardware\.sid_bits: expected an integer in 0\.\.63/],
      [(j) => { j.faults[0].site = 'memremap'; }, /scenario\.faults\[0\]\.site: expected "function:service"/],
      [(j) => { j.teardown.policy = 'lost'; }, /scenario\.teardown\.policy/],
      [(j) => { j.extra = 1; }, /scenario\.extra: is not a field/],
      [(j) => { j.corruption[0].pa = '0x0'; }, /scenario\.corruption\[0\]\.pa: is not a field/],
    ];
    for (const [mutate, msg] of cases) {
      const j = JSON.parse(JSON.stringify(json));
      mutate(j);
      expect(() => decodeScenario(j)).toThrow(FieldError);
      expect(() => decodeScenario(j)).toThrow(msg);
    }
  });
});

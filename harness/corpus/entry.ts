/**
 * One corpus entry: a shrunk counterexample stored by value, with what it broke and how it was
 * found. The file format (schema 1) is, in this key order:
 *
 *   schema     1
 *   property   name of the property that failed (properties/<name>.ts)
 *   revision   revision it was found on (harness/revisions/<name>, or the name loadRevision gave a path)
 *   signature  the property's failure signature (what deduplicates findings)
 *   message    the property's explanation, in kernel terms
 *   expect     { [revision]: "fail" | "pass" } — the recorded expectation per revision; saved as
 *              { [revision]: "fail" }, edited by a maintainer as fixes land
 *   scenario   the Scenario (harness/corpus/codec.ts: bigints as "0x..." strings)
 *   found      { seed, seed_text?, path, date, commit } — how to find it again with the generators
 *              of that commit (seed/path are null for a hand-written entry)
 *
 * Identity: the file is named <hash>.json, hash = first 16 hex digits of the sha256 of the
 * canonical JSON of { schema, property, revision, signature, scenario }. `message`, `expect` and
 * `found` are left out on purpose: the date differs between two runs of the same seed, a maintainer
 * edits `expect`, and a property may reword its message — none of that makes a different finding,
 * so none of it may change the name (same seed, same code => same corpus file names).
 */
import type { Scenario } from '../scenario/types';
import { contentHash } from './canonical';
import { decodeScenario, encodeScenario, type ScenarioJson } from './codec';
import { FieldError, integer, join, nullable, object, oneOf, string, type Json } from './fields';

export const CORPUS_SCHEMA = 1;

export type Expectation = 'fail' | 'pass';

export interface FoundBy {
  /** The 32-bit seed (what --seed resolves to); null for a hand-written entry. */
  seed: number | null;
  /** The text given to --seed when it was not a number. */
  seed_text?: string;
  /** fast-check path of the shrunk counterexample ("run:shrink:shrink..."); null if hand-written. */
  path: string | null;
  /** ISO date (YYYY-MM-DD) it was saved; SOURCE_DATE_EPOCH is honoured. */
  date: string | null;
  /** `git rev-parse HEAD` of the harness that found it, when available. */
  commit: string | null;
}

export interface CorpusEntry {
  schema: typeof CORPUS_SCHEMA;
  property: string;
  revision: string;
  signature: string;
  message: string;
  expect: Record<string, Expectation>;
  scenario: Scenario;
  found: FoundBy;
}

/** The part of an entry that names it. */
function identity(e: CorpusEntry, scenario: ScenarioJson) {
  return { schema: e.schema, property: e.property, revision: e.revision, signature: e.signature, scenario };
}

export function entryHash(e: CorpusEntry): string {
  return contentHash(identity(e, encodeScenario(e.scenario)));
}

export function entryFileName(e: CorpusEntry): string {
  return entryHash(e) + '.json';
}

/** (revision, property, signature): two entries with the same key are the same finding. */
export function entryKey(e: Pick<CorpusEntry, 'revision' | 'property' | 'signature'>): string {
  return JSON.stringify([e.revision, e.property, e.signature]);
}

export function encodeEntry(e: CorpusEntry): Record<string, Json> {
  const found: Record<string, Json> = { seed: e.found.seed };
  if (e.found.seed_text !== undefined) found.seed_text = e.found.seed_text;
  Object.assign(found, { path: e.found.path, date: e.found.date, commit: e.found.commit });
  return {
    schema: e.schema,
    property: e.property,
    revision: e.revision,
    signature: e.signature,
    message: e.message,
    expect: { ...e.expect },
    scenario: encodeScenario(e.scenario),
    found,
  };
}

/** The bytes of a corpus file: 2-space JSON in the documented key order, final newline. */
export function serializeEntry(e: CorpusEntry): string {
  return JSON.stringify(encodeEntry(e), null, 2) + '\n';
}

const ENTRY_FIELDS = ['schema', 'property', 'revision', 'signature', 'message', 'expect', 'scenario', 'found'];

/** Thrown for a file written by an older or newer harness: the fix differs from a typo's. */
export class SchemaVersionError extends FieldError {
  constructor(readonly found: unknown) {
    super('schema', `this file has schema ${JSON.stringify(found)}, this harness reads schema ${CORPUS_SCHEMA}`);
  }
}

export function decodeEntry(v: Json): CorpusEntry {
  // The schema is checked first: an old file fails on its version, not on a renamed field.
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const schema = (v as Record<string, Json>).schema;
    if (schema !== CORPUS_SCHEMA) {
      if (schema === undefined) throw new FieldError('schema', `is missing (expected ${CORPUS_SCHEMA})`);
      throw new SchemaVersionError(schema);
    }
  }
  const o = object(v, '', ENTRY_FIELDS);
  const expectObj = object(o.expect, 'expect', [], Object.keys((o.expect ?? {}) as object));
  const expect: Record<string, Expectation> = {};
  for (const [rev, val] of Object.entries(expectObj)) {
    if (rev.length === 0) throw new FieldError('expect', 'has an empty revision name');
    expect[rev] = oneOf(val, join('expect', rev), ['fail', 'pass'] as const);
  }
  // An entry with no expectation would replay without checking anything.
  if (Object.keys(expect).length === 0) throw new FieldError('expect', 'is empty: record at least the revision it was found on, e.g. {"v6": "fail"}');
  const f = object(o.found, 'found', ['seed', 'path', 'date', 'commit'], ['seed_text']);
  const found: FoundBy = {
    seed: nullable(f.seed, 'found.seed', (x, p) => integer(x, p, -0x8000_0000, 0xffff_ffff)),
    path: nullable(f.path, 'found.path', (x, p) => {
      const s = string(x, p);
      if (!/^\d+(:\d+)*$/.test(s)) throw new FieldError(p, `expected a fast-check path like "17:0:3", found ${JSON.stringify(s)}`);
      return s;
    }),
    date: nullable(f.date, 'found.date', string),
    commit: nullable(f.commit, 'found.commit', string),
  };
  if (f.seed_text !== undefined) found.seed_text = string(f.seed_text, 'found.seed_text');
  return {
    schema: CORPUS_SCHEMA,
    property: string(o.property, 'property', { nonEmpty: true }),
    revision: string(o.revision, 'revision', { nonEmpty: true }),
    signature: string(o.signature, 'signature', { nonEmpty: true }),
    message: string(o.message, 'message'),
    expect,
    scenario: decodeScenario(o.scenario, 'scenario'),
    found,
  };
}

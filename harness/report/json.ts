/**
 * The --json documents: one per command run, bigints as "0x..." strings, no timing (timing
 * goes to stderr), so the same seed gives the same bytes. FuzzDocument is the contract of
 * `fuzz --json` (written by harness/cli/fuzzCommand.ts, read back by readFuzzDocument, e.g. by
 * the nightly's .ci/summarize.ts).
 */
import { encodeScenario, type ScenarioJson } from '../corpus/codec';
import { FieldError, array, integer, join, nullable, oneOf, string, type Json } from '../corpus/fields';
import { bigintReplacer } from '../corpus/hex';
import type { Outcome, Scenario } from '../scenario/types';
import { reproduceLines, type ReproduceInput } from './reproduce';
import type { StatisticsJson } from './statistics';

export function stringifyDocument(doc: unknown): string {
  return JSON.stringify(doc, bigintReplacer, 2) + '\n';
}

/** What a CI job needs of an outcome to triage without rerunning (the trace is left out). */
export function outcomeJson(o: Outcome) {
  return {
    probe_ret: o.probe_ret ?? null,
    probe_failed_at: o.probe_failed_at ?? null,
    adopt_attempted: o.adopt_attempted,
    adopted: o.adopted,
    peak_live_bytes: o.peak_live_bytes,
    violations: o.violations,
    ledger: o.ledger.filter((e) => o.violations.some((v) => v.entry === e.id)),
    crash: o.crash ?? null,
    log: o.log.map((l) => `[${l.phase}] ${l.text.replace(/\n$/, '')}`),
    warnings: o.warnings,
    trace_length: o.trace.length,
  };
}

export interface FindingJsonInput<S extends string = string> extends ReproduceInput {
  property: string;
  signature: string;
  message: string;
  status: S;
  runs?: number;
  path?: string | null;
  shrink_steps?: number;
  flaky?: boolean;
  saved?: string;
  scenario?: Scenario;
  outcome?: Outcome;
}

/** One finding of a fuzz or replay document (status: fuzz's new/known, replay's own words). */
export interface FindingDocument<S extends string = string> {
  property: string;
  signature: string;
  message: string;
  status: S;
  runs: number | null;
  first_index: number | null;
  path: string | null;
  shrink_steps: number | null;
  flaky: boolean;
  file: string | null;
  saved: string | null;
  /** The lines that reproduce it: by value (replay of the corpus file), then by seed. */
  reproduce: string[];
  scenario: ScenarioJson | null;
  outcome: ReturnType<typeof outcomeJson> | null;
}

export function findingJson<S extends string>(f: FindingJsonInput<S>): FindingDocument<S> {
  return {
    property: f.property,
    signature: f.signature,
    message: f.message,
    status: f.status,
    runs: f.runs ?? null,
    first_index: f.index ?? null,
    path: f.path ?? null,
    shrink_steps: f.shrink_steps ?? null,
    flaky: f.flaky ?? false,
    file: f.file ?? null,
    saved: f.saved ?? null,
    reproduce: reproduceLines(f),
    scenario: f.scenario ? encodeScenario(f.scenario) : null,
    outcome: f.outcome ? outcomeJson(f.outcome) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// fuzz --json

export type FuzzFindingStatus = 'new' | 'known';

export interface FuzzFindingDocument extends FindingDocument<FuzzFindingStatus> {
  /** Why a known finding is known: the corpus records it, or the base fails the same way. */
  known_by: 'corpus' | 'base' | null;
}

export interface SignatureRunsDocument {
  signature: string;
  runs: number;
  /** Where it was first seen: a run index (fuzz) or a corpus file (replay). */
  first: number | string;
}

/** A revision given by path, against its base (README "Testing a new revision"). */
export interface AgainstBaseDocument {
  base: string;
  properties: { property: string; fixed: SignatureRunsDocument[]; broke: SignatureRunsDocument[]; kept: SignatureRunsDocument[] }[];
}

export interface HarnessLimitsDocument {
  /** Runs whose properties were not checked: they met a limit of the simulator. */
  runs: number;
  limits: { where: string; of: 'run' | 'baseline'; message: string; runs: number; first_index: number | null; reproduce: string[] }[];
}

/** The one document `fuzz --json` writes. */
export interface FuzzDocument {
  command: 'fuzz';
  /** Edge coverage of the revision's C (harness/report/coverage.ts); null: a module without an edge map. */
  coverage?: unknown;
  seed: number;
  /** The --seed as given when it was text (nightly-2026-11-25), else null. */
  seed_text: string | null;
  revision: string;
  revision_label: string;
  /** What was given to --revision: a listed name or a path. */
  revision_arg: string;
  /** The base a path revision was built on; null for a listed revision. */
  base: string | null;
  properties: string[];
  runs_requested: number | null;
  time_budget_s: number | null;
  /** "I/N". */
  shard: string;
  strict: boolean;
  runs_done: number;
  stopped_by: 'runs' | 'time' | 'interrupt';
  /** The command's exit status (harness/cli/exitCodes.ts). */
  exit: number;
  findings: FuzzFindingDocument[];
  against_base: AgainstBaseDocument | null;
  harness_limits: HarnessLimitsDocument;
  statistics: StatisticsJson;
}

/** A document as JSON.parse returns it: its bigints are "0x..." strings (stringifyDocument). */
export type Parsed<T> = T extends bigint ? string
  : T extends readonly (infer U)[] ? Parsed<U>[]
  : T extends object ? { [K in keyof T]: Parsed<T[K]> }
  : T;

/**
 * A `fuzz --json` document read back. Text before the first line that starts with "{" is
 * skipped (npm's banner, when `npm run` was not given --silent). The fields a reader acts on
 * (everything above `findings[].scenario`) are checked: a wrong one throws a FieldError naming
 * it; fields added later are let through.
 */
export function readFuzzDocument(text: string): Parsed<FuzzDocument> {
  const start = text.search(/^\{/m);
  if (start < 0) throw new Error('no JSON document in it (the fuzz command prints none on stdout when it exits 2)');
  const doc = fields(JSON.parse(text.slice(start)) as Json, '');
  if (doc.command !== 'fuzz') throw new FieldError('command', `expected "fuzz", found ${JSON.stringify(doc.command)}: not a fuzz --json document`);
  integer(doc.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  for (const k of ['seed_text', 'base'] as const) nullable(doc[k], k, string);
  for (const k of ['revision', 'revision_label', 'revision_arg', 'shard'] as const) string(doc[k], k);
  array(doc.properties, 'properties', string);
  integer(doc.runs_done, 'runs_done', 0, Number.MAX_SAFE_INTEGER);
  oneOf(doc.stopped_by, 'stopped_by', ['runs', 'time', 'interrupt']);
  integer(doc.exit, 'exit', 0, 255);
  array(doc.findings, 'findings', (v, at) => {
    const f = fields(v, at);
    for (const k of ['property', 'signature', 'message'] as const) string(f[k], join(at, k));
    oneOf(f.status, join(at, 'status'), ['new', 'known']);
    nullable(f.runs, join(at, 'runs'), (v, f2) => integer(v, f2, 0, Number.MAX_SAFE_INTEGER));
    nullable(f.file, join(at, 'file'), string);
    array(f.reproduce, join(at, 'reproduce'), string);
  });
  return doc as unknown as Parsed<FuzzDocument>;
}

/** An object whose fields are checked one by one (extra fields are allowed). */
function fields(v: Json, at: string): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FieldError(at || '(the top level)', 'expected an object');
  return v as Record<string, Json>;
}

/**
 * The --json documents: one per command run, bigints as "0x..." strings, no timing (timing
 * goes to stderr), so the same seed gives the same bytes.
 */
import { encodeScenario } from '../corpus/codec';
import { bigintReplacer } from '../corpus/hex';
import type { Outcome, Scenario } from '../scenario/types';
import { reproduceLines, type ReproduceInput } from './reproduce';

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

export interface FindingJsonInput extends ReproduceInput {
  signature: string;
  message: string;
  status: string;
  runs?: number;
  path?: string | null;
  shrink_steps?: number;
  flaky?: boolean;
  saved?: string;
  scenario?: Scenario;
  outcome?: Outcome;
}

export function findingJson(f: FindingJsonInput) {
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

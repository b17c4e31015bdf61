/**
 * `npm run replay`: every selected property on every given corpus entry, on one revision.
 * Each failure is classified against the corpus: known (recorded for this revision) or new
 * (printed in full; exit 1). An entry whose own finding no longer fails where its `expect`
 * says "fail" is reported as such, so the maintainer can record the fix.
 */
import * as path from 'node:path';
import { UsageError } from '../errors';
import { KnownFindings } from '../corpus/known';
import { loadCorpusDir, loadCorpusPaths, type LoadedEntry } from '../corpus/load';
import { checkEntryProperties } from '../corpus/propertyNames';
import type { Expectation } from '../corpus/entry';
import { formatFailure } from '../report/failure';
import { findingJson, stringifyDocument } from '../report/json';
import { diffAgainstBase, diffJson, diffText, type Judged } from '../fuzz/againstBase';
import { checkReadableCorpusDir } from './corpusDir';
import type { Harness } from '../fuzz/harness';
import { HarnessLimits, judgeRun, type HarnessLimitHit } from '../fuzz/harnessLimit';
import type { Io } from './io';
import { checkJsonTarget, npmBannerWarning, STDOUT, writeDocument } from './jsonOutput';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from './exitCodes';
import { parseReplayArgs, REPLAY_USAGE } from './replayArgs';
import { checkEnvironment } from './environment';
import { loadRevisionArg } from './revisionArg';
import { selectProperties } from './selectProperties';
import { Yielder } from '../fuzz/yielder';
import type { Property, PropertyContext } from '../scenario/types';

/**
 * held: the property held; known: the failure is recorded (its entry's expect, the corpus for
 * the revision or its base) or the base fails the same way here; regression: the entry's own
 * property fails where its expect says "pass"; new: any other failure; fixed: the base fails
 * this way and the revision holds (path revisions only).
 */
export type ReplayStatus = 'held' | 'known' | 'new' | 'regression' | 'fixed';

export interface ReplayCheck {
  property: string;
  status: ReplayStatus;
  /** The failure's signature (for fixed: the base's). */
  signature?: string;
  message?: string;
  knownBy?: 'expect' | 'corpus' | 'base';
}

export interface EntryReplay {
  loaded: LoadedEntry;
  checks: ReplayCheck[];
  context: PropertyContext;
  /** What the entry's expect says for the revision (or its base), if anything. */
  expectation?: Expectation;
  /** Expectation 'fail' but the entry's own property held (and, with a base, the base fails it too). */
  unexpectedPass: boolean;
  /** The run met a limit of the simulator: nothing was checked. */
  limit?: HarnessLimitHit;
}

/** The revision an entry is judged on: its name and, for a path, the base it was built on. */
export interface JudgedOn {
  name: string;
  base?: string;
}

/** The entry's recorded expectation for the revision, else for its base (found there = fail). */
export function expectationOn(l: LoadedEntry, on: JudgedOn): Expectation | undefined {
  for (const r of on.base !== undefined ? [on.name, on.base] : [on.name]) {
    const e = l.entry.expect[r] ?? (l.entry.revision === r ? 'fail' : undefined);
    if (e !== undefined) return e;
  }
  return undefined;
}

/** Replays one entry on a revision (and its base, when given) and classifies every failure. */
export function replayEntry(
  l: LoadedEntry, on: JudgedOn, properties: readonly Property[],
  run: (s: LoadedEntry['entry']['scenario']) => PropertyContext, known: KnownFindings,
  runBase?: (s: LoadedEntry['entry']['scenario']) => PropertyContext,
): EntryReplay {
  const context = run(l.entry.scenario);
  const expectation = expectationOn(l, on);
  const judged = judgeRun(properties, context);
  if (judged.limit) return { loaded: l, checks: [], context, expectation, unexpectedPass: false, limit: judged.limit };
  const baseCtx = runBase?.(l.entry.scenario);
  const baseFound = baseCtx ? judgeRun(properties, baseCtx).found ?? [] : [];
  const checks: ReplayCheck[] = [];
  for (const p of properties) {
    const found = judged.found.filter((f) => f.property === p);
    const own = p.name === l.entry.property;
    if (found.length === 0) {
      const fixed = baseFound.filter((b) => b.property === p);
      if (fixed.length === 0) checks.push({ property: p.name, status: 'held' });
      for (const b of fixed) checks.push({ property: p.name, status: 'fixed', signature: b.signature, message: b.message });
      continue;
    }
    for (const f of found) {
      const c = { property: p.name, signature: f.signature, message: f.message };
      if (own && f.signature === l.entry.signature && expectation === 'fail') checks.push({ ...c, status: 'known', knownBy: 'expect' });
      else if (known.get(p.name, f.signature)) checks.push({ ...c, status: 'known', knownBy: 'corpus' });
      else if (baseFound.some((b) => b.property === p && b.signature === f.signature)) checks.push({ ...c, status: 'known', knownBy: 'base' });
      else checks.push({ ...c, status: own && expectation === 'pass' ? 'regression' : 'new' });
    }
  }
  const ownChecks = checks.filter((c) => c.property === l.entry.property);
  // With a base that fails it, a pass is what the change is for ("fixed"), not unexpected. An
  // entry whose own property --property left out was not judged at all: no unexpected pass.
  const unexpectedPass = expectation === 'fail' && ownChecks.length > 0 && ownChecks.every((c) => c.status === 'held');
  return { loaded: l, checks, context, expectation, unexpectedPass };
}

/**
 * The corpus that says what is known: --corpus, else the whole directory of every path given
 * (replaying one file must not forget what its neighbours record), plus the entries replayed.
 */
function knownCorpus(corpus: string | undefined, entries: readonly LoadedEntry[]): LoadedEntry[] {
  const dirs = corpus !== undefined ? [corpus] : [...new Set(entries.map((l) => path.dirname(l.file)))];
  const byFile = new Map<string, LoadedEntry>();
  for (const d of dirs) for (const l of loadCorpusDir(d, { missingOk: true })) byFile.set(path.resolve(l.file), l);
  for (const l of entries) byFile.set(path.resolve(l.file), l);
  return [...byFile.values()];
}

const isBad = (c: ReplayCheck, strict: boolean) => c.status === 'new' || c.status === 'regression' || (strict && c.status === 'known');

export async function replayCommand(argv: string[], harness: Harness, io: Io, signal?: AbortSignal): Promise<number> {
  const args = parseReplayArgs(argv, io.env);
  if (args.help) { io.out(REPLAY_USAGE); return EXIT_OK; }
  checkEnvironment(io.env);
  if (args.corpus !== undefined) checkReadableCorpusDir(args.corpus);
  const jsonTarget = args.jsonTarget;
  const jsonOnStdout = jsonTarget === STDOUT;
  if (jsonTarget !== undefined) checkJsonTarget(jsonTarget, [...args.paths, ...(args.corpus !== undefined ? [args.corpus] : [])]);
  const entries = loadCorpusPaths(args.paths);
  if (entries.length === 0) {
    throw new UsageError(`no corpus entry in ${args.paths.join(' ')}: nothing to replay, so nothing would be checked\n` +
      `  fix: give corpus files (<hash>.json) or a directory that holds them, e.g. npm run replay -- corpus`);
  }
  const allProperties = harness.loadProperties();
  const properties = selectProperties(allProperties, args.properties, 'replay');
  const revisionArg = args.revision ?? harness.defaultRevision;
  const { revision, base, label, knownOn } = loadRevisionArg(harness, revisionArg, args.base);
  const corpus = knownCorpus(args.corpus, entries);
  checkEntryProperties(corpus, allProperties.map((p) => p.name));
  const known = new KnownFindings(corpus, knownOn);
  const on: JudgedOn = { name: revision.name, base: base?.name };
  const yielder = new Yielder();
  const limits = new HarnessLimits();
  const banner = jsonTarget !== undefined ? npmBannerWarning(io.env, jsonTarget) : undefined;
  if (banner) io.err(banner);

  const replays: EntryReplay[] = [];
  let interrupted = false;
  if (!jsonOnStdout) {
    io.out(`replay: ${entries.length} corpus entries on revision ${label}, ${properties.length} properties; ` +
      `known: ${corpus.length} entries of ${args.corpus ?? [...new Set(corpus.map((l) => path.dirname(l.file)))].join(', ')}` +
      `${base ? `, and what the base ${base.name} fails on the same scenario` : ''}\n`);
  }
  for (const l of entries) {
    await yielder.maybeYield();
    if (signal?.aborted) { interrupted = true; break; }
    const r = replayEntry(l, on, properties, (s) => harness.runWithBaseline(revision, s), known,
      base ? (s) => harness.runWithBaseline(base, s) : undefined);
    if (r.limit) limits.record(r.limit, { file: l.file });
    replays.push(r);
    if (!jsonOnStdout) io.out(entryText(r, base ? `${revision.name} (its base ${base.name})` : revision.name, revisionArg, args.base, entries.length <= SHOW_KNOWN_UP_TO));
  }

  const failed = replays.some((r) => r.checks.some((c) => isBad(c, args.strict)) || (args.strict && r.unexpectedPass));
  const code = failed ? EXIT_FAILURE : interrupted ? EXIT_INTERRUPTED : EXIT_OK;
  const all = (s: ReplayStatus): Judged[] => replays.flatMap((r) => r.checks.filter((c) => c.status === s)
    .map((c) => ({ property: c.property, signature: c.signature!, runs: 1, first: r.loaded.file })));
  const merge = (xs: Judged[]): Judged[] => {
    const m = new Map<string, Judged>();
    for (const x of xs) { const k = `${x.property}\0${x.signature}`; const y = m.get(k); if (y) y.runs++; else m.set(k, { ...x }); }
    return [...m.values()];
  };
  const diff = base ? diffAgainstBase(properties.map((p) => p.name), merge([...all('new'), ...all('regression')]),
    merge(all('known')), merge(all('fixed'))) : undefined;
  if (jsonTarget !== undefined) {
    writeDocument(io, jsonTarget, stringifyDocument({
      command: 'replay', revision: revision.name, revision_label: label, revision_arg: revisionArg, base: base?.name ?? null,
      properties: properties.map((p) => p.name),
      entries: replays.map((r) => ({
        file: r.loaded.file, hash: r.loaded.hash, property: r.loaded.entry.property, signature: r.loaded.entry.signature,
        found_on: r.loaded.entry.revision, expect: r.expectation ?? null, unexpected_pass: r.unexpectedPass,
        harness_limit: r.limit ? { where: r.limit.where, of: r.limit.of, message: r.limit.message } : null,
        checks: r.checks.map((c) => c.signature === undefined || c.status === 'fixed'
          ? { property: c.property, status: c.status, signature: c.signature ?? null }
          : {
            ...findingJson({
              property: c.property, signature: c.signature, message: c.message ?? '', status: c.status,
              file: r.loaded.file, revisionArg, baseArg: args.base, seed: seedOf(r.loaded), index: indexOf(r.loaded),
              path: r.loaded.entry.found.path, scenario: r.loaded.entry.scenario, outcome: r.context.outcome,
            }),
            known_by: c.knownBy ?? null,
          }),
      })),
      against_base: diff && base ? diffJson(base.name, diff) : null,
      harness_limits: { runs: limits.runs, limits: limits.list.map((l) => ({ where: l.where, of: l.of, message: l.message, runs: l.runs, first_file: l.file ?? null })) },
      interrupted, exit: code,
    }));
  }
  if (!jsonOnStdout) {
    const count = (s: ReplayStatus) => replays.reduce((n, r) => n + r.checks.filter((c) => c.status === s).length, 0);
    const lines: string[] = [];
    if (diff && base) lines.push(...diffText(base.name, diff, `${replays.length - limits.runs} entries`));
    if (limits.runs > 0) {
      lines.push(`harness limits: ${limits.runs} entr${limits.runs === 1 ? 'y' : 'ies'} met a limit of the simulator; not checked (not a verdict on the C):`);
      for (const l of limits.list) lines.push(`  ${l.where}: ${l.runs}, first ${l.file}: ${l.message}`);
    }
    lines.push(`result: ${code === EXIT_FAILURE ? 'FAILED' : code === EXIT_INTERRUPTED ? 'INTERRUPTED' : 'PASSED'}: ` +
      `${replays.length} entries replayed, ${count('new')} new failure(s), ${count('regression')} regression(s), ${count('known')} known, ` +
      `${replays.filter((r) => r.unexpectedPass).length} now passing where "fail" is expected` +
      `${base ? `, ${count('fixed')} fixed against ${base.name}` : ''}${limits.runs > 0 ? `, ${limits.runs} not checked (harness limit)` : ''}`);
    io.out(lines.join('\n') + '\n');
  }
  return code;
}

const seedOf = (l: LoadedEntry) => l.entry.found.seed === null ? null : { value: l.entry.found.seed, text: l.entry.found.seed_text };
const indexOf = (l: LoadedEntry) => l.entry.found.path === null ? undefined : Number(l.entry.found.path.split(':')[0]);

/**
 * Replaying a handful of entries is how a reviewer reproduces a failure: then the entry's own
 * failure gets its full report even when it is known. A whole corpus only reports what is new.
 */
const SHOW_KNOWN_UP_TO = 3;

function entryText(r: EntryReplay, revision: string, revisionArg: string, baseArg: string | undefined, showKnown: boolean): string {
  const e = r.loaded.entry;
  const lines = [`${r.loaded.file}: ${e.property} (found on ${e.revision}; expect on ${revision}: ${r.expectation ?? 'not recorded'})`];
  if (r.limit) {
    lines.push(`  not checked: the run met a limit of the simulator in ${r.limit.where} (${r.limit.message}); not a verdict on the C`);
  }
  for (const c of r.checks) {
    if (c.status === 'held') continue;
    const why = c.status === 'known' ? (c.knownBy === 'expect' ? ' (its expect says "fail")' : c.knownBy === 'base' ? ' (the base fails the same way here)' : ' (recorded in the corpus)')
      : c.status === 'fixed' ? ' (the base fails this way; this revision holds)' : '';
    lines.push(`  ${c.status.padEnd(10)} ${c.property}: ${c.signature}${why}`);
    if (c.status === 'new' && c.property === e.property && r.expectation === 'fail') {
      lines.push(`             changed verdict: expect says it fails with ${e.signature}; it now fails with ${c.signature}`);
    }
  }
  if (!r.limit && r.checks.every((c) => c.status === 'held')) lines.push(`  every property held`);
  if (r.unexpectedPass) {
    lines.push(`  changed verdict: ${e.property} now HOLDS on ${revision} although expect says "fail": if it was fixed, ` +
      `npm run corpus:expect records it (or set "expect": {"${revision}": "pass"} in ${r.loaded.file})`);
  }
  let text = lines.join('\n') + '\n';
  for (const c of r.checks) {
    const ownKnown = showKnown && c.status === 'known' && c.property === e.property;
    if (c.signature === undefined || (c.status !== 'new' && c.status !== 'regression' && !ownKnown)) continue;
    text += formatFailure({
      property: c.property, revision, revisionArg, baseArg, signature: c.signature, message: c.message ?? '',
      status: c.status === 'regression' ? `REGRESSION: expect says "pass" on ${revision}`
        : c.status === 'known' ? `known on ${revision} (recorded in ${r.loaded.file})`
        : `new on ${revision}; if this is expected, record "${revision}": "fail" in the expect of ${r.loaded.file} (npm run corpus:expect)`,
      scenario: e.scenario, context: r.context, path: e.found.path, file: r.loaded.file,
      seed: seedOf(r.loaded), index: indexOf(r.loaded),
    });
  }
  return text;
}

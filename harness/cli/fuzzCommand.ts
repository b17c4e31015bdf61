/**
 * `npm run fuzz`: parse, load the revision, properties and corpus, run the fuzz loop, save and
 * print new findings, summarise. Exit 0 when every property held (known findings allowed),
 * 1 for a new finding (or any with --strict), 2 for bad usage or input, 130 on Ctrl-C without
 * a new finding (1 with one). See FUZZ_USAGE.
 */
import { KnownFindings } from '../corpus/known';
import { loadCorpusDir } from '../corpus/load';
import { saveEntry, type SaveResult } from '../corpus/save';
import { foundBy } from '../corpus/found';
import { CORPUS_SCHEMA, type CorpusEntry } from '../corpus/entry';
import { formatFailure } from '../report/failure';
import { findingJson, stringifyDocument, type FuzzDocument } from '../report/json';
import { coverageJson, coverageSummary, coverageText, type CoverageSummary } from '../report/coverage';
import { needsBaseline, revisionEdgeMap, type EdgeMap } from '../scenario/api';
import { checkEnvironment } from './environment';
import { UsageError } from '../errors';
import { checkEntryProperties } from '../corpus/propertyNames';
import { diffAgainstBase, diffJson, diffText, type PropertyDiff } from '../fuzz/againstBase';
import { checkWritableCorpusDir } from './corpusDir';
import type { HarnessLimit } from '../fuzz/harnessLimit';
import { checkJsonTarget, npmBannerWarning, STDOUT, writeDocument } from './jsonOutput';
import { loadRevisionArg } from './revisionArg';
import { reproduceLines } from '../report/reproduce';
import { fuzz, type Finding, type FuzzResult, type NewFindingToSave } from '../fuzz/fuzzer';
import { checkShardRuns, FUZZ_USAGE, parseFuzzArgs, type FuzzArgs } from './fuzzArgs';
import type { Harness } from '../fuzz/harness';
import type { Io } from './io';
import { listDocument, listText } from './list';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from './exitCodes';
import { ProgressLine } from './progress';
import { describeSeed, seedFlag } from '../corpus/seed';
import { describeShard } from '../fuzz/shard';
import { selectProperties } from './selectProperties';

function savedNote(s: SaveResult | undefined): string | undefined {
  if (!s) return undefined;
  return s.status === 'saved' ? `saved to ${s.file}` : `not saved: the corpus already records this signature in ${s.file}`;
}

/**
 * Fewer runs than this (in this shard) run in the main process: the workers' start and their
 * own JIT warm-up cost more than they save. Measured on the 2-core CI kind (--jobs 2 against
 * --jobs 1, wall clock, with V8's wasm inlining): 2000 runs 0.98-1.00x (seeds 1 and 42), 3000
 * runs 1.04-1.05x (seed 1) and 1.07-1.13x (seed 42), 4000 runs 1.07-1.18x, 8000 runs 1.25-1.38x
 * (npm run bench's jobs rows); the workers cost 25-30% more CPU throughout.
 */
const MIN_RUNS_FOR_JOBS = 3000;
/**
 * Runs submitted ahead per worker, so that none waits while another finishes a slow run (one run
 * in a few thousand takes seconds, while a typical one takes milliseconds: 64 left the other
 * worker idle for most of such a run).
 */
const LOOKAHEAD_PER_JOB = 256;

/** A run slower than this is reported on stderr (Hypothesis-style health check). */
const SLOW_RUN_MS = 1000;

export function exitCode(result: FuzzResult, strict: boolean): number {
  const anyNew = result.findings.some((f) => f.status === 'new');
  if (anyNew || (strict && result.findings.length > 0)) return EXIT_FAILURE;
  return result.stoppedBy === 'interrupt' ? EXIT_INTERRUPTED : EXIT_OK;
}

export async function fuzzCommand(argv: string[], harness: Harness, io: Io, signal?: AbortSignal, now: () => number = Date.now): Promise<number> {
  const args = parseFuzzArgs(argv, io.env);
  if (args.help) { io.out(FUZZ_USAGE); return EXIT_OK; }
  checkEnvironment(io.env);
  const jsonTarget = args.jsonTarget;
  const jsonOnStdout = jsonTarget === STDOUT;
  if (args.list) {
    const doc = stringifyDocument({ command: 'list', ...listDocument(harness) });
    if (jsonTarget !== undefined) { checkJsonTarget(jsonTarget, [args.corpus]); writeDocument(io, jsonTarget, doc); }
    if (!jsonOnStdout) io.out(listText(harness));
    return EXIT_OK;
  }
  checkShardRuns(args);
  if (jsonTarget !== undefined) checkJsonTarget(jsonTarget, [args.corpus]);
  checkWritableCorpusDir(args.corpus);
  const allProperties = harness.loadProperties();
  const properties = selectProperties(allProperties, args.properties, 'fuzz');
  const revisionArg = args.revision ?? harness.defaultRevision;
  const { revision, base, label, knownOn } = loadRevisionArg(harness, revisionArg, args.base);
  const corpus = loadCorpusDir(args.corpus, { missingOk: true });
  checkEntryProperties(corpus, allProperties.map((p) => p.name));
  const known = new KnownFindings(corpus, knownOn);
  const seed = { value: args.seed.value, text: args.seed.text };
  const banner = jsonTarget !== undefined ? npmBannerWarning(io.env, jsonTarget) : undefined;
  if (banner) io.err(banner);

  const shardRuns = Number.isFinite(args.runs) ? Math.ceil((args.runs - args.shard.index) / args.shard.count) : Infinity;
  const progress = new ProgressLine(io, !jsonOnStdout && io.errIsTTY, { runs: shardRuns, timeMs: args.timeMs });
  if (!jsonOnStdout) {
    io.out(`fuzz: revision ${label}, ${describeSeed(args.seed)}, ` +
      `${Number.isFinite(args.runs) ? `${args.runs} runs` : 'runs until the time is spent'}` +
      `${args.timeMs !== undefined ? ` (at most ${args.timeMs / 1000} s)` : ''}` +
      `${args.shard.count > 1 ? `, shard ${describeShard(args.shard)}` : ''}, ` +
      `${properties.length} propert${properties.length === 1 ? 'y' : 'ies'}, ` +
      `corpus ${args.corpus} (${corpus.length} entries, ${known.size} known on ${knownOn.join(' or ')})\n`);
    if (base) io.out(`fuzz: every scenario also runs on the base ${base.name}: a failure it has too is known (kept), not new\n`);
    // The posted code this revision does not carry (no silent gap): mail names here, why in --list and PROVENANCE.md.
    const gaps = (base ?? revision).not_carried ?? [];
    if (gaps.length > 0) io.out(`fuzz: not carried (see --list or its PROVENANCE.md for why): ${describeGaps(gaps)}\n`);
  }

  const persist = (f: NewFindingToSave): SaveResult => {
    const entry: CorpusEntry = {
      schema: CORPUS_SCHEMA, property: f.property, revision: revision.name, signature: f.signature,
      message: f.message, expect: { [revision.name]: 'fail' }, scenario: f.scenario,
      found: foundBy(seed.value, seed.text, f.path, io.env),
    };
    try {
      return saveEntry(args.corpus, entry);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      if (typeof code === 'string') throw new UsageError(`--corpus ${args.corpus}: cannot save a new finding there (${code}); check the directory and its permissions`);
      throw err;
    }
  };
  const report = (f: Finding) => formatFailure({
    property: f.property, revision: label, revisionArg, baseArg: args.base, signature: f.signature, message: f.message,
    status: f.status, scenario: f.shrunk!.scenario, context: f.context!, path: f.shrunk!.path,
    shrinkSteps: f.shrunk!.steps, flaky: f.shrunk!.flaky, shrinkInterrupted: f.shrunk!.interrupted,
    savedNote: savedNote(f.saved), file: f.saved?.file, seed, index: f.firstIndex,
  });

  // Worker processes pay for their start (about a second each): only for a listed revision and
  // enough runs. A revision built from a path runs in the main process (its base too).
  // Mainline's baseline run only when a selected property reads it (a third of a run's cost).
  const baseline = needsBaseline(properties);
  const pool = args.jobs > 1 && !base && harness.startRunPool && shardRuns >= MIN_RUNS_FOR_JOBS
    ? harness.startRunPool(args.jobs, revisionArg, properties.map((p) => p.name), baseline) : undefined;
  if (pool) io.err(`fuzz: scenarios run in ${args.jobs} worker processes (--jobs ${args.jobs})\n`);
  const result = await fuzz(
    { seed: seed.value, runs: args.runs, timeMs: args.timeMs, shard: args.shard },
    {
      arbitrary: harness.scenario(), labels: harness.scenarioLabels, properties,
      run: (s) => harness.runWithBaseline(revision, s, { baseline }),
      runForReport: (s) => harness.runWithBaseline(revision, s),
      runAhead: pool ? (s) => pool.run(s) : undefined,
      lookahead: pool ? LOOKAHEAD_PER_JOB * args.jobs : undefined,
      runBase: base ? (s) => harness.runWithBaseline(base, s, { baseline }) : undefined,
      known, persist, signal, now, guide: args.guide,
      onNewFinding: jsonOnStdout ? undefined : (f) => { progress.clear(); io.out(report(f)); },
      onProgress: (p) => progress.update(p),
    },
  ).finally(() => pool?.close());
  progress.clear();
  if (result.runsDone === 0 && result.stoppedBy !== 'interrupt') {
    // Exit 0 says "every property held": with no run, nothing was checked, so that would be a lie.
    throw new UsageError(`nothing was run: ${result.stoppedBy === 'time'
      ? `the time budget (--time ${args.timeMs! / 1000}) was spent before the first run`
      : 'this shard has no run index'}, so no property was checked\n  fix: give --time 1 or more, or --runs N`);
  }
  const code = exitCode(result, args.strict);
  const names = properties.map((p) => p.name);
  const view: RunView = { args, result, revision: revision.name, label, base: base?.name, revisionArg, names, code, edgeMap: revisionEdgeMap(revision) };

  if (jsonTarget !== undefined) writeDocument(io, jsonTarget, stringifyDocument(jsonDocument(view)));
  if (!jsonOnStdout) io.out(summaryText(view));

  const secs = result.elapsedMs / 1000;
  io.err(`fuzz: ${result.runsDone} runs in ${secs.toFixed(1)} s` +
    (secs > 0 ? ` (${(result.runsDone / secs).toFixed(0)} runs/s)` : '') + '\n');
  if (result.slowest && result.slowest.ms >= SLOW_RUN_MS) {
    io.err(`fuzz: health check: run ${result.slowest.index} took ${(result.slowest.ms / 1000).toFixed(1)} s ` +
      `(npm run fuzz -- ${seedFlag(seed)} --revision ${revisionArg} --runs ${result.slowest.index + 1} reaches it); ` +
      `slow runs mean fewer runs per budget and --time overshooting by up to one run\n`);
  }
  if (result.stoppedBy === 'interrupt') {
    io.err(`fuzz: interrupted after ${result.runsDone} runs; counterexamples found so far are saved in ${args.corpus}. ` +
      `To resume: npm run fuzz -- ${seedFlag(seed)} --revision ${revisionArg} ` +
      `(the runs already done repeat, and their findings now count as known)\n`);
  }
  return code;
}

interface RunView {
  args: FuzzArgs;
  result: FuzzResult;
  revision: string;
  label: string;
  base?: string;
  revisionArg: string;
  names: string[];
  code: number;
  edgeMap?: EdgeMap;
}

function baseDiff(v: RunView): PropertyDiff[] | undefined {
  if (v.base === undefined) return undefined;
  const judged = (f: { property: string; signature: string; runs: number; firstIndex: number }) =>
    ({ property: f.property, signature: f.signature, runs: f.runs, first: f.firstIndex });
  return diffAgainstBase(v.names,
    v.result.findings.filter((f) => f.status === 'new').map(judged),
    v.result.findings.filter((f) => f.status === 'known').map(judged),
    (v.result.fixed ?? []).map(judged));
}

function limitReproduce(v: RunView, l: HarnessLimit): string[] {
  return reproduceLines({ revisionArg: v.revisionArg, baseArg: v.args.base, seed: { value: v.args.seed.value, text: v.args.seed.text }, index: l.firstIndex });
}

function summaryText(v: RunView): string {
  const { args, result: r, label, revisionArg, names, code } = v;
  const revision = label;
  const lines: string[] = [];
  const stopped = r.stoppedBy === 'runs' ? 'all done' : r.stoppedBy === 'time' ? 'time budget spent' : 'interrupted by Ctrl-C';
  lines.push(`-- summary ${'-'.repeat(69)}`);
  lines.push(`revision ${revision}, ${describeSeed(args.seed)}${args.shard.count > 1 ? `, shard ${describeShard(args.shard)}` : ''}: ` +
    `${r.runsDone} runs (${stopped})`);
  for (const name of names) {
    const mine = r.findings.filter((f) => f.property === name);
    const fresh = mine.filter((f) => f.status === 'new');
    const known = mine.filter((f) => f.status === 'known');
    const runs = (fs: Finding[]) => fs.reduce((n, f) => n + f.runs, 0);
    if (fresh.length > 0) lines.push(`  FAILED  ${name}: ${fresh.length} new signature(s) in ${runs(fresh)} runs` + (known.length ? `, ${known.length} known` : ''));
    else if (known.length > 0) lines.push(`  known   ${name}: ${known.length} known finding(s) in ${runs(known)} runs (${v.base ? `kept: the base ${v.base} fails the same way, or the corpus records it` : 'recorded in the corpus'}, not a failure${args.strict ? ' without --strict' : ''})`);
    else lines.push(`  held    ${name}`);
  }
  const fresh = r.findings.filter((f) => f.status === 'new');
  if (fresh.length > 0) {
    lines.push('new findings:');
    for (const f of fresh) {
      lines.push(`  ${f.property}: ${f.signature}`);
      lines.push(`      first at run ${f.firstIndex}, ${f.runs} runs, shrunk in ${f.shrunk?.steps ?? 0} steps; ${savedNote(f.saved) ?? 'not saved'}`);
      for (const l of reproduceLines({ file: f.saved?.file, revisionArg, baseArg: args.base, seed: { value: args.seed.value, text: args.seed.text }, index: f.firstIndex, property: f.property })) {
        lines.push(`      ${l}`);
      }
    }
  }
  const known = r.findings.filter((f) => f.status === 'known');
  if (known.length > 0) {
    lines.push(`known findings (recorded in the corpus for ${v.base ? `${v.revision} or its base ${v.base}, or failing on the base too` : revision}):`);
    for (const f of known) lines.push(`  ${f.property}: ${f.signature} — ${f.runs} runs, first at run ${f.firstIndex}; ${f.known?.file ?? `the base ${v.base} fails the same way on that scenario`}`);
  }
  const diff = baseDiff(v);
  if (diff && v.base) lines.push(...diffText(v.base, diff, `${r.runsDone - r.limits.runs} scenarios`));
  const limits = r.limits.list;
  if (limits.length > 0) {
    lines.push(`harness limits: ${r.limits.runs} run(s) met a limit of the simulator; their properties were not checked ` +
      `(a limit of the harness, not a verdict on the C, never a finding):`);
    for (const l of limits) {
      lines.push(`  ${l.where}${l.of === 'baseline' ? ' (mainline baseline run)' : ''}: ${l.runs} run(s), first at run ${l.firstIndex}: ${l.message}`);
      for (const line of limitReproduce(v, l)) lines.push(`      ${line}`);
    }
  }
  lines.push(...r.statistics.format());
  const cov = coverageOf(v);
  if (cov) lines.push(...coverageText(cov, r.runsDone));
  if (r.guided) lines.push(`coverage guidance: ${r.guided.derived} run(s) derived from a pool scenario; ${r.guided.novel} run(s) reached a new edge, ${r.guided.novelDerived} of them derived (--no-guide: none)`);
  const verdict = code === EXIT_FAILURE
    ? (fresh.length > 0 ? `FAILED: ${fresh.length} new finding(s)` : `FAILED (--strict): ${known.length} known finding(s)`)
    : code === EXIT_INTERRUPTED ? 'INTERRUPTED: no new finding before Ctrl-C'
    : `PASSED${known.length > 0 ? ` (${known.length} known finding(s), see above)` : ''}` +
      `${r.limits.runs > 0 ? `; ${r.limits.runs} run(s) not checked (harness limit)` : ''}`;
  lines.push(`result: ${verdict}`);
  return lines.join('\n') + '\n';
}

function jsonDocument(v: RunView): FuzzDocument {
  const { args, result: r, revision, revisionArg, names, code } = v;
  const seed = { value: args.seed.value, text: args.seed.text };
  const diff = baseDiff(v);
  return {
    command: 'fuzz',
    seed: args.seed.value,
    seed_text: args.seed.text ?? null,
    revision,
    revision_label: v.label,
    revision_arg: revisionArg,
    base: v.base ?? null,
    properties: names,
    runs_requested: Number.isFinite(args.runs) ? args.runs : null,
    time_budget_s: args.timeMs !== undefined ? args.timeMs / 1000 : null,
    shard: describeShard(args.shard),
    strict: args.strict,
    runs_done: r.runsDone,
    stopped_by: r.stoppedBy,
    exit: code,
    findings: r.findings.map((f) => ({
      ...findingJson({
        property: f.property, signature: f.signature, message: f.message, status: f.status, runs: f.runs,
        index: f.firstIndex, path: f.shrunk?.path ?? null, shrink_steps: f.shrunk?.steps, flaky: f.shrunk?.flaky,
        file: f.saved?.file ?? f.known?.file, saved: f.saved?.status, revisionArg, baseArg: args.base, seed,
        scenario: f.shrunk?.scenario, outcome: f.context?.outcome,
      }),
      known_by: f.knownBy ?? null,
    })),
    against_base: diff && v.base ? diffJson(v.base, diff) : null,
    harness_limits: {
      runs: r.limits.runs,
      limits: r.limits.list.map((l) => ({
        where: l.where, of: l.of, message: l.message, runs: l.runs, first_index: l.firstIndex ?? null, reproduce: limitReproduce(v, l),
      })),
    },
    statistics: r.statistics.toJson(),
    coverage: coverageOf(v) ? { ...coverageJson(coverageOf(v)!), guided: r.guided ?? null } : null,
  };
}

/** The coverage of the revision's C by this run's scenarios (undefined: a module without an edge map). */
function coverageOf(v: RunView): CoverageSummary | undefined {
  return v.edgeMap ? coverageSummary(v.edgeMap, v.result.edges) : undefined;
}

/**
 * not_carried entries by mail, each with the hunks left out where only some are ("v7-2-7-….txt
 * hunk #2"), or "whole": a mail carried in part must not read as a mail left out.
 */
export function describeGaps(gaps: readonly string[]): string {
  const byMail = new Map<string, string[]>();
  for (const g of gaps) {
    const m = /^([^:]+): (?:\S+ (hunk #\d+))?/.exec(g);
    const mail = m ? m[1] : g;
    const hunks = byMail.get(mail) ?? [];
    hunks.push(m?.[2] ?? 'whole');
    byMail.set(mail, hunks);
  }
  return [...byMail].map(([mail, hunks]) => `${mail} (${hunks.includes('whole') ? 'whole' : hunks.join(', ')})`).join(', ');
}

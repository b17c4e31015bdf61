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
import { findingJson, stringifyDocument } from '../report/json';
import { reproduceLines } from '../report/reproduce';
import { fuzz, type Finding, type FuzzResult, type NewFindingToSave } from './fuzzer';
import { FUZZ_USAGE, parseFuzzArgs, type FuzzArgs } from './fuzzArgs';
import type { Harness } from './harness';
import type { Io } from './io';
import { listDocument, listText } from './list';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from './main';
import { ProgressLine } from './progress';
import { describeSeed, seedFlag } from './seed';
import { describeShard } from './shard';
import { selectProperties } from './selectProperties';

function savedNote(s: SaveResult | undefined): string | undefined {
  if (!s) return undefined;
  return s.status === 'saved' ? `saved to ${s.file}` : `not saved: the corpus already records this signature in ${s.file}`;
}

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
  if (args.list) {
    io.out(args.json ? stringifyDocument({ command: 'list', ...listDocument(harness) }) : listText(harness));
    return EXIT_OK;
  }
  const properties = selectProperties(harness.loadProperties(), args.properties, 'fuzz');
  const revisionArg = args.revision ?? harness.defaultRevision;
  const revision = harness.loadRevision(revisionArg);
  const corpus = loadCorpusDir(args.corpus, { missingOk: true });
  const known = new KnownFindings(corpus, revision.name);
  const seed = { value: args.seed.value, text: args.seed.text };

  const shardRuns = Number.isFinite(args.runs) ? Math.ceil((args.runs - args.shard.index) / args.shard.count) : Infinity;
  const progress = new ProgressLine(io, !args.json && io.errIsTTY, { runs: shardRuns, timeMs: args.timeMs });
  if (!args.json) {
    io.out(`fuzz: revision ${revision.name}, ${describeSeed(args.seed)}, ` +
      `${Number.isFinite(args.runs) ? `${args.runs} runs` : 'runs until the time is spent'}` +
      `${args.timeMs !== undefined ? ` (at most ${args.timeMs / 1000} s)` : ''}` +
      `${args.shard.count > 1 ? `, shard ${describeShard(args.shard)}` : ''}, ` +
      `${properties.length} propert${properties.length === 1 ? 'y' : 'ies'}, ` +
      `corpus ${args.corpus} (${corpus.length} entries, ${known.size} known on ${revision.name})\n`);
  }

  const persist = (f: NewFindingToSave): SaveResult => {
    const entry: CorpusEntry = {
      schema: CORPUS_SCHEMA, property: f.property, revision: revision.name, signature: f.signature,
      message: f.message, expect: { [revision.name]: 'fail' }, scenario: f.scenario,
      found: foundBy(seed.value, seed.text, f.path, io.env),
    };
    return saveEntry(args.corpus, entry);
  };
  const report = (f: Finding) => formatFailure({
    property: f.property, revision: revision.name, revisionArg, signature: f.signature, message: f.message,
    status: f.status, scenario: f.shrunk!.scenario, context: f.context!, path: f.shrunk!.path,
    shrinkSteps: f.shrunk!.steps, flaky: f.shrunk!.flaky, shrinkInterrupted: f.shrunk!.interrupted,
    savedNote: savedNote(f.saved), file: f.saved?.file, seed, index: f.firstIndex,
  });

  const result = await fuzz(
    { seed: seed.value, runs: args.runs, timeMs: args.timeMs, shard: args.shard },
    {
      arbitrary: harness.scenario(), labels: harness.scenarioLabels, properties,
      run: (s) => harness.runWithBaseline(revision, s), known, persist, signal, now,
      onNewFinding: args.json ? undefined : (f) => { progress.clear(); io.out(report(f)); },
      onProgress: (p) => progress.update(p),
    },
  );
  progress.clear();
  const code = exitCode(result, args.strict);

  if (args.json) io.out(stringifyDocument(jsonDocument(args, result, revision.name, revisionArg, properties.map((p) => p.name), code)));
  else io.out(summaryText(args, result, revision.name, revisionArg, properties.map((p) => p.name), code));

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

function summaryText(args: FuzzArgs, r: FuzzResult, revision: string, revisionArg: string, names: string[], code: number): string {
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
    else if (known.length > 0) lines.push(`  known   ${name}: ${known.length} known finding(s) in ${runs(known)} runs (recorded in the corpus, not a failure${args.strict ? ' without --strict' : ''})`);
    else lines.push(`  held    ${name}`);
  }
  const fresh = r.findings.filter((f) => f.status === 'new');
  if (fresh.length > 0) {
    lines.push('new findings:');
    for (const f of fresh) {
      lines.push(`  ${f.property}: ${f.signature}`);
      lines.push(`      first at run ${f.firstIndex}, ${f.runs} runs, shrunk in ${f.shrunk?.steps ?? 0} steps; ${savedNote(f.saved) ?? 'not saved'}`);
      for (const l of reproduceLines({ file: f.saved?.file, revisionArg, seed: { value: args.seed.value, text: args.seed.text }, index: f.firstIndex, property: f.property })) {
        lines.push(`      ${l}`);
      }
    }
  }
  const known = r.findings.filter((f) => f.status === 'known');
  if (known.length > 0) {
    lines.push(`known findings (recorded in the corpus for ${revision}):`);
    for (const f of known) lines.push(`  ${f.property}: ${f.signature} — ${f.runs} runs, first at run ${f.firstIndex}; ${f.known?.file}`);
  }
  lines.push(...r.statistics.format());
  const verdict = code === EXIT_FAILURE
    ? (fresh.length > 0 ? `FAILED: ${fresh.length} new finding(s)` : `FAILED (--strict): ${known.length} known finding(s)`)
    : code === EXIT_INTERRUPTED ? 'INTERRUPTED: no new finding before Ctrl-C'
    : `PASSED${known.length > 0 ? ` (${known.length} known finding(s), see above)` : ''}`;
  lines.push(`result: ${verdict}`);
  return lines.join('\n') + '\n';
}

function jsonDocument(args: FuzzArgs, r: FuzzResult, revision: string, revisionArg: string, names: string[], code: number) {
  const seed = { value: args.seed.value, text: args.seed.text };
  return {
    command: 'fuzz',
    seed: args.seed.value,
    seed_text: args.seed.text ?? null,
    revision,
    revision_arg: revisionArg,
    properties: names,
    runs_requested: Number.isFinite(args.runs) ? args.runs : null,
    time_budget_s: args.timeMs !== undefined ? args.timeMs / 1000 : null,
    shard: describeShard(args.shard),
    strict: args.strict,
    runs_done: r.runsDone,
    stopped_by: r.stoppedBy,
    exit: code,
    findings: r.findings.map((f) => findingJson({
      property: f.property, signature: f.signature, message: f.message, status: f.status, runs: f.runs,
      index: f.firstIndex, path: f.shrunk?.path ?? null, shrink_steps: f.shrunk?.steps, flaky: f.shrunk?.flaky,
      file: f.saved?.file ?? f.known?.file, saved: f.saved?.status, revisionArg, seed,
      scenario: f.shrunk?.scenario, outcome: f.context?.outcome,
    })),
    statistics: r.statistics.toJson(),
  };
}

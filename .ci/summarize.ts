/**
 * The nightly fuzz job's decision and job summary, from what the fuzz shards left behind:
 *
 *   fuzz-I.json   the shard's `npm run --silent fuzz -- ... --json` document (harness/report/json.ts)
 *   fuzz-I.exit   the fuzz command's exit status (harness/cli/exitCodes.ts: 0 held, 1 new failure,
 *                 2 bad input, 3 harness bug, 130 interrupted); none means it never finished
 *   fuzz-I.err    its stderr (optional): the tail is quoted when the shard did not exit 0 or 1
 *   corpus/*.json the counterexamples the run added (new files, untracked by git)
 *
 * It writes Markdown — one paragraph per new counterexample in kernel terms, the scenario decoded,
 * and the one line that reproduces it — to $GITHUB_STEP_SUMMARY (stdout when unset, so the same
 * command runs on a laptop), optionally copies the new corpus files to --collect DIR/corpus/ for
 * the artifact, and exits with the job's decision:
 *
 *   0  every property held, or only known findings, or new findings on an older revision (reported)
 *   1  a new counterexample on the newest revision (`latest`, the default) or on a patch/C file
 *      given by path — the code under review
 *   2  a shard could not run: bad usage or input (exit 2), a harness bug (exit 3), interrupted, no
 *      exit status, an unreadable --json document or a malformed new corpus file
 *
 * Usage (what .github/workflows/nightly.yml runs; works the same locally):
 *   npx ts-node --transpile-only .ci/summarize.ts [--revision NAME|PATH] [--seed TEXT]
 *       [--corpus DIR | --new-corpus DIR] [--collect DIR] [--summary-file F] [--log-only]
 *       [--report-only] FUZZ_JSON...
 *
 *   --corpus DIR      new counterexamples = *.json files in DIR that git does not track (default corpus)
 *   --new-corpus DIR  new counterexamples = every entry in DIR (the merged artifact of all shards)
 *   --collect DIR     copy the new entries to DIR/corpus/ (the artifact a reviewer downloads)
 *   --summary-file F  also write the Markdown to F
 *   --log-only        print the Markdown, do not append it to $GITHUB_STEP_SUMMARY (shard jobs:
 *                     the merged report is the one the run page shows)
 *   --report-only     always exit 0 (a job that only reports; the shard jobs carry the decision)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { describeExit, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../harness/cli/exitCodes';
import { loadEntryFile, type LoadedEntry } from '../harness/corpus/load';
import { readFuzzDocument, type FuzzDocument, type Parsed } from '../harness/report/json';
import { shellWord } from '../harness/report/reproduce';
import { describeScenario } from '../harness/report/scenario';
import { DEFAULT_REVISION, listRevisions } from '../harness/scenario/revision';

// ---------------------------------------------------------------------------------------------
// Reading a shard's output

type Doc = Parsed<FuzzDocument>;
type DocFinding = Doc['findings'][number];

export interface ShardResult {
  /** fuzz-I.json as given. */
  name: string;
  /** The fuzz command's exit status; null = it never finished (no .exit file, no document). */
  exit: number | null;
  /** The document (harness/report/json.ts); null when absent or unreadable (see `problem`). */
  doc: Doc | null;
  /** Why the document could not be read, if it could not. */
  problem?: string;
  /** Last lines of the shard's stderr, when kept. */
  stderrTail?: string;
}

/** fuzz-I.json plus its siblings fuzz-I.exit and fuzz-I.err. */
export function readShard(jsonFile: string): ShardResult {
  const stem = jsonFile.replace(/\.json$/, '');
  const result: ShardResult = { name: jsonFile, exit: null, doc: null };
  if (fs.existsSync(stem + '.exit')) {
    const t = fs.readFileSync(stem + '.exit', 'utf8').trim();
    result.exit = /^\d+$/.test(t) ? Number(t) : null;
  }
  if (fs.existsSync(stem + '.err')) {
    const lines = fs.readFileSync(stem + '.err', 'utf8').trimEnd().split('\n');
    result.stderrTail = lines.slice(-20).join('\n');
  }
  let text = '';
  try {
    text = fs.readFileSync(jsonFile, 'utf8');
  } catch {
    result.problem = `${jsonFile} does not exist`;
  }
  if (text.trim() !== '') {
    try {
      result.doc = readFuzzDocument(text);
    } catch (err) {
      result.problem = `${jsonFile}: ${(err as Error).message}`;
    }
  } else if (result.problem === undefined) {
    result.problem = `${jsonFile} is empty`;
  }
  // No .exit file (an older run): the document's own status.
  if (result.exit === null && result.doc !== null) result.exit = result.doc.exit;
  return result;
}

/** The seed as the command line gave it. */
function seedOf(doc: Doc): string {
  return doc.seed_text ?? String(doc.seed);
}

// ---------------------------------------------------------------------------------------------
// New corpus entries

/** *.json files in `dir` that git does not track (what this run added), sorted. */
export function untrackedCorpusFiles(dir: string, cwd = process.cwd()): string[] {
  let out: string;
  try {
    out = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z', '--', dir], {
      cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw new Error(`cannot list the new files of ${dir} with git (${(err as Error).message.split('\n')[0]}); ` +
      'outside a git checkout, pass --new-corpus DIR with only the new entries in it');
  }
  return out.split('\0').filter((f) => f.endsWith('.json') && !path.basename(f).startsWith('.')).sort();
}

export function corpusFilesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort().map((n) => path.join(dir, n));
}

export interface NewEntry {
  file: string;
  loaded?: LoadedEntry;
  /** Why it could not be decoded (a malformed entry is an error: the corpus must stay loadable). */
  problem?: string;
}

export function loadNewEntries(files: readonly string[]): NewEntry[] {
  return files.map((file) => {
    try {
      return { file, loaded: loadEntryFile(file) };
    } catch (err) {
      return { file, problem: (err as Error).message };
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The job's decision

/**
 * A revision whose new findings fail the job: the default (newest) one, or a patch / C file
 * given by path (anything that is not a listed revision: harness/scenario/revision.ts).
 */
export function isUnderReview(revision: string): boolean {
  if (revision === '' || revision === DEFAULT_REVISION) return true;
  return !listRevisions().some((r) => r.name === revision);
}

export type Status = 'pass' | 'fail' | 'report' | 'error';

export interface Decision {
  status: Status;
  exitCode: number;
  headline: string;
}

export function decide(shards: readonly ShardResult[], entries: readonly NewEntry[], revision: string): Decision {
  const broken = shards.filter((s) => s.exit !== 0 && s.exit !== 1);
  const unreadable = shards.filter((s) => s.doc === null && (s.exit === 0 || s.exit === 1));
  const badEntries = entries.filter((e) => e.problem !== undefined);
  const newCount = countNew(shards, entries);
  const rev = revision || DEFAULT_REVISION;
  if (shards.length === 0) {
    return { status: 'error', exitCode: EXIT_USAGE, headline: 'ERROR: no fuzz output given (expected fuzz-I.json files)' };
  }
  if (broken.length + unreadable.length + badEntries.length > 0) {
    const parts = [
      ...broken.map((s) => `${s.name}: ${describeExit(s.exit)}${s.exit !== null ? ` (exit ${s.exit})` : ''}`),
      ...unreadable.map((s) => s.problem ?? `${s.name}: unreadable`),
      ...badEntries.map((e) => `${e.file}: malformed corpus entry`),
    ];
    return { status: 'error', exitCode: EXIT_USAGE, headline: `ERROR: the fuzz run did not complete — ${parts.join('; ')}` };
  }
  if (newCount > 0) {
    if (isUnderReview(rev)) {
      return {
        status: 'fail', exitCode: EXIT_FAILURE,
        headline: `FAILED: ${newCount} new counterexample(s) on \`${rev}\`, the code under review`,
      };
    }
    return {
      status: 'report', exitCode: EXIT_OK,
      headline: `${newCount} new counterexample(s) on \`${rev}\`, an older revision: reported, not a failure ` +
        `(record them in the corpus so they count as known)`,
    };
  }
  const known = knownFindings(shards).length;
  return {
    status: 'pass', exitCode: EXIT_OK,
    headline: `PASSED: no new counterexample on \`${rev}\`` +
      (known > 0 ? `; ${known} known finding(s), recorded in the corpus (reported, not failures)` : ''),
  };
}

/**
 * Distinct new (property, signature) pairs, from the corpus files added and the --json findings
 * marked new (two shards may each save the same finding under a different scenario); at least 1
 * when a shard exited 1.
 */
function countNew(shards: readonly ShardResult[], entries: readonly NewEntry[]): number {
  const signatures = new Set<string>();
  for (const s of shards) for (const f of s.doc?.findings ?? []) if (f.status === 'new') signatures.add(`${f.property}\0${f.signature}`);
  for (const e of entries) if (e.loaded) signatures.add(`${e.loaded.entry.property}\0${e.loaded.entry.signature}`);
  if (signatures.size > 0) return signatures.size;
  return shards.some((s) => s.exit === 1) ? 1 : 0;
}

function knownFindings(shards: readonly ShardResult[]): DocFinding[] {
  const seen = new Map<string, DocFinding>();
  for (const s of shards) {
    for (const f of s.doc?.findings ?? []) {
      if (f.status !== 'known') continue;
      const k = `${f.property}\0${f.signature}`;
      const prev = seen.get(k);
      if (prev) prev.runs = (prev.runs ?? 0) + (f.runs ?? 0);
      else seen.set(k, { ...f });
    }
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------
// The Markdown

export interface SummaryInput {
  revision: string;
  seed?: string;
  shards: ShardResult[];
  entries: NewEntry[];
  decision: Decision;
  /** GITHUB_SERVER_URL/GITHUB_REPOSITORY/GITHUB_RUN_ID, for the download command. */
  run?: { id: string; repository?: string; url?: string };
  /** Name of the artifact that holds the new corpus files. */
  artifact?: string;
}

/** Markdown inline code that survives backticks in the text. */
function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  return `${fence}${s.includes('`') ? ` ${s} ` : s}${fence}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderSummary(input: SummaryInput): string {
  const { decision, shards, entries } = input;
  const rev = input.revision || DEFAULT_REVISION;
  const first = shards.find((s) => s.doc !== null)?.doc;
  const seed = input.seed ?? (first ? seedOf(first) : undefined);
  const icon = { pass: '✅', report: 'ℹ️', fail: '❌', error: '⚠️' }[decision.status];
  const out: string[] = [];
  out.push(`## smmu-kdump-fuzz: revision ${code(rev)}${seed ? `, seed ${code(seed)}` : ''}`, '');
  out.push(`${icon} **${decision.headline}**`, '');

  out.push('| shard | exit | runs | stopped by | new | known |', '| --- | --- | --- | --- | --- | --- |');
  for (const s of shards) {
    const f = s.doc?.findings ?? [];
    out.push(`| ${cell(s.doc?.shard ?? path.basename(s.name))} | ${s.exit ?? '—'} (${cell(describeExit(s.exit))}) | ` +
      `${s.doc?.runs_done ?? '—'} | ${s.doc?.stopped_by ?? '—'} | ${f.filter((x) => x.status === 'new').length} | ` +
      `${f.filter((x) => x.status === 'known').length} |`);
  }
  out.push('');

  const broken = shards.filter((s) => s.exit !== 0 && s.exit !== 1 || s.problem !== undefined && (s.exit === 0 || s.exit === 1));
  if (broken.length > 0) {
    out.push('### Shards that did not complete', '');
    for (const s of broken) {
      out.push(`- ${code(s.name)}: ${describeExit(s.exit)}${s.problem ? `; ${s.problem}` : ''}`);
      if (s.stderrTail) out.push('', '  ```text', ...s.stderrTail.split('\n').map((l) => `  ${l}`), '  ```');
    }
    out.push('');
  }

  if (entries.length > 0) {
    out.push(`### New counterexamples (${entries.length})`, '');
    if (input.run) {
      out.push('Get them into your checkout (they land in `corpus/`), then run the line under each:', '',
        '```sh', `gh run download ${input.run.id}${input.run.repository ? ` -R ${input.run.repository}` : ''}` +
        `${input.artifact ? ` -n ${input.artifact}` : ''}`, '```', '');
    }
    const shown = new Map<string, NewEntry>();
    for (const e of entries) {
      const k = e.loaded ? `${e.loaded.entry.property}\0${e.loaded.entry.signature}` : e.file;
      const first = shown.get(k);
      if (first) {
        out.push(`(${code(`corpus/${path.basename(e.file)}`)} is another counterexample of ${code(first.loaded!.entry.signature)}, ` +
          `found by another shard: commit one of them.)`, '');
        continue;
      }
      shown.set(k, e);
      out.push(...renderEntry(e, rev, shards), '');
    }
  } else if (decision.status === 'fail') {
    out.push('The fuzz command reported a new failure but left no new corpus file: see the shard\'s log.', '');
  }

  const known = knownFindings(shards);
  if (known.length > 0) {
    out.push('### Known findings (recorded in the corpus: reported, not failures)', '',
      '| property | signature | runs | corpus entry |', '| --- | --- | --- | --- |');
    for (const f of known) out.push(`| ${cell(f.property)} | ${cell(code(f.signature))} | ${f.runs ?? '—'} | ${cell(f.file ? code(f.file) : '—')} |`);
    out.push('');
  }
  if (input.run?.url) out.push(`Run: ${input.run.url}`, '');
  return out.join('\n');
}

function renderEntry(e: NewEntry, rev: string, shards: readonly ShardResult[]): string[] {
  const file = `corpus/${path.basename(e.file)}`;
  if (!e.loaded) {
    return [`#### ${code(file)}: malformed`, '', '```text', e.problem ?? '', '```'];
  }
  const { entry } = e.loaded;
  const out = [`#### ${code(entry.property)}: ${code(entry.signature)}`, ''];
  out.push(entry.message.trim() || '(the property gave no message)', '');
  out.push('Reproduce:', '', '```sh', `npm run replay -- ${file} --revision ${shellWord(entry.revision || rev)}`);
  const docFinding = shards.flatMap((s) => s.doc?.findings ?? [])
    .find((f) => f.property === entry.property && f.signature === entry.signature);
  const bySeed = docFinding?.reproduce.find((l) => l.startsWith('npm run fuzz'));
  if (bySeed) out.push(bySeed);
  out.push('```', '');
  let decoded: string[];
  try {
    decoded = describeScenario(entry.scenario);
  } catch (err) {
    decoded = [`(could not decode the scenario: ${(err as Error).message})`];
  }
  out.push('<details><summary>The shrunk scenario, in kernel terms</summary>', '', '```text', ...decoded, '```', '', '</details>');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Command line

export interface Options {
  revision: string;
  seed?: string;
  corpus: string;
  newCorpus?: string;
  collect?: string;
  summaryFile?: string;
  logOnly: boolean;
  reportOnly: boolean;
  files: string[];
}

export function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      revision: { type: 'string' },
      seed: { type: 'string' },
      corpus: { type: 'string' },
      'new-corpus': { type: 'string' },
      collect: { type: 'string' },
      'summary-file': { type: 'string' },
      'log-only': { type: 'boolean' },
      'report-only': { type: 'boolean' },
    },
  });
  return {
    revision: values.revision || DEFAULT_REVISION,
    seed: values.seed || undefined,
    corpus: values.corpus ?? 'corpus',
    newCorpus: values['new-corpus'],
    collect: values.collect,
    summaryFile: values['summary-file'],
    logOnly: values['log-only'] === true,
    reportOnly: values['report-only'] === true,
    files: positionals,
  };
}

export interface RunResult {
  exitCode: number;
  markdown: string;
  decision: Decision;
}

export function summarize(opts: Options, env: NodeJS.ProcessEnv = process.env): RunResult {
  const shards = opts.files.map(readShard);
  const files = opts.newCorpus !== undefined ? corpusFilesIn(opts.newCorpus) : untrackedCorpusFiles(opts.corpus);
  const entries = loadNewEntries(files);
  const decision = decide(shards, entries, opts.revision);
  const run = env.GITHUB_RUN_ID
    ? {
      id: env.GITHUB_RUN_ID,
      repository: env.GITHUB_REPOSITORY,
      url: env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    }
    : undefined;
  const markdown = renderSummary({
    revision: opts.revision, seed: opts.seed, shards, entries, decision, run, artifact: env.FINDINGS_ARTIFACT || undefined,
  });
  if (opts.collect !== undefined) {
    const dest = path.join(opts.collect, 'corpus');
    fs.mkdirSync(dest, { recursive: true });
    for (const e of entries) fs.copyFileSync(e.file, path.join(dest, path.basename(e.file)));
  }
  if (opts.summaryFile !== undefined) {
    fs.mkdirSync(path.dirname(opts.summaryFile), { recursive: true });
    fs.writeFileSync(opts.summaryFile, markdown + '\n');
  }
  return { exitCode: opts.reportOnly ? EXIT_OK : decision.exitCode, markdown, decision };
}

function main(): void {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`summarize: ${(err as Error).message}\n` +
      'usage: npx ts-node --transpile-only .ci/summarize.ts [--revision R] [--seed S] [--corpus DIR | --new-corpus DIR] ' +
      '[--collect DIR] [--summary-file F] [--log-only] [--report-only] fuzz-0.json ...\n');
    process.exitCode = EXIT_USAGE;
    return;
  }
  const result = summarize(opts);
  const target = opts.logOnly ? undefined : process.env.GITHUB_STEP_SUMMARY;
  if (target) fs.appendFileSync(target, result.markdown + '\n');
  process.stdout.write(result.markdown + '\n');
  process.stderr.write(`summarize: ${result.decision.headline} (exit ${result.exitCode})\n`);
  process.exitCode = result.exitCode;
}

if (require.main === module) main();

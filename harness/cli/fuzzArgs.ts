/** The fuzz command line (SPEC.md, "Command line (contract)"), parsed and checked. */
import { parseCommandLine, positiveInteger, positiveSeconds, type OptionSpec } from './commandLine';
import { normalizeJsonFlag } from './jsonOutput';
import { parseSeed, type Seed } from '../corpus/seed';
import { UsageError } from '../errors';
import { parseShard, type Shard } from '../fuzz/shard';
import { availableParallelism } from 'node:os';

/** Runs when neither --runs nor --time is given (about a second on the real harness). */
export const DEFAULT_RUNS = 1000;

export const FUZZ_OPTIONS = {
  seed: { type: 'string' },
  runs: { type: 'string' },
  time: { type: 'string' },
  property: { type: 'string', multiple: true },
  revision: { type: 'string' },
  base: { type: 'string' },
  corpus: { type: 'string' },
  json: { type: 'string' },
  shard: { type: 'string' },
  jobs: { type: 'string' },
  strict: { type: 'boolean' },
  'no-guide': { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionSpec;

export interface FuzzArgs {
  seed: Seed;
  /** Upper bound on run indexes (all shards together); Infinity with --time alone. */
  runs: number;
  /** Wall-clock budget for generating and running (shrinking a new finding always completes). */
  timeMs?: number;
  /** Selected property names; empty = all. */
  properties: string[];
  /** undefined = the harness's DEFAULT_REVISION. */
  revision?: string;
  /** --base NAME: the listed revision a path given as --revision is built on (and judged against). */
  base?: string;
  corpus: string;
  /** A --json document is wanted; it goes to jsonTarget ('-' = stdout). */
  json: boolean;
  jsonTarget?: string;
  shard: Shard;
  /** Worker threads running scenarios (--jobs N; default: the machine's cores). */
  jobs: number;
  strict: boolean;
  /** Coverage guidance (harness/fuzz/guide.ts); --no-guide turns it off. */
  guide: boolean;
  list: boolean;
  help: boolean;
}

export function defaultCorpusDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SMMU_FUZZ_CORPUS || 'corpus';
}

export function parseFuzzArgs(args: string[], env: NodeJS.ProcessEnv = process.env, fresh?: () => number): FuzzArgs {
  const { values: v } = parseCommandLine('fuzz', normalizeJsonFlag(args), FUZZ_OPTIONS, false);
  const str = (k: string) => v[k] as string | undefined;
  const timeMs = str('time') === undefined ? undefined : positiveSeconds('--time', str('time')!) * 1000;
  const runs = str('runs') !== undefined ? positiveInteger('--runs', str('runs')!)
    : timeMs !== undefined ? Infinity : DEFAULT_RUNS;
  return {
    seed: parseSeed(str('seed'), fresh),
    runs,
    timeMs,
    properties: (v.property as string[] | undefined) ?? [],
    revision: nonEmpty('--revision', str('revision'), 'latest, or a path to a patch or a C/H file'),
    base: nonEmpty('--base', str('base'), 'latest'),
    corpus: nonEmpty('--corpus', str('corpus'), 'corpus') ?? defaultCorpusDir(env),
    json: str('json') !== undefined,
    jsonTarget: str('json'),
    shard: parseShard(str('shard')),
    jobs: str('jobs') !== undefined ? positiveInteger('--jobs', str('jobs')!) : availableParallelism(),
    strict: v.strict === true,
    guide: v['no-guide'] !== true,
    list: v.list === true,
    help: v.help === true,
  };
}

/** A string flag given an empty value (--corpus '', say) means nothing: an error, not a default. */
export function nonEmpty(flag: string, value: string | undefined, example: string): string | undefined {
  if (value === '') throw new UsageError(`${flag} '': an empty value; give e.g. ${flag} ${example}, or leave ${flag} out`);
  return value;
}

/** With a run budget, each shard must get at least one run index (--runs 2 --shard 3/4 gets none). */
export function checkShardRuns(args: Pick<FuzzArgs, 'runs' | 'shard'>): void {
  if (Number.isFinite(args.runs) && args.shard.index >= args.runs) {
    throw new UsageError(`--runs ${args.runs} --shard ${args.shard.index}/${args.shard.count}: this shard gets no run ` +
      `(run indexes 0..${args.runs - 1}, shard I takes i mod N = I); give --runs ${args.shard.index + 1} or more`);
  }
}

export const FUZZ_USAGE = `usage: npm run fuzz -- [options]

Generates scenarios, runs them on a revision of the driver C and checks every property.
A new failure is shrunk, printed and saved to the corpus; a failure already recorded in the
corpus for this revision is counted as known and the run goes on.

  --seed N|TEXT        seed (a number, or any text); none = a fresh seed, printed
  --runs N             number of runs (default ${DEFAULT_RUNS}; unlimited with --time alone)
  --time SECONDS       time budget for the runs (shrinking a new finding always completes)
  --property NAME      check only this property (repeatable)
  --revision NAME|PATH revision under test (default: the newest), or a patch / C or H file
                       applied to --base, built on the fly (needs clang)
  --base NAME          the listed revision a PATH is built on (default latest); findings the
                       base also has on the same scenario are known, and the summary says what
                       the change fixed, broke and kept against it
  --corpus DIR         corpus directory (default corpus/, or $SMMU_FUZZ_CORPUS)
  --json FILE          write one JSON document for the whole run to FILE (the text report
                       stays on stdout); --json - (or --json last) prints it on stdout instead,
                       nothing else there (under npm: npm run --silent fuzz -- ... --json -)
  --shard I/N          run only run indexes i with i mod N = I (I from 0)
  --jobs N             run scenarios in N worker processes (default: the machine's cores);
                       output, findings and corpus are the same as with --jobs 1
  --strict             known findings fail the run too
  --no-guide           no coverage guidance: every run is fast-check's fresh scenario (by
                       default some runs are derived from scenarios that reached new edges of the C)
  --list               list revisions and properties
  -h, --help           this text

exit status: 0 every property held (known findings allowed), 1 a new failure (or any failure
with --strict), 2 bad usage or bad input (also: nothing was run, e.g. --time too short for one
run), 3 internal error of the harness; on Ctrl-C, 1 if a new failure was found before it, else
130 (found counterexamples are saved either way), with or without npm run. A run that meets a
limit of the simulator is counted and shown, never a failure: e.g. one that reads more than
$SMMU_KDUMP_FUZZ_READ_MIB MiB of its mappings (default 128; up to 4096, at seconds per such run).
Same seed, same revision, same code => same runs, same findings, same corpus file names.
$SMMU_FUZZ_WASM_INLINING=0 stops V8 inlining the C's small functions (on by default: faster,
same verdicts).
`;

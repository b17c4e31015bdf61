/** The fuzz command line (SPEC.md, "Command line (contract)"), parsed and checked. */
import { parseCommandLine, positiveInteger, positiveSeconds, type OptionSpec } from './commandLine';
import { parseSeed, type Seed } from './seed';
import { parseShard, type Shard } from './shard';

/** Runs when neither --runs nor --time is given (about a second on the real harness). */
export const DEFAULT_RUNS = 1000;

export const FUZZ_OPTIONS = {
  seed: { type: 'string' },
  runs: { type: 'string' },
  time: { type: 'string' },
  property: { type: 'string', multiple: true },
  revision: { type: 'string' },
  corpus: { type: 'string' },
  json: { type: 'boolean' },
  shard: { type: 'string' },
  strict: { type: 'boolean' },
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
  corpus: string;
  json: boolean;
  shard: Shard;
  strict: boolean;
  list: boolean;
  help: boolean;
}

export function defaultCorpusDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SMMU_FUZZ_CORPUS || 'corpus';
}

export function parseFuzzArgs(args: string[], env: NodeJS.ProcessEnv = process.env, fresh?: () => number): FuzzArgs {
  const { values: v } = parseCommandLine('fuzz', args, FUZZ_OPTIONS, false);
  const str = (k: string) => v[k] as string | undefined;
  const timeMs = str('time') === undefined ? undefined : positiveSeconds('--time', str('time')!) * 1000;
  const runs = str('runs') !== undefined ? positiveInteger('--runs', str('runs')!)
    : timeMs !== undefined ? Infinity : DEFAULT_RUNS;
  return {
    seed: parseSeed(str('seed'), fresh),
    runs,
    timeMs,
    properties: (v.property as string[] | undefined) ?? [],
    revision: str('revision'),
    corpus: str('corpus') ?? defaultCorpusDir(env),
    json: v.json === true,
    shard: parseShard(str('shard')),
    strict: v.strict === true,
    list: v.list === true,
    help: v.help === true,
  };
}

export const FUZZ_USAGE = `usage: npm run fuzz -- [options]

Generates scenarios, runs them on a revision of the driver C and checks every property.
A new failure is shrunk, printed and saved to the corpus; a failure already recorded in the
corpus for this revision is counted as known and the run goes on.

  --seed N|TEXT        seed (a number, or any text); none = a fresh seed, printed
  --runs N             number of runs (default ${DEFAULT_RUNS}; unlimited with --time alone)
  --time SECONDS       time budget for the runs (shrinking a new finding always completes)
  --property NAME      check only this property (repeatable)
  --revision NAME|PATH revision under test (default: the newest), or a .c file / patch
                       against mainline, built on the fly (needs clang)
  --corpus DIR         corpus directory (default corpus/, or $SMMU_FUZZ_CORPUS)
  --json               print one JSON document for the whole run, nothing else on stdout
  --shard I/N          run only run indexes i with i mod N = I (I from 0)
  --strict             known findings fail the run too
  --list               list revisions and properties
  -h, --help           this text

exit status: 0 every property held (known findings allowed), 1 a new failure (or any failure
with --strict), 2 bad usage or bad input, 3 internal error of the harness; on Ctrl-C, 1 if a
new failure was found before it, else 130 (found counterexamples are saved either way).
Same seed, same revision, same code => same runs, same findings, same corpus file names.
`;

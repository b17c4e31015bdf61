/** The replay command line: FILE|DIR... [--revision NAME|PATH] [--base NAME] [--corpus DIR] [--property NAME]... [--json FILE|-] [--strict]. */
import { parseCommandLine, type OptionSpec } from './commandLine';
import { defaultCorpusDir, nonEmpty } from './fuzzArgs';
import { normalizeJsonFlag } from './jsonOutput';

export const REPLAY_OPTIONS = {
  revision: { type: 'string' },
  base: { type: 'string' },
  corpus: { type: 'string' },
  property: { type: 'string', multiple: true },
  json: { type: 'string' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionSpec;

export interface ReplayArgs {
  paths: string[];
  revision?: string;
  base?: string;
  /** The corpus that says what is known; undefined = the directories of the paths given. */
  corpus?: string;
  properties: string[];
  json: boolean;
  jsonTarget?: string;
  strict: boolean;
  help: boolean;
}

export function parseReplayArgs(args: string[], env: NodeJS.ProcessEnv = process.env): ReplayArgs {
  const { values: v, positionals } = parseCommandLine('replay', normalizeJsonFlag(args), REPLAY_OPTIONS, true);
  const str = (k: string) => v[k] as string | undefined;
  return {
    paths: positionals.length > 0 ? positionals : [defaultCorpusDir(env)],
    revision: nonEmpty('--revision', str('revision'), 'latest, or a path to a patch or a C/H file'),
    base: nonEmpty('--base', str('base'), 'latest'),
    corpus: nonEmpty('--corpus', str('corpus'), 'corpus'),
    properties: (v.property as string[] | undefined) ?? [],
    json: str('json') !== undefined,
    jsonTarget: str('json'),
    strict: v.strict === true,
    help: v.help === true,
  };
}

export const REPLAY_USAGE = `usage: npm run replay -- [FILE|DIR]... [options]

Runs every property on each corpus entry (default: the corpus/ directory) and prints the same
report as fuzz. Each entry is judged against its recorded expect for the revision: its own
failure is known where expect says "fail", a regression where it says "pass". Any other failure
is known when the corpus (the whole directory of each file given, or --corpus) records it for
the revision, or for the base of a path revision, or when the base fails the same way on the
same scenario; otherwise it is new. Replaying up to 3 entries also prints the full report of
each entry's own (known) failure: that is how a counterexample is reproduced.

  --revision NAME|PATH revision to replay on (default: the newest), or a patch / C or H file
  --base NAME          the listed revision a PATH is built on (default latest)
  --corpus DIR         the corpus that says what is known (default: the directories given)
  --property NAME      check only this property (repeatable)
  --json FILE          write one JSON document to FILE; --json - (or --json last): on stdout
  --strict             known failures, and entries that now pass where "fail" is expected, fail too
  -h, --help           this text

exit status: 0 no new failure, 1 a new failure or a regression (or, with --strict, any failure
or unexpected pass), 2 bad usage, a malformed corpus file or no entry to replay, 3 internal
error of the harness. An entry whose run meets a limit of the simulator is "not checked", never
a failure: e.g. one that reads more than $SMMU_KDUMP_FUZZ_READ_MIB MiB of its mappings (default
128; up to 4096, at seconds per such run). $SMMU_FUZZ_WASM_INLINING=0 stops V8 inlining the C's
small functions (on by default: faster, same verdicts).
`;

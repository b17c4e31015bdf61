/** The replay command line: FILE|DIR... [--revision NAME|PATH] [--property NAME]... [--json] [--strict]. */
import { parseCommandLine, type OptionSpec } from './commandLine';
import { defaultCorpusDir } from './fuzzArgs';

export const REPLAY_OPTIONS = {
  revision: { type: 'string' },
  property: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionSpec;

export interface ReplayArgs {
  paths: string[];
  revision?: string;
  properties: string[];
  json: boolean;
  strict: boolean;
  help: boolean;
}

export function parseReplayArgs(args: string[], env: NodeJS.ProcessEnv = process.env): ReplayArgs {
  const { values: v, positionals } = parseCommandLine('replay', args, REPLAY_OPTIONS, true);
  return {
    paths: positionals.length > 0 ? positionals : [defaultCorpusDir(env)],
    revision: v.revision as string | undefined,
    properties: (v.property as string[] | undefined) ?? [],
    json: v.json === true,
    strict: v.strict === true,
    help: v.help === true,
  };
}

export const REPLAY_USAGE = `usage: npm run replay -- [FILE|DIR]... [options]

Runs every property on each corpus entry (default: the corpus/ directory) and prints the same
report as fuzz. A failure the corpus records for the revision (found there, or expect = "fail")
is known; any other failure is new. Replaying up to 3 entries also prints the full report of
each entry's own (known) failure: that is how a counterexample is reproduced.

  --revision NAME|PATH revision to replay on (default: the newest), or a .c file / patch
  --property NAME      check only this property (repeatable)
  --json               print one JSON document, nothing else on stdout
  --strict             known failures, and entries that now pass where "fail" is expected, fail too
  -h, --help           this text

exit status: 0 no new failure, 1 a new failure (or, with --strict, any failure or unexpected
pass), 2 bad usage or a malformed corpus file, 3 internal error of the harness.
`;

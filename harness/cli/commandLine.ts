/**
 * node:util parseArgs in strict mode, with its errors rewritten for a person: which flag, what
 * is wrong with it, and what to type instead (the shape of a Hypothesis error message).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors';
import { didYouMean } from './suggest';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommandLine {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export function parseCommandLine(
  command: 'fuzz' | 'replay', args: string[], options: OptionSpec, allowPositionals: boolean,
): ParsedCommandLine {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: values as ParsedCommandLine['values'], positionals };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const help = `see npm run ${command} -- --help`;
    const flags = Object.keys(options).map((o) => '--' + o);
    const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
    switch (e.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
        const flag = quoted.split('=')[0];
        throw new UsageError(`unknown option ${flag}${didYouMean(flag, flags)}; ${command} takes ${flags.join(' ')}; ${help}`);
      }
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
        const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
        const spec = options[flag.replace(/^--/, '')];
        if (spec?.type === 'boolean') {
          throw new UsageError(`${flag} is a switch and takes no value: write ${flag} alone (or leave it out); ${help}`);
        }
        if (/ambiguous/.test(e.message)) {
          throw new UsageError(`${flag} is followed by something that looks like an option; a value starting with '-' ` +
            `must be attached with '=', e.g. ${flag}=-5; ${help}`);
        }
        throw new UsageError(`${flag} needs a value, e.g. ${flag} ${example(flag)}; ${help}`);
      }
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new UsageError(
          `unexpected argument '${quoted}': ${command} takes only options. ` +
          `With npm, options go after --, e.g. npm run ${command} -- --seed 42; ${help}`);
      default:
        throw new UsageError(`${e.message}; ${help}`);
    }
  }
}

const EXAMPLES: Record<string, string> = {
  '--seed': '42', '--runs': '1000', '--time': '60', '--property': 'NAME', '--revision': 'v6',
  '--corpus': 'corpus/', '--shard': '0/4', '--base': 'latest', '--json': 'out.json',
};

function example(flag: string): string {
  return EXAMPLES[flag] ?? 'VALUE';
}

/** A positive integer flag, e.g. --runs. */
export function positiveInteger(flag: string, text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${flag} ${text}: expected a whole number of at least 1, e.g. ${flag} ${example(flag)}`);
  }
  return n;
}

/** A positive number of seconds, e.g. --time 1.5 (or 1e-3: still a number of seconds). */
export function positiveSeconds(flag: string, text: string): number {
  const n = /^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} ${text}: expected a number of seconds greater than 0, e.g. ${flag} 60 (or 0.5)`);
  }
  return n;
}

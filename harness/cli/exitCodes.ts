/**
 * The exit status of `fuzz` and `replay` (and the "exit" of their --json document): the one
 * place that says what each number means. harness/cli/main.ts maps errors onto them; the
 * nightly's summary (.ci/summarize.ts) reads them back.
 */

/** Every property held (known findings allowed). */
export const EXIT_OK = 0;
/** A new failure or a regression (or, with --strict, any finding). */
export const EXIT_FAILURE = 1;
/** Bad usage or bad input, said in a message; also a run that checked nothing. */
export const EXIT_USAGE = 2;
/** A bug of the harness, never a verdict on the C. */
export const EXIT_INTERNAL = 3;
/** 128 + SIGINT, the shell convention for "interrupted". */
export const EXIT_INTERRUPTED = 130;

const MEANING: Readonly<Record<number, string>> = {
  [EXIT_OK]: 'every property held',
  [EXIT_FAILURE]: 'new failure',
  [EXIT_USAGE]: 'bad usage or bad input',
  [EXIT_INTERNAL]: 'internal error of the harness',
  [EXIT_INTERRUPTED]: 'interrupted',
};

/** What an exit status says, in a few words; null = the command never finished. */
export function describeExit(code: number | null): string {
  if (code === null) return 'no exit status: the fuzz command never finished (killed, timed out, or never started)';
  return MEANING[code] ?? `unexpected exit status ${code}`;
}

/**
 * Process plumbing shared by the fuzz and replay entry points: Ctrl-C becomes an AbortSignal
 * (the command saves what it found and reports; a second Ctrl-C exits at once), a UsageError
 * becomes exit 2 with its message and no stack, anything else is a harness bug: exit 3.
 *
 * Under `npm run`, one Ctrl-C arrives twice: the terminal (or `timeout --signal=INT`) signals
 * the whole process group, and npm forwards the same SIGINT to its child. A second SIGINT within
 * DUPLICATE_SIGINT_MS of the first is that copy, not a second Ctrl-C. (The npm scripts `exec`
 * the command: a `sh -c` between npm and node would die of the SIGINT itself, and npm would
 * then exit 130 whatever the command found.)
 */
import { UsageError } from '../errors';
import { savedThisProcess } from '../corpus/save';
import { processIo, type Io } from './io';
import { EXIT_FAILURE, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE } from './exitCodes';

export type Command = (args: string[], io: Io, signal: AbortSignal) => Promise<number>;

/** Runs a command and turns its errors into exit codes (also used in-process by tests). */
export async function runCommand(command: Command, args: string[], io: Io, signal: AbortSignal): Promise<number> {
  try {
    return await command(args, io, signal);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`internal error (a bug in the harness, not a finding):\n${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT_INTERNAL;
  }
}

/** A SIGINT this soon after the first is the same Ctrl-C, forwarded by npm. */
export const DUPLICATE_SIGINT_MS = 1000;

/** The exit code of a second Ctrl-C: new findings already saved still make it a failure. */
export function forcedExitCode(): number {
  return savedThisProcess() > 0 ? EXIT_FAILURE : EXIT_INTERRUPTED;
}

export function main(command: Command): void {
  const controller = new AbortController();
  let firstAt = 0;
  const onSigint = () => {
    if (!controller.signal.aborted) {
      firstAt = Date.now();
      controller.abort();
      return;
    }
    if (Date.now() - firstAt < DUPLICATE_SIGINT_MS) return;
    process.exit(forcedExitCode());
  };
  process.on('SIGINT', onSigint);
  void runCommand(command, process.argv.slice(2), processIo(), controller.signal).then((code) => {
    process.off('SIGINT', onSigint);
    process.exitCode = code;
  });
}

/**
 * Where a command writes. stdout carries only the deterministic result (reports, summary,
 * or the one --json document); timing and the progress line go to stderr.
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: the progress line may be drawn. */
  errIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return {
    out: (t) => { process.stdout.write(t); },
    err: (t) => { process.stderr.write(t); },
    errIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An Io that records, for in-process tests. */
export function memoryIo(env: NodeJS.ProcessEnv = {}, errIsTTY = false): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) { io.stdout += t; },
    err(t: string) { io.stderr += t; },
    errIsTTY,
    env,
    cwd: process.cwd(),
  };
  return io;
}

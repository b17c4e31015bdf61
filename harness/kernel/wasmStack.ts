/**
 * The C functions on a WebAssembly stack, as V8 prints them ("at name (wasm://...)"), innermost
 * first: how a crash names where it happened, and how the simulated kernel names the function
 * that is reading when it meets a limit (the site of the last kernel call may be another one).
 */
export function wasmStack(e: unknown): string[] {
  const stack = e instanceof Error && e.stack ? e.stack : '';
  const out: string[] = [];
  for (const line of stack.split('\n')) {
    const m = /at (\S+) \(wasm:\/\//.exec(line) ?? /at (\S+) \(.*wasm-function/.exec(line);
    if (m) out.push(m[1].replace(/^Object\./, ''));
  }
  return out;
}

/** The innermost frame of `stack` (innermost first) that is the driver's, not the shim's entry points or checks. */
export function innermostDriverFrame(stack: readonly string[]): string | undefined {
  return stack.find((f) => !/^(kshim_|__asan_)/.test(f));
}

/** The innermost function of the driver C now running. */
export function runningDriverFunction(): string | undefined {
  return innermostDriverFrame(wasmStack(new Error()));
}

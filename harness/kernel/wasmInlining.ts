/**
 * V8's inlining of small WebAssembly functions into their callers (`--wasm-inlining`, off by
 * default in Node 20's V8 11.3): the driver C calls `__asan_loadN`/`__asan_storeN` on every load
 * and store (WASM_FACTS.md) and keeps its own small helpers out of line (-fno-inline), so a run
 * spends much of its time in calls. Inlined by the JIT, `npm run fuzz -- --seed 1 --runs 4000`
 * ran in 5.1-5.2 s instead of 6.5-6.6 s (2-core CI kind, two runs each).
 *
 * The JIT inlines only after a function has run hot (Liftoff first, TurboFan after), so early
 * runs and later runs of one process run differently compiled code; a verdict must not depend
 * on it, and in particular a crash's stack must still name the inlined driver function.
 * test/cli/wasmInlining.test.ts checks that a fuzz run gives the same report, --json document
 * and corpus files with inlining on (and seen to happen) and off. SMMU_FUZZ_WASM_INLINING=0
 * turns it off, for a reviewer who wants to rule the JIT out.
 */
import { UsageError } from '../errors';

export const WASM_INLINING_ENV = 'SMMU_FUZZ_WASM_INLINING';

/** Whether to let V8 inline wasm calls; UsageError naming the variable when it is malformed. */
export function wasmInliningEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[WASM_INLINING_ENV];
  if (raw === undefined || raw === '' || raw === '1') return true;
  if (raw === '0') return false;
  throw new UsageError(`${WASM_INLINING_ENV}=${JSON.stringify(raw)}: not 0 or 1\n` +
    `  fix: unset it (default 1: V8 inlines small wasm functions) or give ${WASM_INLINING_ENV}=0 to turn that off`);
}

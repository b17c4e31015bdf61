/**
 * The environment variables the C's runs read (the read budget, V8's wasm inlining), checked
 * before any run: a malformed one is exit 2 naming it, not an error halfway through a run.
 */
import { readBudgetMib, wasmInliningEnabled } from '../scenario/api';

export function checkEnvironment(env: NodeJS.ProcessEnv): void {
  readBudgetMib(env);
  wasmInliningEnabled(env);
}

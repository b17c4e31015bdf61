/**
 * Loading a driver module. Node 20 runs wasm64 only behind a V8 flag; setting it from here,
 * before the first compile, is enough (in jest workers too), so no user ever passes it.
 */
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';

let flagsSet = false;

export function enableMemory64(): void {
  if (flagsSet) return;
  setFlagsFromString('--experimental-wasm-memory64');
  flagsSet = true;
}

/** Modules compiled by another thread, by the hash of their bytes (shareCompiled). */
const shared = new Map<string, WebAssembly.Module>();

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function compileWasm(bytes: Uint8Array): WebAssembly.Module {
  enableMemory64();
  return (shared.size > 0 ? shared.get(hashOf(bytes)) : undefined) ?? new WebAssembly.Module(bytes);
}

/**
 * A compiled module and its bytes' hash, to hand to a worker thread (a WebAssembly.Module crosses
 * threads without being compiled again, and its optimised code is shared).
 */
export function compiledForSharing(bytes: Uint8Array, module: WebAssembly.Module): { hash: string; module: WebAssembly.Module } {
  return { hash: hashOf(bytes), module };
}

/** In a worker: compileWasm of the same bytes returns these modules instead of compiling. */
export function shareCompiled(modules: readonly { hash: string; module: WebAssembly.Module }[]): void {
  for (const m of modules) shared.set(m.hash, m.module);
}

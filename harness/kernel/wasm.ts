/**
 * Loading a driver module. Node 20 runs wasm64 only behind a V8 flag; setting it from here,
 * before the first compile, is enough (in jest workers too), so no user ever passes it. The
 * same goes for V8's wasm inlining (wasmInlining.ts), a matter of speed only.
 */
import { setFlagsFromString } from 'node:v8';
import { wasmInliningEnabled } from './wasmInlining';

let flagsSet = false;

/** The V8 flags the driver modules need (memory64) or run faster with, once, before the first compile. */
export function setV8WasmFlags(): void {
  if (flagsSet) return;
  setFlagsFromString('--experimental-wasm-memory64');
  if (wasmInliningEnabled()) setFlagsFromString('--wasm-inlining');
  flagsSet = true;
}

export function compileWasm(bytes: Uint8Array): WebAssembly.Module {
  setV8WasmFlags();
  return new WebAssembly.Module(bytes);
}

/**
 * Loading a driver module. Node 20 runs wasm64 only behind a V8 flag; setting it from here,
 * before the first compile, is enough (in jest workers too), so no user ever passes it.
 */
import { setFlagsFromString } from 'node:v8';

let flagsSet = false;

export function enableMemory64(): void {
  if (flagsSet) return;
  setFlagsFromString('--experimental-wasm-memory64');
  flagsSet = true;
}

export function compileWasm(bytes: Uint8Array): WebAssembly.Module {
  enableMemory64();
  return new WebAssembly.Module(bytes);
}

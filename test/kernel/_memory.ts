/** A bare simulated address space (no driver module), for tests of the machine itself. */
import { AddressSpace } from '../../harness/kernel/addressSpace';
import { Ledger } from '../../harness/kernel/ledger';
import { setV8WasmFlags } from '../../harness/kernel/wasm';
import type { Phase } from '../../harness/scenario/types';

export function bareMachine(): { aspace: AddressSpace; ledger: Ledger; memory: WebAssembly.Memory } {
  setV8WasmFlags();
  const memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, index: 'i64' });
  const ledger = new Ledger();
  const aspace = new AddressSpace(memory, ledger, { phase: (): Phase => 'probe', step: () => 1, site: () => 'test_site' });
  aspace.heapBase = 0x20000;
  return { aspace, ledger, memory };
}

export function u64At(memory: WebAssembly.Memory, va: number): bigint {
  return new DataView(memory.buffer).getBigUint64(va, true);
}

export function setU64At(memory: WebAssembly.Memory, va: number, v: bigint): void {
  new DataView(memory.buffer).setBigUint64(va, v, true);
}

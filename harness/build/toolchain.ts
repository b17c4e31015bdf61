/**
 * Locating clang-14 and wasm-ld (Debian packages clang-14 and lld-14).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';

export class ToolchainMissingError extends Error {
  override name = 'ToolchainMissingError';
}

export interface Toolchain {
  clang: string;
  wasmLd: string;
}

const LLVM_BIN = '/usr/lib/llvm-14/bin';

function runs(cmd: string): boolean {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

function first(candidates: string[]): string | null {
  for (const c of candidates) {
    if (c.includes('/') && !fs.existsSync(c)) continue;
    if (runs(c)) return c;
  }
  return null;
}

/** Throws ToolchainMissingError, saying what to install, when either tool is missing. */
export function findToolchain(): Toolchain {
  // KSHIM_CLANG / KSHIM_WASM_LD, when set, are the only candidates.
  const clang = first(process.env.KSHIM_CLANG ? [process.env.KSHIM_CLANG] : ['clang-14', `${LLVM_BIN}/clang`]);
  const wasmLd = first(process.env.KSHIM_WASM_LD ? [process.env.KSHIM_WASM_LD] : ['wasm-ld-14', `${LLVM_BIN}/wasm-ld`]);
  const missing = [clang ? null : 'clang-14', wasmLd ? null : 'wasm-ld (lld-14)'].filter(Boolean);
  if (missing.length > 0 || !clang || !wasmLd) {
    throw new ToolchainMissingError(
      `${missing.join(' and ')} not found, needed to build the driver C into WebAssembly: ` +
        'apt-get install clang-14 lld-14 (or set KSHIM_CLANG / KSHIM_WASM_LD). ' +
        'The committed .wasm files run without it.',
    );
  }
  return { clang, wasmLd };
}

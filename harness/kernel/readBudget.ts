/**
 * How much of its mappings (memremap windows onto crashed-kernel RAM) one run may read: the
 * simulator's bound on a run's cost. A window page costs the host a page of the WebAssembly
 * memory, and on a VM the first touch of one costs ~10 µs (measured on the 2-core CI kind), so
 * latest's ID scan of a 2 GiB linear table (2^25 STEs) cost 5 s, and one of 256 MiB 0.6 s. Past
 * the budget the run ends as a harness limit: no verdict, counted and shown with the line that
 * reaches it (harnessLimit.ts), never a silent pass. 128 MiB holds the largest L1 table
 * (STRTAB_MAX_L1_ENTRIES descriptors, 64 MiB) and the largest linear CD table (2^20 CDs,
 * 64 MiB) read whole; the runs it stops are whole-table scans of linear stream tables of 2^21
 * STEs or more. A read far into a large mapping costs only the pages it reads.
 *
 * SMMU_KDUMP_FUZZ_READ_MIB raises (or lowers) it, up to the 4 GiB WebAssembly memory: the runs
 * the default stops then get a verdict, at seconds each.
 */
import { UsageError } from '../errors';

export const READ_BUDGET_ENV = 'SMMU_KDUMP_FUZZ_READ_MIB';
export const DEFAULT_READ_BUDGET_MIB = 128;
const MAX_READ_BUDGET_MIB = 4096;

/** The budget in MiB from the environment; UsageError naming the variable when it is malformed. */
export function readBudgetMib(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[READ_BUDGET_ENV];
  if (raw === undefined || raw === '') return DEFAULT_READ_BUDGET_MIB;
  const n = /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_READ_BUDGET_MIB) {
    throw new UsageError(`${READ_BUDGET_ENV}=${JSON.stringify(raw)}: not a whole number of MiB from 1 to ${MAX_READ_BUDGET_MIB}\n` +
      `  fix: unset it (default ${DEFAULT_READ_BUDGET_MIB}) or give e.g. ${READ_BUDGET_ENV}=${MAX_READ_BUDGET_MIB}`);
  }
  return n;
}

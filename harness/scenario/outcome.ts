import type { Outcome } from './types';

/** An Outcome before anything ran: nothing adopted, nothing recorded. */
export function emptyOutcome(revision: string): Outcome {
  return {
    revision,
    adopt_attempted: false,
    adopted: false,
    inserts: [],
    ledger: [],
    violations: [],
    peak_live_bytes: 0n,
    peak_live_step: 0,
    peak_live_entries: [],
    mmio_writes: [],
    registers: {},
    log: [],
    warnings: [],
    trace: [],
    phase_end: {},
    coverage: [],
  };
}

/** The stream-table part of a probe's register writes, reduced to what a reset is made of. */
import type { MmioWrite, Outcome } from '../../harness/scenario/types';
import { hex } from './format';
import {
  ARM_SMMU_CR0, ARM_SMMU_GBPA, ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG, CR0_SMMUEN, GBPA_ABORT,
} from './kernel';
import { writeOffset } from './outcome';

/**
 * Tokens for the writes of one phase to CR0 (SMMUEN only), GBPA (ABORT only), STRTAB_BASE
 * (written; the address differs per run) and STRTAB_BASE_CFG (full value), with consecutive
 * repeats collapsed (queue-enable steps that differ between a kdump and a normal boot — EVTQ
 * and PRIQ are skipped in a kdump kernel — then compare equal).
 */
export function resetSequence(o: Outcome, phase: 'probe' | 'insert' | 'teardown' = 'probe'): string[] {
  const out: string[] = [];
  for (const w of o.mmio_writes) {
    if (w.phase !== phase) continue;
    const t = token(w);
    if (t && out[out.length - 1] !== t) out.push(t);
  }
  return out;
}

function token(w: MmioWrite): string | undefined {
  switch (writeOffset(w)) {
    case ARM_SMMU_CR0:
      return w.value & CR0_SMMUEN ? 'CR0.SMMUEN=1' : 'CR0.SMMUEN=0';
    case ARM_SMMU_GBPA:
      return w.value & GBPA_ABORT ? 'GBPA.ABORT=1' : 'GBPA.ABORT=0';
    case ARM_SMMU_STRTAB_BASE:
      return 'STRTAB_BASE';
    case ARM_SMMU_STRTAB_BASE_CFG:
      return `STRTAB_BASE_CFG=${hex(w.value & 0xffffffffn)}`;
    default:
      return undefined;
  }
}

/** The last CR0 write of a phase, if any. */
export function lastCr0(o: Outcome, phase: 'probe' | 'insert' | 'teardown' = 'probe'): MmioWrite | undefined {
  const ws = o.mmio_writes.filter((w) => w.phase === phase && writeOffset(w) === ARM_SMMU_CR0);
  return ws[ws.length - 1];
}

/**
 * The iommu core's ops->is_attach_deferred(dev), called the way iommu_init_device() of
 * drivers/iommu/iommu.c calls it: once per device, right after its probe_device() succeeded
 * (here: arm_smmu_init_sid_strtab() for the device's one stream ID returned 0). Only revisions
 * whose C carries arm_smmu_is_attach_deferred() export the call (harness/shim/driver_entry.c).
 * Beside what it returned, the Outcome gets the STE the SMMU walks for the SID at that moment.
 */
import { errname } from '../kernel/errno';
import type { SimKernel } from '../kernel/kernel';
import { walkSte } from '../kernel/steWalk';
import type { InsertResult } from './types';

interface AttachDeferredExport {
  kshim_is_attach_deferred?: (sid: number) => number;
}

function entry(k: SimKernel): ((sid: number) => number) | undefined {
  return (k.exports as unknown as AttachDeferredExport).kshim_is_attach_deferred;
}

/** Whether this revision's C carries arm_smmu_is_attach_deferred() (2/x, or a later tree's own). */
export function carriesIsAttachDeferred(k: SimKernel): boolean {
  return typeof entry(k) === 'function';
}

/**
 * Calls it for the SID `r` inserted, and records the call in `r.attach_deferred` before it runs:
 * if the C faults, `deferred` stays undefined and the run's crash is the call's.
 */
export function attachAfterInsert(k: SimKernel, r: InsertResult): void {
  const f = entry(k);
  if (!f || r.ret !== 0) return;
  const call: NonNullable<InsertResult['attach_deferred']> = {
    walk: walkSte(k.mmio, k.aspace.phys, r.sid),
    step: k.step,
    violations_from: k.ledger.violations.length,
  };
  r.attach_deferred = call;
  const ret = f(r.sid);
  k.aspace.flush();
  call.deferred = ret !== 0;
  call.violations_to = k.ledger.violations.length;
  k.coverage.add(`ret:arm_smmu_is_attach_deferred=${errname(ret)}`);
}

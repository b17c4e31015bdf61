import fc from 'fast-check';
import type { Fault } from '../harness/scenario/types';
import { KNOWN_FAULT_SITES, isFaultSite, FAULT_SERVICES } from './_internals/faultSites';
import { uniq } from './_internals/biased';

export interface FaultScheduleConstraints {
  /** The sites to fail (`<C function>:<service>`). Default KNOWN_FAULT_SITES. */
  sites?: readonly string[];
  /** Sites added to `sites` (e.g. those of a new revision). Default none. */
  extraSites?: readonly string[];
  /** Most faults. Default 2. 0 = no fault. */
  maxFaults?: number;
  /** nth is drawn in 1..maxNth. Default 4. */
  maxNth?: number;
}

/**
 * A fault schedule: fail the nth call of a kernel service at one call site, like the kernel's
 * fail-nth. Distinct (site, nth) pairs; shrinks towards [] (no fault), then the first listed
 * site and nth = 1.
 */
export function faultSchedule(constraints: FaultScheduleConstraints = {}): fc.Arbitrary<Fault[]> {
  const sites = uniq([...(constraints.sites ?? KNOWN_FAULT_SITES), ...(constraints.extraSites ?? [])]);
  const bad = sites.filter((s) => !isFaultSite(s));
  if (bad.length > 0) {
    throw new Error(`faultSchedule: ${bad.map((s) => JSON.stringify(s)).join(', ')} not of the form "<C function>:<service>" with service one of ${FAULT_SERVICES.join(', ')} (kcalloc/kzalloc are kmalloc, devm_kcalloc/devm_kzalloc are devm_kmalloc, devm_add_action_or_reset is devm_add_action)`);
  }
  const maxFaults = constraints.maxFaults ?? 2;
  const maxNth = constraints.maxNth ?? 4;
  if (sites.length === 0 || maxFaults === 0) return fc.constant([]);
  const fault = fc.record({ site: fc.constantFrom(...sites), nth: fc.integer({ min: 1, max: maxNth }) });
  return fc.uniqueArray(fault, { maxLength: maxFaults, selector: (f) => `${f.site}#${f.nth}` });
}

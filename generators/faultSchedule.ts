import fc from 'fast-check';
import type { Fault } from '../harness/scenario/types';
import { ADOPTION_COMMIT_FAULT_SITES, KNOWN_FAULT_SITES, PROBE_PATH_FAULT_SITES, isFaultSite, FAULT_SERVICES } from './_internals/faultSites';
import { uniq } from './_internals/biased';

export interface FaultScheduleConstraints {
  /** The sites to fail (`<C function>:<service>`). Default KNOWN_FAULT_SITES. */
  sites?: readonly string[];
  /** Sites added to `sites` (e.g. those of a new revision). Default none. */
  extraSites?: readonly string[];
  /** Most faults. Default 2. 0 = no fault. */
  maxFaults?: number;
  /** nth is drawn in 1..maxNth, 1 most often (see below). Default 4. */
  maxNth?: number;
  /**
   * How many times as often a site of PROBE_PATH_FAULT_SITES is drawn as one off it. Default 3;
   * 1 (with commitWeight 1) = every site alike.
   */
  probePathWeight?: number;
  /**
   * How many times as often a site of ADOPTION_COMMIT_FAULT_SITES (the adoption's cleanup-action
   * registration, its one fallible call after success) is drawn as a site off the probe path.
   * Default 3 * probePathWeight (9: three times a probe-path site); 1 = like a site off the path.
   */
  commitWeight?: number;
}

/**
 * nth: 1 three times as often as any of 1..maxNth (uniform). Most sites are called once per
 * probe or per bus, so the first call is the one that exists in every run that reaches the
 * site; a later nth is dead unless the site is in a loop.
 */
function nthArb(maxNth: number): fc.Arbitrary<number> {
  if (maxNth <= 1) return fc.constant(1);
  return fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: maxNth }), weight: 1 });
}

/**
 * A site, each of `commit` `commitWeight` times, each other of `probePath` `weight` times as
 * often as each remaining one: a fallible call on probe's straight path is reached by every run
 * that gets to probe (or to the adoption), one on a branch (an insert of one bus, an S1 context
 * of the scan) only by the runs that take it; the commit point is the one call whose failure
 * undoes a whole adoption (ADOPTION_COMMIT_FAULT_SITES).
 */
function siteArb(sites: readonly string[], probePath: readonly string[], weight: number, commit: readonly string[], commitWeight: number): fc.Arbitrary<string> {
  const top = sites.filter((s) => commit.includes(s));
  const hot = sites.filter((s) => !commit.includes(s) && probePath.includes(s));
  const cold = sites.filter((s) => !commit.includes(s) && !probePath.includes(s));
  const tiers = [
    { sites: hot, weight },
    { sites: top, weight: commitWeight },
    { sites: cold, weight: 1 },
  ].filter((t) => t.sites.length > 0);
  if (tiers.length === 1 || tiers.every((t) => t.weight === tiers[0].weight)) return fc.constantFrom(...sites);
  return fc.oneof(
    { withCrossShrink: true },
    ...tiers.map((t) => ({ arbitrary: fc.constantFrom(...t.sites), weight: t.weight * t.sites.length })),
  );
}

/**
 * A fault schedule: fail the nth call of a kernel service at one call site, like the kernel's
 * fail-nth. Distinct (site, nth) pairs; shrinks towards [] (no fault), then a probe-path site
 * and nth = 1.
 */
export function faultSchedule(constraints: FaultScheduleConstraints = {}): fc.Arbitrary<Fault[]> {
  const sites = uniq([...(constraints.sites ?? KNOWN_FAULT_SITES), ...(constraints.extraSites ?? [])]);
  const bad = sites.filter((s) => !isFaultSite(s));
  if (bad.length > 0) {
    throw new Error(`faultSchedule: ${bad.map((s) => JSON.stringify(s)).join(', ')} not of the form "<C function>:<service>" with service one of ${FAULT_SERVICES.join(', ')} (kcalloc/kzalloc are kmalloc, devm_kcalloc/devm_kzalloc are devm_kmalloc, devm_add_action_or_reset is devm_add_action)`);
  }
  const maxFaults = constraints.maxFaults ?? 2;
  const maxNth = constraints.maxNth ?? 4;
  const weight = constraints.probePathWeight ?? 3;
  const commitWeight = constraints.commitWeight ?? 3 * weight;
  if (!Number.isInteger(maxNth) || maxNth < 1 || !(weight >= 1) || !(commitWeight >= 1)) {
    throw new Error(`faultSchedule: maxNth = ${maxNth} must be an integer >= 1, probePathWeight = ${weight} and commitWeight = ${commitWeight} numbers >= 1`);
  }
  if (sites.length === 0 || maxFaults === 0) return fc.constant([]);
  const fault = fc.record({ site: siteArb(sites, PROBE_PATH_FAULT_SITES, weight, ADOPTION_COMMIT_FAULT_SITES, commitWeight), nth: nthArb(maxNth) });
  return fc.uniqueArray(fault, { maxLength: maxFaults, selector: (f) => `${f.site}#${f.nth}` });
}

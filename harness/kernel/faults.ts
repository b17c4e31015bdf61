/**
 * Fault injection like the kernel's fail-nth: each fallible call site (`function:service`)
 * counts its calls, and the scenario names which call of which site fails. The schedule is
 * plain data in the Scenario, so it shrinks with it.
 */
import type { Fault } from '../scenario/types';

export class FaultInjector {
  private schedule = new Map<string, Set<number>>();
  private calls = new Map<string, number>();
  /** Sites seen this run, in order of first call (for coverage and for generators). */
  seen: string[] = [];

  reset(faults: readonly Fault[]): void {
    this.schedule.clear();
    this.calls.clear();
    this.seen = [];
    for (const f of faults) {
      const s = this.schedule.get(f.site) ?? new Set<number>();
      s.add(f.nth);
      this.schedule.set(f.site, s);
    }
  }

  /** Counts one call of `site`; true when this call must fail. */
  shouldFail(site: string): boolean {
    const n = (this.calls.get(site) ?? 0) + 1;
    if (n === 1) this.seen.push(site);
    this.calls.set(site, n);
    return this.schedule.get(site)?.has(n) ?? false;
  }
}

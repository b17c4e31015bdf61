/**
 * Fault injection like the kernel's fail-nth: each fallible call site (`function:service`)
 * counts its calls, and the scenario names which call of which site fails. The schedule is
 * plain data in the Scenario, so it shrinks with it.
 */
import type { Fault, Phase } from '../scenario/types';

export class FaultInjector {
  private schedule = new Map<string, Set<number>>();
  private calls = new Map<string, number>();
  /** Sites seen this run, in order of first call (for coverage and for generators). */
  seen: string[] = [];
  /** The scheduled faults that fired, when and where. */
  fired: { site: string; nth: number; step: number; phase: Phase }[] = [];

  reset(faults: readonly Fault[]): void {
    this.schedule.clear();
    this.calls.clear();
    this.seen = [];
    this.fired = [];
    for (const f of faults) {
      const s = this.schedule.get(f.site) ?? new Set<number>();
      s.add(f.nth);
      this.schedule.set(f.site, s);
    }
  }

  /** Counts one call of `site`; true when this call must fail. */
  shouldFail(site: string, step: number, phase: Phase): boolean {
    const n = (this.calls.get(site) ?? 0) + 1;
    if (n === 1) this.seen.push(site);
    this.calls.set(site, n);
    const fail = this.schedule.get(site)?.has(n) ?? false;
    if (fail) this.fired.push({ site, nth: n, step, phase });
    return fail;
  }
}

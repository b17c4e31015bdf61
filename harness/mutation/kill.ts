/**
 * When is a mutant killed, and what is the score. Pure logic over property verdicts, so that it
 * is tested without clang or WebAssembly.
 *
 * A mutant is killed by a scenario when some property fails on the mutant with a signature
 * that the original revision does not fail that same property with on that same scenario. A
 * failure the original already has (a recorded finding) kills nothing: the mutant must make the
 * properties say something new. Scenarios are tried in order; the first kill ends the mutant.
 */
import { failures } from '../fuzz/evaluate';
import type { Property, PropertyContext } from '../scenario/types';

/** A failure with its property's name: plain data, it crosses to worker threads. */
export interface NamedFailure {
  property: string;
  signature: string;
  message?: string;
}

/**
 * The failures of every property on one run, in property order (a property that holds is absent):
 * the engine's own failures(), so every failure a verdict carries counts, and a check that throws
 * is a failure here as it is when fuzzing.
 */
export function namedFailures(properties: readonly Property[], ctx: PropertyContext): NamedFailure[] {
  return failures(properties, ctx).map((f) => ({ property: f.property.name, signature: f.signature, message: f.message }));
}

/** The first failure of the mutant that the original does not have (same property, same signature), if any. */
export function killingFailure(original: readonly NamedFailure[], mutant: readonly NamedFailure[]): NamedFailure | undefined {
  return mutant.find((f) => !original.some((o) => o.property === f.property && o.signature === f.signature));
}

export interface Kill {
  property: string;
  signature: string;
  message?: string;
  /** Label of the scenario (where it came from). */
  scenario: string;
  /** Index of the scenario in the list tried. */
  index: number;
}

export interface HarnessCrash {
  scenario: string;
  message: string;
}

export interface KillSearch {
  kill?: Kill;
  /** Scenarios run on the mutant (up to and including the killing one). */
  scenariosRun: number;
  /** Runs where the harness itself threw (a harness bug, never a property verdict). */
  harnessCrashes: HarnessCrash[];
}

/**
 * Tries the scenarios in order on the mutant until one kills it. `original(i)` is the original
 * revision's failures on scenario i (undefined: the original could not be run on it, so the
 * scenario is skipped); `mutant(i)` runs the mutant on it and may throw (a harness crash,
 * recorded, then the next scenario). `onScenario(i)` is called before each run (progress,
 * watchdog).
 */
export function searchKill(
  labels: readonly string[],
  original: (i: number) => readonly NamedFailure[] | undefined,
  mutant: (i: number) => readonly NamedFailure[],
  onScenario?: (i: number) => void,
): KillSearch {
  const harnessCrashes: HarnessCrash[] = [];
  let scenariosRun = 0;
  for (let i = 0; i < labels.length; i++) {
    const base = original(i);
    if (base === undefined) continue;
    onScenario?.(i);
    scenariosRun++;
    let failures: readonly NamedFailure[];
    try {
      failures = mutant(i);
    } catch (e) {
      harnessCrashes.push({ scenario: labels[i], message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const f = killingFailure(base, failures);
    if (f) return { kill: { ...f, scenario: labels[i], index: i }, scenariosRun, harnessCrashes };
  }
  return { scenariosRun, harnessCrashes };
}

/**
 * What became of a mutant:
 *   killed        a property failed with a new signature on some scenario
 *   survived      no scenario made any property say something new
 *   equivalent    it compiles to the very same module as the original: a survivor that cannot
 *                 be killed, equivalent by construction (counted among the survivors)
 *   stillborn     it does not compile (left out of the score)
 *   timeout       one scenario ran longer than the time limit (not a kill)
 *   harness-crash no kill, and the harness itself threw on some scenario (not a kill)
 */
export type MutantStatus = 'killed' | 'survived' | 'equivalent' | 'stillborn' | 'timeout' | 'harness-crash';

export interface MutantOutcome {
  status: MutantStatus;
  kill?: Kill;
  scenariosRun: number;
  harnessCrashes: HarnessCrash[];
  /** The compiler's error for a stillborn mutant; the scenario for a timeout. */
  detail?: string;
}

export function statusOf(search: KillSearch): MutantStatus {
  if (search.kill) return 'killed';
  return search.harnessCrashes.length > 0 ? 'harness-crash' : 'survived';
}

export interface Score {
  total: number;
  stillborn: number;
  killed: number;
  /** Survivors, the equivalent ones included. */
  survived: number;
  equivalent: number;
  timeout: number;
  harnessCrash: number;
  /** Runs (mutant x scenario) where the harness itself threw: should be 0. */
  harnessCrashRuns: number;
  /** killed / (total - stillborn); NaN when nothing was run. */
  score: number;
  /** killed / (total - stillborn - equivalent). */
  scoreWithoutEquivalent: number;
}

export function scoreOf(outcomes: readonly MutantOutcome[]): Score {
  const count = (s: MutantStatus) => outcomes.filter((o) => o.status === s).length;
  const total = outcomes.length;
  const stillborn = count('stillborn');
  const killed = count('killed');
  const equivalent = count('equivalent');
  const live = total - stillborn;
  return {
    total,
    stillborn,
    killed,
    survived: count('survived') + equivalent,
    equivalent,
    timeout: count('timeout'),
    harnessCrash: count('harness-crash'),
    harnessCrashRuns: outcomes.reduce((a, o) => a + o.harnessCrashes.length, 0),
    score: live > 0 ? killed / live : NaN,
    scoreWithoutEquivalent: live - equivalent > 0 ? killed / (live - equivalent) : NaN,
  };
}

/**
 * A run that hit a limit of the simulator (an access it cannot back, e.g. a 4 GiB mapping in a
 * 4 GiB WebAssembly memory) says nothing about the C: the run stopped where the real kernel
 * would have gone on. Its properties are not checked, it is never a finding and never saved; it
 * is counted and shown with the line that reaches it, so that the limit itself stays visible.
 */
import type { Property, PropertyContext } from '../scenario/types';
import { baselineIfRun, innermostDriverFrame } from '../scenario/api';
import { failures, type PropertyFailure } from './evaluate';

export interface HarnessLimitHit {
  /** Innermost C function of the crash, the grouping key. */
  where: string;
  message: string;
  /** 'run' = the revision under test; 'baseline' = mainline's normal boot of the same scenario. */
  of: 'run' | 'baseline';
}

/**
 * The limit the run met, or mainline's baseline if it has run (runWithBaseline runs it when a
 * property first reads it: before the checks, only the run's own limit can show; judgeRun asks
 * again after them).
 */
export function harnessLimitOf(ctx: PropertyContext): HarnessLimitHit | undefined {
  for (const [of, o] of [['run', ctx.outcome], ['baseline', baselineIfRun(ctx)]] as const) {
    const c = o?.crash;
    if (c?.kind === 'harness-limit') {
      const where = innermostDriverFrame(c.stack) ?? c.stack[0] ?? 'unknown';
      return { where, message: c.message, of };
    }
  }
  return undefined;
}

/**
 * The failures of `properties` on a run, or the limit that voids it: the run's own (nothing is
 * checked), or one its baseline met when a property read it (what was checked against it
 * says nothing about the C either).
 */
export function judgeRun(properties: readonly Property[], ctx: PropertyContext):
  { limit: HarnessLimitHit; found?: undefined } | { limit?: undefined; found: PropertyFailure[] } {
  const own = harnessLimitOf(ctx);
  if (own) return { limit: own };
  const found = failures(properties, ctx);
  const late = harnessLimitOf(ctx);
  return late ? { limit: late } : { found };
}

/** Limits met during a command, grouped by where they happened. */
export interface HarnessLimit extends HarnessLimitHit {
  runs: number;
  /** Run index (fuzz) of the first hit. */
  firstIndex?: number;
  /** Corpus file (replay) of the first hit. */
  file?: string;
}

export class HarnessLimits {
  private readonly byWhere = new Map<string, HarnessLimit>();

  record(hit: HarnessLimitHit, at: { index?: number; file?: string }): void {
    const key = `${hit.of}\0${hit.where}`;
    const seen = this.byWhere.get(key);
    if (seen) { seen.runs++; return; }
    this.byWhere.set(key, { ...hit, runs: 1, firstIndex: at.index, file: at.file });
  }

  get list(): HarnessLimit[] {
    return [...this.byWhere.values()];
  }

  get runs(): number {
    return this.list.reduce((n, l) => n + l.runs, 0);
  }
}

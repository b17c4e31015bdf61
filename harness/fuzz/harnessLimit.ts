/**
 * A run that hit a limit of the simulator (an access it cannot back, e.g. a 4 GiB mapping in a
 * 4 GiB WebAssembly memory) says nothing about the C: the run stopped where the real kernel
 * would have gone on. Its properties are not checked, it is never a finding and never saved; it
 * is counted and shown with the line that reaches it, so that the limit itself stays visible.
 */
import type { PropertyContext } from '../scenario/types';
import { SKIPPED_BASELINE } from '../scenario/api';

export interface HarnessLimitHit {
  /** Innermost C function of the crash, the grouping key. */
  where: string;
  message: string;
  /** 'run' = the revision under test; 'baseline' = mainline's normal boot of the same scenario. */
  of: 'run' | 'baseline';
}

export function harnessLimitOf(ctx: PropertyContext): HarnessLimitHit | undefined {
  for (const [of, o] of [['run', ctx.outcome], ['baseline', ctx.baseline]] as const) {
    if (o === SKIPPED_BASELINE) continue; // not run: no property of this run needs it
    const c = o?.crash;
    if (c?.kind === 'harness-limit') {
      const where = c.stack.find((f) => !/^(kshim_|__asan_)/.test(f)) ?? c.stack[0] ?? 'unknown';
      return { where, message: c.message, of };
    }
  }
  return undefined;
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

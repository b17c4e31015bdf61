/**
 * The progress line: drawn on stderr only when it is a terminal, only once a run has lasted
 * about 2 s, rewritten in place, and erased before anything else is printed. Never in --json
 * mode or when stderr is a pipe or a file (CI logs stay clean).
 */
import type { Io } from './io';
import type { Progress } from '../fuzz/fuzzer';

const AFTER_MS = 2000;
const EVERY_MS = 250;

export class ProgressLine {
  private drawn = false;
  private lastDraw = -Infinity;

  constructor(
    private readonly io: Io,
    private readonly enabled: boolean,
    /** Runs this shard will do at most (Infinity with --time alone), and the time budget. */
    private readonly budget: { runs: number; timeMs?: number },
  ) {}

  update(p: Progress): void {
    if (!this.enabled || p.elapsedMs < AFTER_MS || p.elapsedMs - this.lastDraw < EVERY_MS) return;
    this.lastDraw = p.elapsedMs;
    const rate = p.runsDone / (p.elapsedMs / 1000);
    const left: number[] = [];
    if (this.budget.timeMs !== undefined) left.push((this.budget.timeMs - p.elapsedMs) / 1000);
    if (Number.isFinite(this.budget.runs) && rate > 0) left.push((this.budget.runs - p.runsDone) / rate);
    const leftText = left.length > 0 ? `, ${Math.max(0, Math.ceil(Math.min(...left)))} s left` : '';
    this.io.err(`\r\x1b[Kfuzz: ${p.runsDone} runs, ${rate.toFixed(0)} runs/s, ` +
      `${p.newFindings} new, ${p.knownFindings} known${leftText}`);
    this.drawn = true;
  }

  /** Erase the line (before printing a report, and at the end). */
  clear(): void {
    if (!this.drawn) return;
    this.io.err('\r\x1b[K');
    this.drawn = false;
  }
}

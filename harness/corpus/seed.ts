/**
 * --seed: a number is used as is; any other text goes through seedrandom to a 32-bit integer
 * (so `--seed nightly-2026-05-01` is a valid, repeatable seed); no seed draws a fresh one, which
 * the command always prints so the run can be repeated.
 */
import seedrandom from 'seedrandom';

export interface Seed {
  /** What fast-check gets. */
  value: number;
  /** The text the user gave, when it was not a number. */
  text?: string;
  /** Drawn because no --seed was given. */
  fresh: boolean;
}

const INT = /^-?\d+$/;

export function parseSeed(arg: string | undefined, fresh: () => number = freshSeed): Seed {
  if (arg === undefined) return { value: fresh(), fresh: true };
  if (INT.test(arg)) {
    const n = Number(arg);
    // fast-check seeds are 32-bit integers; a larger number is treated as text, like any other.
    if (n >= -0x8000_0000 && n <= 0xffff_ffff) return { value: n, fresh: false };
  }
  return { value: textSeed(arg), text: arg, fresh: false };
}

export function textSeed(text: string): number {
  return seedrandom(text).int32();
}

export function freshSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 0x1_0000_0000)) >>> 0;
}

/** How to write this seed back on a command line (text seeds are quoted for the shell). */
export function seedArgument(seed: Pick<Seed, 'value' | 'text'>): string {
  if (seed.text === undefined) return String(seed.value);
  return /^[A-Za-z0-9._:@%+=,/-]+$/.test(seed.text) ? seed.text : `'${seed.text.replace(/'/g, `'\\''`)}'`;
}

/** `--seed 42`, or `--seed=-5`: parseArgs would take a separate "-5" for an option. */
export function seedFlag(seed: Pick<Seed, 'value' | 'text'>): string {
  const arg = seedArgument(seed);
  return (seed.text ?? String(seed.value)).startsWith('-') ? `--seed=${arg}` : `--seed ${arg}`;
}

export function describeSeed(seed: Seed): string {
  if (seed.text !== undefined) return `seed ${seedArgument(seed)} (text, = ${seed.value})`;
  return seed.fresh ? `seed ${seed.value} (fresh: pass ${seedFlag(seed)} to repeat this run)` : `seed ${seed.value}`;
}

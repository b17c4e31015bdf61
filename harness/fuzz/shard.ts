/**
 * --shard I/N: run index i belongs to shard i mod N (shards numbered from 0), so N parallel
 * jobs with the same seed cover exactly the runs of one job, each run once.
 */
import { UsageError } from '../errors';

export interface Shard {
  index: number;
  count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

export function parseShard(arg: string | undefined): Shard {
  if (arg === undefined) return WHOLE;
  const m = /^(\d+)\/(\d+)$/.exec(arg);
  if (!m) {
    throw new UsageError(`--shard ${arg}: expected I/N, e.g. --shard 0/4 for the first of 4 parallel jobs`);
  }
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || !Number.isSafeInteger(count)) throw new UsageError(`--shard ${arg}: N must be at least 1`);
  if (index >= count) {
    throw new UsageError(
      `--shard ${arg}: I must be in 0..${count - 1}; shards are numbered from 0 (run index i belongs to shard i mod N)` +
      (index === count ? `. For the last of ${count} jobs, use --shard ${count - 1}/${count}` : ''));
  }
  return { index, count };
}

export function ownsRun(shard: Shard, runIndex: number): boolean {
  return runIndex % shard.count === shard.index;
}

export function describeShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

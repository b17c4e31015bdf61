/**
 * The "found" record of a new entry: seed and path from the run, plus the date and the harness
 * commit, both taken from the environment and both allowed to be absent.
 */
import { execFileSync } from 'node:child_process';
import type { FoundBy } from './entry';

/** UTC date; SOURCE_DATE_EPOCH (reproducible-builds convention) pins it for byte-identical files. */
export function foundDate(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const ms = epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : now();
  return new Date(ms).toISOString().slice(0, 10);
}

let cachedCommit: string | null | undefined;

/** `git rev-parse HEAD`, or null outside a git checkout / without git / before the first commit. */
export function gitCommit(cwd = process.cwd()): string | null {
  if (cachedCommit !== undefined) return cachedCommit;
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    const sha = out.toString().trim();
    cachedCommit = /^[0-9a-f]{40}$/.test(sha) ? sha : null;
  } catch {
    cachedCommit = null;
  }
  return cachedCommit;
}

export function foundBy(seed: number, seedText: string | undefined, fcPath: string, env: NodeJS.ProcessEnv = process.env): FoundBy {
  const found: FoundBy = { seed, path: fcPath, date: foundDate(env), commit: gitCommit() };
  if (seedText !== undefined) found.seed_text = seedText;
  return found;
}

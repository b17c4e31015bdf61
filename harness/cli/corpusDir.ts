/**
 * The corpus directory fuzz will write to, checked before the first run: a finding made after
 * ten minutes of fuzzing must not be lost to a directory that was never writable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors';
import { TEMP_PREFIX } from '../corpus/save';

function fail(dir: string, what: string): never {
  throw new UsageError(`--corpus ${dir}: ${what}\n  fix: give a writable directory (--corpus DIR, or $SMMU_FUZZ_CORPUS); it is created if missing`);
}

/** Throws a UsageError unless `dir` is a directory (or can be created) that this process can write. */
export function checkWritableCorpusDir(dir: string): void {
  if (dir === '') fail(dir, 'an empty path');
  let st: fs.Stats | undefined;
  try { st = fs.statSync(dir); } catch { st = undefined; }
  if (st && !st.isDirectory()) fail(dir, 'is a file, not a directory (the corpus is a directory of <hash>.json entries)');
  // The nearest existing ancestor is where mkdir -p starts.
  let probeDir = path.resolve(dir);
  while (!fs.existsSync(probeDir)) probeDir = path.dirname(probeDir);
  if (!fs.statSync(probeDir).isDirectory()) fail(dir, `${probeDir} is a file, so the directory cannot be created`);
  // Write permission as the kernel decides it (root, ACLs, read-only mounts): by trying.
  const probe = path.join(probeDir, `${TEMP_PREFIX}probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, '', { flag: 'wx' });
  } catch (err) {
    fail(dir, `cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)} creating a file in ${probeDir})`);
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

/** A --corpus given to replay: a directory that exists. */
export function checkReadableCorpusDir(dir: string): void {
  if (dir === '') fail(dir, 'an empty path');
  let st: fs.Stats;
  try { st = fs.statSync(dir); } catch (err) {
    throw new UsageError(`--corpus ${dir}: no such directory (${(err as NodeJS.ErrnoException).code ?? String(err)})\n  fix: give the corpus directory, e.g. --corpus corpus`);
  }
  if (!st.isDirectory()) throw new UsageError(`--corpus ${dir}: is a file, not a directory\n  fix: give the directory of the corpus, e.g. --corpus ${path.dirname(dir)}`);
}

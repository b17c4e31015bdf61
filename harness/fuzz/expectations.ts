/**
 * Recording, in each corpus entry, how every revision fares on it: `expect[rev]` is 'fail'
 * when that revision still fails the entry's property with the entry's signature, 'pass' when it
 * holds. `npm test` then replays each entry on each recorded revision, so a fix shows up as a
 * changed expectation in review, and a regression fails the suite.
 *
 * This is the only thing that ever rewrites a corpus entry, only its `expect`, and only when
 * asked (`npm run corpus:expect`): the file name is a hash that leaves `expect` out, so the
 * entry keeps its name, and the new content replaces the old atomically (temp file + rename).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Harness } from './harness';
import { judgeRun } from './harnessLimit';
import { serializeEntry, type Expectation } from '../corpus/entry';
import type { LoadedEntry } from '../corpus/load';
import { TEMP_PREFIX } from '../corpus/save';

export interface ExpectationChange {
  file: string;
  revision: string;
  from?: Expectation;
  to?: Expectation;
  /** Set when the revision fails the property with another signature (left unrecorded). */
  other?: string;
}

/** What each revision does on the entry now, in revision order. */
export function measureExpectations(h: Harness, loaded: LoadedEntry, revisions: readonly string[]): ExpectationChange[] {
  const { entry, file } = loaded;
  const property = h.loadProperties().find((p) => p.name === entry.property);
  if (!property) throw new Error(`${file}: property ${entry.property} does not exist`);
  return revisions.map((revision) => {
    const ctx = h.runWithBaseline(h.loadRevision(revision), entry.scenario);
    const from = entry.expect[revision];
    // A run that met a limit of the simulator (or whose baseline did, when the property read
    // it) says nothing about the C: nothing is recorded.
    const judged = judgeRun([property], ctx);
    if (judged.limit) return { file, revision, from, other: `not judged: a limit of the simulator in ${judged.limit.where}` };
    // The entry's signature among every failure the verdict carries (a property may report several).
    const signatures = judged.found.map((f) => f.signature);
    if (signatures.length === 0) return { file, revision, from, to: 'pass' as const };
    if (signatures.includes(entry.signature)) return { file, revision, from, to: 'fail' as const };
    return { file, revision, from, other: signatures.join(', ') };
  });
}

/** Rewrites the entry with the measured expectations (atomic replace of that one file). */
export function writeExpectations(loaded: LoadedEntry, changes: readonly ExpectationChange[]): boolean {
  const expect = { ...loaded.entry.expect };
  for (const c of changes) {
    if (c.to) expect[c.revision] = c.to;
    else delete expect[c.revision];
  }
  // The revision that found it keeps 'fail': the entry is that revision's counterexample.
  expect[loaded.entry.revision] = 'fail';
  const sorted = Object.fromEntries(Object.entries(expect).sort(([a], [b]) => a.localeCompare(b)));
  if (JSON.stringify(sorted) === JSON.stringify(loaded.entry.expect)) return false;
  const content = serializeEntry({ ...loaded.entry, expect: sorted });
  const tmp = path.join(path.dirname(loaded.file), `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  fs.renameSync(tmp, loaded.file);
  return true;
}

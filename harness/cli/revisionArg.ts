/**
 * Loading the revision named by --revision (and --base): a directory, an unreadable file or any
 * file-system error on the path is the user's input, exit 2 naming it, never a stack trace.
 * For a path revision, the base it was built on is loaded too: the run is judged against it.
 */
import * as fs from 'node:fs';
import { UsageError } from '../errors';
import type { Revision } from '../scenario/api';
import type { Harness } from '../fuzz/harness';

export interface RevisionUnderTest {
  revision: Revision;
  /** The listed revision a path was built on; undefined for a listed revision. */
  base?: Revision;
  /** The name, or "latest + fix.patch (3 hunks in arm-smmu-v3-kdump.c)". */
  label: string;
  /** Revisions whose corpus records count as known: [name] or [name, base]. */
  knownOn: string[];
}

export function loadRevisionArg(harness: Harness, revisionArg: string, baseArg: string | undefined): RevisionUnderTest {
  let st: fs.Stats | undefined;
  try { st = fs.statSync(revisionArg); } catch { st = undefined; }
  if (st?.isDirectory()) {
    throw new UsageError(`--revision ${revisionArg}: is a directory; give a revision name (npm run fuzz -- --list), ` +
      `or the path of one patch or one C/H file (e.g. --revision ${revisionArg.replace(/\/$/, '')}/fix.patch)`);
  }
  let revision: Revision;
  try {
    revision = baseArg === undefined ? harness.loadRevision(revisionArg) : harness.loadRevision(revisionArg, { base: baseArg });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (!(err instanceof UsageError) && typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new UsageError(`--revision ${revisionArg}: cannot be read (${code}); give a revision name or the path of a readable patch or C/H file`);
    }
    throw err;
  }
  const base = revision.base !== undefined ? harness.loadRevision(revision.base) : undefined;
  return {
    revision,
    base,
    label: revision.label ?? revision.name,
    knownOn: base ? [revision.name, base.name] : [revision.name],
  };
}

/**
 * The changelog a posted revision's cover letter gives for itself: the bullet lines under
 * "Changelog" in ../shared/revisions/mails/vN-0-M-cover.txt, from the "vN" line to the next
 * version's line, a bullet's continuation lines joined. Read mechanically; nothing is reworded.
 * v1 has no changelog; the later trees have no cover letter.
 */
import * as fs from 'fs';
import * as path from 'path';
import { sharedRevisionsDir } from './base';

/** The cover letter of revision `vN`, relative to ../shared/revisions/mails/, or undefined. */
export function coverLetterOf(revision: string, shared = sharedRevisionsDir()): string | undefined {
  if (!/^v\d+$/.test(revision)) return undefined;
  const dir = path.join(shared, 'mails');
  return fs.readdirSync(dir).find((f) => new RegExp(`^${revision}-0-\\d+-cover\\.txt$`).test(f));
}

/** The changelog bullets of `vN` in its own cover letter ([] when there is none). */
export function changelogOf(revision: string, shared = sharedRevisionsDir()): string[] {
  const cover = coverLetterOf(revision, shared);
  if (!cover) return [];
  const lines = fs.readFileSync(path.join(shared, 'mails', cover), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Changelog');
  if (start < 0) return [];
  const bullets: string[] = [];
  let mine = false;
  for (const l of lines.slice(start + 1)) {
    const version = /^(v\d+):?\s*$/.exec(l.trim());
    if (version) {
      if (mine) break;
      mine = version[1] === revision;
      continue;
    }
    if (!mine) continue;
    if (/^\s*$/.test(l)) break;
    const bullet = /^\s*\*\s+(.*)$/.exec(l);
    if (bullet) bullets.push(bullet[1].trim());
    else if (bullets.length > 0 && /^\s{2,}\S/.test(l)) bullets[bullets.length - 1] += ' ' + l.trim();
  }
  return bullets;
}

/**
 * The mainline base every revision is assembled from: the excerpts of
 * ../shared/revisions/mainline/ with their provenance header and separator
 * lines removed, plus the mainline functions they lack
 * (sources/mainline-extra.c.txt), plus our header compatibility patch.
 */
import * as fs from 'fs';
import * as path from 'path';
import { findFunctions } from './extract';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const REVISIONS_DIR = path.join(REPO_ROOT, 'harness', 'revisions');

export class AssembleError extends Error {
  override name = 'AssembleError';
}

/** ../shared/revisions, resolved from the repository root; read-only. */
export function sharedRevisionsDir(repoRoot = REPO_ROOT): string {
  const dir = path.resolve(repoRoot, '..', 'shared', 'revisions');
  if (!fs.existsSync(path.join(dir, 'mainline'))) {
    throw new AssembleError(
      `the reference revisions are missing: ${dir} (expected mainline/, mails/, later/ there, ` +
        'next to the repository as ../shared/revisions)',
    );
  }
  return dir;
}

export function readShared(shared: string, rel: string): string {
  const file = path.join(shared, rel);
  if (!fs.existsSync(file)) throw new AssembleError(`missing reference file: ${file}`);
  return fs.readFileSync(file, 'utf8');
}

export interface Excerpt {
  title: string;
  text: string;
}

/** Splits an excerpts file at its '==== excerpt ... ====' lines, dropping its header. */
export function splitExcerpts(file: string): Excerpt[] {
  const excerpts: Excerpt[] = [];
  let cur: Excerpt | null = null;
  for (const line of file.split('\n')) {
    const m = /^==== excerpt (.*) ====$/.exec(line);
    if (m) {
      cur = { title: m[1], text: '' };
      excerpts.push(cur);
    } else if (cur) {
      cur.text += line + '\n';
    }
  }
  // The file's own last newline is not a line of the last excerpt.
  if (cur && file.endsWith('\n')) cur.text = cur.text.slice(0, -1);
  return excerpts;
}

export interface Base {
  c: string;
  h: string;
  /** Excerpts left out, with the reason. */
  dropped: string[];
  /** The files the base was made from, relative to ../shared/revisions or the repo. */
  sources: string[];
}

export const BASE_C = 'mainline/arm-smmu-v3.c.excerpts.txt';
export const BASE_H = 'mainline/arm-smmu-v3.h.excerpts.txt';
export const EXTRA_C = 'harness/revisions/sources/mainline-extra.c.txt';
export const HEADER_COMPAT = 'harness/revisions/sources/v6.18-header-compat.patch';

/**
 * An excerpt that ends inside a function (arm_smmu_device_probe, "truncated
 * here by the excerpt") cannot be compiled or brace-matched, and would
 * swallow whatever follows it: it is left out of the base.
 */
function wholeExcerpts(excerpts: Excerpt[], dropped: string[], file: string): string {
  return excerpts
    .filter((e) => {
      const cut = findFunctions(e.text).find((f) => f.end < 0);
      if (cut) dropped.push(`${file}: excerpt ${e.title} — ${cut.name}() is cut off before its closing brace`);
      return !cut;
    })
    .map((e) => e.text)
    .join('');
}

export function readBase(shared: string, repoRoot = REPO_ROOT): Base {
  const dropped: string[] = [];
  const extraFile = path.join(repoRoot, EXTRA_C);
  if (!fs.existsSync(extraFile)) throw new AssembleError(`missing ${extraFile}`);
  const c =
    wholeExcerpts(splitExcerpts(readShared(shared, BASE_C)), dropped, BASE_C) +
    wholeExcerpts(splitExcerpts(fs.readFileSync(extraFile, 'utf8')), dropped, EXTRA_C);
  const h = wholeExcerpts(splitExcerpts(readShared(shared, BASE_H)), dropped, BASE_H);
  return { c, h, dropped, sources: [`../shared/revisions/${BASE_C}`, `../shared/revisions/${BASE_H}`, EXTRA_C, HEADER_COMPAT] };
}

/**
 * Did each hunk land in the function it was written for?
 *
 * With --fuzz=3 and offsets of thousands of lines (the excerpts are a small
 * part of the file the series was posted against), patch may place a hunk
 * whose context it could not match at some other spot that merely looks
 * alike. So after patch succeeds, every paragraph of added lines must be
 * found inside a function the hunk names: the function in its '@@' line, or
 * one the hunk itself defines or shows as context.
 */
import { findFunctions } from './extract';
import type { Hunk } from './patchApply';

/** Functions a hunk names. */
function namedFunctions(h: Hunk): Set<string> {
  const names = new Set<string>();
  if (h.section) names.add(h.section);
  for (const line of h.lines) {
    if (line[0] === '-') continue;
    const m = /^([A-Za-z_][^;=(]*?\b)?([A-Za-z_]\w*)\s*\(/.exec(line.slice(1));
    if (m) names.add(m[2]);
  }
  return names;
}

/** Runs of added lines, split at blank lines. */
function addedParagraphs(h: Hunk): string[] {
  const paragraphs: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.some((l) => /\w/.test(l))) paragraphs.push(cur.join('\n'));
    cur = [];
  };
  for (const line of h.lines) {
    if (line[0] === '+' && line.slice(1).trim() !== '') cur.push(line.slice(1));
    else flush();
  }
  flush();
  return paragraphs;
}

/** A paragraph of #include lines only (it has no function to land in). */
function isIncludeBlock(p: string): boolean {
  return p.split('\n').every((l) => /^#include\s/.test(l));
}

/** The hunk's line just before the first line of added paragraph `p`, with its newline ('' at the file's start). */
function lineBefore(h: Hunk, p: string): string {
  const first = p.split('\n')[0];
  const i = h.lines.findIndex((l) => l[0] === '+' && l.slice(1) === first);
  const prev = i > 0 ? h.lines[i - 1] : null;
  return prev === null ? '' : prev.slice(1) + '\n';
}

/** Problems with where the hunks of `hunks` landed in `src` (empty: all fine). */
export function checkLanding(src: string, hunks: Hunk[]): string[] {
  const functions = findFunctions(src).filter((f) => f.end >= 0);
  const problems: string[] = [];
  for (const h of hunks) {
    const names = namedFunctions(h);
    for (const p of addedParagraphs(h)) {
      const holders = functions.filter((f) => src.slice(f.start, f.end).includes(p));
      const first = p.split('\n')[0].trim();
      if (isIncludeBlock(p)) {
        // An #include belongs outside every function body, right after the hunk's context line before it.
        const at = src.indexOf(lineBefore(h, p) + p);
        if (at < 0 || functions.some((f) => f.bodyStart < at && at < f.end)) {
          problems.push(`hunk #${h.number} ${h.header}: added line "${first}" did not land after its context line`);
        }
        continue;
      }
      if (holders.length === 0) {
        problems.push(`hunk #${h.number} ${h.header}: added line "${first}" is not inside any function`);
      } else if (!holders.some((f) => names.has(f.name))) {
        problems.push(
          `hunk #${h.number} ${h.header}: added line "${first}" landed in ` +
            `${holders.map((f) => f.name + '()').join(', ')}, not in ${[...names].map((n) => n + '()').join(' / ')}`,
        );
      }
    }
  }
  return problems;
}

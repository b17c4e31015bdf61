/**
 * The README's Findings table lives between two marker lines; only what is between them is
 * ever rewritten (the prose around it is written by hand). The write is atomic: a temporary
 * file in the same directory, renamed over README.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../errors';

const BEGIN = /^<!-- findings:begin\b.*-->$/;
const END = /^<!-- findings:end -->$/;

/** [index of the begin marker line, index of the end marker line]. */
function markers(lines: readonly string[], where: string): [number, number] {
  const begin = lines.findIndex((l) => BEGIN.test(l));
  const end = lines.findIndex((l, i) => i > begin && END.test(l));
  if (begin < 0 || end < 0) {
    throw new UsageError(`${where}: the Findings markers are missing ('<!-- findings:begin ... -->' then '<!-- findings:end -->' on lines of their own); put them back around the table`);
  }
  return [begin, end];
}

/** The text between the markers (without them). */
export function tableInReadme(readme: string, where = 'README.md'): string {
  const lines = readme.split('\n');
  const [begin, end] = markers(lines, where);
  return lines.slice(begin + 1, end).join('\n') + '\n';
}

/** `readme` with the text between the markers replaced by `table`. */
export function withTable(readme: string, table: string, where = 'README.md'): string {
  const lines = readme.split('\n');
  const [begin, end] = markers(lines, where);
  return [...lines.slice(0, begin + 1), ...table.replace(/\n$/, '').split('\n'), ...lines.slice(end)].join('\n');
}

/** Re-reads `file` now (others may edit the prose) and rewrites only the table, atomically. Returns whether it changed. */
export function writeTable(file: string, table: string): boolean {
  const before = fs.readFileSync(file, 'utf8');
  const after = withTable(before, table, path.basename(file));
  if (after === before) return false;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, after);
  fs.renameSync(tmp, file);
  return true;
}

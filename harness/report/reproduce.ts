/** The one-line commands that reproduce a finding: by value (the corpus file) and by seed. */
import { seedFlag } from '../corpus/seed';

export interface ReproduceInput {
  /** The corpus file, when saved. */
  file?: string;
  /** What was given to --revision (a name or a path), for commands a reviewer can paste. */
  revisionArg: string;
  /** What was given to --base, if anything (a path revision built on a non-default base). */
  baseArg?: string;
  seed?: { value: number; text?: string } | null;
  /** Run index the finding was first seen at (fast-check path head). */
  index?: number;
  /** The property; absent for a run that met a harness limit (no property was checked). */
  property?: string;
}

export function reproduceLines(r: ReproduceInput): string[] {
  const lines: string[] = [];
  const rev = shellWord(r.revisionArg) + (r.baseArg !== undefined ? ` --base ${shellWord(r.baseArg)}` : '');
  if (r.file) lines.push(`npm run replay -- ${shellWord(r.file)} --revision ${rev}`);
  if (r.seed && r.index !== undefined) {
    lines.push(`npm run fuzz -- ${seedFlag(r.seed)} --revision ${rev}${r.property !== undefined ? ` --property ${r.property}` : ''} --runs ${r.index + 1}`);
  }
  return lines;
}

export function shellWord(s: string): string {
  return /^[A-Za-z0-9._:@%+=,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

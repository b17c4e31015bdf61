/**
 * harness/revisions/revisions.json: the revisions (and mutants) that can be
 * run, what each is and where its .wasm is. Written by assemble.ts; paths
 * are relative to the repository root.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface RevisionEntry {
  name: string;
  description: string;
  /** The built module, relative to the repository root. */
  wasm: string;
  /** What it is built from, relative to the repository root (a mutant: its base's C and its patch). */
  sources: string[];
  /** The revision used wherever none is named. */
  default?: boolean;
  /** A mutant of `base`, for mutation testing. */
  mutant?: boolean;
  /**
   * Posted patches of the series this revision leaves out (applied whole or not at all), each
   * `<mail>: <why, in GNU patch's words>`: the code the harness does not have, said wherever the
   * revision is named (--list, the fuzz header), never a silent gap.
   */
  not_carried?: string[];
  base?: string;
}

export const CATALOG_PATH = 'harness/revisions/revisions.json';

export function readCatalog(repoRoot: string): RevisionEntry[] {
  const file = path.join(repoRoot, CATALOG_PATH);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run assemble\``);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RevisionEntry[];
}

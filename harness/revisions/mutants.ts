/**
 * Mutants, for mutation testing: a revision's assembled sources with one
 * extra patch applied. Each harness/revisions/mutants/<name>.patch is a
 * recipe: a few header lines, then a unified diff against the base's files.
 *
 *   Mutant: <name>
 *   Base-Revision: <revision>
 *   Description: <what the mutation does, in kernel terms>
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssembleError, REVISIONS_DIR } from './base';
import { checkLanding } from './landing';
import { HunkResult, parseDiff, runPatch } from './patchApply';

export const MUTANTS_DIR = path.join(REVISIONS_DIR, 'mutants');

export interface MutantRecipe {
  name: string;
  base: string;
  description: string;
  /** Relative to the repository root. */
  patch: string;
}

export function readMutantRecipes(dir = MUTANTS_DIR): MutantRecipe[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const field = (key: string): string => {
        const m = new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(text);
        if (!m) throw new AssembleError(`harness/revisions/mutants/${f}: no "${key}:" header line`);
        return m[1].trim();
      };
      const name = field('Mutant');
      if (`${name}.patch` !== f) throw new AssembleError(`harness/revisions/mutants/${f}: "Mutant: ${name}" does not match the file name`);
      return { name, base: field('Base-Revision'), description: field('Description'), patch: `harness/revisions/mutants/${f}` };
    });
}

export interface AssembledMutant {
  recipe: MutantRecipe;
  files: Map<string, string>;
  hunks: HunkResult[];
}

/** Applies the mutant's patch (-p1) to a copy of its base's files. */
export function assembleMutant(recipe: MutantRecipe, baseFiles: Map<string, string>, repoRoot: string): AssembledMutant {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-mutant-'));
  try {
    for (const [name, text] of baseFiles) fs.writeFileSync(path.join(dir, name), text);
    const diff = parseDiff(fs.readFileSync(path.join(repoRoot, recipe.patch), 'utf8'), 1, [...baseFiles.keys()]);
    if (diff.files.length === 0) throw new AssembleError(`${recipe.patch}: patches none of ${[...baseFiles.keys()].join(', ')}`);
    const run = runPatch(dir, diff, 1, false);
    const failed = run.hunks.filter((h) => h.failed);
    if (!run.ok || failed.length > 0) {
      const why = failed.map((h) => `${h.file} hunk #${h.number} ${h.header}: ${h.report}`).join('; ') || run.output.trim();
      throw new AssembleError(`${recipe.patch} does not apply to ${recipe.base}: ${why}`);
    }
    const files = new Map<string, string>();
    for (const name of baseFiles.keys()) files.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
    for (const f of diff.files) {
      const misplaced = checkLanding(files.get(f.file)!, f.hunks);
      if (misplaced.length > 0) throw new AssembleError(`${recipe.patch}: ${f.file} ${misplaced.join('; ')}`);
    }
    return { recipe, files, hunks: run.hunks };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A listed mutant's sources, derived from what is committed: its base revision's assembled
 * files plus its patch. Mutants keep only their patch, PROVENANCE.md and .wasm in the tree.
 */
export function assembleListedMutant(name: string, repoRoot: string): AssembledMutant {
  const recipe = readMutantRecipes(path.join(repoRoot, 'harness', 'revisions', 'mutants')).find((r) => r.name === name);
  if (!recipe) throw new AssembleError(`no mutant recipe harness/revisions/mutants/${name}.patch`);
  const baseDir = path.join(repoRoot, 'harness', 'revisions', recipe.base);
  const baseFiles = new Map<string, string>();
  for (const f of fs.readdirSync(baseDir).filter((n) => /\.[ch]$/.test(n)).sort()) baseFiles.set(f, fs.readFileSync(path.join(baseDir, f), 'utf8'));
  return assembleMutant(recipe, baseFiles, repoRoot);
}

export function mutantProvenance(m: AssembledMutant): string {
  const out = [
    `# Mutant \`${m.recipe.name}\``,
    '',
    m.recipe.description,
    '',
    `Base revision: \`${m.recipe.base}\` (see \`harness/revisions/${m.recipe.base}/PROVENANCE.md\`), plus \`${m.recipe.patch}\``,
    'applied with GNU patch `-p1 --fuzz=3` by `harness/revisions/assemble.ts`; do not edit.',
    '',
    "patch's report of each hunk, verbatim:",
    '',
  ];
  for (const h of m.hunks) out.push(`- \`${h.file}\` hunk #${h.number} ${h.header}: ${h.report ?? 'applied where the diff says (patch reported nothing)'}`);
  out.push('');
  return out.join('\n');
}

/**
 * npm run assemble: assembles every revision and mutant under test from
 * ../shared/revisions (read-only) and writes, per revision,
 * harness/revisions/<rev>/{arm-smmu-v3.c, arm-smmu-v3.h, PROVENANCE.md, ...},
 * per mutant harness/revisions/mutants/<name>/PROVENANCE.md, and revisions.json.
 * The .wasm files are built from these by `npm run build:c`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { assembleRevision } from './assembleRevision';
import { AssembleError, REPO_ROOT, readBase, sharedRevisionsDir } from './base';
import { CATALOG_PATH, RevisionEntry } from './catalog';
import { assembleMutant, mutantProvenance, readMutantRecipes } from './mutants';
import { provenanceMarkdown } from './provenance';
import { DEFAULT_REVISION, RECIPES, resolveRecipe } from './recipes';

export interface Assembly {
  /** Repository-relative path → content. */
  files: Map<string, string>;
  catalog: RevisionEntry[];
}

/** Everything `npm run assemble` writes, in memory. */
export function assembleAll(repoRoot = REPO_ROOT): Assembly {
  const shared = sharedRevisionsDir(repoRoot);
  const base = readBase(shared, repoRoot);
  const files = new Map<string, string>();
  const catalog: RevisionEntry[] = [];
  const revisionFiles = new Map<string, Map<string, string>>();

  for (const recipe of RECIPES) {
    const rev = assembleRevision(resolveRecipe(recipe), shared, base, repoRoot);
    const dir = `harness/revisions/${recipe.name}`;
    for (const [name, text] of rev.files) files.set(`${dir}/${name}`, text);
    files.set(`${dir}/PROVENANCE.md`, provenanceMarkdown(rev, recipe.notes));
    revisionFiles.set(recipe.name, rev.files);
    catalog.push({
      name: recipe.name,
      description: recipe.description,
      wasm: `${dir}/${recipe.name}.wasm`,
      sources: [...rev.files.keys()].map((n) => `${dir}/${n}`),
      ...(recipe.name === DEFAULT_REVISION ? { default: true } : {}),
      ...notCarried(rev.patches, resolveRecipe(recipe).leftOut ?? []),
    });
  }

  for (const recipe of readMutantRecipes(path.join(repoRoot, 'harness', 'revisions', 'mutants'))) {
    const baseFiles = revisionFiles.get(recipe.base);
    if (!baseFiles) throw new AssembleError(`${recipe.patch}: unknown Base-Revision "${recipe.base}"`);
    // Applied here to prove the patch applies and to record its hunks; the mutated C itself is
    // not written: the build derives it again from the base and the patch.
    const m = assembleMutant(recipe, baseFiles, repoRoot);
    const dir = `harness/revisions/mutants/${recipe.name}`;
    files.set(`${dir}/PROVENANCE.md`, mutantProvenance(m));
    catalog.push({
      name: recipe.name,
      description: recipe.description,
      wasm: `${dir}/${recipe.name}.wasm`,
      sources: [...[...baseFiles.keys()].map((n) => `harness/revisions/${recipe.base}/${n}`), recipe.patch],
      mutant: true,
      base: recipe.base,
    });
  }

  files.set(CATALOG_PATH, JSON.stringify(catalog, null, 2) + '\n');
  return { files, catalog };
}

function main(): void {
  try {
    const { files, catalog } = assembleAll();
    for (const [rel, text] of files) {
      const file = path.join(REPO_ROOT, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    for (const e of catalog) console.log(`assembled ${e.name}${e.mutant ? ` (mutant of ${e.base})` : ''}: ${e.sources.join(', ')}`);
  } catch (e) {
    if (e instanceof AssembleError) {
      console.error(`assemble: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

if (require.main === module) main();

/** The posted patches a revision leaves out, with patch's first words on why (catalog.ts). */
function notCarried(
  patches: readonly { source: string; applied: boolean; skipped: string | null; hunksNotCarried?: string[] }[],
  leftOut: readonly string[],
): { not_carried?: string[] } {
  const skipped = patches.filter((p) => !p.applied).map((p) => {
    const why = (p.skipped ?? 'skipped').replace(/\s+/g, ' ');
    return `${p.source}: ${why.length > 160 ? `${why.slice(0, 157)}...` : why}`;
  });
  // A mail carried in part: each hunk left out on purpose, with the recipe's reason, whole.
  const partial = patches.filter((p) => p.applied).flatMap((p) => (p.hunksNotCarried ?? []).map((h) => `${p.source}: ${h}`));
  const out = [...leftOut, ...partial, ...skipped];
  return out.length > 0 ? { not_carried: out } : {};
}

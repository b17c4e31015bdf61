/**
 * Which changelog line names the change that fixed a finding: a reading of ours, written down by
 * hand (no tool can tell which of a cover letter's bullets a fix came from), but checked:
 * test/revisions/changelog.test.ts requires each quoted line to be, word for word, a bullet of
 * the changelog it names (changelog.ts), and the fix history shows a note only where it
 * computes the same "fixed in" revision. Signatures compare through the rename map
 * (harness/revisions/renames.ts).
 *
 * A fix first seen in v5 was made in v4, whose patch 1/5 is not in the material but whose cover
 * letter is: such a note names v5 as `fixedIn` and v4 as `changelogOf`.
 */
import { canonicalSignature } from './renames';

export interface FixNote {
  property: string;
  signature: string;
  /** The first revision under test without the signature. */
  fixedIn: string;
  /** The changelog bullet, verbatim. */
  line: string;
  /** The version whose changelog has the bullet, when not fixedIn (v4: no revision of its own). */
  changelogOf?: string;
}

export const FIX_NOTES: readonly FixNote[] = [
  {
    property: 'no-crash', signature: 'no-crash:trap@arm_smmu_adopt_strtab_2lvl', fixedIn: 'v3',
    line: 'Fix validations on return codes from devm_memremap()',
  },
  {
    property: 'adopted-state-consistent', signature: 'adopted-state-consistent:num_ents@after_init', fixedIn: 'v3',
    line: 'Sanitize crashed kernel register values in adopt functions',
  },
  {
    property: 'no-over-allocation', signature: 'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl', fixedIn: 'v5', changelogOf: 'v4',
    line: 'Defer l2 stream table memremap till master inserts',
  },
  {
    property: 'clean-fallback', signature: 'clean-fallback:leftover-devm_memremap@arm_smmu_adopt_strtab_2lvl', fixedIn: 'v5', changelogOf: 'v4',
    line: 'Revert alloc/memremap/fmt on fallback',
  },
  {
    property: 'clean-fallback', signature: 'clean-fallback:features@after_init', fixedIn: 'v5', changelogOf: 'v4',
    line: 'Defer clearing FEAT_2_LVL_STRTAB on linear adopt',
  },
  {
    // v3's 4 MiB linear fallback table came from the feature bit it lost (the note above).
    property: 'no-over-allocation', signature: 'no-over-allocation:dmam_alloc_coherent@arm_smmu_init_strtab_linear', fixedIn: 'v5', changelogOf: 'v4',
    line: 'Defer clearing FEAT_2_LVL_STRTAB on linear adopt',
  },
  {
    property: 'no-leaked-mappings', signature: 'no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_2lvl', fixedIn: 'v7',
    line: 'Use feature bit instead of STRTAB_BASE_CFG in adopt cleanup',
  },
  {
    property: 'no-leaked-mappings', signature: 'no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_linear', fixedIn: 'v7',
    line: 'Use feature bit instead of STRTAB_BASE_CFG in adopt cleanup',
  },
  {
    property: 'clean-fallback', signature: 'clean-fallback:features@after_init', fixedIn: 'v7',
    line: 'Restore FEAT_2_LVL_STRTAB if the cleanup action fails to register',
  },
  {
    property: 'no-over-allocation', signature: 'no-over-allocation:dmam_alloc_coherent@arm_smmu_init_strtab_linear', fixedIn: 'v7',
    line: 'Restore FEAT_2_LVL_STRTAB if the cleanup action fails to register',
  },
];

/** The version whose changelog `n` quotes. */
export function changelogVersionOf(n: FixNote): string {
  return n.changelogOf ?? n.fixedIn;
}

export function fixNoteFor(property: string, signature: string, fixedIn: string): FixNote | undefined {
  const canonical = canonicalSignature(signature);
  return FIX_NOTES.find((n) => n.property === property && canonicalSignature(n.signature) === canonical && n.fixedIn === fixedIn);
}

/**
 * Which changelog line of a revision names the change that fixed a finding: a reading of ours,
 * written down by hand (no tool can tell which of a cover letter's bullets a fix came from), but
 * checked: test/revisions/fixNotes.test.ts requires each quoted line to be, word for word, a
 * bullet of that revision's own changelog (changelog.ts), and the fix history shows a note only
 * where the matrix computes the same "fixed in" revision.
 */
export interface FixNote {
  property: string;
  signature: string;
  /** The revision whose changelog names the fix. */
  fixedIn: string;
  /** The changelog bullet, verbatim. */
  line: string;
}

export const FIX_NOTES: readonly FixNote[] = [
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

export function fixNoteFor(property: string, signature: string, fixedIn: string): FixNote | undefined {
  return FIX_NOTES.find((n) => n.property === property && n.signature === signature && n.fixedIn === fixedIn);
}

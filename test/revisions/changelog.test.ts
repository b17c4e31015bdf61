/** The changelogs are read from the cover letters as posted, and every fix note quotes one of them. */
import { changelogOf, coverLetterOf } from '../../harness/revisions/changelog';
import { FIX_NOTES } from '../../harness/revisions/fixNotes';

test('v7\'s changelog is the bullets of its own "v7" section, continuation lines joined', () => {
  const v7 = changelogOf('v7');
  expect(v7[0]).toBe('Rebase v7.2-rc1');
  expect(v7).toContain('Use feature bit instead of STRTAB_BASE_CFG in adopt cleanup');
  expect(v7).toContain('Restore FEAT_2_LVL_STRTAB if the cleanup action fails to register');
  // v6's section follows in the same cover letter and must not leak into v7's.
  expect(v7).not.toContain('Drop arm_smmu_kdump_phys_is_corrupted()');
  expect(changelogOf('v6')).toContain('Drop devm_ for adopt-time allocations; set up cleanup function via devm_add_action_or_reset()');
});

test('v4\'s changelog is there although its 1/5 patch is not; v1 and the later trees have none', () => {
  expect(coverLetterOf('v4')).toBe('v4-0-5-cover.txt');
  expect(changelogOf('v4')).toContain("Cap linear log2size by kdump's allocation bound");
  expect(changelogOf('v1')).toEqual([]);
  expect(changelogOf('latest')).toEqual([]);
});

test.each(FIX_NOTES.map((n) => [n.signature, n.fixedIn, n] as const))('the fix note of %s quotes a bullet of %s, word for word', (_s, rev, n) => {
  expect(changelogOf(rev)).toContain(n.line);
});

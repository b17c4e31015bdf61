/** The changelogs are read from the cover letters as posted, and every fix note quotes one of them. */
import { changelogOf, coverLetterOf } from '../../harness/revisions/changelog';
import { RENAMES } from '../../harness/revisions/renames';
import { FIX_NOTES, changelogVersionOf } from '../../harness/revisions/fixNotes';

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

test.each(FIX_NOTES.map((n) => [n.signature, n.fixedIn, changelogVersionOf(n), n] as const))(
  'the fix note of %s (fixed in %s) quotes a bullet of %s\'s changelog, word for word',
  (_s, _fixed, whose, n) => {
    expect(changelogOf(whose)).toContain(n.line);
  },
);

test('a note names another version\'s changelog only for v4, which has a cover letter but no revision under test', () => {
  for (const n of FIX_NOTES.filter((x) => x.changelogOf !== undefined)) expect([n.changelogOf, n.fixedIn]).toEqual(['v4', 'v5']);
});

test('the notes H8 proposed: v3\'s two bullets and v4\'s for fixes first seen in v5', () => {
  const note = (sig: string, fixedIn: string) => FIX_NOTES.find((n) => n.signature === sig && n.fixedIn === fixedIn)?.line;
  expect(note('no-crash:trap@arm_smmu_adopt_strtab_2lvl', 'v3')).toBe('Fix validations on return codes from devm_memremap()');
  expect(note('adopted-state-consistent:num_ents@after_init', 'v3')).toBe('Sanitize crashed kernel register values in adopt functions');
  expect(note('no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl', 'v5')).toBe('Defer l2 stream table memremap till master inserts');
});

test.each(RENAMES.filter((r) => /^v\d+ changelog "/.test(r.source)).map((r) => [r.from, r.to, r] as const))(
  'the rename %s -> %s quotes its changelog bullet word for word',
  (_f, _t, r) => {
    const [, version, line] = /^(v\d+) changelog "([^"]+)"/.exec(r.source)!;
    expect(changelogOf(version)).toContain(line);
  },
);

/** The posted code a revision does not carry is said wherever the revision is named: no silent gap. */
import { realHarness } from '../../harness/fuzz/harness';
import { listText } from '../../harness/cli/list';
import { listRevisions, loadRevision } from '../../harness/scenario/api';

const byName = (n: string) => listRevisions().find((r) => r.name === n)!;

test('v6 carries 2/7\'s function but not its arm_smmu_ops hunk, and 3/7\'s arm_smmu_setup_irqs() hunks but not its interrupt-handler ones, each with why', () => {
  const gaps = byName('v6').not_carried ?? [];
  // One line per hunk left out: 2/7's #2, 3/7's #1-#3.
  expect(gaps.map((g) => g.split(':')[0])).toEqual(['v6-2-7-is-attach-deferred.txt', ...Array(3).fill('v6-3-7-no-evtq-priq-irqs.txt')]);
  expect(gaps.map((g) => /hunk #(\d)/.exec(g)![1])).toEqual(['2', '1', '2', '3']);
  expect(gaps[0]).toMatch(/^v6-2-7-is-attach-deferred\.txt: arm-smmu-v3\.c hunk #2 @@ .* arm_smmu_ops = \{: /);
  expect(gaps[0]).toContain('arm_smmu_is_attach_deferred() of hunk #1 IS compiled');
  expect(gaps[0]).toContain('INFERRED');
  // 3/7: its arm_smmu_setup_irqs() hunks are carried; the others are named, by function, with why.
  expect(gaps[1]).toMatch(/^v6-3-7-no-evtq-priq-irqs\.txt: arm-smmu-v3\.c hunk #1 .*arm_smmu_setup_unique_irqs\(\)\) is not in the excerpts/);
  expect(gaps[1]).toContain('does not change the adoption state');
});

test('every revision of the series that posts 2/x carries its function; the ops hunk is named as not carried', () => {
  for (const name of ['v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'latest', 'latest-span-caller', 'later-15aeae1e', 'later-unknownrepo-kexec']) {
    const gap = (byName(name).not_carried ?? []).find((g) => /-2-\d-is-attach-deferred\.txt: /.test(g));
    expect(gap).toMatch(/hunk #2 .*arm_smmu_ops.*IS compiled/);
  }
});

test('later-unknownrepo-kdump judges its own arm_smmu_kdump_is_attach_deferred(), through an inferred caller, and says so', () => {
  expect((byName('later-unknownrepo-kdump').not_carried ?? []).some((g) =>
    g.startsWith('v7-2-7-is-attach-deferred.txt: not part of the recipe') && g.includes('attach-deferred.patch'))).toBe(true);
});

test('mainline carries everything it is (no series to leave out)', () => {
  expect(byName('mainline').not_carried).toBeUndefined();
});

test('--list prints each gap under its revision', () => {
  const text = listText(realHarness());
  const v6 = text.split('\n').findIndex((l) => /^ {2}v6 /.test(l));
  expect(text.split('\n')[v6 + 1]).toMatch(/^\s+not carried: v6-2-7-is-attach-deferred\.txt: arm-smmu-v3\.c hunk #2 /);
});

test('the loaded revision carries its gaps (the fuzz header reads them from it, or from the base of a path)', () => {
  expect(loadRevision('v6').not_carried).toEqual(byName('v6').not_carried);
});

test('the fuzz header names a mail carried in part by its hunks left out, a mail left out as whole', () => {
  const { describeGaps } = require('../../harness/cli/fuzzCommand') as typeof import('../../harness/cli/fuzzCommand');
  expect(describeGaps([
    'v7-2-7-is-attach-deferred.txt: arm-smmu-v3.c hunk #2 @@ -4361,6 +4384,7 @@ static const struct iommu_ops arm_smmu_ops = {: why',
    'v7-3-7-no-evtq-priq-irqs.txt: arm-smmu-v3.c hunk #1 @@ -2344,7 +2344,11 @@ x: why',
    'v7-3-7-no-evtq-priq-irqs.txt: arm-smmu-v3.c hunk #3 @@ -4899,16 +4918,6 @@ y: why',
    'v7-4-7-skip-evtq-priq-setup.txt: not part of the recipe (why)',
  ])).toBe('v7-2-7-is-attach-deferred.txt (hunk #2), v7-3-7-no-evtq-priq-irqs.txt (hunk #1, hunk #3), v7-4-7-skip-evtq-priq-setup.txt (whole)');
  // Every listed revision's real gaps read this way too: no entry falls through as a bare mail name.
  for (const r of listRevisions()) {
    for (const part of describeGaps(r.not_carried ?? []).split(/, (?=v\d)/).filter(Boolean)) expect(part).toMatch(/\((whole|hunk #\d+(, hunk #\d+)*)\)$/);
  }
});

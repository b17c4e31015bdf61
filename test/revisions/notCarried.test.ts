/** The posted code a revision does not carry is said wherever the revision is named: no silent gap. */
import { realHarness } from '../../harness/fuzz/harness';
import { listText } from '../../harness/cli/list';
import { listRevisions, loadRevision } from '../../harness/scenario/api';

const byName = (n: string) => listRevisions().find((r) => r.name === n)!;

test('v6 leaves out 2/7 (is_attach_deferred) and 3/7 (EVTQ/PRIQ interrupts), with GNU patch\'s words', () => {
  const gaps = byName('v6').not_carried ?? [];
  expect(gaps.map((g) => g.split(':')[0])).toEqual(['v6-2-7-is-attach-deferred.txt', 'v6-3-7-no-evtq-priq-irqs.txt']);
  for (const g of gaps) expect(g).toMatch(/FAILED|does not apply|not part/);
});

test('latest and the later trees name the v7 mails their recipes do not apply', () => {
  for (const name of ['latest', 'latest-span-caller', 'later-15aeae1e', 'later-unknownrepo-kdump', 'later-unknownrepo-kexec']) {
    expect((byName(name).not_carried ?? []).some((g) => g.startsWith('v7-2-7-is-attach-deferred.txt: not part of the recipe'))).toBe(true);
  }
});

test('mainline carries everything it is (no series to leave out)', () => {
  expect(byName('mainline').not_carried).toBeUndefined();
});

test('--list prints each gap under its revision', () => {
  const text = listText(realHarness());
  const v6 = text.split('\n').findIndex((l) => /^ {2}v6 /.test(l));
  expect(text.split('\n')[v6 + 1]).toMatch(/^\s+not carried: v6-2-7-is-attach-deferred\.txt: /);
});

test('the loaded revision carries its gaps (the fuzz header reads them from it, or from the base of a path)', () => {
  expect(loadRevision('v6').not_carried).toEqual(byName('v6').not_carried);
});

/**
 * README's Findings table is generated (npm run findings -- --write): this test runs every
 * catalog entry on every listed non-mutant revision, as the generator does, and requires the
 * table between README's markers to be the computed one, and the computed failures to be the
 * catalog's pins (so a pin and the table cannot disagree).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG, REVISIONS } from '../../harness/findings/catalog';
import { tableInReadme, withTable } from '../../harness/findings/readme';
import { findingsTable, listedRevisions, runCatalog, type EntryRun } from '../../harness/findings/table';
import { UsageError } from '../../harness/errors';
import { readCatalog } from '../../harness/revisions/catalog';
import { REPO_ROOT } from '../../harness/scenario/revision';

const README = path.join(__dirname, '..', '..', 'README.md');
let runs: EntryRun[];

beforeAll(() => {
  runs = runCatalog();
}, 120_000);

test('the catalog pins every listed non-mutant revision (harness/revisions/recipes.ts, revisions.json)', () => {
  expect([...REVISIONS]).toEqual(listedRevisions());
  expect([...REVISIONS]).toEqual(readCatalog(REPO_ROOT).filter((r) => !r.mutant).map((r) => r.name));
});

test('what every entry computes on every revision is what the catalog pins (none: it passes)', () => {
  const computed = runs.map((r) => ({ id: r.entry.id, failures: r.failures }));
  const pinned = CATALOG.map((f) => ({ id: f.id, failures: Object.fromEntries(REVISIONS.map((rev) => [rev, [...(f.fails[rev] ?? [])]])) }));
  expect(computed).toEqual(pinned);
});

test('README.md carries the computed table between the findings markers (npm run findings -- --write)', () => {
  expect(tableInReadme(fs.readFileSync(README, 'utf8'))).toBe(findingsTable(runs));
});

describe('the README writer', () => {
  const readme = ['# T', 'prose above', '<!-- findings:begin (generated) -->', '| old |', '<!-- findings:end -->', 'prose below', ''].join('\n');

  test('replaces only what is between the markers', () => {
    const out = withTable(readme, '| new |\n|---|\n');
    expect(out).toBe(['# T', 'prose above', '<!-- findings:begin (generated) -->', '| new |', '|---|', '<!-- findings:end -->', 'prose below', ''].join('\n'));
    expect(tableInReadme(out)).toBe('| new |\n|---|\n');
  });

  test('refuses a README without the markers (exit 2: a UsageError naming them)', () => {
    expect(() => withTable('# T\nno markers\n', '| x |\n')).toThrow(UsageError);
    expect(() => withTable('# T\nno markers\n', '| x |\n')).toThrow(/findings:begin/);
  });
});

/**
 * The regression corpus (corpus/), replayed on every `npm test`: one test per entry and
 * recorded expectation. An entry keeps failing, with the same signature, on every revision
 * its `expect` marks "fail" (where it was found, at least), and passes on every revision marked
 * "pass". An entry still failing on the newest revision is an open, known finding: its test
 * names it so, rather than hiding it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { realHarness } from '../../harness/fuzz/harness';
import { checkProperty, failuresOf } from '../../harness/fuzz/evaluate';
import { isEntryFileName, loadCorpusDir, type LoadedEntry } from '../../harness/corpus/load';
import { DEFAULT_REVISION } from '../../harness/scenario/api';

const CORPUS = path.resolve(__dirname, '..', '..', 'corpus');

let entries: LoadedEntry[] = [];
let loadError: unknown;
try {
  entries = loadCorpusDir(CORPUS, { missingOk: true });
} catch (err) {
  loadError = err;
}

test('the corpus directory loads: every *.json in corpus/ is a valid entry', () => {
  if (loadError) throw loadError;
  const files = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter(isEntryFileName).sort() : [];
  expect(entries.map((l) => path.basename(l.file))).toEqual(files);
  if (files.length > 0) {
    expect(entries.length).toBe(files.length);
  } else {
    // No entries yet: at least the loader must give [] for an empty directory, not throw.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-empty-'));
    try {
      expect(loadCorpusDir(empty)).toEqual([]);
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  }
});

const harness = realHarness();

for (const { file, hash, entry } of entries) {
  const openInNewest = entry.expect[DEFAULT_REVISION] === 'fail';
  for (const [revision, expectation] of Object.entries(entry.expect)) {
    const what = expectation === 'fail' ? `still fails with "${entry.signature}"` : 'passes';
    const known = openInNewest ? ` (known finding, open in ${DEFAULT_REVISION})` : '';
    test(`${entry.property} ${hash} on ${revision}: ${what}${known}`, () => {
      const property = harness.loadProperties().find((p) => p.name === entry.property);
      if (!property) {
        throw new Error(`${file}: property ${entry.property} no longer exists (properties/${entry.property}.ts); ` +
          'restore it, or delete the entry if the property was retired on purpose');
      }
      const ctx = harness.runWithBaseline(harness.loadRevision(revision), entry.scenario);
      const verdict = checkProperty(property, ctx);
      if (expectation === 'fail') {
        // The entry's signature among every failure the verdict carries (a property may report several).
        expect(failuresOf(verdict).map((f) => f.signature)).toContain(entry.signature);
      } else {
        // A regression: the message says what broke, in kernel terms.
        expect(verdict.ok ? 'held' : `${verdict.signature}: ${verdict.message}`).toBe('held');
      }
    });
  }
}

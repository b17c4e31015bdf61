/** The verdict matrix: the corpus replayed on each revision shows the fixes across a row. */
import * as path from 'node:path';
import { realHarness } from '../../harness/fuzz/harness';
import { loadCorpusDir } from '../../harness/corpus/load';
import { formatMatrix, verdictMatrix } from '../../harness/fuzz/matrix';

const corpus = loadCorpusDir(path.resolve(__dirname, '..', '..', 'corpus'));
const m = verdictMatrix(realHarness(), { revisions: ['mainline', 'v6', 'v7'], seed: 1, runs: 20, corpus });

test("v6's leak at unbind after runtime PM put is fixed in v7 (the cleanup uses the feature bit)", () => {
  expect(m.cells['no-leaked-mappings'].v6).toContain('no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_2lvl');
  expect(m.cells['no-leaked-mappings'].v7).toEqual([]);
});

test('mainline never adopts: it fails intact-table-adopted (the crash the series fixes) and nothing else', () => {
  expect(m.cells['intact-table-adopted'].mainline).toEqual(['intact-table-adopted:not-attempted@arm_smmu_device_hw_probe']);
  for (const p of m.properties.filter((x) => x !== 'intact-table-adopted')) expect(m.cells[p].mainline).toEqual([]);
});

test('the Markdown has a row per property and numbered notes for the signatures', () => {
  const md = formatMatrix(m);
  expect(md).toMatch(/^\| property \| mainline \| v6 \| v7 \|$/m);
  for (const p of m.properties) expect(md).toMatch(new RegExp(`^\\| ${p} \\|`, 'm'));
  expect(md).toMatch(/^\[1\] `[a-z-]+:/m);
});

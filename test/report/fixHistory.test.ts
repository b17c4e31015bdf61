/** The fix history is computed from the verdict matrix: first in, fixed in, returns, variants. */
import { fixHistory, formatFixHistory, type SeriesOrder } from '../../harness/report/fixHistory';
import type { Matrix } from '../../harness/report/matrix';
import { seriesOrder } from '../../harness/revisions/series';

const order: SeriesOrder = { series: ['v6', 'v7', 'latest'], variants: { 'latest-span-caller': 'latest' } };

function matrix(cells: Matrix['cells']): Matrix {
  const revisions = ['mainline', 'v6', 'v7', 'latest', 'latest-span-caller'];
  for (const p of Object.keys(cells)) for (const r of revisions) cells[p][r] ??= [];
  return { revisions, properties: Object.keys(cells), cells, limits: {}, options: { revisions, seed: 1, runs: 0, corpusEntries: 0 } };
}

test('a signature of v6 that v7 no longer has is fixed in v7, with the changelog line recorded for it', () => {
  const [h] = fixHistory(matrix({ 'clean-fallback': { v6: ['clean-fallback:features@after_init'] } }), order);
  expect(h).toMatchObject({ firstIn: 'v6', fixedIn: 'v7', returnsIn: null, presentIn: ['v6'] });
  expect(h.changelog).toBe('Restore FEAT_2_LVL_STRTAB if the cleanup action fails to register');
});

test('no changelog line is shown when the computed fix is not where the note says', () => {
  const [h] = fixHistory(matrix({ 'clean-fallback': { v6: ['clean-fallback:features@after_init'], v7: ['clean-fallback:features@after_init'] } }), order);
  expect(h.fixedIn).toBe('latest');
  expect(h.changelog).toBeNull();
});

test('a signature present to the end is not fixed; one that comes back says where', () => {
  const sig = 'no-crash:external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl';
  const [kept] = fixHistory(matrix({ 'no-crash': { v6: [sig], v7: [sig], latest: [sig] } }), order);
  expect(kept).toMatchObject({ firstIn: 'v6', fixedIn: null, returnsIn: null });
  const [back] = fixHistory(matrix({ 'no-crash': { v6: [sig], latest: [sig] } }), order);
  expect(back).toMatchObject({ firstIn: 'v6', fixedIn: 'v7', returnsIn: 'latest' });
});

test('variants are not successors: they are reported beside the series', () => {
  const sig = 'lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab';
  const [h] = fixHistory(matrix({ 'lazy-l2-span-change-rejected': { v6: [sig], v7: [sig], latest: [sig] } }), order);
  expect(h).toMatchObject({ fixedIn: null, variants: { 'latest-span-caller': false } });
  const text = formatFixHistory([h], order);
  expect(text).toContain(`| \`${sig}\` | v6 | not fixed | — | passes |`);
});

test('the series order comes from the recipes: mainline left out, variants apart', () => {
  const o = seriesOrder();
  expect(o.series).not.toContain('mainline');
  expect(o.series.indexOf('v6')).toBeLessThan(o.series.indexOf('v7'));
  expect(o.series.indexOf('v7')).toBeLessThan(o.series.indexOf('latest'));
  for (const [v, of] of Object.entries(o.variants)) {
    expect(o.series).not.toContain(v);
    expect(o.series).toContain(of);
  }
});

/**
 * bench/firstFailure.ts: the rows it measures are the catalog's own signatures per revision, a
 * seed that never finds a row counts as "> cap" in the median, and the engine really runs.
 */
import { medianRuns, rowKey, rowsOf, firstFailuresOfSeed } from '../../bench/firstFailure';
import { realHarness } from '../../harness/fuzz/harness';
import { CATALOG, ownSignature } from '../../harness/findings/catalog';

test('rows: one per (property, own signature) of the revision, shared signatures merged', () => {
  const rows = rowsOf('v6');
  const expected = new Set(CATALOG.flatMap((f) => { const s = ownSignature(f, 'v6'); return s ? [rowKey({ property: f.property, signature: s })] : []; }));
  expect(new Set(rows.map(rowKey))).toEqual(expected);
  expect(rows.length).toBe(expected.size);
  expect(rows.find((r) => r.signature === 'clean-fallback:features@after_init')?.ids).toEqual(['linear-fallback-loses-2lvl-feature']);
  expect(rows.find((r) => r.signature === 'no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_2lvl')?.ids.length).toBe(3);
  expect(rowsOf('mainline')).toEqual([]);
});

test('median: a seed that never found the row counts as more than any run count', () => {
  expect(medianRuns([5, 1, 3])).toBe(3);
  expect(medianRuns([4, 2, 6, 8])).toBe(5);
  expect(medianRuns([1, undefined, undefined])).toBe(Infinity);
  expect(medianRuns([1, 2, undefined])).toBe(2);
});

test('the engine finds a common row within a few runs and stops once every row asked for is found', async () => {
  const row = rowsOf('v6').find((r) => r.signature === 'adopted-state-consistent:l1_dma@after_init')!;
  const r = await firstFailuresOfSeed(realHarness(), 'v6', [row], 1, 200);
  const runs = r.runsTo.get(rowKey(row));
  expect(runs).toBeGreaterThanOrEqual(1);
  expect(r.runsDone).toBe(runs);
});

/** The fix history is computed from the verdict matrix: first in, fixed in, returns, variants, renames, order unknown. */
import { canonicalSignature } from '../../harness/revisions/renames';
import { describeFix, describeSpans, fixHistory, formatFixHistory, type SeriesOrder } from '../../harness/report/fixHistory';
import type { Matrix } from '../../harness/fuzz/matrix';
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

const full: SeriesOrder = {
  series: ['v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'latest'],
  variants: { 'latest-span-caller': 'latest' },
  orderUnknown: { 'later-15aeae1e': 'no date', 'later-unknownrepo-kexec': 'no date' },
};

function fullMatrix(cells: Matrix['cells']): Matrix {
  const revisions = ['mainline', ...full.series, 'latest-span-caller', 'later-15aeae1e', 'later-unknownrepo-kexec'];
  for (const p of Object.keys(cells)) for (const r of revisions) cells[p][r] ??= [];
  return { revisions, properties: Object.keys(cells), cells, limits: {}, options: { revisions, seed: 1, runs: 0, corpusEntries: 0 } };
}

describe('renames are not fixes', () => {
  test('v4\'s arm_smmu_adopt -> arm_smmu_kdump_adopt: the hole abort of v1-v3 is the one v5-latest have, kept', () => {
    const old = 'no-crash:external-abort-hole@arm_smmu_adopt_strtab_2lvl';
    const now = 'no-crash:external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl';
    const hs = fixHistory(fullMatrix({ 'no-crash': { v1: [old], v2: [old], v3: [old], v5: [now], v6: [now], v7: [now], latest: [now] } }), full);
    expect(hs).toHaveLength(1);
    expect(hs[0]).toMatchObject({ signature: now, firstIn: 'v1', fixedIn: null, presentIn: full.series });
    expect(hs[0].concrete).toMatchObject({ v1: [old], v3: [old], v5: [now], latest: [now] });
    expect(formatFixHistory(hs, full)).toContain(`(as reported: \`${old}\` (v1, v2, v3); \`${now}\` (v5, v6, v7, latest))`);
  });

  test('v6\'s devm_memremap -> memremap: v5\'s 2 GiB linear mapping is v6\'s, kept until latest', () => {
    const v5 = 'no-over-allocation:devm_memremap@arm_smmu_kdump_adopt_strtab_linear';
    const v6 = 'no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_linear';
    const [h] = fixHistory(fullMatrix({ 'no-over-allocation': { v5: [v5], v6: [v6], v7: [v6] } }), full);
    expect(h).toMatchObject({ signature: v6, firstIn: 'v5', fixedIn: 'latest' });
  });

  test('the WARN_ON moved from arm-smmu-v3.c to arm-smmu-v3-kdump.c (and -kexec.c): kept, not fixed', () => {
    const warn = (file: string) => `no-crash:warn@${file}:!(smmu->features&ARM_SMMU_FEAT_2_LVL_STRTAB)`;
    const hs = fixHistory(fullMatrix({ 'no-crash': {
      v7: [warn('arm-smmu-v3.c')], latest: [warn('arm-smmu-v3-kdump.c')], 'later-unknownrepo-kexec': [warn('arm-smmu-v3-kexec.c')],
    } }), full);
    expect(hs).toHaveLength(1);
    expect(hs[0]).toMatchObject({ firstIn: 'v7', fixedIn: null, orderUnknown: { 'later-15aeae1e': false, 'later-unknownrepo-kexec': true } });
  });

  test('the later trees\' arm_smmu_kdump_resv_* is latest\'s arm_smmu_kexec_* scan', () => {
    expect(canonicalSignature('no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids')).toBe('no-over-allocation:memremap@arm_smmu_kdump_resv_ids');
    expect(canonicalSignature('no-over-allocation:memremap@arm_smmu_kexec_resv_s1_asids')).toBe(canonicalSignature('no-over-allocation:memremap@arm_smmu_kdump_resv_s1_asids'));
  });

  test('different bugs stay apart: the map renames names, nothing else', () => {
    expect(canonicalSignature('no-crash:external-abort-hole@arm_smmu_adopt_strtab_2lvl')).not.toBe(canonicalSignature('no-crash:external-abort-below-ram@arm_smmu_adopt_strtab_2lvl'));
    expect(canonicalSignature('clean-fallback:features@after_init')).toBe('clean-fallback:features@after_init');
    const hs = fixHistory(fullMatrix({ 'no-over-allocation': {
      v3: ['no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl'], latest: ['no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids'],
    } }), full);
    expect(hs.map((h) => [h.signature, h.firstIn, h.fixedIn])).toEqual([
      ['no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_2lvl', 'v3', 'v5'],
      ['no-over-allocation:memremap@arm_smmu_kdump_resv_ids', 'latest', null],
    ]);
  });
});

describe('trees of unknown order are beside the chain, never successors', () => {
  test('latest\'s finding absent from a later tree is not "fixed" there: still not fixed, the tree shown apart', () => {
    const sig = 'no-crash:external-abort-hole@arm_smmu_kexec_scan_and_resv_ids';
    const [h] = fixHistory(fullMatrix({ 'no-crash': { latest: [sig] } }), full);
    expect(h).toMatchObject({ firstIn: 'latest', fixedIn: null, orderUnknown: { 'later-15aeae1e': false, 'later-unknownrepo-kexec': false } });
    expect(formatFixHistory([h], full)).toContain('| latest | not fixed | — | passes | passes | passes |');
  });

  test('a finding only a later tree has is not "first in" anything of the chain', () => {
    const [h] = fixHistory(fullMatrix({ 'no-crash': { 'later-15aeae1e': ['no-crash:x@y'] } }), full);
    expect(h).toMatchObject({ firstIn: null, fixedIn: null, spans: [], orderUnknown: { 'later-15aeae1e': true } });
  });

  test('the recipes mark the later trees order-unknown: the chain is mainline\'s successors v1, v2, v3, v5, v6, v7, latest', () => {
    const o = seriesOrder();
    expect(o.series).toEqual(['v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'latest']);
    expect(Object.keys(o.orderUnknown ?? {}).sort()).toEqual(['later-15aeae1e', 'later-unknownrepo-kdump', 'later-unknownrepo-kexec']);
    for (const why of Object.values(o.orderUnknown ?? {})) expect(why).toMatch(/INDEX\.md/);
  });
});

describe('changelog notes', () => {
  test('a fix first seen in v5 names v4\'s changelog (v4 is not a revision, its cover letter is)', () => {
    const sig = 'clean-fallback:leftover-devm_memremap@arm_smmu_adopt_strtab_2lvl';
    const [h] = fixHistory(fullMatrix({ 'clean-fallback': { v3: [sig] } }), full);
    expect(h).toMatchObject({ fixedIn: 'v5', changelog: 'Revert alloc/memremap/fmt on fallback', changelogOf: 'v4' });
    expect(describeFix(h.spans[0])).toBe('v5 (changelog of v4: "Revert alloc/memremap/fmt on fallback")');
  });

  test('a return and a second fix are both told', () => {
    const sig = 'no-crash:warn@iomem.c:memremapattemptedonmixedrange';
    const [h] = fixHistory(fullMatrix({ 'no-crash': { v1: [sig], v2: [sig], v6: [sig], v7: [sig] } }), full);
    expect(describeSpans(h)).toBe('v3; returns in v6, fixed again in latest');
  });
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
  for (const t of Object.keys(o.orderUnknown ?? {})) expect(o.series).not.toContain(t);
});

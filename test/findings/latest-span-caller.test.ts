/**
 * Expected findings of latest-span-caller (harness/revisions/latest-span-caller): latest with
 * the deferred L2 adoption called `if (span)` instead of v7 1/7's `if (span && base)`, a caller
 * inferred from the later kdump.c's own `!base` test (the later arm-smmu-v3.c is not available).
 * It shares every finding of latest (harness/findings/catalog.ts pins both) but one, asserted here from both
 * sides: an L1 descriptor rewritten after adoption to SPAN 10 with a NULL L2Ptr. latest (v7's
 * caller) takes the fresh-L2 path and overwrites the live descriptor; this caller hands the
 * descriptor to arm_smmu_kdump_adopt_deferred_l2_strtab(), whose SPAN re-test refuses the insert.
 */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { nullL2PtrSpanAfterAdoption } from '../../harness/stories/findingScenarios';
import { PINNED_ENTRIES } from './_catalog';
import { describeFindings, verdict } from './_run';

describeFindings('latest-span-caller');

describe('the verdict the inferred caller decides: SPAN 10 with a NULL L2Ptr after adoption', () => {
  const f = PINNED_ENTRIES.find((x) => x.id === 'null-l2ptr-span-after-adoption')!;
  const signature = 'lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab';

  test(`latest (the posted v7 caller) fails ${f.property} with ${signature}`, () => {
    const v = verdict('latest', f.property, nullL2PtrSpanAfterAdoption());
    expect(v.ok ? 'PASS' : v.signature).toBe(signature);
  });

  test('latest-span-caller passes: the insert of SID 0x3000 is refused by the later SPAN re-test', () => {
    const ctx = runWithBaseline(loadRevision('latest-span-caller'), nullL2PtrSpanAfterAdoption());
    expect(verdict('latest-span-caller', f.property, nullL2PtrSpanAfterAdoption())).toEqual({ ok: true });
    expect(ctx.outcome.inserts.map((i) => i.ret)).toEqual([0, 0, -22]);
    expect(ctx.outcome.log.map((l) => l.text)).toContain('kdump: L1[48] span 10 changed since adopt (was 9)');
  });
});

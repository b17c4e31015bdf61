/**
 * no-leaked-mappings kills latest-no-l2ptrs-kfree: arm_smmu_kdump_adopt_cleanup() (the devres
 * action run at unbind) is the only place the kcalloc()ed l2ptrs array is freed.
 */
import { intactAdoption } from '../../harness/stories/findingScenarios';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-no-l2ptrs-kfree';

describe(`no-leaked-mappings catches ${MUTANT}`, () => {
  const r = runBoth('no-leaked-mappings', MUTANT, intactAdoption());

  test('latest: unbind releases the L1 memremap, the l2ptrs array and every lazy L2 mapping', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    expect(r.latest.ctx.outcome.adopted).toBe(true);
    expect(r.latest.ctx.outcome.ledger.every((e) => e.released_at !== undefined)).toBe(true);
  });

  test('mutant: the 2 KiB l2ptrs array kcalloc()ed by arm_smmu_kdump_adopt_strtab_2lvl leaks at unbind', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_2lvl');
    expect(f.message).toContain('kmalloc of 2048 bytes');
    expect(f.message).toContain("teardown policy 'keep'");
  });
});

/**
 * clean-fallback kills latest-no-was-2lvl-restore: a linear adoption clears
 * ARM_SMMU_FEAT_2_LVL_STRTAB on success; when it then fails late, only the `was_2lvl` restore
 * on the error path of arm_smmu_kdump_adopt_strtab() gives the full reset its format back.
 */
import { ARM_SMMU_FEAT_2_LVL_STRTAB } from '../../harness/kernel/smmuRegs';
import { linearAdoptionCleanupActionFails } from '../../harness/stories/findingScenarios';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-no-was-2lvl-restore';

describe(`clean-fallback catches ${MUTANT}`, () => {
  // 2-level hardware, the crashed kernel's linear table of 2^10 STEs adopted, then
  // devm_add_action_or_reset(arm_smmu_kdump_adopt_cleanup) fails.
  const r = runBoth('clean-fallback', MUTANT, linearAdoptionCleanupActionFails());

  test('latest: the fallback runs with ARM_SMMU_FEAT_2_LVL_STRTAB restored and builds a 2-level table', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    const o = r.latest.ctx.outcome;
    expect(o.adopt_attempted && !o.adopted).toBe(true);
    expect(o.log.map((l) => l.text)).toEqual(expect.arrayContaining(['kdump: failed to set up cleanup action', 'kdump: falling back to full reset']));
    expect(o.after_init!.features & ARM_SMMU_FEAT_2_LVL_STRTAB).toBe(ARM_SMMU_FEAT_2_LVL_STRTAB);
  });

  test('mutant: the fallback loses ARM_SMMU_FEAT_2_LVL_STRTAB and builds a linear table', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('clean-fallback:features@after_init');
    expect(f.message).toContain('(lost ARM_SMMU_FEAT_2_LVL_STRTAB)');
    expect(r.mutant.ctx.outcome.ledger.some((e) => e.site === 'arm_smmu_init_strtab_linear' && e.size === 4n << 20n)).toBe(true);
  });
});

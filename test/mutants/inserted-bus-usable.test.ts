/**
 * inserted-bus-usable kills latest-deferred-l2-iserr-ignored: without the IS_ERR() check, a
 * failed devm_memremap() of the crashed kernel's L2 table lands in l2ptrs as an ERR_PTR while the
 * insert reports success — the device's first STE write would go through it.
 */
import { intactAdoption, withFaults } from '../../harness/stories/findingScenarios';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-deferred-l2-iserr-ignored';
const scenario = () => withFaults(intactAdoption(), { site: 'arm_smmu_kdump_adopt_deferred_l2_strtab:devm_memremap', nth: 1 });

describe(`inserted-bus-usable catches ${MUTANT}`, () => {
  const r = runBoth('inserted-bus-usable', MUTANT, scenario());

  test('latest refuses that one insert (-ENOMEM) and the next bus still works', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    expect(r.latest.ctx.outcome.inserts.map((i) => i.ret)).toEqual([-12, 0]);
  });

  test('mutant: the insert returns 0 with ERR_PTR(-ENOMEM) in the l2ptrs slot', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('inserted-bus-usable:slot-not-live@arm_smmu_init_l2_strtab');
    expect(f.message).toContain('= 0xfffffffffffffff4 is not a live mapping');
  });
});

/**
 * later-unknownrepo-kdump (harness/revisions/later-unknownrepo-kdump): the unknown-repository
 * arm-smmu-v3-kdump.c (index id 58064295832, commit not resolvable), @15aeae1e's file plus
 * arm_smmu_kdump_is_attach_deferred() and arm_smmu_device_kdump_probe(). Our wiring calls the
 * latter where v7 7/7 calls its detection (an inferred placement): these tests pin that the
 * file's gates then decide adoption as v7 7/7's did, and the intact 2-level story.
 */
import { failuresOf } from '../../harness/fuzz/evaluate';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { Scenario } from '../../harness/scenario/types';
import { intactTwoLevel } from '../../harness/stories/intact';
import { loadProperties } from '../../properties';

const REV = 'later-unknownrepo-kdump';
const properties = loadProperties();
const run = (s: Scenario = intactTwoLevel()) => runWithBaseline(loadRevision(REV), s);
const signatures = (ctx: ReturnType<typeof run>) =>
  properties.flatMap((p) => failuresOf(p.check(ctx)).map((f) => f.signature)).sort();

describe(`${REV} on the intact 2-level crashed kernel (intactTwoLevel)`, () => {
  test('arm_smmu_device_kdump_probe() sets KDUMP_ADOPT, the table is adopted, every insert reuses its L2 table', () => {
    const ctx = run();
    expect(ctx.outcome.adopt_attempted).toBe(true);
    expect(ctx.outcome.adopted).toBe(true);
    expect(ctx.outcome.inserts.map((i) => i.ret)).toEqual([0, 0, 0]);
    for (const name of ['intact-table-adopted', 'inserted-bus-usable', 'clean-fallback', 'no-crash']) {
      expect({ name, verdict: properties.find((p) => p.name === name)!.check(ctx) }).toEqual({ name, verdict: { ok: true } });
    }
  });

  test('what else the story gives, pinned: the same as later-15aeae1e (the adoption code is the same file)', () => {
    expect(signatures(run())).toEqual([
      'adopted-state-consistent:l1_dma@after_init',
      'no-over-allocation:memremap@arm_smmu_kdump_resv_ids',
    ]);
  });
});

describe('the detection gates of arm_smmu_device_kdump_probe(), at v7 7/7\'s place', () => {
  const story = intactTwoLevel();
  const cases: [string, Scenario, string | null][] = [
    ['SMMUEN clear: no in-flight DMA, nothing to adopt', { ...story, crashed: { ...story.crashed, smmuen: false } }, null],
    [
      'non-coherent SMMU',
      { ...story, hardware: { ...story.hardware, coherent: false } },
      'kdump: non-coherent SMMU unsupported; reset to block all DMAs',
    ],
    ['GERROR.SFM_ERR active', { ...story, crashed: { ...story.crashed, sfm_err: true } }, 'kdump: SMMU in Service Failure Mode, must reset'],
    ['not a kdump kernel (is_kdump_kernel() false)', { ...story, kdump: false }, null],
  ];

  test.each(cases)('%s: ARM_SMMU_OPT_KDUMP_ADOPT is never set, nothing is adopted', (_what, scenario, warning) => {
    const ctx = run(scenario);
    expect(ctx.outcome.adopt_attempted).toBe(false);
    expect(ctx.outcome.adopted).toBe(false);
    const log = ctx.outcome.log.map((l) => l.text);
    expect(log).not.toContain("kdump: adopting crashed kernel's stream table");
    if (warning) expect(log).toContain(warning);
  });
});

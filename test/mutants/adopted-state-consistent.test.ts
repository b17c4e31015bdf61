/**
 * adopted-state-consistent kills latest-no-num-l1-ents: strtab_cfg.l2.num_l1_ents must be set
 * from STRTAB_BASE_CFG when a 2-level table is adopted, or the SID range check and the ID scan
 * disagree with the table the SMMU walks.
 */
import { intactAdoption, strtabBaseUnaligned } from '../../harness/stories/findingScenarios';
import { failed, runBoth, signatureOf } from './_mutant';

const MUTANT = 'latest-no-num-l1-ents';

describe(`adopted-state-consistent catches ${MUTANT}`, () => {
  const r = runBoth('adopted-state-consistent', MUTANT, intactAdoption());

  test('latest: num_l1_ents = 2^(LOG2SIZE - SPLIT) = 256; only the recorded l1_dma finding remains', () => {
    const o = r.latest.ctx.outcome;
    expect(o.after_init!.strtab_cfg.num_l1_ents).toBe(256);
    expect(o.inserts.map((i) => i.ret)).toEqual([0, 0]);
    // l1_dma is never set by adoption: recorded in test/findings/latest.test.ts, not this mutant's catch.
    expect(signatureOf(r.latest.verdict)).toBe('adopted-state-consistent:l1_dma@after_init');
  });

  test('mutant: num_l1_ents stays 0 and arm_smmu_sid_in_range refuses every SID with -ERANGE', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('adopted-state-consistent:num_l1_ents@after_init');
    expect(f.message).toContain('num_l1_ents must be 2^(LOG2SIZE - SPLIT) = 256, but strtab_cfg.l2.num_l1_ents is 0');
    expect(r.mutant.ctx.outcome.inserts.map((i) => i.ret)).toEqual([-34, -34]);
  });
});

describe('adopted-state-consistent catches latest-no-l1-align-check', () => {
  const r = runBoth('adopted-state-consistent', 'latest-no-l1-align-check', strtabBaseUnaligned());

  test('latest refuses the unaligned base and falls back: nothing adopted, nothing to judge', () => {
    expect(r.latest.ctx.outcome.adopted).toBe(false);
    expect(r.latest.verdict.ok).toBe(true);
  });

  test('mutant: adopts the table at the address as read, not the one the SMMU walks', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('adopted-state-consistent:base-unaligned@after_init');
    expect(f.message).toContain('walks the table at PA 0x100000000');
  });
});

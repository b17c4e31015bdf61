/**
 * intact-table-adopted kills latest-log2size-off-by-one: refusing LOG2SIZE == sid_bits refuses
 * the very table mainline programs, so every intact crashed table falls back to the full
 * reset — a mutant that all the other properties let through (each of them holds for a kdump
 * kernel that never adopts).
 */
import { intactAdoption } from '../../harness/stories/findingScenarios';
import { loadProperties } from '../../properties';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-log2size-off-by-one';

describe(`intact-table-adopted catches ${MUTANT}`, () => {
  const r = runBoth('intact-table-adopted', MUTANT, intactAdoption());

  test('latest adopts the intact 2-level table and reuses its L2 tables on insert', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    expect(r.latest.ctx.outcome.adopted).toBe(true);
  });

  test('mutant: falls back after refusing LOG2SIZE 16 for sid_bits=16', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('intact-table-adopted:fell-back@arm_smmu_kexec_parse_strtab_2lvl');
    expect(f.message).toContain('log2size 16 out of range [8, 16]');
  });

  test('no other property notices the mutant on this scenario: only this one guards against it', () => {
    const others = loadProperties().filter((p) => p.name !== 'intact-table-adopted');
    const fresh = others.map((p) => [p.name, p.check(r.mutant.ctx)] as const).filter(([, v]) => !v.ok);
    const onLatest = new Set(others.map((p) => p.check(r.latest.ctx)).filter((v) => !v.ok).map((v) => (v as { signature: string }).signature));
    expect(fresh.filter(([, v]) => !onLatest.has((v as { signature: string }).signature))).toEqual([]);
  });
});

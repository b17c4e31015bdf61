/** intact-table-adopted judges only the scenarios where adoption is owed, and says why it failed. */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { PropertyContext } from '../../harness/scenario/types';
import property from '../../properties/intact-table-adopted';
import { intactAdoption, strtabBaseUnaligned } from '../_support/findingScenarios';

const latest = loadRevision('latest');

test('an intact crashed table adopted by latest: holds', () => {
  expect(property.check(runWithBaseline(latest, intactAdoption()))).toEqual({ ok: true });
});

test('a corrupted register is not its business: a fallback there is what clean-fallback judges', () => {
  const ctx = runWithBaseline(latest, strtabBaseUnaligned());
  expect(ctx.outcome.adopted).toBe(false);
  expect(property.check(ctx)).toEqual({ ok: true });
});

test('an intact table that was not adopted fails, naming where the driver gave up', () => {
  const ctx = runWithBaseline(latest, intactAdoption());
  const fellBack: PropertyContext = {
    ...ctx,
    outcome: {
      ...ctx.outcome,
      adopted: false,
      log: [{ level: 3, site: 'arm_smmu_kexec_parse_strtab_2lvl', fmt: 'x', text: 'log2size 16 out of range [8, 16]', phase: 'probe', step: 9 }],
    },
  };
  const v = property.check(fellBack);
  expect(v).toMatchObject({ ok: false, signature: 'intact-table-adopted:fell-back@arm_smmu_kexec_parse_strtab_2lvl' });
});

test('an intact table on an SMMU left disabled is not judged (nothing to adopt)', () => {
  const s = intactAdoption();
  const ctx = runWithBaseline(latest, { ...s, crashed: { ...s.crashed, smmuen: false } });
  expect(ctx.outcome.adopt_attempted).toBe(false);
  expect(property.check(ctx)).toEqual({ ok: true });
});

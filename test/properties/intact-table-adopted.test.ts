/** intact-table-adopted judges only the scenarios where adoption is owed, and says why it failed. */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { PropertyContext } from '../../harness/scenario/types';
import property from '../../properties/intact-table-adopted';
import { intactAdoption, strtabBaseUnaligned, withFaults } from '../../harness/stories/findingScenarios';
import { intactTwoLevel, withCorruption } from '../../harness/stories/intact';

const latest = loadRevision('latest');

test('an intact crashed table adopted by latest: holds', () => {
  expect(property.check(runWithBaseline(latest, intactAdoption()))).toEqual({ ok: true });
});

test('a corrupted register is not its business: a fallback there is what clean-fallback judges', () => {
  const ctx = runWithBaseline(latest, strtabBaseUnaligned());
  expect(ctx.outcome.adopted).toBe(false);
  expect(property.check(ctx)).toEqual({ ok: true });
});

/** latest's real run of a table it tossed (a reserved STRTAB_BASE_CFG.FMT), told as the intact story. */
function tossedTable(): PropertyContext {
  const run = runWithBaseline(latest, withCorruption(intactAdoption(), { kind: 'STRTAB_BASE_CFG:fmt', target: 'reg', reg: 'STRTAB_BASE_CFG', op: 'set', value: 0x20210n }));
  return { ...run, scenario: intactAdoption() };
}

test('an intact table that was not adopted fails, naming where the driver gave up', () => {
  const ctx = tossedTable();
  const fellBack: PropertyContext = {
    ...ctx,
    outcome: {
      ...ctx.outcome,
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

test.each(['v6', 'v7'])('%s: an injected devm_memremap() failure at insert is not a refusal of the intact table', (rev) => {
  const s = withFaults(intactTwoLevel(16, [0x100]), { site: 'arm_smmu_kdump_adopt_l2_strtab:devm_memremap', nth: 1 });
  const ctx = runWithBaseline(loadRevision(rev), s);
  expect(ctx.outcome.faults_fired?.map((f) => f.phase)).toEqual(['insert']);
  expect(ctx.outcome.inserts[0].ret).toBe(-12);
  expect(property.check(ctx)).toEqual({ ok: true });
});

test('the same insert failing with no fault injected is a refusal', () => {
  const ctx = runWithBaseline(loadRevision('v6'), intactTwoLevel(16, [0x100]));
  const refused: PropertyContext = { ...ctx, outcome: { ...ctx.outcome, inserts: [{ ...ctx.outcome.inserts[0], ret: -12 }] } };
  expect(property.check(refused)).toMatchObject({ ok: false, signature: 'intact-table-adopted:insert-refused@arm_smmu_init_sid_strtab' });
});

test('a later insert of the bus a fault hit is not judged either; another bus still is', () => {
  const ctx = runWithBaseline(loadRevision('v6'), intactTwoLevel(16, [0x100, 0x2000]));
  const o = ctx.outcome;
  const [a, b] = o.inserts;
  const fault = { site: 'arm_smmu_kdump_adopt_l2_strtab:devm_memremap', nth: 1, step: a.step_from, phase: 'insert' as const };
  const again = { ...a, sid: 0x101, ret: -12, step_from: b.step_to + 1, step_to: b.step_to + 2 };
  const sameBus: PropertyContext = { ...ctx, outcome: { ...o, faults_fired: [fault], inserts: [{ ...a, ret: -12 }, b, again] } };
  expect(property.check(sameBus)).toEqual({ ok: true });
  const otherBus: PropertyContext = { ...ctx, outcome: { ...o, faults_fired: [fault], inserts: [{ ...a, ret: -12 }, { ...b, ret: -12 }] } };
  expect(property.check(otherBus)).toMatchObject({ ok: false, signature: 'intact-table-adopted:insert-refused@arm_smmu_init_sid_strtab' });
});

test('"adopted" is what strtab_cfg holds: a fallback that kept ARM_SMMU_OPT_KDUMP_ADOPT did not adopt the intact table', () => {
  const ctx = tossedTable();
  const st = ctx.outcome.after_init!;
  const keptOption: PropertyContext = { ...ctx, outcome: { ...ctx.outcome, adopted: true, after_init: { ...st, options: st.options | (1 << 5) } } };
  expect(property.check(keptOption)).toMatchObject({ ok: false, signature: 'intact-table-adopted:fell-back@arm_smmu_kdump_adopt_strtab' });
});

/** inserted-bus-usable on real runs, with the one field it reads changed by hand. */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { PropertyContext } from '../../harness/scenario/types';
import property from '../../properties/inserted-bus-usable';
import { intactAdoption } from '../_support/findingScenarios';

const ctx = runWithBaseline(loadRevision('latest'), intactAdoption());
const withInsert = (patch: Partial<PropertyContext['outcome']['inserts'][number]>): PropertyContext => ({
  ...ctx,
  outcome: { ...ctx.outcome, inserts: [{ ...ctx.outcome.inserts[0], ...patch }, ...ctx.outcome.inserts.slice(1)] },
});

test("latest adopting the crashed kernel's L2 tables: holds", () => {
  expect(property.check(ctx)).toEqual({ ok: true });
});

test('success with an empty slot fails as slot-empty', () => {
  expect(property.check(withInsert({ l2ptr_slot: 0n }))).toMatchObject({ ok: false, signature: 'inserted-bus-usable:slot-empty@arm_smmu_init_sid_strtab' });
});

test('success with the slot on a table the L1 descriptor does not point at fails as slot-not-walked-table', () => {
  const v = property.check(withInsert({ l1_desc_after: 0x1_4000_8009n }));
  expect(v).toMatchObject({ ok: false, signature: 'inserted-bus-usable:slot-not-walked-table@arm_smmu_kdump_adopt_deferred_l2_strtab' });
});

test('an insert that found its slot filled is not judged again (the slot is reused by design)', () => {
  expect(property.check(withInsert({ l2ptr_slot_before: 0x5000n, l2ptr_slot: 0n }))).toEqual({ ok: true });
});

/** inserted-bus-usable on real runs, with the one field it reads changed by hand. */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { PropertyContext } from '../../harness/scenario/types';
import property from '../../properties/inserted-bus-usable';
import { intactAdoption, l2PtrUnaligned } from '../../harness/stories/findingScenarios';

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

test('an L2Ptr with low bits set selects the table aligned down to its size (SMMUv3 L1STD.L2Ptr): a window mapped at the raw L2Ptr is not the walked table', () => {
  const slot = ctx.outcome.inserts[0];
  const e = ctx.outcome.ledger.find((x) => x.addr === slot.l2ptr_slot)!;
  expect(property.check(withInsert({ l1_desc_after: (e.pa! + 0x40n) | 9n }))).toEqual({ ok: true }); // the same table, as the SMMU reads it
  const shifted = { ...ctx, outcome: { ...ctx.outcome, ledger: ctx.outcome.ledger.map((x) => (x === e ? { ...x, pa: x.pa! + 0x40n } : x)) } };
  expect(property.check({ ...shifted, outcome: { ...shifted.outcome, inserts: [{ ...slot, l1_desc_after: (e.pa! + 0x40n) | 9n }, ...ctx.outcome.inserts.slice(1)] } }))
    .toMatchObject({ ok: false, signature: 'inserted-bus-usable:slot-not-walked-table@arm_smmu_kdump_adopt_deferred_l2_strtab' });
});

test('a descriptor whose SPAN makes the SMMU walk no L2 table is not the walked table either', () => {
  const slot = ctx.outcome.inserts[0];
  expect(property.check(withInsert({ l1_desc_after: slot.l1_desc_after! & ~0x1fn }))).toMatchObject({ ok: false, signature: 'inserted-bus-usable:slot-not-walked-table@arm_smmu_kdump_adopt_deferred_l2_strtab' });
});

test.each(['v6', 'v7'])('on the C, %s: L1[1] = (L2 table + 0x40) | 9 is adopted 64 bytes off the table the SMMU walks', (rev) => {
  const v = property.check(runWithBaseline(loadRevision(rev), l2PtrUnaligned()));
  expect(v).toMatchObject({ ok: false, signature: 'inserted-bus-usable:slot-not-walked-table@arm_smmu_kdump_adopt_l2_strtab' });
  expect(v.ok || v.message).toContain('the SMMU walks the L2 table at PA 0x140000000 (L2Ptr 0x140000040');
});

test('on the C, latest refuses the unaligned L2Ptr and passes', () => {
  expect(property.check(runWithBaseline(loadRevision('latest'), l2PtrUnaligned()))).toEqual({ ok: true });
});

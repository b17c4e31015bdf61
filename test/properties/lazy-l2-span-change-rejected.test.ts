import property from '../../properties/lazy-l2-span-change-rejected';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { spanChangedAfterAdoption } from '../../harness/stories/findingScenarios';
import type { Outcome, PropertyContext } from '../../harness/scenario/types';
import { KiB, L2_BASE, ctxAdopted, ctxFallback, ctxLinear, desc, expectFail } from './_outcome';

const SIG = 'lazy-l2-span-change-rejected:';
const BAD = desc(L2_BASE + 0x8000n, 11); // L1[3] rewritten by a DMA: SPAN 11

/**
 * Adopted 2-level table; a DMA rewrote L1[3] to SPAN 11 before insert #1 (SID 0x300), which is
 * correctly refused; insert #2 (SID 0x500, L1[5] empty) then gets a fresh L2.
 */
function refused(): PropertyContext {
  const ctx = ctxAdopted();
  const o = ctx.outcome;
  ctx.scenario.dma = [{ kind: 'l1-span', target: 'l1', idx: 3, op: 'set', value: BAD, before_insert: 1 }];
  ctx.scenario.inserts = [0x100, 0x300, 0x500];
  const fresh = o.ledger[4];
  fresh.acquired_at = 50;
  o.inserts[1] = { sid: 0x300, ret: -22, l2ptr_slot_before: 0n, l2ptr_slot: 0n, l1_desc_before: BAD, l1_desc_after: BAD, acquired: [], step_from: 39, step_to: 41 };
  o.inserts[2] = { sid: 0x500, ret: 0, l2ptr_slot_before: 0n, l2ptr_slot: fresh.addr, l1_desc_before: 0n, l1_desc_after: desc(0x8020_0000n), acquired: [fresh.id], step_from: 49, step_to: 51 };
  o.log.push({ level: 3, site: 'arm_smmu_kdump_adopt_l2_strtab', fmt: 'kdump: L1[%u] span %u changed since adopt (was %u)\n', text: 'kdump: L1[3] span 11 changed since adopt (was 9)', phase: 'insert', step: 40 });
  return ctx;
}

function ins(o: Outcome, k: number) {
  return o.inserts[k];
}

describe('lazy-l2-span-change-rejected', () => {
  test('holds when the changed span is refused and other SIDs keep working; n/a elsewhere', () => {
    expect(property.check(refused())).toEqual({ ok: true });
    for (const ctx of [ctxAdopted(), ctxFallback(), ctxLinear()]) expect(property.check(ctx)).toEqual({ ok: true });
  });

  test('an insert that maps a window sized by the changed span (2^(SPAN-1) STEs, as a driver trusting SPAN would) is caught', () => {
    const ctx = refused();
    const o = ctx.outcome;
    o.ledger.push({ id: o.ledger.length, kind: 'devm_memremap', addr: 0x6000_0004_0000n, size: 64n * KiB, pa: L2_BASE + 0x8000n, site: 'arm_smmu_kdump_adopt_l2_strtab', line: 1972, acquired_at: 40, released_at: 60, released_by: 'devres', phase: 'insert' });
    Object.assign(ins(o, 1), { ret: 0, acquired: [o.ledger.length - 1], l2ptr_slot: 0x6000_0004_0000n });
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`${SIG}mapped-devm_memremap@arm_smmu_kdump_adopt_l2_strtab`);
    expect(f.message).toContain('SPAN 11 is neither 0 (no L2 table) nor STRTAB_SPLIT + 1 = 9');
    expect(f.message).toContain('devm_memremap of 64 KiB');
  });

  test('a fresh L2 allocated over it (span && base failed: base 0) is "mapped" too', () => {
    const ctx = refused();
    const o = ctx.outcome;
    const zeroBase = desc(0n, 11);
    o.ledger.push({ id: o.ledger.length, kind: 'dmam_alloc_coherent', addr: 0x7000_0003_0000n, size: 16n * KiB, pa: 0x8030_0000n, site: 'arm_smmu_init_l2_strtab', line: 2000, acquired_at: 40, released_at: 60, released_by: 'devres', phase: 'insert' });
    Object.assign(ins(o, 1), { ret: 0, l1_desc_before: zeroBase, l1_desc_after: desc(0x8030_0000n), acquired: [o.ledger.length - 1], l2ptr_slot: 0x7000_0003_0000n });
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab`);
  });

  test('descriptor rewritten, slot filled, accepted, silent: each its own signature', () => {
    const a = refused();
    ins(a.outcome, 1).l1_desc_after = desc(L2_BASE + 0x8000n);
    const fa = expectFail(property.check(a));
    expect(fa.signature).toBe(`${SIG}descriptor-rewritten@arm_smmu_init_l2_strtab`);
    expect(fa.message).toContain('rewrote the descriptor to L1 descriptor 0x140008009 (SPAN=9');

    // A slot filled without any acquire is told apart from a pre-filled one by
    // InsertResult.l2ptr_slot_before.
    const b = refused();
    Object.assign(ins(b.outcome, 1), { l2ptr_slot: 0x6000_0004_0000n, l2ptr_slot_before: 0n });
    expect(expectFail(property.check(b)).signature).toBe(`${SIG}l2ptrs-slot-filled@arm_smmu_init_l2_strtab`);

    const c = refused();
    ins(c.outcome, 1).ret = 0;
    const fc = expectFail(property.check(c));
    expect(fc.signature).toBe(`${SIG}accepted@arm_smmu_init_l2_strtab`);
    expect(fc.message).toContain('returned 0');

    const d = refused();
    d.outcome.log = [];
    const fd = expectFail(property.check(d));
    expect(fd.signature).toBe(`${SIG}no-log@arm_smmu_init_l2_strtab`);
    expect(fd.message).toContain('logged nothing at KERN_ERR');
  });

  test('the log line must fall inside the insert (dev_printk is a counted step): not the step before it, not probe', () => {
    const ctx = refused();
    ctx.outcome.log[ctx.outcome.log.length - 1].step = 41; // the insert's last step
    expect(property.check(ctx)).toEqual({ ok: true });
    ctx.outcome.log[ctx.outcome.log.length - 1].step = 38; // the step before insert #1 (step_from 39)
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}no-log@arm_smmu_init_l2_strtab`);
    ctx.outcome.log[ctx.outcome.log.length - 1].step = 40;
    ctx.outcome.log[ctx.outcome.log.length - 1].phase = 'probe'; // a probe-time line does not count
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}no-log@arm_smmu_init_l2_strtab`);
  });

  test('a KERN_INFO line is not an error log', () => {
    const ctx = refused();
    ctx.outcome.log[ctx.outcome.log.length - 1].level = 6;
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}no-log@arm_smmu_init_l2_strtab`);
  });

  test('another L1 range with a valid descriptor failing afterwards', () => {
    const ctx = refused();
    Object.assign(ins(ctx.outcome, 2), { ret: -22, acquired: [], l2ptr_slot: 0n });
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`${SIG}other-sid-failed@arm_smmu_init_l2_strtab`);
    expect(f.message).toContain('insert #2 of SID 1280 (0x500) in L1[5]');
  });

  test('another SID failing under an injected fault (Outcome.faults_fired, during that insert) is not blamed', () => {
    const ctx = refused();
    Object.assign(ins(ctx.outcome, 2), { ret: -12, acquired: [], l2ptr_slot: 0n });
    ctx.scenario.faults = [{ site: 'arm_smmu_init_l2_strtab:dmam_alloc_coherent', nth: 1 }];
    ctx.outcome.faults_fired = [{ site: 'arm_smmu_init_l2_strtab:dmam_alloc_coherent', nth: 1, step: 50, phase: 'insert' }];
    expect(property.check(ctx)).toEqual({ ok: true });
    ctx.outcome.faults_fired = [{ site: 'arm_smmu_init_l2_strtab:dmam_alloc_coherent', nth: 1, step: 80, phase: 'insert' }];
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}other-sid-failed@arm_smmu_init_l2_strtab`);
  });

  test('SPAN 0 and SPAN 9 are not span changes; an already filled slot is not re-read', () => {
    const a = refused();
    Object.assign(ins(a.outcome, 1), { ret: 0, l1_desc_before: desc(L2_BASE + 0x8000n, 0) });
    expect(property.check(a)).toEqual({ ok: true });
    const b = refused();
    Object.assign(ins(b.outcome, 1), { ret: 0, l2ptr_slot_before: 0x6000_0001_0000n, l2ptr_slot: 0x6000_0001_0000n });
    expect(property.check(b)).toEqual({ ok: true });
  });

  test.each(['v6', 'v7', 'latest'])('on the C, %s: a span changed to 10 after adoption is refused before anything is sized by it', (rev) => {
    const ctx = runWithBaseline(loadRevision(rev), spanChangedAfterAdoption());
    const [changed, other] = ctx.outcome.inserts;
    expect(changed).toMatchObject({ sid: 0x100, ret: -22, acquired: [] });
    expect(other.ret).toBe(0);
    expect(ctx.outcome.log.some((l) => l.phase === 'insert' && /span 10 changed since adopt/.test(l.text))).toBe(true);
    expect(property.check(ctx)).toEqual({ ok: true });
  });
});

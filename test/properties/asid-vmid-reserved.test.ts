/**
 * asid-vmid-reserved on the real C: an intact crashed kernel with stage-2 STEs (VMIDs) and a
 * stage-1 STE with a CD table (ASIDs). v6 and v7 reserve nothing (a finding of the posted
 * revisions, pinned here); latest reserves every ID while adopted, releases the VMIDs at unbind
 * but keeps the ASIDs in the global arm_smmu_asid_xa (its finding); a malformed CD makes latest
 * refuse the table and roll back the part of the scan already reserved.
 */
import { CRASHED_CD_BASE } from '../../harness/kernel/ramMap';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { PropertyContext, Scenario, Verdict } from '../../harness/scenario/types';
import { intactLinear, intactTwoLevel, withFaults } from '../../harness/stories/intact';
import property from '../../properties/asid-vmid-reserved';

/** SIDs 0x100, 0x2000: stage 2 (VMIDs 257, 8193); 0x101: stage 1 with ASIDs 5 and 0xffff. */
function withContexts(asids: [number, number] = [5, 0xffff]): Scenario {
  const s = intactTwoLevel(16, [0x100, 0x101, 0x2000]);
  s.crashed.table.s1_contexts = [{ sid: 0x101, cdtab: CRASHED_CD_BASE, s1cdmax: 2, cds: [{ ssid: 0, asid: asids[0] }, { ssid: 3, asid: asids[1] }] }];
  return s;
}

function run(revision: string, s: Scenario): { ctx: PropertyContext; verdict: Verdict } {
  const ctx = runWithBaseline(loadRevision(revision), s);
  return { ctx, verdict: property.check(ctx) };
}

const sig = (v: Verdict) => (v.ok ? 'pass' : v.signature);
const ids = (ctx: PropertyContext, when: 'after_init' | 'after_probe' | 'after_teardown') => {
  const r = ctx.outcome.reservations![when]!;
  return { asids: r.asids.map((a) => a.asid), vmids: r.vmids.map((v) => v.vmid) };
};

describe('asid-vmid-reserved', () => {
  test.each(['v6', 'v7'])('%s adopts the table and reserves none of its VMIDs/ASIDs (finding of the posted revision)', (rev) => {
    const { ctx, verdict } = run(rev, withContexts());
    expect(ctx.outcome.adopted).toBe(true);
    expect(ids(ctx, 'after_init')).toEqual({ asids: [], vmids: [] });
    expect(sig(verdict)).toBe('asid-vmid-reserved:vmid-unreserved@after_init');
    expect(verdict.ok ? '' : verdict.message).toContain('VMID 257 (S2VMID of the STE of SID 0x100');
    expect(verdict.ok ? '' : verdict.message).toContain('ASID 5 (CD 0 of the stage-1 STE of SID 0x101');
  });

  test('v6: a linear table with a stage-2 STE fails the same way', () => {
    const { verdict } = run('v6', intactLinear(8, [3, 200]));
    expect(sig(verdict)).toBe('asid-vmid-reserved:vmid-unreserved@after_init');
    expect(verdict.ok ? '' : verdict.message).toContain('VMID 201');
  });

  test('latest reserves every ID in use while adopted, drops the VMIDs at unbind and keeps the ASIDs (its finding)', () => {
    const { ctx, verdict } = run('latest', withContexts());
    expect(ctx.outcome.adopted).toBe(true);
    expect(ids(ctx, 'after_init')).toEqual({ asids: [5, 0xffff], vmids: [257, 8193] });
    expect(ids(ctx, 'after_probe')).toEqual({ asids: [5, 0xffff], vmids: [257, 8193] });
    expect(ids(ctx, 'after_teardown')).toEqual({ asids: [5, 0xffff], vmids: [] });
    expect(ctx.outcome.reservations!.after_init!.asids.every((a) => a.value && a.site === 'arm_smmu_kexec_resv_asid')).toBe(true);
    expect(sig(verdict)).toBe('asid-vmid-reserved:asid-kept-after-unbind@teardown');
  });

  test("latest-v7-ida-init (ida_init() at v7's out:, after the adoption) wipes the VMIDs the scan reserved: the verdict depends on that line of our glue", () => {
    const { ctx, verdict } = run('latest-v7-ida-init', intactLinear(8, [3, 200]));
    expect(ctx.outcome.adopted).toBe(true);
    expect(ctx.outcome.trace.some((t) => t.call === 'ida_alloc_range' && t.ret === '201')).toBe(true);
    expect(ids(ctx, 'after_init')).toEqual({ asids: [], vmids: [] });
    expect(sig(verdict)).toBe('asid-vmid-reserved:vmid-unreserved@after_init');
  });

  test('latest, stage 2 only (linear): every VMID reserved while adopted and released at unbind: the property holds', () => {
    const { ctx, verdict } = run('latest', intactLinear(8, [3, 200]));
    expect(ids(ctx, 'after_init')).toEqual({ asids: [], vmids: [201] });
    expect(ids(ctx, 'after_teardown')).toEqual({ asids: [], vmids: [] });
    expect(verdict).toEqual({ ok: true });
  });

  test('latest: a CD with ASID 0 makes the scan refuse the table; what it reserved before (VMID 257, ASID 5) is rolled back', () => {
    const { ctx, verdict } = run('latest', withContexts([5, 0]));
    expect(ctx.outcome.adopt_attempted).toBe(true);
    expect(ctx.outcome.adopted).toBe(false);
    const xa = ctx.outcome.trace.filter((t) => t.call === 'xa_insert' || t.call === 'ida_alloc_range').map((t) => t.call);
    expect(xa).toEqual(['ida_alloc_range', 'xa_insert']); // VMID 257, then ASID 5, then ASID 0 is refused
    expect(ids(ctx, 'after_init')).toEqual({ asids: [], vmids: [] });
    expect(verdict).toEqual({ ok: true });
  });

  test('a reservation left after a refused adoption fails (the check of the fallback, on latest\'s own outcome with one entry put back)', () => {
    const { ctx } = run('latest', withContexts([5, 0]));
    ctx.outcome.reservations!.after_init!.vmids.push({ vmid: 257, step: 1, site: 'arm_smmu_kexec_resv_vmid' });
    expect(sig(property.check(ctx))).toBe('asid-vmid-reserved:vmid-kept-after-fallback@after_init');
  });

  test("latest: when devm_add_action_or_reset(arm_smmu_destroy_vmid_map) fails after adoption, vmid_map is destroyed and probe fails: no SMMU domain can take a VMID then, so only the unbind rule applies", () => {
    const s = withFaults(intactLinear(8, [3, 200]), { site: 'arm_smmu_init_strtab:devm_add_action', nth: 1 });
    const { ctx, verdict } = run('latest', s);
    expect(ctx.outcome.probe_ret).toBe(-12);
    expect(ctx.outcome.adopted).toBe(true);
    expect(ids(ctx, 'after_init')).toEqual({ asids: [], vmids: [] });
    expect(verdict).toEqual({ ok: true });
  });

  test('mainline, normal boot: nothing adopted, nothing reserved, the property holds', () => {
    const s = { ...withContexts(), kdump: false };
    const { ctx, verdict } = run('mainline', s);
    expect(ctx.outcome.memory_after_init).toBeUndefined();
    expect(verdict).toEqual({ ok: true });
  });
});

describe('a probe that fails after a successful adoption is an unbind, not a fallback', () => {
  // latest adopts (and reserves), then devm_add_action_or_reset(arm_smmu_destroy_vmid_map) in
  // arm_smmu_init_strtab() cannot allocate its record: init_structures fails with -ENOMEM after
  // the adoption succeeded. Before, this was reported as "asid-kept-after-fallback" with a message
  // saying the adoption was refused, which it was not.
  const s = withFaults(withContexts(), { site: 'arm_smmu_init_strtab:devm_add_action', nth: 1 });
  const { ctx, verdict } = run('latest', s);

  test('the table was adopted and the probe failed later', () => {
    expect(ctx.outcome.adopted).toBe(true);
    expect(ctx.outcome.probe_ret).not.toBe(0);
  });

  test('the ASIDs the global xarray keeps are judged as kept after unbind (latest\'s by-design permanent reservation)', () => {
    expect(ids(ctx, 'after_teardown').asids).toEqual([5, 0xffff]);
    expect(sig(verdict)).toBe('asid-vmid-reserved:asid-kept-after-unbind@teardown');
    expect(verdict.ok ? '' : verdict.message).not.toMatch(/adoption was refused/);
  });
});

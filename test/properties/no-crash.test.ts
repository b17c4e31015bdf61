import property from '../../properties/no-crash';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { PropertyContext, Verdict } from '../../harness/scenario/types';
import { strtabBaseInHole, strtabBaseZero } from '../../harness/stories/findingScenarios';
import { ctxAdopted, ctxFallback, ctxLinear, expectFail } from './_outcome';

/** Every signature a verdict carries, the leading one first. */
function signatures(v: Verdict): string[] {
  return v.ok ? [] : [v.signature, ...(v.also ?? []).map((f) => f.signature)];
}

const SIG = 'no-crash:';

function withHole(ctx: PropertyContext): PropertyContext {
  ctx.scenario.corruption.push({ kind: 'base-into-hole', target: 'reg', reg: 'STRTAB_BASE', op: 'set', value: 0x2_0000_0000n });
  return ctx;
}

describe('no-crash', () => {
  test('holds on clean runs', () => {
    for (const ctx of [ctxAdopted(), ctxFallback(), ctxLinear()]) expect(property.check(ctx)).toEqual({ ok: true });
  });

  test('a trap is named by the innermost driver function, not the sanitizer helper', () => {
    const ctx = ctxAdopted();
    ctx.outcome.crash = { kind: 'trap', message: 'memory access out of bounds', phase: 'insert', stack: ['__asan_load8', 'arm_smmu_init_l2_strtab', 'arm_smmu_init_sid_strtab', 'kshim_insert_sid'] };
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`${SIG}trap@arm_smmu_init_l2_strtab`);
    expect(f.message).toContain('memory access out of bounds');
    expect(f.message).toContain('__asan_load8 <- arm_smmu_init_l2_strtab');
  });

  test('an external abort on a hole carries its own signature and says whether it is the known limitation', () => {
    const crash = { kind: 'external-abort' as const, message: 'read of a physical hole', phase: 'probe' as const, stack: ['arm_smmu_kdump_adopt_strtab_2lvl'], pa: 0x2_0000_0000n };
    const a = withHole(ctxAdopted());
    a.outcome.crash = crash;
    const fa = expectFail(property.check(a));
    expect(fa.signature).toBe(`${SIG}external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl`);
    expect(fa.message).toContain('PA 0x200000000 is a physical hole between RAM banks');
    expect(fa.message).toContain('known limitation');
    const b = ctxAdopted();
    b.outcome.crash = crash;
    expect(expectFail(property.check(b)).message).toContain('NOT the known hole limitation');
  });

  test('an external abort leads but does not hide the NULL/out-of-bounds reports of the run; those lead a trap', () => {
    const a = withHole(ctxAdopted());
    a.outcome.crash = { kind: 'external-abort', message: 'hole', phase: 'probe', stack: ['arm_smmu_kdump_adopt_strtab_2lvl'] };
    a.outcome.violations.push({ kind: 'out-of-bounds', message: 'load of 8 bytes', phase: 'probe', step: 11, site: 'arm_smmu_kdump_adopt_strtab_2lvl' });
    const fa = property.check(a);
    expect(fa).toMatchObject({ ok: false, signature: `${SIG}external-abort@arm_smmu_kdump_adopt_strtab_2lvl` });
    expect(signatures(fa)).toEqual([`${SIG}external-abort@arm_smmu_kdump_adopt_strtab_2lvl`, `${SIG}out-of-bounds@arm_smmu_kdump_adopt_strtab_2lvl`]);
    const b = ctxAdopted();
    b.outcome.crash = { kind: 'trap', message: 'oob', phase: 'insert', stack: ['arm_smmu_init_l2_strtab'] };
    b.outcome.violations.push({ kind: 'null-deref', message: 'store of 8 bytes to 0x8', addr: 0x8n, size: 8n, phase: 'insert', step: 40, site: 'arm_smmu_init_l2_strtab' });
    const f = expectFail(property.check(b));
    expect(f.signature).toBe(`${SIG}null-deref@arm_smmu_init_l2_strtab`);
    expect(f.message).toContain('NULL pointer dereference at 0x8 (8 bytes)');
    expect(signatures(property.check(b))).toEqual([`${SIG}null-deref@arm_smmu_init_l2_strtab`, `${SIG}trap@arm_smmu_init_l2_strtab`]);
  });

  test('every distinct WARN of a run is reported with its own signature; a repeat is the same finding', () => {
    const ctx = ctxAdopted();
    const fmt = { file: 'drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c', line: 4601, cond: '!(smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB)', phase: 'probe' as const, step: 9 };
    const mixed = { file: 'kernel/iomem.c', line: 98, cond: 'memremap attempted on mixed range', phase: 'insert' as const, step: 30 };
    ctx.outcome.warnings.push(fmt, mixed, { ...mixed, step: 40 });
    const v = property.check(ctx);
    expect(signatures(v)).toEqual([`${SIG}warn@arm-smmu-v3.c:!(smmu->features&ARM_SMMU_FEAT_2_LVL_STRTAB)`, `${SIG}warn@iomem.c:memremapattemptedonmixedrange`]);
    expect(v.ok || v.also?.[0].message).toContain('(2 times in this run)');
  });

  test('an external abort does not hide a WARN fired before it', () => {
    const ctx = withHole(ctxAdopted());
    ctx.outcome.warnings.push({ file: 'kernel/iomem.c', line: 98, cond: 'memremap attempted on mixed range', phase: 'probe', step: 9 });
    ctx.outcome.crash = { kind: 'external-abort', message: 'hole', phase: 'probe', stack: ['arm_smmu_kdump_adopt_strtab_2lvl'], pa: 0x2_0000_0000n };
    expect(signatures(property.check(ctx))).toEqual([`${SIG}external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl`, `${SIG}warn@iomem.c:memremapattemptedonmixedrange`]);
  });

  test('the abort signature names the kind of memory: below the first RAM bank, a hole between banks, above the top', () => {
    const at = (pa: bigint): string => {
      const ctx = ctxAdopted();
      ctx.outcome.crash = { kind: 'external-abort', message: 'x', phase: 'probe', stack: ['arm_smmu_kdump_adopt_strtab_2lvl'], pa };
      return expectFail(property.check(ctx)).signature;
    };
    expect(at(0x0n)).toBe(`${SIG}external-abort-below-ram@arm_smmu_kdump_adopt_strtab_2lvl`);
    expect(at(0x2_0000_0000n)).toBe(`${SIG}external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl`);
    expect(at(0x10_0000_0000n)).toBe(`${SIG}external-abort-above-ram@arm_smmu_kdump_adopt_strtab_2lvl`);
  });

  test('with the driver inlined into kshim_*, the trap is named by the entry point, never by a sanitizer helper', () => {
    const ctx = ctxAdopted();
    ctx.outcome.crash = { kind: 'trap', message: 'unreachable', phase: 'probe', stack: ['__asan_load8', 'kshim_init_structures'] };
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}trap@kshim_init_structures`);
  });

  test('an external abort is named by the function that mapped the hole, whatever the stack shows', () => {
    const ctx = withHole(ctxAdopted());
    const o = ctx.outcome;
    o.ledger[0].pa = 0x2_0000_0000n;
    delete o.ledger[0].released_at;
    o.crash = { kind: 'external-abort', message: 'external abort on access to physical address 0x200000008', phase: 'probe', stack: ['__asan_load8', 'kshim_init_structures'], pa: 0x2_0000_0008n };
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`${SIG}external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl`);
    expect(f.message).toContain('The mapping read: #0 memremap of 2 KiB (PA 0x200000000)');
  });

  test('out-of-bounds without a crash', () => {
    const ctx = ctxAdopted();
    ctx.outcome.violations.push({ kind: 'out-of-bounds', message: 'load past the end of a memremap', phase: 'insert', step: 40, entry: 3 });
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`${SIG}out-of-bounds@arm_smmu_kdump_adopt_l2_strtab`);
    expect(f.message).toContain('Nearest ledger entry: #3 devm_memremap of 16 KiB');
  });

  test('a WARN_ON is named by file and condition, never the line', () => {
    const mk = (line: number, file: string) => {
      const ctx = ctxAdopted();
      ctx.outcome.warnings.push({ file, line, cond: '!(smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB)', phase: 'probe', step: 9 });
      return expectFail(property.check(ctx));
    };
    const a = mk(4601, 'drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c');
    const b = mk(4712, 'harness/revisions/v7/arm-smmu-v3.c');
    expect(a.signature).toBe(`${SIG}warn@arm-smmu-v3.c:!(smmu->features&ARM_SMMU_FEAT_2_LVL_STRTAB)`);
    expect(b.signature).toBe(a.signature);
    expect(a.message).toContain('WARN_ON(!(smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB)) fired at arm-smmu-v3.c:4601');
  });

  test('memremap\'s WARN_ONCE on a REGION_MIXED range is a finding too', () => {
    const ctx = ctxAdopted();
    ctx.outcome.warnings.push({ file: 'kernel/iomem.c', line: 98, cond: 'memremap attempted on mixed range %pa size: %#lx', phase: 'probe', step: 10 });
    expect(expectFail(property.check(ctx)).signature).toBe(`${SIG}warn@iomem.c:memremapattemptedonmixedrange%pasize:%#lx`);
  });

  test('a harness limit is never a finding (the engine counts it); what the C did before it still is', () => {
    const ctx = ctxAdopted();
    ctx.outcome.crash = { kind: 'harness-limit', message: 'cannot back a 2 GiB read', phase: 'probe', stack: ['memset', 'arm_smmu_init_initial_stes'] };
    expect(property.check(ctx)).toEqual({ ok: true });
    ctx.outcome.warnings.push({ file: 'kernel/iomem.c', line: 98, cond: 'memremap attempted on mixed range', phase: 'probe', step: 9 });
    expect(signatures(property.check(ctx))).toEqual([`${SIG}warn@iomem.c:memremapattemptedonmixedrange`]);
  });

  test('on the C: a zeroed STRTAB_BASE and one in a hole abort in different memory, under different signatures', () => {
    for (const rev of ['v6', 'v7', 'latest']) {
      const zero = expectFail(property.check(runWithBaseline(loadRevision(rev), strtabBaseZero())));
      const hole = expectFail(property.check(runWithBaseline(loadRevision(rev), strtabBaseInHole())));
      expect(zero.signature).toBe(`${SIG}external-abort-below-ram@arm_smmu_kdump_adopt_strtab_2lvl`);
      expect(hole.signature).toBe(`${SIG}external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl`);
    }
  });
});

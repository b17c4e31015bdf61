import property from '../../properties/no-crash';
import type { PropertyContext } from '../../harness/scenario/types';
import { ctxAdopted, ctxFallback, ctxLinear, expectFail } from './_outcome';

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
    expect(fa.signature).toBe(`${SIG}external-abort@arm_smmu_kdump_adopt_strtab_2lvl`);
    expect(fa.message).toContain('PA 0x200000000 is a physical hole');
    expect(fa.message).toContain('known limitation');
    const b = ctxAdopted();
    b.outcome.crash = crash;
    expect(expectFail(property.check(b)).message).toContain('NOT the known hole limitation');
  });

  test('the external abort wins over a sanitizer report of the same access; a trap does not', () => {
    const a = withHole(ctxAdopted());
    a.outcome.crash = { kind: 'external-abort', message: 'hole', phase: 'probe', stack: ['arm_smmu_kdump_adopt_strtab_2lvl'] };
    a.outcome.violations.push({ kind: 'out-of-bounds', message: 'load of 8 bytes', phase: 'probe', step: 11, site: 'arm_smmu_kdump_adopt_strtab_2lvl' });
    expect(expectFail(property.check(a)).signature).toBe(`${SIG}external-abort@arm_smmu_kdump_adopt_strtab_2lvl`);
    const b = ctxAdopted();
    b.outcome.crash = { kind: 'trap', message: 'oob', phase: 'insert', stack: ['arm_smmu_init_l2_strtab'] };
    b.outcome.violations.push({ kind: 'null-deref', message: 'store of 8 bytes to 0x8', addr: 0x8n, size: 8n, phase: 'insert', step: 40, site: 'arm_smmu_init_l2_strtab' });
    const f = expectFail(property.check(b));
    expect(f.signature).toBe(`${SIG}null-deref@arm_smmu_init_l2_strtab`);
    expect(f.message).toContain('NULL pointer dereference at 0x8 (8 bytes)');
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
    expect(f.signature).toBe(`${SIG}external-abort@arm_smmu_kdump_adopt_strtab_2lvl`);
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

  test('a harness limit is reported as such', () => {
    const ctx = ctxAdopted();
    ctx.outcome.crash = { kind: 'harness-limit', message: 'cannot back a 2 GiB read', phase: 'probe', stack: ['memset', 'arm_smmu_init_initial_stes'] };
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`${SIG}harness-limit@arm_smmu_init_initial_stes`);
    expect(f.message).toContain('limit of the harness');
  });
});

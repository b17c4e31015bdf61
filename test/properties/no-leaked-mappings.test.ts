import property from '../../properties/no-leaked-mappings';
import type { PropertyContext, Violation, ViolationKind } from '../../harness/scenario/types';
import { ctxAdopted, ctxFallback, ctxLinear, expectFail } from './_outcome';

function violate(ctx: PropertyContext, kind: ViolationKind, site: string | undefined, entry?: number): void {
  const v: Violation = { kind, message: `${kind} seen by the ledger`, phase: 'teardown', step: 64, site, entry };
  ctx.outcome.violations.push(v);
}

describe('no-leaked-mappings', () => {
  test('holds on clean adopted, fallback and linear runs', () => {
    for (const ctx of [ctxAdopted(), ctxFallback(), ctxLinear()]) expect(property.check(ctx)).toEqual({ ok: true });
  });

  test.each<[ViolationKind, string]>([
    ['leak', 'arm_smmu_kdump_adopt_strtab_2lvl'],
    ['double-release', 'arm_smmu_kdump_adopt_cleanup'],
    ['bad-release', 'arm_smmu_kdump_adopt_cleanup'],
    ['wrong-release-kind', 'arm_smmu_kdump_adopt_cleanup'],
    ['use-after-release', 'arm_smmu_init_l2_strtab'],
  ])('%s is reported as kind@site', (kind, site) => {
    const ctx = ctxAdopted();
    violate(ctx, kind, site, 1);
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe(`no-leaked-mappings:${kind}@${site}`);
    expect(f.message).toContain(`${kind} seen by the ledger`);
    expect(f.message).toContain("teardown policy 'keep'");
    expect(f.message).toContain('Ledger: #1 kmalloc of 2 KiB by arm_smmu_kdump_adopt_strtab_2lvl');
  });

  test('the first violation names the failure; the others are listed', () => {
    const ctx = ctxAdopted();
    ctx.scenario.teardown.policy = 'garbage';
    violate(ctx, 'leak', 'arm_smmu_kdump_adopt_strtab_2lvl', 0);
    violate(ctx, 'double-release', 'arm_smmu_kdump_adopt_cleanup', 1);
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_2lvl');
    expect(f.message).toContain("policy 'garbage'");
    expect(f.message).toContain('1 more: double-release@arm_smmu_kdump_adopt_cleanup');
  });

  test('a violation without a site takes the ledger entry\'s', () => {
    const ctx = ctxAdopted();
    violate(ctx, 'wrong-release-kind', undefined, 3);
    expect(expectFail(property.check(ctx)).signature).toBe('no-leaked-mappings:wrong-release-kind@arm_smmu_kdump_adopt_l2_strtab');
  });

  test('an unreleased mapping after a complete teardown fails even if the simulator recorded nothing', () => {
    const ctx = ctxAdopted();
    delete ctx.outcome.ledger[0].released_at;
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_2lvl');
    expect(f.message).toContain('memremap of 2 KiB (PA 0x100000000)');
  });

  test('violations of other properties are not this one\'s; leaks after a crash are not leaks', () => {
    const a = ctxAdopted();
    violate(a, 'null-deref', 'arm_smmu_init_l2_strtab');
    violate(a, 'write-kdump-ram', 'arm_smmu_init_l2_strtab');
    expect(property.check(a)).toEqual({ ok: true });
    const b = ctxAdopted();
    b.outcome.crash = { kind: 'trap', message: 'unreachable', phase: 'insert', stack: [] };
    violate(b, 'leak', 'arm_smmu_kdump_adopt_strtab_2lvl', 0);
    delete b.outcome.ledger[0].released_at;
    expect(property.check(b)).toEqual({ ok: true });
    violate(b, 'double-release', 'arm_smmu_kdump_adopt_cleanup', 1);
    expect(expectFail(property.check(b)).signature).toBe('no-leaked-mappings:double-release@arm_smmu_kdump_adopt_cleanup');
  });
});

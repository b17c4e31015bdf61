import property from '../../properties/kdump-memory-untouched';
import { ctxAdopted, ctxFallback, ctxLinear, expectFail, KiB } from './_outcome';

describe('kdump-memory-untouched', () => {
  test('holds on clean runs', () => {
    for (const ctx of [ctxAdopted(), ctxFallback(), ctxLinear()]) expect(property.check(ctx)).toEqual({ ok: true });
  });

  test('a store through a memremap of the kdump kernel\'s own RAM', () => {
    const ctx = ctxAdopted();
    const o = ctx.outcome;
    o.ledger[0].kind = 'memremap-ram';
    o.ledger[0].pa = 0x8000_4000n;
    o.violations.push({ kind: 'write-kdump-ram', message: 'store of 8 bytes to PA 0x80004018 (L1[3])', addr: 0x8000_4018n, size: 8n, phase: 'insert', step: 40, site: 'arm_smmu_init_l2_strtab', entry: 0 });
    const f = expectFail(property.check(ctx));
    expect(f.signature).toBe('kdump-memory-untouched:write-kdump-ram@arm_smmu_init_l2_strtab');
    expect(f.message).toContain('store of 8 bytes to PA 0x80004018');
    expect(f.message).toContain(`The mapping: #0 memremap-ram of ${2n * KiB / KiB} KiB (PA 0x80004000)`);
  });

  test('without a site, the mapping\'s site names it; other violations are not this property\'s', () => {
    const ctx = ctxAdopted();
    ctx.outcome.violations.push({ kind: 'leak', message: 'x', phase: 'teardown', step: 70 });
    expect(property.check(ctx)).toEqual({ ok: true });
    ctx.outcome.violations.push({ kind: 'write-kdump-ram', message: 'store', phase: 'insert', step: 40, entry: 0 });
    expect(expectFail(property.check(ctx)).signature).toBe('kdump-memory-untouched:write-kdump-ram@arm_smmu_kdump_adopt_strtab_2lvl');
  });
});

import fc from 'fast-check';
import { strtabRegsOperators } from '../../generators';
import { OWN_RAM_START, regionIntersectsOwnRam, regionOf } from '../../harness/kernel/ramMap';
import { FIELD_GET, STRTAB_BASE_ADDR_MASK, STRTAB_BASE_CFG_FMT, STRTAB_BASE_CFG_LOG2SIZE, crashedStrtabBaseCfg } from '../../generators/_internals/kernel';
import { CTX, SEED } from './_helpers';

const pairs = (ctx: (typeof CTX)[keyof typeof CTX]) => fc.sample(strtabRegsOperators(ctx)[0].arbitrary, { seed: SEED, numRuns: 500 });

/** Bytes of the table a STRTAB_BASE_CFG value describes (linear: 64-byte STEs; 2-level: 8-byte L1 descriptors). */
function described(cfg: bigint): bigint {
  const log2size = FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, cfg);
  return FIELD_GET(STRTAB_BASE_CFG_FMT, cfg) === 0 ? 64n << BigInt(log2size) : 8n << BigInt(Math.max(0, log2size - 8));
}

describe('strtabRegsOperators()', () => {
  it.each(['twoLevel16', 'twoLevel32', 'linear16'] as const)('%s: both registers set, describing another table, based aligned to it in own RAM or a hole', (name) => {
    const ctx = CTX[name];
    for (const [cfg, base] of pairs(ctx)) {
      expect([cfg.target, cfg.op, base.target, base.op]).toEqual(['reg', 'set', 'reg', 'set']);
      if (cfg.target !== 'reg' || base.target !== 'reg') continue;
      expect([cfg.reg, base.reg]).toEqual(['STRTAB_BASE_CFG', 'STRTAB_BASE']);
      expect(cfg.value).not.toBe(crashedStrtabBaseCfg(ctx.table));
      const pa = base.value & STRTAB_BASE_ADDR_MASK;
      const size = described(cfg.value);
      expect(pa % (size > 64n ? size : 64n)).toBe(0n);
      expect(base.kind).toBe(regionOf(pa).kind === 'own' ? 'STRTAB_BASE:own-ram' : 'STRTAB_BASE:hole');
    }
  });

  it('reaches a linear table larger than the kdump kernel\'s RAM based at its start (memremap: REGION_MIXED)', () => {
    const mixed = pairs(CTX.twoLevel32).filter(([cfg, base]) =>
      cfg.target === 'reg' && base.target === 'reg' && FIELD_GET(STRTAB_BASE_CFG_FMT, cfg.value) === 0 &&
      (base.value & STRTAB_BASE_ADDR_MASK) === OWN_RAM_START &&
      regionIntersectsOwnRam(OWN_RAM_START, described(cfg.value)) === 'REGION_MIXED');
    expect(mixed.length).toBeGreaterThan(10);
  });
});

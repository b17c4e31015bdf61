/**
 * kdump-memory-untouched kills latest-no-deferred-l2-adopt: the deferred adoption branch of
 * arm_smmu_init_l2_strtab() (our wiring of arm_smmu_kdump_adopt_deferred_l2_strtab()) is what
 * keeps an insert on an adopted table from writing an L1 descriptor into it.
 */
import { OWN_RAM_STRTAB, strtabInOwnRamWithValidL1 } from '../../harness/stories/findingScenarios';
import { hex } from '../../properties/_lib/format';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-no-deferred-l2-adopt';

describe(`kdump-memory-untouched catches ${MUTANT}`, () => {
  // STRTAB_BASE in the kdump kernel's own RAM, which holds valid (SPAN 9) descriptors for both buses.
  const r = runBoth('kdump-memory-untouched', MUTANT, strtabInOwnRamWithValidL1());

  test("latest: both inserts adopt the crashed kernel's L2 tables lazily and write nothing", () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    const o = r.latest.ctx.outcome;
    expect(o.adopted).toBe(true);
    expect(o.inserts.map((i) => i.ret)).toEqual([0, 0]);
    expect(o.ledger.filter((e) => e.site === 'arm_smmu_kdump_adopt_deferred_l2_strtab').map((e) => e.kind)).toEqual(['devm_memremap', 'devm_memremap']);
  });

  test("mutant: the insert allocates a fresh L2 and writes L1[1] into the kdump kernel's RAM", () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('kdump-memory-untouched:write-kdump-ram@arm_smmu_init_l2_strtab');
    expect(f.message).toContain(`write of 8 bytes at pa ${hex(OWN_RAM_STRTAB + 8n)}`);
  });
});

/**
 * no-crash kills latest-no-l1tab-null-check (a failed memremap() of the L1 table is
 * dereferenced) and latest-no-l1-align-check (an unaligned STRTAB_BASE is mapped as it is).
 */
import { l1MemremapFails, unalignedStrtabBaseBelowOwnRam } from '../../harness/stories/findingScenarios';
import { failed, runBoth } from './_mutant';

describe('no-crash catches latest-no-l1tab-null-check', () => {
  const r = runBoth('no-crash', 'latest-no-l1tab-null-check', l1MemremapFails());

  test('latest: a failed memremap of the L1 table returns -ENOMEM and falls back to the full reset', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    const o = r.latest.ctx.outcome;
    expect(o.faults_fired!.map((x) => x.site)).toEqual(['arm_smmu_kdump_adopt_strtab_2lvl:memremap']);
    expect(o.adopted).toBe(false);
    expect(o.probe_ret).toBe(0);
  });

  test('mutant: the L1 descriptor walk dereferences the NULL l1tab', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('no-crash:trap@arm_smmu_kdump_adopt_strtab_2lvl');
    expect(f.message).toContain('NULL pointer dereference at virtual address 0x0000000000000000');
  });
});

describe('no-crash catches latest-no-l1-align-check', () => {
  // The L1 table ends where the crashkernel reservation starts; STRTAB_BASE reads 64 bytes past its start.
  const r = runBoth('no-crash', 'latest-no-l1-align-check', unalignedStrtabBaseBelowOwnRam());

  test('latest: arm_smmu_kexec_parse_strtab_2lvl refuses the unaligned base before mapping anything', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    const o = r.latest.ctx.outcome;
    expect(o.log.some((l) => l.text.startsWith('unaligned l1 stream table base'))).toBe(true);
    expect(o.ledger.filter((e) => e.site === 'arm_smmu_kdump_adopt_strtab_2lvl')).toEqual([]);
  });

  test('mutant: memremap of [base, base + 2 KiB) straddles the kdump kernel\'s RAM and WARNs', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('no-crash:warn@iomem.c:memremapattemptedonmixedrange');
    expect(f.message).toContain('WARN_ON(memremap attempted on mixed range)');
  });
});

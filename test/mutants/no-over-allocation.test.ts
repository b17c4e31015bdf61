/**
 * no-over-allocation kills latest-no-linear-log2size-cap: without the LOG2SIZE cap in
 * arm_smmu_kexec_parse_strtab_linear(), a linear STRTAB_BASE_CFG sizes the memremap of the
 * adopted table however large it says.
 */
import { linearLog2size25 } from '../../harness/stories/findingScenarios';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-no-linear-log2size-cap';

describe(`no-over-allocation catches ${MUTANT}`, () => {
  // 2-level hardware, sid_bits=16; the crashed kernel's linear table, STRTAB_BASE_CFG.LOG2SIZE=25.
  const r = runBoth('no-over-allocation', MUTANT, linearLog2size25({ stopScan: true }));

  test('latest: arm_smmu_kexec_parse_strtab_linear caps LOG2SIZE at sid_bits and falls back', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    expect(r.latest.ctx.outcome.log.map((l) => l.text)).toContain('unsupported log2size 25 (> 16)') // arm-smmu-v3-kexec.c has no "kdump: " dev_fmt;
    expect(r.latest.ctx.outcome.ledger.filter((e) => e.site === 'arm_smmu_kdump_adopt_strtab_linear')).toEqual([]);
  });

  test('mutant: arm_smmu_kdump_adopt_strtab_linear memremaps 2^25 STEs = 2 GiB', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_linear');
    expect(f.message).toContain('memremap of 2 GiB (PA 0x100000000)');
    expect(f.message).toContain('LOG2SIZE=25');
    expect(f.message).toContain('linear for sid_bits=16: 2^16 STEs x 64 bytes = 4 MiB');
  });
});

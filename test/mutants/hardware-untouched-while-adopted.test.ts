/**
 * hardware-untouched-while-adopted kills latest-no-adopt-reset-skip: the
 * ARM_SMMU_OPT_KDUMP_ADOPT early exit of arm_smmu_device_reset() (v7 5/7) is all that keeps the
 * full reset from running under in-flight DMA.
 */
import { intactAdoption } from '../../harness/stories/findingScenarios';
import { failed, runBoth } from './_mutant';

const MUTANT = 'latest-no-adopt-reset-skip';

describe(`hardware-untouched-while-adopted catches ${MUTANT}`, () => {
  const r = runBoth('hardware-untouched-while-adopted', MUTANT, intactAdoption());

  test('latest: the adopted reset retains SMMUEN and never writes GBPA or STRTAB_BASE/_CFG', () => {
    expect(r.latest.verdict).toEqual({ ok: true });
    const regs = r.latest.ctx.outcome.mmio_writes.filter((w) => w.phase === 'probe').map((w) => w.reg);
    expect(regs).not.toContain('GBPA');
    expect(regs).not.toContain('STRTAB_BASE');
    expect(regs).not.toContain('STRTAB_BASE_CFG');
  });

  test('mutant: "SMMU currently enabled! Resetting..." sets GBPA.ABORT with the table adopted', () => {
    const f = failed(r.mutant.verdict);
    expect(f.signature).toBe('hardware-untouched-while-adopted:gbpa-abort@probe');
    expect(f.message).toContain('GBPA <- 0x80100000');
    const regs = r.mutant.ctx.outcome.mmio_writes.filter((w) => w.phase === 'probe').map((w) => w.reg);
    expect(regs).toEqual(expect.arrayContaining(['GBPA', 'STRTAB_BASE', 'STRTAB_BASE_CFG']));
  });
});

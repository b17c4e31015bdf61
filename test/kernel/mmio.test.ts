/** The fake SMMU register file: responsive while powered, the scenario's policy after power-off. */
import { SmmuMmio } from '../../harness/kernel/mmio';
import {
  ARM_SMMU_CR0, ARM_SMMU_CR0ACK, ARM_SMMU_GBPA, ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG,
  GBPA_ABORT, GBPA_UPDATE,
} from '../../harness/kernel/smmuRegs';

function powered(): SmmuMmio {
  const m = new SmmuMmio();
  m.reset(new Map([[ARM_SMMU_STRTAB_BASE_CFG, 0x10208], [ARM_SMMU_CR0, 1], [ARM_SMMU_CR0ACK, 1]]));
  return m;
}

describe('SmmuMmio', () => {
  test('arm_smmu_write_reg_sync sees CR0ACK follow CR0', () => {
    const m = powered();
    m.write32(ARM_SMMU_CR0, 0xc);
    expect(m.read32(ARM_SMMU_CR0ACK)).toBe(0xc);
  });

  test('a GBPA update completes at once: UPDATE reads back clear, the rest sticks', () => {
    const m = powered();
    m.write32(ARM_SMMU_GBPA, GBPA_ABORT | GBPA_UPDATE);
    expect(m.read32(ARM_SMMU_GBPA)).toBe(GBPA_ABORT);
  });

  test('64-bit registers read back as written', () => {
    const m = powered();
    m.write64(ARM_SMMU_STRTAB_BASE, 0x4000_0001_2345_6780n);
    expect(m.read64(ARM_SMMU_STRTAB_BASE)).toBe(0x4000_0001_2345_6780n);
  });

  test.each([
    ['keep', 0x10208],
    ['zero', 0],
    ['ones', 0xffffffff],
  ] as const)('after runtime PM power-off, policy %s reads STRTAB_BASE_CFG as %s', (policy, want) => {
    const m = powered();
    m.powerOff(policy, 1);
    expect(m.read32(ARM_SMMU_STRTAB_BASE_CFG)).toBe(want);
  });

  test('policy garbage is deterministic per seed and differs between seeds', () => {
    const read = (seed: number): number[] => {
      const m = powered();
      m.powerOff('garbage', seed);
      return [0, 1, 2, 3].map(() => m.read32(ARM_SMMU_STRTAB_BASE_CFG));
    };
    expect(read(7)).toEqual(read(7));
    expect(read(7)).not.toEqual(read(8));
  });

  test('writes while powered off are lost, and the hardware keeps its state', () => {
    const m = powered();
    m.powerOff('zero', 1);
    m.write32(ARM_SMMU_CR0, 0);
    expect(m.snapshot().CR0).toBe(1n);
  });
});

/**
 * L1STD.Span as the simulated SMMU (steWalk) and the properties' own oracle (liveIds) read it:
 * 1..11 name an L2 array of 2^(Span-1) STEs, 0 and 12..31 walk nothing (KERNEL_FACTS.md). The
 * two must agree with each other and with walkedL2 (properties/_lib/kernel.ts), or a verdict
 * would rest on a descriptor the SMMU never follows.
 */
import { PhysicalMemory } from '../../harness/kernel/physmem';
import { walkSte } from '../../harness/kernel/steWalk';
import { CRASHED_L2_BASE, CRASHED_STRTAB_BASE } from '../../harness/kernel/ramMap';
import { liveIds } from '../../properties/_lib/liveIds';
import { walkedL2 } from '../../properties/_lib/kernel';
import { ARM_SMMU_CR0, ARM_SMMU_IDR1, ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG } from '../../harness/kernel/smmuRegs';

const SID_BITS = 16;
// FMT 2-level (bit 16), SPLIT 8 (bits 10:6), LOG2SIZE 16.
const CFG_2LVL = (1n << 16n) | (8n << 6n) | 16n;
const SID = 3 * 256 + 5;
const VMID = 0x77n;

function machine(span: number): { phys: PhysicalMemory; regs: { read32(o: number): number; read64(o: number): bigint } } {
  const phys = new PhysicalMemory({ view: () => { throw new Error('no own RAM in this test'); } });
  const l1Desc = CRASHED_L2_BASE | BigInt(span);
  phys.write64(CRASHED_STRTAB_BASE + 3n * 8n, l1Desc);
  const ste = CRASHED_L2_BASE + 5n * 64n;
  phys.write64(ste, 1n | (6n << 1n)); // V, Config = S2 translate
  phys.write64(ste + 16n, VMID); // S2VMID
  const regs = new Map<number, bigint>([[ARM_SMMU_CR0, 1n], [ARM_SMMU_IDR1, BigInt(SID_BITS)], [ARM_SMMU_STRTAB_BASE, CRASHED_STRTAB_BASE], [ARM_SMMU_STRTAB_BASE_CFG, CFG_2LVL]]);
  return { phys, regs: { read32: (o) => Number(regs.get(o) ?? 0n), read64: (o) => regs.get(o) ?? 0n } };
}

describe.each([1, 9, 11, 12, 13, 31, 0])('L1 descriptor with SPAN %i', (span) => {
  const walks = span >= 1 && span <= 11;
  const reaches = walks && 5 < 2 ** (span - 1);

  test(`steWalk ${reaches ? 'reaches the STE' : 'stops before any STE'}`, () => {
    const { phys, regs } = machine(span);
    const w = walkSte(regs, phys, SID);
    if (reaches) expect(w.ste_pa).toBe(CRASHED_L2_BASE + 5n * 64n);
    else expect(w.stop).toBe(walks ? 'sid-beyond-span' : 'l1-invalid');
  });

  test(`liveIds ${reaches ? 'finds' : 'does not find'} the STE's VMID, as walkedL2 ${walks ? 'walks' : 'walks no'} L2 array`, () => {
    const { phys } = machine(span);
    const ids = liveIds(phys.snapshot(), CRASHED_STRTAB_BASE, CFG_2LVL, SID_BITS);
    expect(ids.some((u) => u.kind === 'vmid' && u.id === Number(VMID) && u.sid === SID)).toBe(reaches);
    expect(walkedL2(CRASHED_L2_BASE | BigInt(span)) !== undefined).toBe(walks);
  });
});

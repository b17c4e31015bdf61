/** region_intersects() over the kdump kernel's iomem_resource (harness/kernel/iomem.ts). */
import { IORES_DESC_NONE, IORESOURCE_BUSY, IORESOURCE_MEM, IORESOURCE_SYSRAM, regionIntersects } from '../../harness/kernel/iomem';
import { CRASHED_STRTAB_BASE, HOLE_START, OWN_RAM_END, OWN_RAM_START, SMMU_MMIO_PA } from '../../harness/kernel/ramMap';

const BUSY_MEM = IORESOURCE_MEM | IORESOURCE_BUSY;
const SYSTEM_RAM = IORESOURCE_MEM | IORESOURCE_SYSRAM;
const at = (start: bigint, size: bigint, flags: bigint) => regionIntersects(start, size, flags, IORES_DESC_NONE);

describe('region_intersects() in the kdump kernel', () => {
  test('its own RAM is busy System RAM: INTERSECTS for both flag sets v3 and v5 ask with', () => {
    expect(at(OWN_RAM_START + 0x1000n, 0x800n, BUSY_MEM)).toBe('REGION_INTERSECTS');
    expect(at(OWN_RAM_START + 0x1000n, 0x800n, SYSTEM_RAM)).toBe('REGION_INTERSECTS');
  });

  test('the crashed kernel\'s RAM and holes are in no resource: DISJOINT', () => {
    expect(at(CRASHED_STRTAB_BASE, 0x800n, BUSY_MEM)).toBe('REGION_DISJOINT');
    expect(at(HOLE_START, 0x4000n, BUSY_MEM)).toBe('REGION_DISJOINT');
    expect(at(0n, 0x800n, BUSY_MEM)).toBe('REGION_DISJOINT');
  });

  test('a range from crashed RAM into its own RAM: the uncovered part counts for nothing (INTERSECTS), as in kernel/resource.c', () => {
    expect(at(OWN_RAM_START - 0x400n, 0x800n, BUSY_MEM)).toBe('REGION_INTERSECTS');
    expect(at(OWN_RAM_END - 0x400n, 0x800n, SYSTEM_RAM)).toBe('REGION_INTERSECTS');
  });

  test('the SMMU\'s own register pages are busy MMIO: they match MEM | BUSY, and make a System RAM query MIXED', () => {
    expect(at(SMMU_MMIO_PA, 0x40n, BUSY_MEM)).toBe('REGION_INTERSECTS');
    expect(at(SMMU_MMIO_PA + 0x1_0000n, 0x40n, SYSTEM_RAM)).toBe('REGION_DISJOINT');
    expect(at(SMMU_MMIO_PA, OWN_RAM_START + 1n - SMMU_MMIO_PA, SYSTEM_RAM)).toBe('REGION_MIXED');
    // Between the two register pages nothing is claimed.
    expect(at(SMMU_MMIO_PA + 0x1000n, 0x1000n, BUSY_MEM)).toBe('REGION_DISJOINT');
  });
});

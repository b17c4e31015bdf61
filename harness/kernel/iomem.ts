/**
 * The kdump kernel's iomem_resource tree, and region_intersects() over it.
 *
 * Models kernel/resource.c's region_intersects() / __region_intersects() (torvalds/linux,
 * read through the search tool): every top-level resource that overlaps
 * [start, start + size - 1] counts as "type" when (flags & wanted) == wanted and the descriptor
 * matches (IORES_DESC_NONE matches any), else as "other"; no "type" is REGION_DISJOINT, no "other"
 * REGION_INTERSECTS, both REGION_MIXED. Addresses no resource covers (holes, and the crashed
 * kernel's RAM, see below) count as neither. Our tree is flat: no resource has children.
 *
 * What is registered (arm64): request_standard_resources() makes one "System RAM" resource
 * (IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY) per memblock memory region. A kdump kernel's
 * memblock is capped to its usable range (the crashkernel reservation), so only the kdump
 * kernel's own RAM is System RAM; the crashed kernel's RAM is not in iomem_resource at all (the
 * same reason memremap() of it is REGION_DISJOINT, KERNEL_FACTS.md). The only MMIO claimed at
 * SMMU probe time that the simulated machine has is the SMMU's own: arm_smmu_device_probe()
 * (v6.18.y excerpt) ioremaps ARM_SMMU_REG_SZ (0xe00) at the frame and again at frame + 64K through
 * devm_ioremap_resource(), which requests them busy (IORESOURCE_MEM | IORESOURCE_BUSY).
 */
import { OWN_RAM_END, OWN_RAM_START, SMMU_MMIO_PA, type RegionIntersection } from './ramMap';

/** include/linux/ioport.h */
export const IORESOURCE_MEM = 0x0000_0200n;
export const IORESOURCE_SYSRAM = 0x0100_0000n;
export const IORESOURCE_BUSY = 0x8000_0000n;
export const IORES_DESC_NONE = 0n;

/** include/linux/ioport.h: enum { REGION_INTERSECTS, REGION_DISJOINT, REGION_MIXED } */
export const REGION_CODE: Record<RegionIntersection, number> = { REGION_INTERSECTS: 0, REGION_DISJOINT: 1, REGION_MIXED: 2 };

export interface IomemResource {
  name: string;
  start: bigint;
  /** Inclusive, as struct resource has it. */
  end: bigint;
  flags: bigint;
  desc: bigint;
}

const ARM_SMMU_REG_SZ = 0xe00n;

export const KDUMP_IOMEM: readonly IomemResource[] = [
  { name: 'arm-smmu-v3 (page 0)', start: SMMU_MMIO_PA, end: SMMU_MMIO_PA + ARM_SMMU_REG_SZ - 1n, flags: IORESOURCE_MEM | IORESOURCE_BUSY, desc: IORES_DESC_NONE },
  { name: 'arm-smmu-v3 (page 1)', start: SMMU_MMIO_PA + 0x1_0000n, end: SMMU_MMIO_PA + 0x1_0000n + ARM_SMMU_REG_SZ - 1n, flags: IORESOURCE_MEM | IORESOURCE_BUSY, desc: IORES_DESC_NONE },
  { name: 'System RAM', start: OWN_RAM_START, end: OWN_RAM_END - 1n, flags: IORESOURCE_MEM | IORESOURCE_SYSRAM | IORESOURCE_BUSY, desc: IORES_DESC_NONE },
];

/** region_intersects(start, size, flags, desc) of kernel/resource.c over KDUMP_IOMEM. */
export function regionIntersects(start: bigint, size: bigint, flags: bigint, desc: bigint, iomem: readonly IomemResource[] = KDUMP_IOMEM): RegionIntersection {
  const resStart = BigInt.asUintN(64, start);
  const resEnd = BigInt.asUintN(64, start + size - 1n);
  let type = 0;
  let other = 0;
  for (const p of iomem) {
    // resource_overlaps(p, &res)
    if (!(p.start <= resEnd && p.end >= resStart)) continue;
    const isType = (p.flags & flags) === flags && (desc === IORES_DESC_NONE || desc === p.desc);
    if (isType) type++;
    else other++;
  }
  if (type === 0) return 'REGION_DISJOINT';
  if (other === 0) return 'REGION_INTERSECTS';
  return 'REGION_MIXED';
}

/**
 * The physical address map of the simulated machine, as the kdump kernel sees it.
 *
 * Three kinds of physical address matter (KERNEL_FACTS.md, "The kdump kernel's physical
 * memory"): the crashed kernel's RAM (outside the kdump kernel's usable range: the old tables
 * live there, and memremap() of it is a new ioremap_cache mapping), the kdump kernel's own RAM
 * (the crashkernel reservation: memremap() of it returns a direct-map pointer), and holes
 * (nothing there: the first access through a mapping is an external abort).
 *
 * The own RAM sits between two crashed-RAM regions so that a range can straddle own RAM and
 * crashed RAM (REGION_MIXED), and a hole sits inside the crashed RAM so that a range can run
 * from RAM into a hole.
 */

export type RamKind = 'crashed' | 'own' | 'hole';

export interface RamRegion {
  start: bigint;
  /** Exclusive. */
  end: bigint;
  kind: RamKind;
}

const GiB = 1n << 30n;
const MiB = 1n << 20n;

/** The kdump kernel's own RAM (crashkernel=256M). */
export const OWN_RAM_START = 0x8000_0000n;
export const OWN_RAM_SIZE = 256n * MiB;
export const OWN_RAM_END = OWN_RAM_START + OWN_RAM_SIZE;

/** A hole inside the crashed kernel's RAM. */
export const HOLE_START = 0x2_0000_0000n;
export const HOLE_END = HOLE_START + GiB;

/** Top of physical memory: everything from here up is a hole. */
export const PHYS_TOP = 0x10_0000_0000n;

/** Regions in address order, covering [0, 2^52). */
export const RAM_MAP: readonly RamRegion[] = [
  { start: 0n, end: GiB, kind: 'hole' }, // MMIO and firmware: no RAM
  { start: GiB, end: OWN_RAM_START, kind: 'crashed' },
  { start: OWN_RAM_START, end: OWN_RAM_END, kind: 'own' },
  { start: OWN_RAM_END, end: HOLE_START, kind: 'crashed' },
  { start: HOLE_START, end: HOLE_END, kind: 'hole' },
  { start: HOLE_END, end: PHYS_TOP, kind: 'crashed' },
  { start: PHYS_TOP, end: 1n << 52n, kind: 'hole' },
];

/** Where the crashed kernel's allocator put its stream tables by default. */
export const CRASHED_STRTAB_BASE = 0x1_0000_0000n;
export const CRASHED_L2_BASE = 0x1_4000_0000n;
/** Where the crashed kernel's CD tables (stage-1 contexts) go, 64 KiB apart. */
export const CRASHED_CD_BASE = 0x1_8000_0000n;

export function regionOf(pa: bigint): RamRegion {
  for (const r of RAM_MAP) if (pa >= r.start && pa < r.end) return r;
  return { start: pa, end: pa + 1n, kind: 'hole' };
}

/** How [pa, pa + size) meets the kdump kernel's own System RAM (region_intersects()). */
export type RegionIntersection = 'REGION_INTERSECTS' | 'REGION_DISJOINT' | 'REGION_MIXED';

export function regionIntersectsOwnRam(pa: bigint, size: bigint): RegionIntersection {
  const end = pa + (size > 0n ? size : 1n);
  const overlap = pa < OWN_RAM_END && end > OWN_RAM_START;
  if (!overlap) return 'REGION_DISJOINT';
  if (pa >= OWN_RAM_START && end <= OWN_RAM_END) return 'REGION_INTERSECTS';
  return 'REGION_MIXED';
}

/** True when every byte of [pa, pa + size) is RAM of some kind (crashed or own). */
export function isAllRam(pa: bigint, size: bigint): boolean {
  let at = pa;
  const end = pa + size;
  while (at < end) {
    const r = regionOf(at);
    if (r.kind === 'hole') return false;
    at = r.end;
  }
  return true;
}

/** Physical address of the SMMU's MMIO frame: inside the low hole, never RAM. */
export const SMMU_MMIO_PA = 0x0900_0000n;

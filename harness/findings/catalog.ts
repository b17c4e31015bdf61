/**
 * The findings the properties make on the posted revisions, one entry each: the scenario, the
 * property, every failure the property reports on it per revision (the exact signatures, in the
 * order the verdict carries them), the numbers the finding's own message must carry, why it
 * matters in kernel terms, and where a reviewer raised it. Product code: `npm run findings`
 * (harness/findings/table.ts) runs these scenarios on every revision to compute the README's
 * Findings table; test/findings/<revision>.test.ts asserts each revision's pins.
 *
 * The pins are exhaustive: a listed non-mutant revision not named in `fails` passes the property
 * on the scenario (`{ ok: true }`), and one that is named reports exactly those failures.
 * Review threads are cited by file under ../shared/revisions/mails/ (Message-IDs there).
 */
import type { Corruption, RegName, Scenario } from '../scenario/types';
import { intactTwoLevel, withCorruption, withFaults } from '../stories/intact';
import * as S from '../stories/findingScenarios';

/** Every non-mutant revision (harness/revisions/recipes.ts); test/findings/revisions.test.ts checks the list. */
export const REVISIONS = [
  'mainline', 'v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'latest', 'latest-span-caller', 'latest-v7-ida-init',
  'later-15aeae1e', 'later-unknownrepo-kdump', 'later-unknownrepo-kexec',
] as const;
export type Rev = (typeof REVISIONS)[number];

/**
 * A row of the Findings table: a hand-written scenario and the findings (failure signatures) its
 * property gives on each revision. Not itself a finding: one entry pins several, one per revision.
 */
export interface CatalogEntry {
  /** Stable id. */
  id: string;
  /** The case name, in kernel words. */
  title: string;
  property: string;
  scenario: () => Scenario;
  /**
   * Per revision that fails: every failure the property reports on the scenario, in order. A
   * revision not named here passes.
   */
  fails: Partial<Record<Rev, readonly string[]>>;
  /**
   * Where a revision reports more than one failure, the index of the finding's own one (the one
   * `messageHas` is about); 0 when not given.
   */
  ownAt?: number;
  /** Substrings the finding's own failure message must contain, per revision: the key numbers. */
  messageHas: Partial<Record<Rev, readonly string[]>>;
  /** Why it matters, in kernel terms; and where a reviewer raised it. */
  why: string;
  thread?: string;
}

/** `revs` each mapped to the same list. */
function on(revs: readonly Rev[], ...items: string[]): Partial<Record<Rev, readonly string[]>> {
  return Object.fromEntries(revs.map((r) => [r, items]));
}

/** The finding's own signature on `rev` (undefined: it passes). */
export function ownSignature(f: CatalogEntry, rev: Rev): string | undefined {
  const list = f.fails[rev];
  if (!list || list.length === 0) return undefined;
  return list.length > 1 ? list[f.ownAt ?? 0] : list[0];
}

/** The revisions `f` pins a failure on, in REVISIONS order. */
export function failingRevisions(f: CatalogEntry): Rev[] {
  return REVISIONS.filter((r) => (f.fails[r]?.length ?? 0) > 0);
}

const TWO_LVL_WARN = '!(smmu->features&ARM_SMMU_FEAT_2_LVL_STRTAB)';
const MIXED_RANGE_WARN = 'no-crash:warn@iomem.c:memremapattemptedonmixedrange';
/** latest and its variants (other inferred glue lines, same later files). */
const LATEST: readonly Rev[] = ['latest', 'latest-span-caller', 'latest-v7-ida-init'];
/** The later trees with @15aeae1e's kdump.c (its scan functions are arm_smmu_kdump_resv_*). */
const KDUMP_TREES: readonly Rev[] = ['later-15aeae1e', 'later-unknownrepo-kdump'];
/** v1-v3 devm_memremap every L2 table at probe. */
const EAGER_L2 = 'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl';
/** A linear STRTAB_BASE_CFG with LOG2SIZE 25 on 2-level hardware with 16-bit SIDs. */
const LINEAR_25_PINS: Partial<Record<Rev, readonly string[]>> = {
  ...on(['v1', 'v2'], 'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_linear'),
  ...on(['v3'], 'no-over-allocation:dmam_alloc_coherent@arm_smmu_init_strtab_linear'),
  ...on(['v5'], 'no-over-allocation:devm_memremap@arm_smmu_kdump_adopt_strtab_linear'),
  ...on(['v6', 'v7', ...KDUMP_TREES], 'no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_linear'),
};

const reg = (r: RegName, value: bigint): Corruption => ({ kind: 'test', target: 'reg', reg: r, op: 'set', value });

export const CATALOG: readonly CatalogEntry[] = [
  // --- v6 only -------------------------------------------------------------------------------
  ...(['zero', 'ones', 'garbage'] as const).map((policy): CatalogEntry => ({
    id: `cleanup-reads-cfg-after-rpm-put-${policy}`,
    title: `arm_smmu_kdump_adopt_cleanup() decides what to free from STRTAB_BASE_CFG read after runtime PM put (registers read '${policy}')`,
    property: 'no-leaked-mappings',
    scenario: () => S.unbindAfterPowerOff(policy),
    fails: { ...on(['v6'], 'no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_2lvl') },
    messageHas: on(['v6'], ...['of 2048 bytes', `teardown policy '${policy}'`]),
    // __device_release_driver() runs pm_runtime_put_sync() before devres_release_all(): the
    // cleanup action reads a powered-off STRTAB_BASE_CFG, takes the wrong (or no) branch and
    // leaks the kcalloc()ed l2ptrs (and, for a FMT that is neither, the L1 memremap).
    why: 'v6 cleanup reads STRTAB_BASE_CFG after pm_runtime_put_sync(): the FMT it decodes is whatever a powered-off SMMU returns, so the l2ptrs array / L1 mapping of an adopted 2-level table leak at unbind. v7 switched to the ARM_SMMU_FEAT_2_LVL_STRTAB bit.',
    thread: "v6-1-7-review-praan.txt (Pranjal: \"register contents would've been lost ... rely on some SW state\"), v6-1-7-reply-nicolin.txt (\"We can do feature bit\"); v7 changelog",
  })),
  {
    id: 'linear-fallback-loses-2lvl-feature',
    title: 'a linear adoption on 2-level hardware whose cleanup action fails to register falls back without ARM_SMMU_FEAT_2_LVL_STRTAB',
    property: 'clean-fallback',
    scenario: S.linearAdoptionCleanupActionFails,
    fails: { ...on(['v6'], 'clean-fallback:features@after_init') },
    messageHas: on(['v6'], ...['lost ARM_SMMU_FEAT_2_LVL_STRTAB']),
    why: 'The linear adoption clears ARM_SMMU_FEAT_2_LVL_STRTAB on success; when devm_add_action_or_reset() then fails, v6 falls back without restoring it, so the full reset runs with the wrong format.',
    thread: "v6-1-7-review-praan.txt (linear on 2-level HW questioned); v7 changelog \"Restore FEAT_2_LVL_STRTAB if the cleanup action fails to register\"",
  },
  {
    id: 'linear-fallback-allocates-linear-table',
    title: 'the same fallback then allocates a linear table of 2^sid_bits STEs where mainline allocates a 2-level one',
    property: 'no-over-allocation',
    scenario: S.linearAdoptionCleanupActionFails,
    fails: { ...on(['v6'], 'no-over-allocation:dmam_alloc_coherent@arm_smmu_init_strtab_linear') },
    messageHas: on(['v6'], ...['dmam_alloc_coherent of 4 MiB', 'would allocate 4 KiB']),
    why: 'Consequence of the lost feature bit: arm_smmu_init_strtab_linear() allocates 2^16 x 64 bytes = 4 MiB in the crashkernel reservation during probe, where arm_smmu_init_strtab_2lvl() needs 4 KiB then (and 16 KiB more per bus as devices are inserted).',
    thread: 'as above',
  },
  // --- v6 and v7 -----------------------------------------------------------------------------
  {
    id: 'linear-log2size-25-on-2lvl-hw',
    title: 'a linear STRTAB_BASE_CFG with LOG2SIZE 25 on 2-level hardware with 16-bit SIDs is memremapped whole (2 GiB)',
    property: 'no-over-allocation',
    scenario: () => S.linearLog2size25(),
    fails: LINEAR_25_PINS,
    messageHas: on(['v6', 'v7'], ...['memremap of 2 GiB (PA 0x100000000)', 'LOG2SIZE=25', '4 MiB']),
    why: 'On 2-level hardware v6/v7 cap a linear LOG2SIZE at ilog2(STRTAB_MAX_L1_ENTRIES * STRTAB_NUM_L2_STES) = 25, independent of sid_bits: a foreign or corrupted linear table maps 2^25 x 64 bytes = 2 GiB. The later kexec.c caps at min(sid_bits, 25).',
    thread: 'v4 changelog "Cap linear log2size by kdump\'s allocation bound"; v6-1-7-review-praan.txt (the 2-level cap branch questioned); v6-1-7-reply-nicolin.txt (defensive check kept)',
  },
  {
    id: 'null-l2ptr-span-after-adoption',
    title: 'an L1 descriptor rewritten after adoption to SPAN 10 with a NULL L2Ptr gets a fresh L2 and is overwritten',
    property: 'lazy-l2-span-change-rejected',
    scenario: S.nullL2PtrSpanAfterAdoption,
    fails: { ...on(['v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'latest', 'latest-v7-ida-init', ...KDUMP_TREES, 'later-unknownrepo-kexec'], 'lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab') },
    messageHas: {
      ...on(['v1', 'v2', 'v3', 'v5'], 'SPAN=10, L2Ptr=0x0'),
      ...on(['v6', 'v7', 'latest'], 'L1[48] = L1 descriptor 0xa (SPAN=10, L2Ptr=0x0)', 'dmam_alloc_coherent of 16 KiB'),
    },
    why: 'arm_smmu_init_l2_strtab() as v6/v7 1/7 post it (and as latest is wired) defers to the adopt function only for `span && base`; a changed descriptor with a NULL L2Ptr falls through to the fresh-L2 path, which rewrites the live descriptor under in-flight DMA. The later kdump.c re-tests the SPAN and rejects a NULL base itself, but only a caller that hands it such a descriptor (`if (span)`: latest-span-caller, inferred, the later arm-smmu-v3.c is not available) reaches those tests; then the insert is refused (-EINVAL, "span 10 changed since adopt"). v1-v3 (which adopted every L2 at probe) always allocate for an empty l2ptrs slot; v5 defers for `span && base` as v6/v7 do.',
  },
  {
    id: 'unaligned-strtab-base-adopted',
    title: 'an unaligned STRTAB_BASE is adopted as read: software edits a table the SMMU does not walk',
    property: 'adopted-state-consistent',
    scenario: S.strtabBaseUnaligned,
    fails: { ...on(['v6', 'v7'], 'adopted-state-consistent:base-unaligned@after_init') },
    messageHas: on(['v6', 'v7'], ...['PA 0x100000040', 'walks the table at PA 0x100000000']),
    why: 'The SMMU aligns STRTAB_BASE.ADDR down to the table size; v6/v7 memremap the address as read, so the L1 descriptors they check, and the lazy inserts they serve, are eight entries off the ones the hardware translates with. The later kexec.c refuses a base not aligned to the table size.',
  },
  {
    id: 'unaligned-l2ptr-adopted',
    title: 'an L1 descriptor whose L2Ptr reads 64 bytes past its L2 table is adopted as read: software edits an L2 table the SMMU does not walk',
    property: 'adopted-state-consistent',
    scenario: S.l2PtrUnaligned,
    fails: { ...on(['v5', 'v6', 'v7'], 'adopted-state-consistent:l2ptr-unaligned@arm_smmu_kdump_adopt_l2_strtab') },
    messageHas: on(['v6', 'v7'], ...['at PA 0x140000040', 'walks the table at PA 0x140000000']),
    why: 'The SMMU treats the L2Ptr bits below the L2 array size as zero (SMMUv3 5.1, L1STD.L2Ptr); v6/v7 devm_memremap the L2Ptr as read at the first insert of the bus, so the STEs they read and write for it are one STE off the ones the hardware translates with. The other half of the unaligned-base bug. The later kexec.c refuses an L2 base not aligned to the table ("bad l2 table base") and falls back.',
  },
  {
    id: 'unaligned-l2ptr-not-walked',
    title: 'the same insert reports success with its l2ptrs slot on a window that is not the L2 table the SMMU walks',
    property: 'inserted-bus-usable',
    scenario: S.l2PtrUnaligned,
    fails: { ...on(['v5', 'v6', 'v7'], 'inserted-bus-usable:slot-not-walked-table@arm_smmu_kdump_adopt_l2_strtab') },
    messageHas: on(['v6', 'v7'], ...['L2 table at PA 0x140000040', 'the SMMU walks the L2 table at PA 0x140000000 (L2Ptr 0x140000040']),
    why: 'The insert returns 0 and the device is attached through an STE the SMMU never reads; the STE the SMMU does use for that SID is the crashed kernel\'s (or the neighbour\'s), whatever the kdump kernel writes.',
  },
  {
    id: 'unaligned-strtab-base-straddles-own-ram',
    title: 'an unaligned STRTAB_BASE 1 KiB below the crashkernel reservation makes memremap() WARN on a mixed range',
    property: 'no-crash',
    scenario: S.strtabBaseStraddlingOwnRam,
    fails: { ...on(['v1', 'v2'], 'no-crash:trap@arm_smmu_adopt_strtab_2lvl', MIXED_RANGE_WARN), ...on(['v6', 'v7'], MIXED_RANGE_WARN) },
    messageHas: {
      ...on(['v1', 'v2'], 'trapped in arm_smmu_adopt_strtab_2lvl during probe'),
      ...on(['v6', 'v7'], 'WARN_ON(memremap attempted on mixed range)'),
    },
    why: 'v6/v7 map [STRTAB_BASE, +2 KiB) as read, without the alignment the hardware applies; here the range straddles the kdump kernel\'s System RAM and memremap() WARNs (a splat; fatal with panic_on_warn). The later kexec.c refuses a base not aligned to the table size. v1/v2 first walk the ERR_PTR(-ENXIO) devm_memremap() makes of the failed mapping (an oops); v3 and v5 refuse the range before mapping it (arm_smmu_kdump_phys_is_corrupted(): region_intersects() is not DISJOINT) and fall back; v6 dropped that helper.',
  },
  // --- every revision ------------------------------------------------------------------------
  {
    id: 'linear-table-over-own-ram-warns',
    title: 'an aligned linear STRTAB_BASE at the start of the crashkernel reservation makes memremap() WARN on a mixed range',
    property: 'no-crash',
    scenario: S.linearAlignedOverOwnRam,
    fails: { ...on(['v1', 'v2', 'v6', 'v7', ...LATEST, ...KDUMP_TREES, 'later-unknownrepo-kexec'], MIXED_RANGE_WARN) },
    messageHas: on(['v6', 'v7', 'latest', 'latest-span-caller'], ...['WARN_ON(memremap attempted on mixed range)']),
    why: 'A linear LOG2SIZE within every cap (2^23 STEs = 512 MiB for 23-bit SIDs) and a base aligned to it pass all the structural checks, yet [base, +512 MiB) runs from the kdump kernel\'s System RAM into the crashed kernel\'s: memremap() WARNs on the mixed range (fatal with panic_on_warn) before failing. The alignment check of the later code does not help: the range is aligned. Found by the fuzzer (seed 777).',
  },
  {
    id: 'l1-dma-unset',
    title: 'an adopted 2-level table leaves strtab_cfg.l2.l1_dma unset (0)',
    property: 'adopted-state-consistent',
    scenario: S.intactAdoption,
    fails: { ...on(['v6', 'v7', ...LATEST, ...KDUMP_TREES, 'later-unknownrepo-kexec'], 'adopted-state-consistent:l1_dma@after_init') },
    messageHas: on(['v6', 'v7', 'latest', 'latest-span-caller'], ...['strtab_cfg.l2.l1_dma is 0x0', 'STRTAB_BASE.ADDR 0x100000000']),
    why: 'arm_smmu_write_strtab() programs STRTAB_BASE from l1_dma; adoption bypasses it today, so nothing reads the 0 now, but any later caller (a reset path, resume) would point the SMMU at PA 0.',
    thread: 'v6-1-7-review-praan.txt ("we should populate cfg->l2.l1_dma here to be consistent"; "ticking time bomb"), v6-1-7-reply-nicolin.txt ("deliberately since it\'s not used anywhere in kdump adopt mode")',
  },
  {
    id: 'ste-dma-unset',
    title: 'an adopted linear table leaves strtab_cfg.linear.ste_dma unset (0)',
    property: 'adopted-state-consistent',
    scenario: () => S.linearOnTwoLevelHardware(10),
    fails: { ...on(['v6', 'v7', ...LATEST, ...KDUMP_TREES, 'later-unknownrepo-kexec'], 'adopted-state-consistent:ste_dma@after_init') },
    messageHas: on(['v6', 'v7', 'latest', 'latest-span-caller'], ...['strtab_cfg.linear.ste_dma is 0x0', 'LOG2SIZE=10']),
    why: 'The linear twin of l1_dma.',
    thread: 'v6-1-7-review-praan.txt ("We seem to skips initializing cfg->linear.ste_dma"), v6-1-7-reply-nicolin.txt ("I can\'t think of a reason...")',
  },
  {
    id: 'strtab-in-own-ram-span0-insert',
    title: "STRTAB_BASE in the kdump kernel's own RAM: the first insert writes an L1 descriptor into it",
    property: 'kdump-memory-untouched',
    scenario: S.strtabInOwnRam,
    fails: { ...on(['v6', 'v7', ...LATEST, ...KDUMP_TREES, 'later-unknownrepo-kexec'], 'kdump-memory-untouched:write-kdump-ram@arm_smmu_init_l2_strtab') },
    messageHas: on(['v6', 'v7', 'latest', 'latest-span-caller'], ...['write of 8 bytes at pa 0x88000008', 'memremap-ram of 0x88000000 (2048 bytes']),
    why: "memremap() of the crashkernel reservation returns a direct-map pointer; the L1 descriptors there read SPAN 0, so arm_smmu_init_l2_strtab() allocates a fresh L2 and stores its descriptor into the kdump kernel's own memory (heap, page tables, its own image).",
    thread: "v3 added arm_smmu_kdump_phys_is_corrupted() (region_intersects() against System RAM/MMIO); v5-1-6-review-jason.txt (\"this is some core kdump code. I'd drop it\"); dropped in v6 (v6 changelog)",
  },
  {
    id: 'strtab-base-in-hole',
    title: 'STRTAB_BASE in a physical hole: the L1 table read takes an external abort',
    property: 'no-crash',
    scenario: S.strtabBaseInHole,
    fails: { ...on(['v1', 'v2', 'v3'], 'no-crash:external-abort-hole@arm_smmu_adopt_strtab_2lvl'), ...on(['v5', 'v6', 'v7', ...LATEST, ...KDUMP_TREES, 'later-unknownrepo-kexec'], 'no-crash:external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl') },
    messageHas: {
      ...on(['v1', 'v2', 'v3', 'v5'], 'physical address 0x200000000'),
      ...on(['v6', 'v7', 'latest', 'latest-span-caller'], ...['physical address 0x200000000', 'a physical hole between RAM banks', 'memremap of 2 KiB (PA 0x200000000)', 'the known limitation']),
    },
    why: 'The known limitation: memremap() maps a hole without complaint and the first read aborts; the kdump kernel dies in probe and the vmcore is lost. region_intersects() only sees what iomem_resource holds; a hole is DISJOINT like the crashed kernel\'s RAM, so the helper of v3 and v5 lets it through too (v5\'s comment on it says so).',
    thread: 'v5-1-6-review-jason.txt (quoting v5: "physical holes are absent from iomem_resource ... left as a future improvement"); v7-0-7-review-mostafa.txt ("the base address might be broken")',
  },
  {
    id: 'strtab-base-zero',
    title: 'a zeroed STRTAB_BASE (ADDR 0) is not refused: the L1 table is read at PA 0',
    property: 'no-crash',
    scenario: S.strtabBaseZero,
    fails: { ...on(['v1', 'v2', 'v3'], 'no-crash:external-abort-below-ram@arm_smmu_adopt_strtab_2lvl'), ...on(['v5', 'v6', 'v7', ...LATEST, ...KDUMP_TREES, 'later-unknownrepo-kexec'], 'no-crash:external-abort-below-ram@arm_smmu_kdump_adopt_strtab_2lvl') },
    messageHas: {
      ...on(['v1', 'v2', 'v3', 'v5'], 'physical address 0x0'),
      ...on(['v6', 'v7', 'latest', 'latest-span-caller'], ...['physical address 0x0', 'below the first RAM bank', 'memremap of 2 KiB (PA 0x0)', 'NOT the known hole limitation']),
    },
    why: 'Unlike L1 descriptors ("A valid descriptor never carries a null pointer"), STRTAB_BASE.ADDR is never checked for 0; the most likely corruption of a register (zeroed) sends the adoption to PA 0 (MMIO/firmware, no RAM) and aborts.',
    thread: 'v7-0-7-review-mostafa.txt ("the base address might be broken")',
  },
  {
    id: 'fmt-2lvl-warn-on-8-bit-sids',
    title: 'STRTAB_BASE_CFG.FMT = 2-level on hardware with 8 SID bits fires WARN_ON(!FEAT_2_LVL_STRTAB)',
    property: 'no-crash',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: { ...on(['v2', 'v3', 'v5', 'v6', 'v7'], `no-crash:warn@arm-smmu-v3.c:${TWO_LVL_WARN}`), ...on([...LATEST, ...KDUMP_TREES], `no-crash:warn@arm-smmu-v3-kdump.c:${TWO_LVL_WARN}`), ...on(['later-unknownrepo-kexec'], `no-crash:warn@arm-smmu-v3-kexec.c:${TWO_LVL_WARN}`) },
    messageHas: {
      ...on(['v2', 'v3', 'v5'], 'WARN_ON(!(smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB))'),
      ...on(['v6', 'v7', 'latest', 'latest-span-caller'], ...['WARN_ON(!(smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB))', 'during probe']),
    },
    why: 'The probe clears ARM_SMMU_FEAT_2_LVL_STRTAB when sid_bits <= STRTAB_SPLIT even on 2-level-capable hardware, so "both kernels run on the same hardware" does not make this impossible: a corrupted register (or a crashed kernel that chose 2-level here) triggers a WARN in the kdump kernel — fatal with panic_on_warn. A dev_err + fallback would do. Nicolin\'s fix to v1 1/4 turned v1\'s forcing of the feature bit into this WARN_ON + -EINVAL; v1 has no WARN (it forces the bit, a different problem).',
    thread: 'v1-1-4-reply-nicolin-fmt-fix.txt (the WARN_ON introduced for v2: "impossible for kdump kernel to see the support for linear stream table only")',
  },
  // --- latest only (the ASID/VMID reservation scan of the later code) -----------------------
  {
    id: 'id-scan-maps-every-l2',
    title: 'every L2 table the L1 table points at is memremapped (16 KiB each) at adoption, before any insert: v1-v3 adopt eagerly, the later code scans for ASIDs/VMIDs',
    property: 'no-over-allocation',
    scenario: S.adoptionWithoutInserts,
    fails: { ...on(['v1', 'v2', 'v3'], EAGER_L2), ...on(LATEST, 'no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids'), ...on(KDUMP_TREES, 'no-over-allocation:memremap@arm_smmu_kdump_resv_ids') },
    messageHas: {
      ...on(['v1', 'v2', 'v3'], 'devm_memremap of 16 KiB (PA 0x140000000)', 'would allocate 4 KiB'),
      ...on(['latest', 'latest-span-caller'], ...['memremap of 16 KiB (PA 0x140000000)', 'would allocate 4 KiB', 'no L2 table (nothing inserted)']),
    },
    why: 'arm_smmu_kexec_scan_and_resv_ids() takes a transient 16 KiB view of each L2 table the L1 table points at during probe, whether or not a device on that bus is ever re-probed; the property counts transient mappings, and the lazy L2 adoption (v4) was there to bound exactly this. One at a time, so the peak is one L2 table. The same holds when devices are re-inserted later: an L2 table mainline allocates at an insert is no allowance for a mapping made before it. v1-v3 do the same for good: their eager adoption devm_memremaps each L2 table at probe and keeps it until unbind (36 KiB live with nothing re-inserted, where mainline needs 4 KiB); v4 deferred the L2 memremap to the insert, and the later scan brought the probe-time mappings back.',
    thread: 'v7-0-7-review-jason-vmid.txt / v7-0-7-reply-jason-scan-cds.txt (the scan was asked for); v4 changelog "Defer l2 stream table memremap till master inserts"',
  },
  {
    id: 'id-scan-maps-64mib-cd-table',
    title: 'an S1 STE with S1CDMAX = 20 and a linear CD table makes the scan memremap 2^20 CDs = 64 MiB',
    property: 'no-over-allocation',
    scenario: () => S.s1CdTableOfMaxSize(),
    ownAt: 1,
    fails: { ...on(['v1', 'v2', 'v3'], EAGER_L2), ...on(LATEST, 'no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids', 'no-over-allocation:memremap@arm_smmu_kexec_resv_s1_asids'), ...on(KDUMP_TREES, 'no-over-allocation:memremap@arm_smmu_kdump_resv_ids', 'no-over-allocation:memremap@arm_smmu_kdump_resv_s1_asids') },
    messageHas: on(['latest', 'latest-span-caller'], ...['memremap of 64 MiB (PA 0x180000000)', 'would allocate 4 KiB']),
    why: 'arm_smmu_kexec_resv_s1_asids() maps max_contexts = 1 << S1CDMAX CDs at once; S1CDMAX is bounded only by the SMMU\'s SSIDSIZE (20 here), so one STE (corrupted, or a PASID-capable device on hardware without 2-level CD tables) costs 64 MiB of transient mapping during probe in the crashkernel reservation. (v1-v3 fail the property on this scenario too, with their eager L2 mappings: see the row above.)',
    thread: 'v7-0-7-reply-jason-scan-cds.txt ("you do have to scan the CD tables and extract the ASIDs")',
  },
  {
    id: 'id-scan-reads-l1-into-hole',
    title: 'an L1 descriptor of a bus never re-probed pointing into a hole aborts the ID scan at probe',
    property: 'no-crash',
    scenario: S.l1DescriptorIntoHole,
    fails: { ...on(LATEST, 'no-crash:external-abort-hole@arm_smmu_kexec_scan_and_resv_ids'), ...on(KDUMP_TREES, 'no-crash:external-abort-hole@arm_smmu_kdump_resv_ids') },
    messageHas: on(['latest', 'latest-span-caller'], ...['physical address 0x200000000', 'memremap of 16 KiB (PA 0x200000000)']),
    why: 'v6/v7 touch an L2 table only when a device on its bus is inserted; the later scan reads every one at adoption, so one corrupted L1 descriptor anywhere in the table now takes the kdump kernel down in probe (the hole limitation, with a wider blast radius than the "bounded to that bus" the lazy L2 design promised).',
    thread: 'arm-smmu-v3-kdump.c header comment ("any lazy L2 adoption failure rejects that device alone, as its blast radius is bounded to the bus")',
  },
  // --- v1, v2, v3, v5 only ------------------------------------------------------------------
  {
    id: 'l1-devm-memremap-err-ptr-walked',
    title: 'a failed devm_memremap() of the L1 table is tested for NULL, and its ERR_PTR walked as the L1 table',
    property: 'no-crash',
    scenario: () => withFaults(intactTwoLevel(), { site: 'arm_smmu_adopt_strtab_2lvl:devm_memremap', nth: 1 }),
    fails: { ...on(['v1', 'v2'], 'no-crash:trap@arm_smmu_adopt_strtab_2lvl') },
    messageHas: { v1: ['trapped in arm_smmu_adopt_strtab_2lvl during probe'], v2: ['trapped in arm_smmu_adopt_strtab_2lvl during probe'] },
    why: 'devm_memremap() returns an ERR_PTR on failure, never NULL. v1/v2 check `if (!cfg->l2.l1tab) return -ENOMEM;` and then read L1 descriptors at ERR_PTR(-ENOMEM): an oops in the kdump kernel, the vmcore lost. The same happens when memremap() refuses a range that straddles the kdump kernel\'s own RAM (-ENXIO). v3 checks IS_ERR() and falls back.',
    thread: 'v3 changelog "Fix validations on return codes from devm_memremap()"',
  },
  {
    id: 'no-fallback-split',
    title: 'a STRTAB_BASE_CFG with SPLIT 0 is refused with -EINVAL and no fallback: probe fails with ARM_SMMU_OPT_KDUMP still set and no L1 table',
    property: 'adopted-state-consistent',
    scenario: () => withCorruption(intactTwoLevel(), reg('STRTAB_BASE_CFG', 0x10010n)),
    fails: { ...on(['v1', 'v2'], 'adopted-state-consistent:l1tab-null@after_init') },
    messageHas: { v1: ['STRTAB_BASE_CFG 0x10010 (FMT=2-level, SPLIT=0, LOG2SIZE=16)'], v2: ['STRTAB_BASE_CFG 0x10010 (FMT=2-level, SPLIT=0, LOG2SIZE=16)'] },
    why: 'v1/v2 have no fallback: arm_smmu_init_strtab() returns the adoption\'s -EINVAL, so the SMMU driver does not bind at all (every device behind it loses its IOMMU), and ARM_SMMU_OPT_KDUMP stays set over an empty strtab_cfg. v3 clears the option and falls back to the full reset.',
    thread: 'v3-1-5-adopt-strtab.txt: the fallback ("kdump: falling back to full reset") is new in v3 1/5; no changelog line names it',
  },
  {
    id: 'no-fallback-reserved-fmt',
    title: 'a reserved STRTAB_BASE_CFG.FMT (3) is refused with -EINVAL and no fallback',
    property: 'adopted-state-consistent',
    scenario: () => withCorruption(intactTwoLevel(), reg('STRTAB_BASE_CFG', 0x30010n)),
    fails: { ...on(['v1', 'v2'], 'adopted-state-consistent:fmt@STRTAB_BASE_CFG') },
    messageHas: { v1: ['FMT 3 is reserved'], v2: ['FMT 3 is reserved'] },
    why: 'As above: "kdump: invalid STRTAB format 3" fails the probe instead of falling back, with ARM_SMMU_OPT_KDUMP left set.',
  },
  {
    id: 'linear-log2size-32-wraps',
    title: 'a linear STRTAB_BASE_CFG with LOG2SIZE 32 is adopted with num_ents = 1U << 32 = 1 (no cap)',
    property: 'adopted-state-consistent',
    scenario: () => withCorruption(intactTwoLevel(8), reg('STRTAB_BASE_CFG', 0x20n)),
    fails: { ...on(['v1', 'v2'], 'adopted-state-consistent:num_ents@after_init') },
    messageHas: { v1: ['num_ents is 1'], v2: ['num_ents is 1'] },
    why: 'v1/v2 take LOG2SIZE from the register as is: 1U << 32 is 1 (undefined behaviour in C, 1 on arm64), so the SID range check and the table the SMMU walks disagree. v3 caps LOG2SIZE at min(sid_bits, 31).',
    thread: 'v3 changelog "Sanitize crashed kernel register values in adopt functions"',
  },
  {
    id: 'fallback-keeps-adoption-mappings',
    title: 'a fallback after a rejected L1 descriptor leaves the L1 devm_memremap (and the l2ptrs array) live until unbind',
    property: 'clean-fallback',
    scenario: () => withCorruption(intactTwoLevel(), { kind: 'test', target: 'l1', idx: 1, op: 'set', value: 0x1_4000_000cn }),
    fails: { ...on(['v3'], 'clean-fallback:leftover-devm_memremap@arm_smmu_adopt_strtab_2lvl') },
    messageHas: { v3: ['devm_memremap of 2 KiB (PA 0x100000000)'] },
    why: 'v3 falls back by clearing the option and memset()ing strtab_cfg: the devm mappings and allocations of the failed adoption stay until unbind, beside the fresh table the full reset allocates. v4 reverts them on fallback.',
    thread: 'v4 changelog "Revert alloc/memremap/fmt on fallback"',
  },
  {
    id: 'linear-reject-loses-2lvl-feature',
    title: 'a linear STRTAB_BASE_CFG on 2-level hardware clears ARM_SMMU_FEAT_2_LVL_STRTAB before it is validated; rejected, the fallback builds a linear table',
    property: 'clean-fallback',
    scenario: () => withCorruption(intactTwoLevel(), reg('STRTAB_BASE_CFG', 0x19n)),
    fails: { ...on(['v3'], 'clean-fallback:features@after_init') },
    messageHas: { v3: ['lost ARM_SMMU_FEAT_2_LVL_STRTAB'] },
    why: 'arm_smmu_adopt_strtab() clears the feature bit for any linear FMT, then arm_smmu_adopt_strtab_linear() refuses LOG2SIZE 25 > sid_bits 16; the full reset then runs without 2-level support. v4 clears the bit only after a successful linear adoption.',
    thread: 'v4 changelog "Defer clearing FEAT_2_LVL_STRTAB on linear adopt"',
  },
  {
    id: 'linear-log2size-25-cfg-on-2lvl-table',
    title: 'a linear STRTAB_BASE_CFG with LOG2SIZE 25 on 2-level hardware with 16-bit SIDs',
    property: 'no-over-allocation',
    scenario: () => withCorruption(intactTwoLevel(), reg('STRTAB_BASE_CFG', 0x19n)),
    fails: LINEAR_25_PINS,
    messageHas: {
      v1: ['devm_memremap of 2 GiB (PA 0x100000000)'],
      v2: ['devm_memremap of 2 GiB (PA 0x100000000)'],
      v3: ['dmam_alloc_coherent of 4 MiB'],
      v5: ['devm_memremap of 2 GiB (PA 0x100000000)'],
    },
    why: 'v1/v2 map whatever LOG2SIZE says (2 GiB). v3 refuses it (cap min(sid_bits, 31)) but, having lost the 2-level feature (above), its fallback allocates a 4 MiB linear table. v4/v5 cap a linear table on 2-level hardware at ilog2(STRTAB_MAX_L1_ENTRIES * STRTAB_NUM_L2_STES) = 25 and map 2 GiB again, as v6/v7 do (with memremap). latest caps at min(sid_bits, 25).',
    thread: 'v4 changelog "Cap linear log2size by kdump\'s allocation bound"',
  },
  {
    id: 'fmt-2lvl-warn-skips-fallback',
    title: 'FMT = 2-level on hardware without 2-level support: the WARN_ON returns before the fallback clears ARM_SMMU_OPT_KDUMP_ADOPT',
    property: 'clean-fallback',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: { ...on(['v3'], 'clean-fallback:option-kdump-adopt@after_init') },
    messageHas: { v3: ['ARM_SMMU_OPT_KDUMP_ADOPT (options 0x20)'] },
    why: 'v3\'s arm_smmu_adopt_strtab() does `if (WARN_ON(...)) return -EINVAL;` above its `if (ret) { ... options &= ~ARM_SMMU_OPT_KDUMP_ADOPT; memset(...) }`. arm_smmu_init_strtab() then builds a fresh table, but with the option still set arm_smmu_device_reset() keeps SMMUEN and never programs STRTAB_BASE: the SMMU walks the crashed kernel\'s table while the driver fills its own. v5 sets ret instead of returning.',
  },
  {
    id: 'fmt-2lvl-warn-table-never-programmed',
    title: 'the same: the fresh table is never written to STRTAB_BASE',
    property: 'hardware-untouched-while-adopted',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: { ...on(['v3'], 'hardware-untouched-while-adopted:no-reset-STRTAB_BASE@fallback') },
    messageHas: { v3: ['probe never wrote STRTAB_BASE'] },
    why: 'Consequence of the option left set: the reset takes the kdump branch.',
  },
  {
    id: 'fmt-2lvl-warn-no-fallback',
    title: 'FMT = 2-level on hardware without 2-level support: -EINVAL and no fallback, ARM_SMMU_OPT_KDUMP left set without the 2-level feature',
    property: 'adopted-state-consistent',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: { ...on(['v2'], 'adopted-state-consistent:feat-2-lvl-strtab@after_init') },
    messageHas: { v2: ['FMT=2-level, SPLIT=8, LOG2SIZE=8'] },
    why: 'v2 replaced v1\'s forcing of ARM_SMMU_FEAT_2_LVL_STRTAB with WARN_ON + -EINVAL (Nicolin\'s fix to v1) but has no fallback yet: probe fails with the option set. v1 forces the bit and adopts.',
    thread: 'v1-1-4-reply-nicolin-fmt-fix.txt',
  },
  // --- 2/x: ops->is_attach_deferred() ----------------------------------------------------------
  {
    id: 'attach-deferred-for-abort-ste',
    title: 'is_attach_deferred() defers the default-domain attach of a device whose adopted STE is V=1, Cfg=ABORT',
    property: 'attach-deferred-for-live-ste',
    scenario: S.abortSteDeviceInserted,
    fails: { ...on(['v1', 'v2'], 'attach-deferred-for-live-ste:deferred-abort-ste@arm_smmu_is_attach_deferred') },
    messageHas: on(['v1', 'v2'], ...['SID 0x102 is deferred', 'V=1, Cfg=ABORT']),
    why: 'v1/v2 2/x test STE.V only: a device whose STE aborts every transaction (no DMA of the crashed kernel flows through it) is left without its default domain until its driver asks.',
    thread: 'v3-0-5-cover.txt changelog "Add STE.Cfg check in arm_smmu_is_attach_deferred()"',
  },
  {
    id: 'attach-deferred-reads-l2-in-hole',
    title: "is_attach_deferred() is the first read of an inserted bus's adopted L2 table, which lies in a physical hole",
    property: 'attach-deferred-for-live-ste',
    scenario: S.insertedBusL2InHole,
    fails: { ...on(['v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'later-unknownrepo-kexec'], 'attach-deferred-for-live-ste:external-abort@arm_smmu_is_attach_deferred') },
    messageHas: on(['v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'later-unknownrepo-kexec'], ...['SID 0x100', 'external abort on access to physical address 0x200000000']),
    // latest and the kdump.c trees scan the table at probe and abort there (a no-crash row), so
    // the call is never made: they pass this property on this scenario.
    why: 'The insert maps the L2 table named by the crashed L1 descriptor without reading it; is_attach_deferred(), called by the iommu core right after, reads the STE and takes an external abort: the kdump kernel dies and the vmcore is lost. Rests on the model that a read of a hole aborts. "Fixed in latest" is only for this scenario: latest\'s probe-time ID scan reads the hole first and aborts there (a no-crash row), and the corpus holds a latest counterexample (fuzz seed 42) that reaches this call after a DMA write rewrites the L1 descriptor.',
  },
  ...([['strtab-base', 'STRTAB_BASE', S.strtabBaseUnaligned], ['l2ptr', 'an L1 descriptor\'s L2Ptr', S.l2PtrUnaligned]] as const).map(([id, what, scenario]): CatalogEntry => ({
    id: `attach-not-deferred-unaligned-${id}`,
    title: `with ${what} unaligned, the driver reads a shifted STE (ABORT) where the SMMU walks the device's live one, and the default-domain attach goes ahead`,
    property: 'attach-deferred-for-live-ste',
    scenario,
    fails: { ...on(['v3', 'v5', 'v6', 'v7'], 'attach-deferred-for-live-ste:attached-over-live-ste@arm_smmu_is_attach_deferred') },
    messageHas: on(['v3', 'v5', 'v6', 'v7'], ...['SID 0x100 is not deferred', 'V=1, Cfg=S2_TRANS']),
    why: 'The SMMU aligns STRTAB_BASE and L2Ptr down; the driver adopts them as read, so its STE for the device is not the one DMA goes through. The iommu core then attaches the default domain, rewriting the STE under in-flight DMA: what 2/x exists to prevent. latest refuses unaligned tables.',
  })),
];

/**
 * The findings the properties make on the posted revisions, one entry each: the scenario, the
 * property and its exact signature on every revision that has it, the numbers its message must
 * carry, and the revisions that pass the same scenario for that property (a later fix, or code
 * that does not have the problem). test/findings/<revision>.test.ts runs the entries of its
 * revision; FINDINGS.md is the table a maintainer reads (a test keeps the two in step).
 *
 * Review threads are cited by file under ../shared/revisions/mails/ (Message-IDs there).
 */
import type { Scenario } from '../../harness/scenario/types';
import * as S from '../_support/findingScenarios';

export type Rev = 'v6' | 'v7' | 'latest' | 'latest-span-caller';

/**
 * A revision that is another with one inferred line of our glue changed (its PROVENANCE.md says
 * which): it shares every verdict of that revision, fail or pass, unless an entry names it in
 * `fails` or `passes`.
 */
export const VARIANT_OF: Partial<Record<Rev, Rev>> = { 'latest-span-caller': 'latest' };

export interface Finding {
  /** Stable id, also the first column of FINDINGS.md. */
  id: string;
  /** The case name, in kernel words. */
  title: string;
  property: string;
  scenario: () => Scenario;
  /** The revisions that fail, with their exact signature (it names a file or a line-free site). */
  fails: Partial<Record<Rev, string>>;
  /** Substrings the failure message must contain on every failing revision: the key numbers. */
  messageHas: string[];
  /** Revisions that pass this property on the same scenario. */
  passes: Rev[];
  /** Why it matters, in kernel terms; and where a reviewer raised it. */
  why: string;
  thread?: string;
}

const TWO_LVL_WARN = '!(smmu->features&ARM_SMMU_FEAT_2_LVL_STRTAB)';

export const FINDINGS: readonly Finding[] = [
  // --- v6 only -------------------------------------------------------------------------------
  ...(['zero', 'ones', 'garbage'] as const).map((policy): Finding => ({
    id: `cleanup-reads-cfg-after-rpm-put-${policy}`,
    title: `arm_smmu_kdump_adopt_cleanup() decides what to free from STRTAB_BASE_CFG read after runtime PM put (registers read '${policy}')`,
    property: 'no-leaked-mappings',
    scenario: () => S.unbindAfterPowerOff(policy),
    fails: { v6: 'no-leaked-mappings:leak@arm_smmu_kdump_adopt_strtab_2lvl' },
    messageHas: ['of 2048 bytes', `teardown policy '${policy}'`],
    passes: ['v7', 'latest'],
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
    fails: { v6: 'clean-fallback:features@after_init' },
    messageHas: ['lost ARM_SMMU_FEAT_2_LVL_STRTAB'],
    passes: ['v7', 'latest'],
    why: 'The linear adoption clears ARM_SMMU_FEAT_2_LVL_STRTAB on success; when devm_add_action_or_reset() then fails, v6 falls back without restoring it, so the full reset runs with the wrong format.',
    thread: "v6-1-7-review-praan.txt (linear on 2-level HW questioned); v7 changelog \"Restore FEAT_2_LVL_STRTAB if the cleanup action fails to register\"",
  },
  {
    id: 'linear-fallback-allocates-linear-table',
    title: 'the same fallback then allocates a linear table of 2^sid_bits STEs where mainline allocates a 2-level one',
    property: 'no-over-allocation',
    scenario: S.linearAdoptionCleanupActionFails,
    fails: { v6: 'no-over-allocation:dmam_alloc_coherent@arm_smmu_init_strtab_linear' },
    messageHas: ['dmam_alloc_coherent of 4 MiB', 'would allocate 4 KiB'],
    passes: ['v7', 'latest'],
    why: 'Consequence of the lost feature bit: arm_smmu_init_strtab_linear() allocates 2^16 x 64 bytes = 4 MiB in the crashkernel reservation during probe, where arm_smmu_init_strtab_2lvl() needs 4 KiB then (and 16 KiB more per bus as devices are inserted).',
    thread: 'as above',
  },
  // --- v6 and v7 -----------------------------------------------------------------------------
  {
    id: 'linear-log2size-25-on-2lvl-hw',
    title: 'a linear STRTAB_BASE_CFG with LOG2SIZE 25 on 2-level hardware with 16-bit SIDs is memremapped whole (2 GiB)',
    property: 'no-over-allocation',
    scenario: () => S.linearLog2size25(),
    fails: {
      v6: 'no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_linear',
      v7: 'no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_linear',
    },
    messageHas: ['memremap of 2 GiB (PA 0x100000000)', 'LOG2SIZE=25', '4 MiB'],
    passes: ['latest'],
    why: 'On 2-level hardware v6/v7 cap a linear LOG2SIZE at ilog2(STRTAB_MAX_L1_ENTRIES * STRTAB_NUM_L2_STES) = 25, independent of sid_bits: a foreign or corrupted linear table maps 2^25 x 64 bytes = 2 GiB. The later kexec.c caps at min(sid_bits, 25).',
    thread: 'v4 changelog "Cap linear log2size by kdump\'s allocation bound"; v6-1-7-review-praan.txt (the 2-level cap branch questioned); v6-1-7-reply-nicolin.txt (defensive check kept)',
  },
  {
    id: 'null-l2ptr-span-after-adoption',
    title: 'an L1 descriptor rewritten after adoption to SPAN 10 with a NULL L2Ptr gets a fresh L2 and is overwritten',
    property: 'lazy-l2-span-change-rejected',
    scenario: S.nullL2PtrSpanAfterAdoption,
    fails: {
      v6: 'lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab',
      v7: 'lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab',
      latest: 'lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab',
    },
    messageHas: ['L1[48] = L1 descriptor 0xa (SPAN=10, L2Ptr=0x0)', 'dmam_alloc_coherent of 16 KiB'],
    passes: ['latest-span-caller'],
    why: 'arm_smmu_init_l2_strtab() as v6/v7 1/7 post it (and as latest is wired) defers to the adopt function only for `span && base`; a changed descriptor with a NULL L2Ptr falls through to the fresh-L2 path, which rewrites the live descriptor under in-flight DMA. The later kdump.c re-tests the SPAN and rejects a NULL base itself, but only a caller that hands it such a descriptor (`if (span)`: latest-span-caller, inferred, the later arm-smmu-v3.c is not available) reaches those tests; then the insert is refused (-EINVAL, "span 10 changed since adopt").',
  },
  {
    id: 'unaligned-strtab-base-adopted',
    title: 'an unaligned STRTAB_BASE is adopted as read: software edits a table the SMMU does not walk',
    property: 'adopted-state-consistent',
    scenario: S.strtabBaseUnaligned,
    fails: {
      v6: 'adopted-state-consistent:base-unaligned@after_init',
      v7: 'adopted-state-consistent:base-unaligned@after_init',
    },
    messageHas: ['PA 0x100000040', 'walks the table at PA 0x100000000'],
    passes: ['latest'],
    why: 'The SMMU aligns STRTAB_BASE.ADDR down to the table size; v6/v7 memremap the address as read, so the L1 descriptors they check, and the lazy inserts they serve, are eight entries off the ones the hardware translates with. The later kexec.c refuses a base not aligned to the table size.',
  },
  {
    id: 'unaligned-l2ptr-adopted',
    title: 'an L1 descriptor whose L2Ptr reads 64 bytes past its L2 table is adopted as read: software edits an L2 table the SMMU does not walk',
    property: 'adopted-state-consistent',
    scenario: S.l2PtrUnaligned,
    fails: {
      v6: 'adopted-state-consistent:l2ptr-unaligned@arm_smmu_kdump_adopt_l2_strtab',
      v7: 'adopted-state-consistent:l2ptr-unaligned@arm_smmu_kdump_adopt_l2_strtab',
    },
    messageHas: ['at PA 0x140000040', 'walks the table at PA 0x140000000'],
    passes: ['latest'],
    why: 'The SMMU treats the L2Ptr bits below the L2 array size as zero (SMMUv3 5.1, L1STD.L2Ptr); v6/v7 devm_memremap the L2Ptr as read at the first insert of the bus, so the STEs they read and write for it are one STE off the ones the hardware translates with. The other half of the unaligned-base bug. The later kexec.c refuses an L2 base not aligned to the table ("bad l2 table base") and falls back.',
  },
  {
    id: 'unaligned-l2ptr-not-walked',
    title: 'the same insert reports success with its l2ptrs slot on a window that is not the L2 table the SMMU walks',
    property: 'inserted-bus-usable',
    scenario: S.l2PtrUnaligned,
    fails: {
      v6: 'inserted-bus-usable:slot-not-walked-table@arm_smmu_kdump_adopt_l2_strtab',
      v7: 'inserted-bus-usable:slot-not-walked-table@arm_smmu_kdump_adopt_l2_strtab',
    },
    messageHas: ['L2 table at PA 0x140000040', 'the SMMU walks the L2 table at PA 0x140000000 (L2Ptr 0x140000040'],
    passes: ['latest'],
    why: 'The insert returns 0 and the device is attached through an STE the SMMU never reads; the STE the SMMU does use for that SID is the crashed kernel\'s (or the neighbour\'s), whatever the kdump kernel writes.',
  },
  {
    id: 'unaligned-strtab-base-straddles-own-ram',
    title: 'an unaligned STRTAB_BASE 1 KiB below the crashkernel reservation makes memremap() WARN on a mixed range',
    property: 'no-crash',
    scenario: S.strtabBaseStraddlingOwnRam,
    fails: {
      v6: 'no-crash:warn@iomem.c:memremapattemptedonmixedrange',
      v7: 'no-crash:warn@iomem.c:memremapattemptedonmixedrange',
    },
    messageHas: ['WARN_ON(memremap attempted on mixed range)'],
    passes: ['latest'],
    why: 'v6/v7 map [STRTAB_BASE, +2 KiB) as read, without the alignment the hardware applies; here the range straddles the kdump kernel\'s System RAM and memremap() WARNs (a splat; fatal with panic_on_warn). The later kexec.c refuses a base not aligned to the table size.',
  },
  // --- every revision ------------------------------------------------------------------------
  {
    id: 'linear-table-over-own-ram-warns',
    title: 'an aligned linear STRTAB_BASE at the start of the crashkernel reservation makes memremap() WARN on a mixed range',
    property: 'no-crash',
    scenario: S.linearAlignedOverOwnRam,
    fails: {
      v6: 'no-crash:warn@iomem.c:memremapattemptedonmixedrange',
      v7: 'no-crash:warn@iomem.c:memremapattemptedonmixedrange',
      latest: 'no-crash:warn@iomem.c:memremapattemptedonmixedrange',
    },
    messageHas: ['WARN_ON(memremap attempted on mixed range)'],
    passes: [],
    why: 'A linear LOG2SIZE within every cap (2^23 STEs = 512 MiB for 23-bit SIDs) and a base aligned to it pass all the structural checks, yet [base, +512 MiB) runs from the kdump kernel\'s System RAM into the crashed kernel\'s: memremap() WARNs on the mixed range (fatal with panic_on_warn) before failing. The alignment check of the later code does not help: the range is aligned. Found by the fuzzer (seed 777).',
  },
  {
    id: 'l1-dma-unset',
    title: 'an adopted 2-level table leaves strtab_cfg.l2.l1_dma unset (0)',
    property: 'adopted-state-consistent',
    scenario: S.intactAdoption,
    fails: {
      v6: 'adopted-state-consistent:l1_dma@after_init',
      v7: 'adopted-state-consistent:l1_dma@after_init',
      latest: 'adopted-state-consistent:l1_dma@after_init',
    },
    messageHas: ['strtab_cfg.l2.l1_dma is 0x0', 'STRTAB_BASE.ADDR 0x100000000'],
    passes: [],
    why: 'arm_smmu_write_strtab() programs STRTAB_BASE from l1_dma; adoption bypasses it today, so nothing reads the 0 now, but any later caller (a reset path, resume) would point the SMMU at PA 0.',
    thread: 'v6-1-7-review-praan.txt ("we should populate cfg->l2.l1_dma here to be consistent"; "ticking time bomb"), v6-1-7-reply-nicolin.txt ("deliberately since it\'s not used anywhere in kdump adopt mode")',
  },
  {
    id: 'ste-dma-unset',
    title: 'an adopted linear table leaves strtab_cfg.linear.ste_dma unset (0)',
    property: 'adopted-state-consistent',
    scenario: () => S.linearOnTwoLevelHardware(10),
    fails: {
      v6: 'adopted-state-consistent:ste_dma@after_init',
      v7: 'adopted-state-consistent:ste_dma@after_init',
      latest: 'adopted-state-consistent:ste_dma@after_init',
    },
    messageHas: ['strtab_cfg.linear.ste_dma is 0x0', 'LOG2SIZE=10'],
    passes: [],
    why: 'The linear twin of l1_dma.',
    thread: 'v6-1-7-review-praan.txt ("We seem to skips initializing cfg->linear.ste_dma"), v6-1-7-reply-nicolin.txt ("I can\'t think of a reason...")',
  },
  {
    id: 'strtab-in-own-ram-span0-insert',
    title: "STRTAB_BASE in the kdump kernel's own RAM: the first insert writes an L1 descriptor into it",
    property: 'kdump-memory-untouched',
    scenario: S.strtabInOwnRam,
    fails: {
      v6: 'kdump-memory-untouched:write-kdump-ram@arm_smmu_init_l2_strtab',
      v7: 'kdump-memory-untouched:write-kdump-ram@arm_smmu_init_l2_strtab',
      latest: 'kdump-memory-untouched:write-kdump-ram@arm_smmu_init_l2_strtab',
    },
    messageHas: ['write of 8 bytes at pa 0x88000008', 'memremap-ram of 0x88000000 (2048 bytes'],
    passes: [],
    why: "memremap() of the crashkernel reservation returns a direct-map pointer; the L1 descriptors there read SPAN 0, so arm_smmu_init_l2_strtab() allocates a fresh L2 and stores its descriptor into the kdump kernel's own memory (heap, page tables, its own image).",
    thread: "v3 added arm_smmu_kdump_phys_is_corrupted() (region_intersects() against System RAM/MMIO); v5-1-6-review-jason.txt (\"this is some core kdump code. I'd drop it\"); dropped in v6 (v6 changelog)",
  },
  {
    id: 'strtab-base-in-hole',
    title: 'STRTAB_BASE in a physical hole: the L1 table read takes an external abort',
    property: 'no-crash',
    scenario: S.strtabBaseInHole,
    fails: {
      v6: 'no-crash:external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl',
      v7: 'no-crash:external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl',
      latest: 'no-crash:external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl',
    },
    messageHas: ['physical address 0x200000000', 'a physical hole between RAM banks', 'memremap of 2 KiB (PA 0x200000000)', 'the known limitation'],
    passes: [],
    why: 'The known limitation: memremap() maps a hole without complaint and the first read aborts; the kdump kernel dies in probe and the vmcore is lost.',
    thread: 'v5-1-6-review-jason.txt (quoting v5: "physical holes are absent from iomem_resource ... left as a future improvement"); v7-0-7-review-mostafa.txt ("the base address might be broken")',
  },
  {
    id: 'strtab-base-zero',
    title: 'a zeroed STRTAB_BASE (ADDR 0) is not refused: the L1 table is read at PA 0',
    property: 'no-crash',
    scenario: S.strtabBaseZero,
    fails: {
      v6: 'no-crash:external-abort-below-ram@arm_smmu_kdump_adopt_strtab_2lvl',
      v7: 'no-crash:external-abort-below-ram@arm_smmu_kdump_adopt_strtab_2lvl',
      latest: 'no-crash:external-abort-below-ram@arm_smmu_kdump_adopt_strtab_2lvl',
    },
    messageHas: ['physical address 0x0', 'below the first RAM bank', 'memremap of 2 KiB (PA 0x0)', 'NOT the known hole limitation'],
    passes: [],
    why: 'Unlike L1 descriptors ("A valid descriptor never carries a null pointer"), STRTAB_BASE.ADDR is never checked for 0; the most likely corruption of a register (zeroed) sends the adoption to PA 0 (MMIO/firmware, no RAM) and aborts.',
    thread: 'v7-0-7-review-mostafa.txt ("the base address might be broken")',
  },
  {
    id: 'fmt-2lvl-warn-on-8-bit-sids',
    title: 'STRTAB_BASE_CFG.FMT = 2-level on hardware with 8 SID bits fires WARN_ON(!FEAT_2_LVL_STRTAB)',
    property: 'no-crash',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: {
      v6: `no-crash:warn@arm-smmu-v3.c:${TWO_LVL_WARN}`,
      v7: `no-crash:warn@arm-smmu-v3.c:${TWO_LVL_WARN}`,
      latest: `no-crash:warn@arm-smmu-v3-kdump.c:${TWO_LVL_WARN}`,
    },
    messageHas: ['WARN_ON(!(smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB))', 'during probe'],
    passes: [],
    why: 'The probe clears ARM_SMMU_FEAT_2_LVL_STRTAB when sid_bits <= STRTAB_SPLIT even on 2-level-capable hardware, so "both kernels run on the same hardware" does not make this impossible: a corrupted register (or a crashed kernel that chose 2-level here) triggers a WARN in the kdump kernel — fatal with panic_on_warn. A dev_err + fallback would do.',
    thread: 'v1-1-4-reply-nicolin-fmt-fix.txt (the WARN_ON introduced for v2: "impossible for kdump kernel to see the support for linear stream table only")',
  },
  // --- latest only (the ASID/VMID reservation scan of the later code) -----------------------
  {
    id: 'id-scan-maps-every-l2',
    title: 'the ASID/VMID reservation scan memremaps every L2 table (16 KiB each) at adoption, before any insert',
    property: 'no-over-allocation',
    scenario: S.adoptionWithoutInserts,
    fails: { latest: 'no-over-allocation:memremap@arm_smmu_kexec_scan_and_resv_ids' },
    messageHas: ['memremap of 16 KiB (PA 0x140000000)', 'would allocate 4 KiB', 'no L2 table (nothing inserted)'],
    passes: ['v6', 'v7'],
    why: 'arm_smmu_kexec_scan_and_resv_ids() takes a transient 16 KiB view of each L2 table the L1 table points at during probe, whether or not a device on that bus is ever re-probed; the property counts transient mappings, and the lazy L2 adoption (v4) was there to bound exactly this. One at a time, so the peak is one L2 table. The same holds when devices are re-inserted later: an L2 table mainline allocates at an insert is no allowance for a mapping made before it.',
    thread: 'v7-0-7-review-jason-vmid.txt / v7-0-7-reply-jason-scan-cds.txt (the scan was asked for); v4 changelog "defer L2 memremap to master insert"',
  },
  {
    id: 'id-scan-maps-64mib-cd-table',
    title: 'an S1 STE with S1CDMAX = 20 and a linear CD table makes the scan memremap 2^20 CDs = 64 MiB',
    property: 'no-over-allocation',
    scenario: () => S.s1CdTableOfMaxSize(),
    fails: { latest: 'no-over-allocation:memremap@arm_smmu_kexec_resv_s1_asids' },
    messageHas: ['memremap of 64 MiB (PA 0x180000000)', 'would allocate 4 KiB'],
    passes: ['v6', 'v7'],
    why: 'arm_smmu_kexec_resv_s1_asids() maps max_contexts = 1 << S1CDMAX CDs at once; S1CDMAX is bounded only by the SMMU\'s SSIDSIZE (20 here), so one STE (corrupted, or a PASID-capable device on hardware without 2-level CD tables) costs 64 MiB of transient mapping during probe in the crashkernel reservation.',
    thread: 'v7-0-7-reply-jason-scan-cds.txt ("you do have to scan the CD tables and extract the ASIDs")',
  },
  {
    id: 'id-scan-reads-l1-into-hole',
    title: 'an L1 descriptor of a bus never re-probed pointing into a hole aborts the ID scan at probe',
    property: 'no-crash',
    scenario: S.l1DescriptorIntoHole,
    fails: { latest: 'no-crash:external-abort-hole@arm_smmu_kexec_scan_and_resv_ids' },
    messageHas: ['physical address 0x200000000', 'memremap of 16 KiB (PA 0x200000000)'],
    passes: ['v6', 'v7'],
    why: 'v6/v7 touch an L2 table only when a device on its bus is inserted; the later scan reads every one at adoption, so one corrupted L1 descriptor anywhere in the table now takes the kdump kernel down in probe (the hole limitation, with a wider blast radius than the "bounded to that bus" the lazy L2 design promised).',
    thread: 'arm-smmu-v3-kdump.c header comment ("any lazy L2 adoption failure rejects that device alone, as its blast radius is bounded to the bus")',
  },
];

/** The signature `rev` fails `f` with, or undefined when it passes (a variant: as its base unless named). */
export function failsWith(f: Finding, rev: Rev): string | undefined {
  const own = f.fails[rev];
  if (own !== undefined) return own;
  const base = VARIANT_OF[rev];
  return base === undefined || f.passes.includes(rev) ? undefined : failsWith(f, base);
}

/** The revisions that pass `f`'s scenario for its property: `passes`, and the variants of those. */
export function passesOf(f: Finding): Rev[] {
  const variants = (Object.keys(VARIANT_OF) as Rev[]).filter(
    (v) => !f.passes.includes(v) && f.fails[v] === undefined && f.passes.includes(VARIANT_OF[v]!),
  );
  return [...f.passes, ...variants];
}

export function findingsOf(rev: Rev): Finding[] {
  return FINDINGS.filter((f) => failsWith(f, rev) !== undefined);
}

/** Findings a later revision passes, to be asserted from the failing revision's file. */
export function fixedAfter(rev: Rev): Finding[] {
  const order: Rev[] = ['v6', 'v7', 'latest', 'latest-span-caller'];
  return findingsOf(rev).filter((f) => passesOf(f).some((p) => order.indexOf(p) > order.indexOf(rev)));
}

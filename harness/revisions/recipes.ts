/**
 * What each revision under test is made of. assemble.ts follows these
 * recipes mechanically; revisions.json lists them in this order.
 */

export interface MailStep {
  /** File name under ../shared/revisions/mails/. */
  mail: string;
  /**
   * An optional mail is applied only when all of its hunks apply to the
   * base as it is by then (its other hunks touch functions the excerpts do
   * not carry); otherwise it is skipped and the provenance says why.
   */
  optional?: boolean;
  /**
   * Only these hunks of the mail are applied (1-based, as the mail numbers them), each whole and
   * as posted; the mail's other hunks are not carried, for the reason `why` (said in PROVENANCE.md,
   * revisions.json `not_carried`, --list and the fuzz header). For a mail whose function the
   * excerpts can take but whose other hunks touch code they do not carry.
   */
  hunks?: { carry: number[]; why: string };
}

export interface TranslationUnit {
  /** File under ../shared/revisions/, copied verbatim. */
  from: string;
  /** Name in the revision's directory (the name it has in the kernel tree). */
  as: string;
}

export interface RevisionRecipe {
  name: string;
  description: string;
  /** Patches of ours (repository-relative) bringing the base to the tree the series was posted against. */
  baseCompat?: string[];
  /** Applied in this order (series order) to the mainline base. */
  mails: MailStep[];
  /** Patches of ours (relative to harness/revisions/, or absolute), applied after the mails, in order. */
  wiring?: string | readonly string[];
  /** Later code compiled as translation units of its own. */
  units?: TranslationUnit[];
  /** Paragraphs for PROVENANCE.md: what a reviewer must know about this recipe. */
  notes?: string[];
  /**
   * Set when the material does not tell where this revision stands in the series (why, in
   * words): the fix history shows it beside the chain, never as a successor of anything.
   */
  orderUnknown?: string;
  /** Posted mails of the series this recipe does not apply at all, each `<mail>: <why>`. */
  leftOut?: string[];
}

/**
 * A revision built exactly as another recipe (base compat, mails, wiring, units), then one more
 * patch of ours on top. For a line of our glue that decides a verdict and is not posted: the
 * alternative is carried as a revision of its own, named, instead of chosen silently.
 */
export interface VariantRecipe {
  name: string;
  description: string;
  /** The recipe it is built as. */
  variantOf: string;
  /** A patch of ours (relative to harness/revisions/), applied after the base recipe's wiring. */
  wiring: string;
  /** Paragraphs for PROVENANCE.md (the base recipe's are not repeated: say what is posted, what inferred). */
  notes: string[];
}

export type Recipe = RevisionRecipe | VariantRecipe;

/** The extracted functions every revision must contain, whole. */
export const REQUIRED_FUNCTIONS: readonly string[] = [
  'arm_smmu_write_strtab_l1_desc',
  'arm_smmu_make_abort_ste',
  'arm_smmu_make_bypass_ste',
  'arm_smmu_init_initial_stes',
  'arm_smmu_init_l2_strtab',
  'arm_smmu_init_strtab_2lvl',
  'arm_smmu_init_strtab_linear',
  'arm_smmu_init_strtab',
  'arm_smmu_init_structures',
  'arm_smmu_write_reg_sync',
  'arm_smmu_update_gbpa',
  'arm_smmu_setup_irqs',
  'arm_smmu_device_disable',
  'arm_smmu_disable_action',
  'arm_smmu_write_strtab',
  'arm_smmu_device_reset',
  'arm_smmu_device_hw_probe',
  'arm_smmu_rmr_install_bypass_ste',
  'arm_smmu_sid_in_range',
  'arm_smmu_init_sid_strtab',
  'arm_smmu_get_step_for_sid',
  'arm_smmu_destroy_vmid_map',
  'arm_smmu_device_remove',
];

/** Functions a revision adds that are extracted too when present. */
export function isAddedFunctionOfInterest(name: string): boolean {
  return (
    name.startsWith('arm_smmu_kdump_adopt_') ||
    name.startsWith('arm_smmu_adopt_') ||
    name === 'arm_smmu_kdump_phys_is_corrupted' ||
    name === 'arm_smmu_device_hw_probe_kdump' ||
    name === 'arm_smmu_is_attach_deferred'
  );
}

/** v7 was posted against v7.2-rc1, whose arm_smmu_device_reset() differs from v6.18.y's. */
const V7_2_COMPAT = 'harness/revisions/sources/v7.2-device-reset-compat.patch';

/**
 * The #include block v3 1/5 and v5 1/6 patch (they add <linux/dma-direct.h>); the excerpts start
 * after the file's head.
 */
const INCLUDES_COMPAT = 'harness/revisions/sources/v6.18-includes-compat.patch';

/** v1 and v2 were posted against v7.0/v7.1-rc, where hw_probe's last dev_info() no longer prints ias. */
const V7_0_DEV_INFO_COMPAT = 'harness/revisions/sources/v7.0-hw-probe-dev-info-compat.patch';

/*
 * v4 is not a revision here: its 1/5 mail (the adoption code) was not posted in the material
 * (../shared/revisions/INDEX.md, "Could NOT find"); only its cover letter, 2/5..5/5 and replies are.
 */

/**
 * Why 2/x's second hunk (`.is_attach_deferred = arm_smmu_is_attach_deferred,` in arm_smmu_ops) is
 * not carried, and what stands in for it.
 */
export const OPS_HUNK_NOT_CARRIED =
  'arm_smmu_ops and the iommu core behind it are not in the excerpts. arm_smmu_is_attach_deferred() of hunk #1 IS ' +
  'compiled as posted and called as the iommu core calls ops->is_attach_deferred(dev): once per device, right ' +
  'after its probe_device() (here arm_smmu_init_sid_strtab()) succeeded (harness/shim/driver_entry.c ' +
  'kshim_is_attach_deferred). That call site, iommu_init_device() in drivers/iommu/iommu.c, is not in the ' +
  'material: INFERRED from public copies of iommu.c.';

/** PROVENANCE paragraph of every revision that carries a 2/x mail. */
/** v6 and v7 post the same 3/7: what of it is carried, and why the rest is not. */
const NO_EVTQ_PRIQ_IRQS_CARRIED =
  '3/7 (no EVTQ/PRIQ interrupts) is carried in part: its arm_smmu_setup_irqs() hunks (#4, #5: in a kdump ' +
  'kernel no IRQ_CTRL_EVTQ_IRQEN / _PRIQ_IRQEN, and the combined IRQ requested without its thread), as ' +
  'posted. Its hunks #1-#3 are not: arm_smmu_combined_irq_handler() and arm_smmu_setup_unique_irqs() are not ' +
  'in the excerpts (the shim stubs arm_smmu_setup_unique_irqs(); no interrupt is simulated). Read from the ' +
  'patch text, no hunk of 3/7 touches the stream table, its registers or strtab_cfg.';

const ATTACH_DEFERRED_CARRIED =
  'The is_attach_deferred() mail (2/x) is carried in part: hunk #1, the function arm_smmu_is_attach_deferred(), ' +
  'as posted (extracted like the other functions); hunk #2, its line in arm_smmu_ops, is not: ' +
  OPS_HUNK_NOT_CARRIED +
  ' The scenario records, per inserted SID, what the function returned (or the fault it hit); the property ' +
  'attach-deferred-for-live-ste judges it against the STE the SMMU walks for that SID.';

/**
 * Why the hunks of 3/x (v5 3/6, v6/v7 3/7) outside arm_smmu_setup_irqs() are not carried, by the
 * function each touches. Read from the patch text: none of them touches the stream table, its
 * registers (STRTAB_BASE/_CFG, CR0.SMMUEN), strtab_cfg or an STE; they decide which EVTQ/PRIQ
 * interrupts are requested and enabled, so they do not change the adoption state.
 */
const EVTQ_PRIQ_HANDLERS_NOT_CARRIED =
  'the EVTQ/PRIQ interrupt code (arm_smmu_evtq_thread(), arm_smmu_priq_thread(), ' +
  'arm_smmu_combined_irq_handler(), arm_smmu_setup_unique_irqs()) is not in the excerpts: the shim stubs ' +
  'arm_smmu_setup_unique_irqs() and only references the handlers (no interrupt is simulated). The patch\'s ' +
  'arm_smmu_setup_irqs() hunks ARE carried. Read from the patch text, none of its hunks touches the stream ' +
  'table, STRTAB_BASE/_CFG, CR0.SMMUEN, strtab_cfg or an STE: it does not change the adoption state.';

/** A 3/x mail: its arm_smmu_setup_irqs() hunks (IRQ_CTRL flags, combined IRQ request) carried, the rest not. */
function evtqPriqIrqsMail(mail: string, setupIrqsHunks: number[]): MailStep {
  return { mail, hunks: { carry: setupIrqsHunks, why: EVTQ_PRIQ_HANDLERS_NOT_CARRIED } };
}

/** A 2/x mail (is_attach_deferred): its function carried as posted, its arm_smmu_ops hunk not. */
function attachDeferredMail(mail: string): MailStep {
  return { mail, hunks: { carry: [1], why: OPS_HUNK_NOT_CARRIED } };
}

const v1Mails: MailStep[] = [
  { mail: 'v1-1-4-adopt-strtab.txt' },
  attachDeferredMail('v1-2-4-is-attach-deferred.txt'),
  { mail: 'v1-3-4-retain-smmuen-reset.txt' },
  { mail: 'v1-4-4-detect-opt-probe.txt' },
];

const v2Mails: MailStep[] = [
  { mail: 'v2-1-5-adopt-strtab.txt' },
  attachDeferredMail('v2-2-5-is-attach-deferred.txt'),
  { mail: 'v2-3-5-retain-smmuen-reset.txt' },
  { mail: 'v2-4-5-skip-evtq-priq-setup.txt', optional: true },
  { mail: 'v2-5-5-detect-opt-probe.txt' },
];

const v3Mails: MailStep[] = [
  { mail: 'v3-1-5-adopt-strtab.txt' },
  attachDeferredMail('v3-2-5-is-attach-deferred.txt'),
  { mail: 'v3-3-5-retain-smmuen-reset.txt' },
  { mail: 'v3-4-5-skip-evtq-priq-setup.txt', optional: true },
  { mail: 'v3-5-5-detect-opt-probe.txt' },
];

const v5Mails: MailStep[] = [
  { mail: 'v5-1-6-adopt-strtab.txt' },
  attachDeferredMail('v5-2-6-is-attach-deferred.txt'),
  evtqPriqIrqsMail('v5-3-6-suppress-evtq-priq-events.txt', [3, 4]),
  { mail: 'v5-4-6-skip-evtq-priq-setup.txt', optional: true },
  { mail: 'v5-5-6-retain-smmuen-reset.txt' },
  { mail: 'v5-6-6-detect-opt-probe.txt' },
];

const v6Mails: MailStep[] = [
  { mail: 'v6-1-7-adopt-strtab.txt' },
  attachDeferredMail('v6-2-7-is-attach-deferred.txt'),
  evtqPriqIrqsMail('v6-3-7-no-evtq-priq-irqs.txt', [4, 5]),
  { mail: 'v6-4-7-skip-evtq-priq-setup.txt', optional: true },
  { mail: 'v6-5-7-retain-smmuen-reset.txt' },
  { mail: 'v6-6-7-skip-rmr-bypass.txt' },
  { mail: 'v6-7-7-detect-opt-probe.txt' },
];

const v7Mails: MailStep[] = [
  { mail: 'v7-1-7-adopt-strtab.txt' },
  attachDeferredMail('v7-2-7-is-attach-deferred.txt'),
  evtqPriqIrqsMail('v7-3-7-no-evtq-priq-irqs.txt', [4, 5]),
  { mail: 'v7-4-7-skip-evtq-priq-setup.txt', optional: true },
  { mail: 'v7-5-7-retain-smmuen-reset.txt' },
  { mail: 'v7-6-7-skip-rmr-bypass.txt' },
  { mail: 'v7-7-7-detect-opt-probe.txt' },
];

/** The later code, compiled verbatim beside the driver. */
const LATER_UNITS: TranslationUnit[] = [
  { from: 'later/nicolinc-iommufd-7d70f78c-arm-smmu-v3-kdump.c', as: 'arm-smmu-v3-kdump.c' },
  { from: 'later/nicolinc-iommufd-02eccfaa-arm-smmu-v3-kexec.c', as: 'arm-smmu-v3-kexec.c' },
];

const LATER_CALLER_NOT_POSTED =
  'The later trees\' arm-smmu-v3.c/.h side (the callers of arm-smmu-v3-kdump.c, the header ' +
  'prototypes) is not available: INDEX.md records it was not copied. So the caller is glue of ours ' +
  '(`latest/wiring.patch`), and this file says which of its lines are posted and which are inferred.';

/** The lines of latest/wiring.patch that are not v7 1/7's, each with why (and what was checked). */
const OURS_BESIDE_V7: string[] = [
  'RENAMED (forced by the later files): v7 calls its static arm_smmu_kdump_adopt_l2_strtab(smmu, sid, base, span, l2table); the ' +
    'later kdump.c exports the same function, same arguments, as ' +
    'arm_smmu_kdump_adopt_deferred_l2_strtab(), and arm_smmu_kdump_adopt_strtab() is exported ' +
    'rather than static. The wiring calls those names; the conditions around the calls are v7\'s.',
  'MOVED (INFERRED): ida_init(&smmu->vmid_map) runs before the adoption instead of at v7\'s `out:` label. The ' +
    'later arm_smmu_kexec_scan_and_resv_ids() reserves the crashed kernel\'s VMIDs in vmid_map ' +
    'while adopting (ida_alloc_range()), which presupposes an initialised IDA; at v7\'s place ' +
    'ida_init() re-initialises it afterwards and the reservations are gone (the simulator models ' +
    'ida_init() as a fresh, empty IDA). This line decides a verdict, so v7\'s placement is carried ' +
    'as the revision `latest-v7-ida-init` (harness/revisions/latest-v7-ida-init/PROVENANCE.md has ' +
    'what was run to compare the two).',
  'ADDED to arm-smmu-v3.h: beside v7\'s ARM_SMMU_OPT_KDUMP_ADOPT hunk, the prototypes of the ' +
    'functions the later files export and `extern struct mutex arm_smmu_kexec_resv_lock`. ' +
    'Declarations only, checked by the compiler against the definitions in the later files; they ' +
    'decide no behaviour.',
];

/** The posted mails of v7 a later-tree recipe does not apply (said wherever the revision is named). */
const LATEST_LEFT_OUT: string[] = [
  'v7-3-7-no-evtq-priq-irqs.txt: not part of the recipe (EVTQ/PRIQ interrupts only: its arm_smmu_setup_irqs() hunks are carried in v7, ' +
    'its others touch code the excerpts lack; read from the patch text, it does not touch the stream table or its registers)',
  'v7-4-7-skip-evtq-priq-setup.txt: not part of the recipe (the queue setup hunks touch functions the harness does not carry)',
];

/**
 * The later trees' own files (but later-unknownrepo-kdump's) post no is_attach_deferred(): their
 * recipes take v7 2/7's function, as posted, and say so.
 */
const ATTACH_DEFERRED_FROM_V7 =
  'is_attach_deferred: the later files post none of their own, and the later arm-smmu-v3.c (where v7 had it) ' +
  'is not available; this recipe carries v7 2/7\'s arm_smmu_is_attach_deferred() (hunk #1 of ' +
  'v7-2-7-is-attach-deferred.txt, as posted: V=1 and Cfg != ABORT defers), so what is judged there is v7\'s ' +
  'function over this tree\'s adoption. ' + ATTACH_DEFERRED_CARRIED;

const LATEST_MAILS =
  'v7 1/7 (adopt functions, now in the later files) is not applied; v7 2/7 is applied in part (its function, ' +
  'hunk #1); v7 3/7 and 4/7 are not part of this recipe. v7 5/7, 6/7 and 7/7 (reset, RMR skip, probe ' +
  'detection) are.';

/** v7 5/7-7/7 (reset, RMR skip, probe detection): the later trees' arm-smmu-v3.c side that is posted. */
const V7_RESET_RMR_PROBE: MailStep[] = [
  attachDeferredMail('v7-2-7-is-attach-deferred.txt'),
  { mail: 'v7-5-7-retain-smmuen-reset.txt' },
  { mail: 'v7-6-7-skip-rmr-bypass.txt' },
  { mail: 'v7-7-7-detect-opt-probe.txt' },
];

/** The later trees' caller is ours: which patches of ours make it. */
function laterCallerOurs(patches: string): string {
  return (
    'The later trees\' arm-smmu-v3.c/.h side (the callers of the later file, the header prototypes) is not ' +
    `available: INDEX.md records it was not copied. So the caller is glue of ours (${patches}), and this file ` +
    'says which of its lines are posted and which are inferred.'
  );
}

/** The verdicts our glue's inferred lines decide in the later trees, as measured (not carried as variants). */
const LATER_SPAN_CALLER_CHECKED =
  'The `if (span && base)` line decides a verdict here as on `latest`: with latest-span-caller/span-caller.patch on ' +
  'top (`npm run replay -- corpus/70f9bd6cbe3c9da8.json corpus/d6e662d9e11e1124.json --revision ' +
  'harness/revisions/latest-span-caller/span-caller.patch --base <this revision>`, 2026-12-04) both entries turn ' +
  'from lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab to a pass, as for ' +
  '`latest-span-caller`: this file\'s deferred L2 adoption re-tests the SPAN and a NULL base itself. That caller ' +
  'is not carried as a revision of its own for the later trees; the command above builds it.';

/** The same for the ida_init() placement (later trees that reserve VMIDs). */
const LATER_IDA_INIT_CHECKED =
  'The ida_init() placement decides a verdict here too: with latest-v7-ida-init/ida-init.patch on top (v7\'s ' +
  '`out:`; `npm run replay -- corpus --revision harness/revisions/latest-v7-ida-init/ida-init.patch --base ' +
  '<this revision>`, 2026-12-04, same result on later-15aeae1e and later-unknownrepo-kdump) two of the 36 corpus ' +
  'entries change: 2211e2e8150b3bae gains asid-vmid-reserved:vmid-unreserved@after_init (the VMIDs the scan ' +
  'reserved are re-initialised away while the table stays adopted) and 36697373fb20c51d loses ' +
  'asid-vmid-reserved:vmid-kept-after-fallback@after_init. Not carried as a revision of its own; the command ' +
  'builds it.';

/** Where the later trees sit in the series, as far as the material tells (INDEX.md gives no dates). */
const LATER_ORDER_UNKNOWN =
  'SERIES ORDER (for the fix history): INDEX.md gives no date or parent for the later files, so their ' +
  'order relative to `latest` (@7d70f78c + @02eccfaa) is NOT KNOWN; they are listed after it. ';

/** Why the later trees are not in the chain of the fix history (recipes' `orderUnknown`). */
const ORDER_UNKNOWN_WHY =
  'INDEX.md gives no date or parent for the later files: their order relative to latest and to each other is not known';

export const RECIPES: readonly Recipe[] = [
  {
    name: 'mainline',
    description: 'Linux v6.18.y, no kdump adoption: the baseline of what the kdump kernel itself allocates',
    mails: [],
  },
  {
    name: 'v1',
    description: '[PATCH rc v1] iommu/arm-smmu-v3: Fix device crash on kdump kernel (2026-04-09)',
    baseCompat: [V7_0_DEV_INFO_COMPAT],
    mails: v1Mails,
    notes: [
      'v1 was posted against a v7.0/v7.1-rc tree whose arm_smmu_device_hw_probe() ends with ' +
        '`dev_info(... "oas %lu-bit ...")` (no ias): the base is first brought to that shape ' +
        '(harness/revisions/sources/v7.0-hw-probe-dev-info-compat.patch, which says where it comes from); ' +
        'without it v1 4/4 lands outside arm_smmu_device_hw_probe().',
      ATTACH_DEFERRED_CARRIED,
      'v1 adopts eagerly (arm_smmu_adopt_strtab(): devm_memremap of the L1 table and of every L2 table ' +
        'it points at) and has no fallback: an error is returned from arm_smmu_init_strtab(), so probe ' +
        'fails. Nicolin\'s own fix to 1/4 (v1-1-4-reply-nicolin-fmt-fix.txt) is a reply, not a patch ' +
        'of the series, and is not applied (it is v2\'s 1/5).',
    ],
  },
  {
    name: 'v2',
    description: '[PATCH rc v2] iommu/arm-smmu-v3: Fix device crash on kdump kernel (2026-04-15)',
    baseCompat: [V7_0_DEV_INFO_COMPAT],
    mails: v2Mails,
    notes: [
      'v2 was posted against a v7.0/v7.1-rc tree whose arm_smmu_device_hw_probe() ends with ' +
        '`dev_info(... "oas %lu-bit ...")` (no ias): the base is first brought to that shape ' +
        '(harness/revisions/sources/v7.0-hw-probe-dev-info-compat.patch, which says where it comes from); ' +
        'without it v2 5/5 lands outside arm_smmu_device_hw_probe().',
      ATTACH_DEFERRED_CARRIED,
      'v2 adopts eagerly like v1 (devm_memremap of the L1 and of every L2 table) and has no fallback; ' +
        'a 2-level STRTAB_BASE_CFG on hardware without 2-level support is -EINVAL (Nicolin\'s fix to v1).',
    ],
  },
  {
    name: 'v3',
    description: '[PATCH rc v3] iommu/arm-smmu-v3: Fix device crash on kdump kernel (2026-04-25)',
    baseCompat: [INCLUDES_COMPAT],
    mails: v3Mails,
    notes: [
      'v3 1/5 adds `#include <linux/dma-direct.h>` among the file\'s #include lines, which the excerpts ' +
        'do not carry: they are put back first (harness/revisions/sources/v6.18-includes-compat.patch, ' +
        'v6.18.y\'s own lines). The extraction keeps only functions, so no #include reaches the build.',
      ATTACH_DEFERRED_CARRIED,
      'v3 4/5 (skip EVTQ/PRIQ setup) is skipped whole: its first hunks touch the EVTQ/PRIQ threads, ' +
        'which the excerpts do not carry, and GNU patch then refuses its arm_smmu_device_reset() hunks ' +
        'too (it does not go back before a hunk it has placed). So this revision\'s ' +
        'arm_smmu_device_reset() still enables the EVTQ/PRIQ in a kdump kernel; the stream-table code ' +
        'is not affected.',
      'v3 adopts eagerly (arm_smmu_adopt_strtab(): devm_memremap of the L1 and of every L2 table, each ' +
        'range first tested by arm_smmu_kdump_phys_is_corrupted()) and falls back to the full reset on ' +
        'an error (clears the option, memsets strtab_cfg).',
    ],
  },
  {
    name: 'v5',
    description: '[PATCH v5] iommu/arm-smmu-v3: Fix device crash on kdump kernel (2026-05-10)',
    baseCompat: [INCLUDES_COMPAT],
    mails: v5Mails,
    notes: [
      'v5 1/6 adds `#include <linux/dma-direct.h>` among the file\'s #include lines, which the excerpts ' +
        'do not carry: they are put back first (harness/revisions/sources/v6.18-includes-compat.patch, ' +
        'v6.18.y\'s own lines). The extraction keeps only functions, so no #include reaches the build.',
      ATTACH_DEFERRED_CARRIED,
      'v5 3/6 (suppress EVTQ/PRIQ events) is carried in part: its two arm_smmu_setup_irqs() hunks (#3, #4: no ' +
        'IRQ_CTRL_EVTQ_IRQEN / _PRIQ_IRQEN in a kdump kernel), as posted; its hunks #1 and #2 (the CR0.EVTQEN / ' +
        'PRIQEN early return of arm_smmu_evtq_thread() / arm_smmu_priq_thread()) are not: the threads are not in ' +
        'the excerpts and no interrupt is simulated. v5 4/6 (skip EVTQ/PRIQ setup in arm_smmu_device_reset()) ' +
        'applies.',
      'v5 1/6 tests every range it maps with arm_smmu_kdump_phys_is_corrupted(), i.e. ' +
        'region_intersects(IORESOURCE_MEM | IORESOURCE_BUSY): the simulated kernel answers it from its ' +
        'RAM map (harness/kernel/ramMap.ts). Its L2 tables are memremapped lazily, at insert.',
    ],
  },
  {
    name: 'v6',
    description: '[PATCH rc v6] iommu/arm-smmu-v3: Fix device crash on kdump kernel (2026-05-20)',
    mails: v6Mails,
    notes: [
      ATTACH_DEFERRED_CARRIED,
      NO_EVTQ_PRIQ_IRQS_CARRIED,
    ],
  },
  {
    name: 'v7',
    description: '[PATCH rc v7] iommu/arm-smmu-v3: Fix device crash on kdump kernel (2026-06-29)',
    baseCompat: [V7_2_COMPAT],
    mails: v7Mails,
    notes: [
      'v7 was posted against v7.2-rc1: the base\'s arm_smmu_device_reset() is first brought to its ' +
        'v7.2 shape (harness/revisions/sources/v7.2-device-reset-compat.patch, which says where that ' +
        'shape comes from); v7 5/7 does not apply to the v6.18.y form.',
      ATTACH_DEFERRED_CARRIED,
      NO_EVTQ_PRIQ_IRQS_CARRIED,
    ],
  },
  {
    name: 'latest',
    description:
      'nicolinc/iommufd arm-smmu-v3-kdump.c @7d70f78c + arm-smmu-v3-kexec.c @02eccfaa, called as the POSTED v7 1/7 ' +
      'calls its adoption (deferred L2 adoption only `if (span && base)`)',
    baseCompat: [V7_2_COMPAT],
    mails: V7_RESET_RMR_PROBE,
    wiring: 'latest/wiring.patch',
    notes: [
      LATER_CALLER_NOT_POSTED,
      'POSTED: the caller is v7 1/7\'s, with only the deviations listed below: its ' +
        'arm_smmu_init_l2_strtab() hunk (the ' +
        'deferred L2 adoption is called only `if (span && base)`; an L1 descriptor with SPAN != 0 and ' +
        'a NULL L2Ptr takes the fresh-L2 path), its arm_smmu_init_strtab() hunk (adopt, `goto out` on ' +
        'success) and its ARM_SMMU_OPT_KDUMP_ADOPT bit.',
      ...OURS_BESIDE_V7,
      'The other caller one can infer from the later kdump.c (`if (span)`, leaving a NULL base to ' +
        'its own `!base` rejection) is the revision `latest-span-caller`; the two differ in verdict ' +
        '(harness/revisions/latest-span-caller/PROVENANCE.md).',
      'Checked line by line, the rest of latest/wiring.patch decides no verdict: the renamed calls ' +
        'are the same functions with the same arguments, and the header lines are declarations.',
      ATTACH_DEFERRED_FROM_V7,
      LATEST_MAILS,
    ],
    leftOut: LATEST_LEFT_OUT,
    units: LATER_UNITS,
  },
  {
    name: 'latest-span-caller',
    description:
      'latest with an INFERRED caller (not posted): the deferred L2 adoption called `if (span)`, not v7\'s ' +
      '`if (span && base)`, so a NULL L2Ptr meets the later kdump.c\'s own re-tests (SPAN, `!base`)',
    variantOf: 'latest',
    wiring: 'latest-span-caller/span-caller.patch',
    notes: [
      LATER_CALLER_NOT_POSTED,
      'Everything else is `latest`\'s (harness/revisions/latest/PROVENANCE.md): the later kdump.c and ' +
        'kexec.c verbatim, v7 5/7-7/7, and `latest/wiring.patch`, which is v7 1/7\'s caller with the ' +
        'deviations listed there (renamed calls, ida_init() placement, header prototypes).',
      'INFERRED: `latest-span-caller/span-caller.patch` (ours) changes one line of v7\'s caller in ' +
        'arm_smmu_init_l2_strtab(): `if (span && base)` becomes `if (span)`, so that an L1 descriptor ' +
        'with a non-zero SPAN and a NULL L2Ptr reaches arm_smmu_kdump_adopt_deferred_l2_strtab() and ' +
        'its re-tests: a SPAN other than STRTAB_SPLIT + 1 is refused ("span %u changed since adopt"), ' +
        'and so is a NULL or misaligned base ("bad l2 table base"); the insert fails with -EINVAL. ' +
        'The only evidence for this caller is that the later kdump.c tests `!base` itself, a test ' +
        'v7\'s caller makes unreachable; the later arm-smmu-v3.c, which would show the real ' +
        'condition, is not available.',
      'Why it is a revision of its own: the two callers differ in verdict. With v7\'s caller ' +
        '(`latest`) such a descriptor takes the fresh-L2 path: one a device rewrote after adoption to ' +
        'SPAN 10 with a NULL L2Ptr gets a fresh 16 KiB L2 whose descriptor overwrites the live one ' +
        '(lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab, as on ' +
        'v6/v7); with this caller the insert is refused and the property holds. Which one the later ' +
        'tree does cannot be told from the posted material.',
    ],
  },
  {
    name: 'latest-v7-ida-init',
    description:
      'latest with ida_init(&smmu->vmid_map) where the POSTED v7 1/7 has it (at `out:`, after the adoption), ' +
      'not before it: the later code\'s VMID reservations are re-initialised away',
    variantOf: 'latest',
    wiring: 'latest-v7-ida-init/ida-init.patch',
    notes: [
      LATER_CALLER_NOT_POSTED,
      'Everything else is `latest`\'s (harness/revisions/latest/PROVENANCE.md): the later kdump.c and ' +
        'kexec.c verbatim, v7 5/7-7/7, and `latest/wiring.patch` (v7 1/7\'s caller, its `if (span && ' +
        'base)` included).',
      'POSTED: `latest-v7-ida-init/ida-init.patch` (ours) puts back v7 1/7\'s own line: ' +
        'ida_init(&smmu->vmid_map) at `out:` in arm_smmu_init_strtab(), after ' +
        'arm_smmu_kdump_adopt_strtab(). INFERRED in `latest` instead: the later code reserves the ' +
        'crashed kernel\'s VMIDs in vmid_map during the adoption, so its caller must initialise the ' +
        'IDA first; the later arm-smmu-v3.c, which would show where it does, is not available.',
      'What the placement decides: with v7\'s, ida_init() runs after arm_smmu_kexec_scan_and_resv_ids() ' +
        'and the VMIDs it reserved are dropped (the simulator models ida_init() as a fresh, empty IDA); ' +
        'a kdump kernel could then hand a crashed kernel\'s live VMID to a new domain. Compared with ' +
        '`latest` (same working tree, 2026-12-04): `npm run replay -- corpus` (36 entries) gives the ' +
        'same verdicts; `npm run fuzz -- --seed N --runs 300` for seeds 1, 2, 3 gives the same ' +
        'signatures with the same run counts for every property except asid-vmid-reserved (issue 9\'s ' +
        'ASID/VMID reservation property), where this revision alone fails ' +
        'asid-vmid-reserved:vmid-unreserved@after_init (31, 27 and 24 of the 300 runs).',
    ],
  },
  {
    name: 'later-15aeae1e',
    orderUnknown: ORDER_UNKNOWN_WHY,
    description:
      'nicolinc/iommufd arm-smmu-v3-kdump.c @15aeae1e (self-contained: its own ASID/VMID reservation scan, no ' +
      'kexec.c), called as the POSTED v7 1/7 calls its adoption (`if (span && base)`); ida_init() before the ' +
      'adoption INFERRED (later-15aeae1e/wiring.patch)',
    baseCompat: [V7_2_COMPAT],
    mails: V7_RESET_RMR_PROBE,
    wiring: 'later-15aeae1e/wiring.patch',
    notes: [
      laterCallerOurs('`later-15aeae1e/wiring.patch`'),
      'POSTED: the caller is v7 1/7\'s (its arm_smmu_init_l2_strtab() hunk with `if (span && base)`, its ' +
        'arm_smmu_init_strtab() hunk, its ARM_SMMU_OPT_KDUMP_ADOPT bit), with the deviations below.',
      'RENAMED (forced by the file): @15aeae1e exports the same two functions as latest\'s @7d70f78c, same ' +
        'names and prototypes (arm_smmu_kdump_adopt_strtab(), arm_smmu_kdump_adopt_deferred_l2_strtab()); ' +
        'the wiring calls those. Its own wiring patch differs from latest\'s only in the header: the ' +
        'arm-smmu-v3-kexec.c prototypes and arm_smmu_kexec_resv_lock are left out (this tree has no kexec.c; ' +
        'its scan and its lock, arm_smmu_kdump_resv_lock, are static in kdump.c).',
      'MOVED (INFERRED, as in `latest`): ida_init(&smmu->vmid_map) runs before the adoption, not at v7\'s ' +
        '`out:`. arm_smmu_kdump_resv_vmid() reserves the crashed kernel\'s VMIDs in vmid_map while adopting; ' +
        'at v7\'s place ida_init() would drop them (see latest-v7-ida-init for what that placement decides ' +
        'on latest). A failed scan ends in arm_smmu_kdump_unresv_ids(), which ida_destroy()s vmid_map; the ' +
        'fallback then uses it empty, as the kernel\'s ida_destroy() leaves it.',
      'ADDED to arm-smmu-v3.h: the two prototypes (declarations only, checked by the compiler).',
      'What differs from `latest` in the C under test (read from the files, not from a changelog): the ' +
        'reservation scan is inline (arm_smmu_kdump_resv_ids(), arm_smmu_kdump_resv_s1_asids(), ...) and ' +
        'checks each L1 descriptor\'s SPAN and base itself; the 2-level parse bounds num_l1_ents after the ' +
        'shift; the alignment checks (L1 base, linear base, L2 base) are the same.',
      LATER_SPAN_CALLER_CHECKED,
      LATER_IDA_INIT_CHECKED,
      LATER_ORDER_UNKNOWN +
        'By content it is the form before the split into kdump.c + kexec.c helpers (`latest`), but nothing ' +
        'in the material dates it.',
      ATTACH_DEFERRED_FROM_V7,
      LATEST_MAILS,
    ],
    leftOut: LATEST_LEFT_OUT,
    units: [{ from: 'later/nicolinc-iommufd-15aeae1e-arm-smmu-v3-kdump.c', as: 'arm-smmu-v3-kdump.c' }],
  },
  {
    name: 'later-unknownrepo-kdump',
    orderUnknown: ORDER_UNKNOWN_WHY,
    description:
      'arm-smmu-v3-kdump.c of UNKNOWN commit (index id 58064295832; INDEX.md: not resolvable): @15aeae1e plus ' +
      'arm_smmu_kdump_is_attach_deferred() and arm_smmu_device_kdump_probe(); the probe call placed where v7 7/7 ' +
      'detects, INFERRED (later-unknownrepo-kdump/wiring.patch)',
    baseCompat: [V7_2_COMPAT],
    mails: [{ mail: 'v7-5-7-retain-smmuen-reset.txt' }, { mail: 'v7-6-7-skip-rmr-bypass.txt' }],
    wiring: ['later-15aeae1e/wiring.patch', 'later-unknownrepo-kdump/wiring.patch', 'later-unknownrepo-kdump/attach-deferred.patch'],
    notes: [
      'COMMIT NOT RESOLVABLE: INDEX.md lists this file as "nicolinc/iommufd or pran005/linux (index id ' +
        '58064295832; commit not resolvable ...)". Its text is @15aeae1e\'s kdump.c byte for byte, plus two ' +
        'functions appended that v7 had in arm-smmu-v3.c: arm_smmu_kdump_is_attach_deferred() (v7 2/7) and ' +
        'arm_smmu_device_kdump_probe() (v7 7/7\'s arm_smmu_device_hw_probe_kdump(), same gates).',
      laterCallerOurs('`later-15aeae1e/wiring.patch`, then `later-unknownrepo-kdump/wiring.patch`'),
      'POSTED / INFERRED as in later-15aeae1e for the adoption caller (v7 1/7\'s, renamed calls, ida_init() ' +
        'before the adoption: later-15aeae1e/wiring.patch is applied first, unchanged).',
      'INFERRED PLACEMENT: v7 7/7 is not applied; later-unknownrepo-kdump/wiring.patch calls ' +
        '`if (is_kdump_kernel()) arm_smmu_device_kdump_probe(smmu);` at the end of arm_smmu_device_hw_probe(), ' +
        'where v7 7/7 calls its static arm_smmu_device_hw_probe_kdump(). The arm-smmu-v3.c that calls the ' +
        'exported function is not available, so the call site is an inference; the gates themselves are the ' +
        'file\'s.',
      'INFERRED (forced by the file): arm_smmu_get_step_for_sid() loses `static` and gets a prototype in ' +
        'arm-smmu-v3.h, because arm_smmu_kdump_is_attach_deferred() calls it from kdump.c. ' +
        'The shim\'s arm-smmu-v3-gaps.h carries struct arm_smmu_master reduced to the members it reads.',
      'is_attach_deferred: this file posts its own, arm_smmu_kdump_is_attach_deferred(master) (v7 2/7\'s loop: ' +
        'V=1 and Cfg != ABORT defers), and it is the one judged; v7 2/7 is not applied. Its caller is INFERRED ' +
        '(`later-unknownrepo-kdump/attach-deferred.patch`, ours): arm_smmu_is_attach_deferred(dev) with v7 2/7\'s ' +
        'head (dev_iommu_priv_get(), the ARM_SMMU_OPT_KDUMP_ADOPT gate the file\'s function lacks), then the ' +
        'call. ' + OPS_HUNK_NOT_CARRIED,
      LATER_SPAN_CALLER_CHECKED,
      LATER_IDA_INIT_CHECKED,
      LATER_ORDER_UNKNOWN +
        'It comes after later-15aeae1e by content (the same file with the probe detection and ' +
        'is_attach_deferred moved into it).',
      'v7 1/7 (adopt functions, now in the later file), 2/7 (its loop, now the file\'s ' +
        'arm_smmu_kdump_is_attach_deferred()), 3/7, 4/7 and 7/7 (its detection, now the file\'s ' +
        'arm_smmu_device_kdump_probe()) are not applied. v7 5/7 and 6/7 (reset, RMR skip) are.',
    ],
    leftOut: [
      'v7-2-7-is-attach-deferred.txt: not part of the recipe (this file\'s arm_smmu_kdump_is_attach_deferred() is its loop; ' +
        'the caller with v7 2/7\'s option gate is ours, inferred: later-unknownrepo-kdump/attach-deferred.patch)',
      ...LATEST_LEFT_OUT,
      'v7-7-7-detect-opt-probe.txt: not part of the recipe (this file\'s arm_smmu_device_kdump_probe() does the detection, called where v7 7/7 detects)',
    ],
    units: [{ from: 'later/unknownrepo-index58064295832-arm-smmu-v3-kdump.c', as: 'arm-smmu-v3-kdump.c' }],
  },
  {
    name: 'later-unknownrepo-kexec',
    orderUnknown: ORDER_UNKNOWN_WHY,
    description:
      'arm-smmu-v3-kexec.c of UNKNOWN commit (index id 70682373322; INDEX.md: not resolvable): static kexec ' +
      'helpers + the kdump adoption under CONFIG_CRASH_DUMP, no ASID/VMID reservation; called exactly as the ' +
      'POSTED v7 1/7 calls its adoption (later-unknownrepo-kexec/wiring.patch: renamed calls only)',
    baseCompat: [V7_2_COMPAT],
    mails: V7_RESET_RMR_PROBE,
    wiring: 'later-unknownrepo-kexec/wiring.patch',
    notes: [
      'COMMIT NOT RESOLVABLE: INDEX.md lists this file as "nicolinc/iommufd or pran005/linux (index id ' +
        '70682373322; commit not resolvable with the tools)". It is compiled alone as arm-smmu-v3-kexec.c: ' +
        'it defines the kdump adoption itself (under #ifdef CONFIG_CRASH_DUMP, which the shim sets) and ' +
        'needs no kdump.c.',
      laterCallerOurs('`later-unknownrepo-kexec/wiring.patch`'),
      'POSTED: the caller is v7 1/7\'s, lines and conditions (`if (span && base)`; ida_init() at `out:`, after ' +
        'the adoption, as v7 and mainline have it: this file reserves nothing in vmid_map, so the placement ' +
        'decides nothing). RENAMED (forced by the file): arm_smmu_kdump_adopt_deferred_l2_strtab() for v7\'s ' +
        'static arm_smmu_kdump_adopt_l2_strtab(), same arguments. ADDED to arm-smmu-v3.h: the two ' +
        'prototypes (declarations only).',
      'What differs in the C under test: no ASID/VMID reservation (Jason\'s v7 0/7 request is not in this ' +
        'file); the 2-level parse bounds LOG2SIZE - SPLIT by ilog2(STRTAB_MAX_L1_ENTRIES) before the shift; ' +
        'the L1/linear/L2 alignment checks cite the spec (6.3.24).',
      LATER_SPAN_CALLER_CHECKED,
      LATER_ORDER_UNKNOWN +
        'Nothing in its content places it relative to later-15aeae1e / later-unknownrepo-kdump either (it ' +
        'lacks their reservation scan, but has a bound they lack): it is listed last.',
      ATTACH_DEFERRED_FROM_V7,
      LATEST_MAILS,
    ],
    leftOut: LATEST_LEFT_OUT,
    units: [{ from: 'later/unknownrepo-index70682373322-arm-smmu-v3-kexec.c', as: 'arm-smmu-v3-kexec.c' }],
  },
];

/** The revision used wherever none is named. */
export const DEFAULT_REVISION = 'latest';

/** The recipe `assemble` follows: a variant is its base recipe with the variant's wiring on top. */
export function resolveRecipe(recipe: Recipe, recipes: readonly Recipe[] = RECIPES): RevisionRecipe {
  if (!('variantOf' in recipe)) return recipe;
  const base = recipes.find((r) => r.name === recipe.variantOf);
  if (!base) throw new Error(`recipe ${recipe.name}: variantOf "${recipe.variantOf}" is not a recipe`);
  const resolved = resolveRecipe(base, recipes);
  return {
    ...resolved,
    name: recipe.name,
    description: recipe.description,
    wiring: [...wiringOf(resolved), recipe.wiring],
    notes: recipe.notes,
  };
}

/** A recipe's patches of ours, in the order they are applied. */
export function wiringOf(recipe: RevisionRecipe): string[] {
  if (recipe.wiring === undefined) return [];
  return typeof recipe.wiring === 'string' ? [recipe.wiring] : [...recipe.wiring];
}

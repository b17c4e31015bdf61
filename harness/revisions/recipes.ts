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
  return name.startsWith('arm_smmu_kdump_adopt_') || name === 'arm_smmu_device_hw_probe_kdump';
}

/** v7 was posted against v7.2-rc1, whose arm_smmu_device_reset() differs from v6.18.y's. */
const V7_2_COMPAT = 'harness/revisions/sources/v7.2-device-reset-compat.patch';

const v6Mails: MailStep[] = [
  { mail: 'v6-1-7-adopt-strtab.txt' },
  { mail: 'v6-2-7-is-attach-deferred.txt', optional: true },
  { mail: 'v6-3-7-no-evtq-priq-irqs.txt', optional: true },
  { mail: 'v6-4-7-skip-evtq-priq-setup.txt', optional: true },
  { mail: 'v6-5-7-retain-smmuen-reset.txt' },
  { mail: 'v6-6-7-skip-rmr-bypass.txt' },
  { mail: 'v6-7-7-detect-opt-probe.txt' },
];

const v7Mails: MailStep[] = [
  { mail: 'v7-1-7-adopt-strtab.txt' },
  { mail: 'v7-2-7-is-attach-deferred.txt', optional: true },
  { mail: 'v7-3-7-no-evtq-priq-irqs.txt', optional: true },
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

const LATEST_MAILS =
  'v7 1/7 (adopt functions, now in the later files) is not applied; v7 2/7, 3/7, 4/7 are not ' +
  'part of this recipe. v7 5/7, 6/7 and 7/7 (reset, RMR skip, probe detection) are.';

export const RECIPES: readonly Recipe[] = [
  {
    name: 'mainline',
    description: 'Linux v6.18.y, no kdump adoption: the baseline of what the kdump kernel itself allocates',
    mails: [],
  },
  {
    name: 'v6',
    description: '[PATCH rc v6] iommu/arm-smmu-v3: Fix device crash on kdump kernel (2026-05-20)',
    mails: v6Mails,
    notes: [
      'Optional mails are applied whole or not at all. 2/7 (is_attach_deferred) and 3/7 (no EVTQ/PRIQ ' +
        'interrupts) are skipped: most of their hunks touch functions the excerpts do not carry. So this ' +
        'revision\'s arm_smmu_setup_irqs() still sets IRQ_CTRL_EVTQ_IRQEN (and PRIQ) in a kdump kernel, ' +
        'which 3/7 would have stopped; the stream-table code is not affected.',
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
      'Optional mails are applied whole or not at all. 2/7 (is_attach_deferred) and 3/7 (no EVTQ/PRIQ ' +
        'interrupts) are skipped: most of their hunks touch functions the excerpts do not carry. So this ' +
        'revision\'s arm_smmu_setup_irqs() still sets IRQ_CTRL_EVTQ_IRQEN (and PRIQ) in a kdump kernel, ' +
        'which 3/7 would have stopped; the stream-table code is not affected.',
    ],
  },
  {
    name: 'latest',
    description:
      'nicolinc/iommufd arm-smmu-v3-kdump.c @7d70f78c + arm-smmu-v3-kexec.c @02eccfaa, called as the POSTED v7 1/7 ' +
      'calls its adoption (deferred L2 adoption only `if (span && base)`)',
    baseCompat: [V7_2_COMPAT],
    mails: [
      { mail: 'v7-5-7-retain-smmuen-reset.txt' },
      { mail: 'v7-6-7-skip-rmr-bypass.txt' },
      { mail: 'v7-7-7-detect-opt-probe.txt' },
    ],
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
      LATEST_MAILS,
    ],
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

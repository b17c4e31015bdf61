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
  /** A patch of ours (relative to harness/revisions/, or absolute), applied after the mails. */
  wiring?: string;
  /** Later code compiled as translation units of its own. */
  units?: TranslationUnit[];
  /** Paragraphs for PROVENANCE.md: what a reviewer must know about this recipe. */
  notes?: string[];
}

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

export const RECIPES: readonly RevisionRecipe[] = [
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
      'nicolinc/iommufd arm-smmu-v3-kdump.c @7d70f78c + arm-smmu-v3-kexec.c @02eccfaa, wired in as v7 wires its adoption',
    baseCompat: [V7_2_COMPAT],
    mails: [
      { mail: 'v7-5-7-retain-smmuen-reset.txt' },
      { mail: 'v7-6-7-skip-rmr-bypass.txt' },
      { mail: 'v7-7-7-detect-opt-probe.txt' },
    ],
    wiring: 'latest/wiring.patch',
    notes: [
      'The later trees\' arm-smmu-v3.c/.h side (the callers of arm-smmu-v3-kdump.c, the header ' +
        'prototypes) is not available: INDEX.md records it was not copied. `latest/wiring.patch` is ' +
        'OURS: it wires the later files in the way v7 1/7 wires its own adoption (the ' +
        'arm_smmu_init_l2_strtab() and arm_smmu_init_strtab() hunks, and the header option bit), ' +
        'calling the exported arm_smmu_kdump_adopt_deferred_l2_strtab() and ' +
        'arm_smmu_kdump_adopt_strtab(). The deferred L2 adoption is called whenever the L1 ' +
        'descriptor span is non-zero: the later kdump.c rejects a null base itself. ' +
        'One change against v7\'s placement: ida_init(&smmu->vmid_map) moves before the adoption, ' +
        'since the later code reserves the crashed kernel\'s VMIDs in vmid_map while adopting.',
      'v7 1/7 (adopt functions, now in the later files) is not applied; v7 2/7, 3/7, 4/7 are not ' +
        'part of this recipe. v7 5/7, 6/7 and 7/7 (reset, RMR skip, probe detection) are.',
    ],
    units: [
      { from: 'later/nicolinc-iommufd-7d70f78c-arm-smmu-v3-kdump.c', as: 'arm-smmu-v3-kdump.c' },
      { from: 'later/nicolinc-iommufd-02eccfaa-arm-smmu-v3-kexec.c', as: 'arm-smmu-v3-kexec.c' },
    ],
  },
];

/** The revision used wherever none is named. */
export const DEFAULT_REVISION = 'latest';

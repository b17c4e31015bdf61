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
  /** Applied in this order (series order) to the mainline base. */
  mails: MailStep[];
  /** A patch of ours (relative to harness/revisions/), applied after the mails. */
  wiring?: string;
  /** Later code compiled as translation units of its own. */
  units?: TranslationUnit[];
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
  },
  {
    name: 'v7',
    description: '[PATCH rc v7] iommu/arm-smmu-v3: Fix device crash on kdump kernel (2026-06-29)',
    mails: v7Mails,
  },
  {
    name: 'latest',
    description:
      'nicolinc/iommufd arm-smmu-v3-kdump.c @7d70f78c + arm-smmu-v3-kexec.c @02eccfaa, wired in as v7 wires its adoption',
    mails: [
      { mail: 'v7-5-7-retain-smmuen-reset.txt' },
      { mail: 'v7-6-7-skip-rmr-bypass.txt' },
      { mail: 'v7-7-7-detect-opt-probe.txt' },
    ],
    wiring: 'latest/wiring.patch',
    units: [
      { from: 'later/nicolinc-iommufd-7d70f78c-arm-smmu-v3-kdump.c', as: 'arm-smmu-v3-kdump.c' },
      { from: 'later/nicolinc-iommufd-02eccfaa-arm-smmu-v3-kexec.c', as: 'arm-smmu-v3-kexec.c' },
    ],
  },
];

/** The revision used wherever none is named. */
export const DEFAULT_REVISION = 'latest';

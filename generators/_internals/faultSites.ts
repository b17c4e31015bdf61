/**
 * The fallible call sites of the driver C, as `<C function>:<service>` (the key the simulated
 * kernel's fault schedule is looked up by, harness/shim/ABI.md).
 *
 * Services are named by the shim import they reach: kcalloc/kzalloc are `kmalloc`,
 * devm_kcalloc/devm_kzalloc are `devm_kmalloc`, devm_add_action_or_reset is `devm_add_action`.
 *
 * To extend: add a line here (or pass `extraSites` to faultSchedule()/scenario()). A site the
 * revision under test does not have never fires, so listing every revision's sites is harmless;
 * it only dilutes the schedule a little.
 */

export const FAULT_SERVICES = [
  'memremap',
  'devm_memremap',
  'kmalloc',
  'devm_kmalloc',
  'dmam_alloc_coherent',
  'devm_add_action',
  'xa_insert',
  'ida_alloc_range',
] as const;
export type FaultService = (typeof FAULT_SERVICES)[number];

/** The later code's ID reservation scan (kexec / kdump variants). */
const ID_SCAN_FAULT_SITES: readonly string[] = [
  'arm_smmu_kexec_scan_and_resv_ids:memremap',
  'arm_smmu_kexec_resv_s1_asids:memremap',
  'arm_smmu_kexec_resv_asid:xa_insert',
  'arm_smmu_kexec_resv_vmid:ida_alloc_range',
  'arm_smmu_kdump_resv_ids:memremap',
  'arm_smmu_kdump_resv_s1_asids:memremap',
  'arm_smmu_kdump_resv_asid:xa_insert',
  'arm_smmu_kdump_resv_vmid:ida_alloc_range',
];

export const KNOWN_FAULT_SITES: readonly string[] = [
  // mainline
  'arm_smmu_init_strtab_2lvl:dmam_alloc_coherent',
  'arm_smmu_init_strtab_2lvl:devm_kmalloc',
  'arm_smmu_init_strtab_linear:dmam_alloc_coherent',
  'arm_smmu_init_l2_strtab:dmam_alloc_coherent',
  'arm_smmu_init_strtab:devm_add_action',
  // the series, v4+ names (arm_smmu_kdump_*)
  'arm_smmu_kdump_adopt_strtab_2lvl:memremap',
  'arm_smmu_kdump_adopt_strtab_2lvl:kmalloc',
  'arm_smmu_kdump_adopt_strtab_2lvl:devm_memremap',
  'arm_smmu_kdump_adopt_strtab_2lvl:devm_kmalloc',
  'arm_smmu_kdump_adopt_strtab_linear:memremap',
  'arm_smmu_kdump_adopt_strtab_linear:devm_memremap',
  'arm_smmu_kdump_adopt_strtab:devm_add_action',
  'arm_smmu_kdump_adopt_l2_strtab:devm_memremap',
  'arm_smmu_kdump_adopt_l2_strtab:dmam_alloc_coherent',
  'arm_smmu_kdump_adopt_deferred_l2_strtab:devm_memremap',
  'arm_smmu_kdump_adopt_deferred_l2_strtab:dmam_alloc_coherent',
  // the series, v1-v3 names (arm_smmu_adopt_*)
  'arm_smmu_adopt_strtab_2lvl:devm_memremap',
  'arm_smmu_adopt_strtab_2lvl:devm_kmalloc',
  'arm_smmu_adopt_strtab_linear:devm_memremap',
  ...ID_SCAN_FAULT_SITES,
  // the harness shim
  'kshim_add_disable_action:devm_add_action',
];

/**
 * The sites on probe's straight path: arm_smmu_init_strtab() and what it calls once per probe
 * (the adoption of the L1 or linear table, its cleanup action, the fallback's fresh table, the
 * VMID map's action; the shim's disable action). Every run that reaches probe or an adoption
 * reaches them, so faultSchedule() draws them more often than sites on a branch (the per-bus
 * L2 inserts, the later code's ID scan, which runs once per L2 table and S1 context).
 */
const OFF_PROBE_PATH: ReadonlySet<string> = new Set([
  // once per bus, at its first insert
  'arm_smmu_init_l2_strtab:dmam_alloc_coherent',
  'arm_smmu_kdump_adopt_l2_strtab:devm_memremap',
  'arm_smmu_kdump_adopt_l2_strtab:dmam_alloc_coherent',
  'arm_smmu_kdump_adopt_deferred_l2_strtab:devm_memremap',
  'arm_smmu_kdump_adopt_deferred_l2_strtab:dmam_alloc_coherent',
  // the later code's ID scan: once per L2 table and S1 context
  ...ID_SCAN_FAULT_SITES,
]);
export const PROBE_PATH_FAULT_SITES: readonly string[] = KNOWN_FAULT_SITES.filter((s) => !OFF_PROBE_PATH.has(s));

/**
 * The adoption's commit point: registering its cleanup action (devm_add_action_or_reset() of
 * arm_smmu_kdump_adopt_cleanup, v4 on) is the one fallible call made after the adoption itself
 * succeeded, so failing it is the only way to make the fallback undo a *whole* adoption: the
 * format it switched to (ARM_SMMU_FEAT_2_LVL_STRTAB cleared by a linear adoption), its mappings,
 * the later code's ASID/VMID reservations (arm_smmu_kexec_unresv_ids). Every other adoption site
 * fails it half-way. faultSchedule() draws it more often than any other probe-path site.
 */
export const ADOPTION_COMMIT_FAULT_SITES: readonly string[] = ['arm_smmu_kdump_adopt_strtab:devm_add_action'];

/** True when `site` has the `<function>:<service>` shape with a known service. */
export function isFaultSite(site: string): boolean {
  const m = /^([A-Za-z_][A-Za-z0-9_]*):([a-z_]+)$/.exec(site);
  return m !== null && (FAULT_SERVICES as readonly string[]).includes(m[2]);
}

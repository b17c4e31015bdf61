/**
 * Renames are not fixes. The same bug reported under a function or file that a later revision
 * renamed or moved must compare equal in the fix history, so signatures are compared in a
 * canonical form: each rename below, applied to every name in a signature, maps the older name
 * to the newer one. Each cites where the rename comes from (a changelog bullet, verbatim, or the
 * files that define the names). What a revision reports is never rewritten: reports and the
 * Findings table show the concrete signature; only comparisons use the canonical form.
 */
export interface Rename {
  /** The older name, matched as a whole word inside a signature. */
  from: string;
  to: string;
  /** Where the rename is recorded. */
  source: string;
}

export const RENAMES: readonly Rename[] = [
  {
    from: 'arm_smmu_adopt_', to: 'arm_smmu_kdump_adopt_',
    source: 'v4 changelog "s/arm_smmu_adopt/arm_smmu_kdump_adopt" (v4-0-5-cover.txt); v1-v3 call arm_smmu_adopt_*, v5 on arm_smmu_kdump_adopt_*',
  },
  {
    from: 'devm_memremap', to: 'memremap',
    source: 'v6 changelog "Drop devm_ for adopt-time allocations; set up cleanup function via devm_add_action_or_reset()" (v6-0-7-cover.txt): the same adopt-time mapping, released by the cleanup action instead of devres',
  },
  {
    from: 'arm_smmu_kexec_scan_and_resv_ids', to: 'arm_smmu_kdump_resv_ids',
    source: 'the files: latest\'s arm-smmu-v3-kexec.c @02eccfaa defines arm_smmu_kexec_scan_and_resv_ids(), @15aeae1e\'s (and the unknown-repository) arm-smmu-v3-kdump.c the same scan inline as arm_smmu_kdump_resv_ids()',
  },
  {
    from: 'arm_smmu_kexec_resv_ste_ids', to: 'arm_smmu_kdump_resv_ste_ids',
    source: 'the files, as above (arm-smmu-v3-kexec.c @02eccfaa / arm-smmu-v3-kdump.c @15aeae1e)',
  },
  {
    from: 'arm_smmu_kexec_resv_s1_asids', to: 'arm_smmu_kdump_resv_s1_asids',
    source: 'the files, as above (arm-smmu-v3-kexec.c @02eccfaa / arm-smmu-v3-kdump.c @15aeae1e)',
  },
  {
    from: 'warn@arm-smmu-v3.c:', to: 'warn@arm-smmu-v3-kdump.c:',
    source: 'the files: v2-v7 have the adoption (and its WARN_ONs) in arm-smmu-v3.c; the later trees moved it into arm-smmu-v3-kdump.c (nicolinc/iommufd @7d70f78c, @15aeae1e, the unknown-repository kdump.c)',
  },
  {
    from: 'warn@arm-smmu-v3-kexec.c:', to: 'warn@arm-smmu-v3-kdump.c:',
    source: 'the files: the unknown-repository arm-smmu-v3-kexec.c (index id 70682373322) carries the same adoption, WARN_ONs included, in a file named kexec.c',
  },
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PATTERNS = RENAMES.map((r) => ({ re: new RegExp(`(?<![A-Za-z0-9_])${escape(r.from)}`, 'g'), to: r.to }));

/** The signature with every older name replaced by the newer one (the comparison form). */
export function canonicalSignature(signature: string): string {
  let out = signature;
  for (const p of PATTERNS) out = out.replace(p.re, p.to);
  return out;
}

/**
 * Expected findings of v6 ([PATCH rc v6] 1/7..7/7, harness/revisions/v6): each case is a
 * scenario on which v6 must fail a property with the recorded signature, and the revisions that
 * fixed it (or never had it) must pass. The cases, with their kernel explanation and review
 * thread, are in harness/findings/catalog.ts; README's Findings table is generated from it.
 *
 * v6 only: arm_smmu_kdump_adopt_cleanup() reads STRTAB_BASE_CFG after runtime PM put (Pranjal's
 * 1/7 review; fixed in v7 by the feature bit), and a linear adoption whose cleanup action fails
 * to register falls back with ARM_SMMU_FEAT_2_LVL_STRTAB lost (fixed in v7 by was_2lvl).
 * Shared with v7 and/or latest: the 2 GiB linear LOG2SIZE 25, the NULL-L2Ptr span change, the
 * unaligned STRTAB_BASE and L2Ptr adopted as read, the mixed-range memremap of an unaligned base,
 * l1_dma/ste_dma unset, writes into the kdump kernel's RAM, a STRTAB_BASE in a hole or zeroed
 * (two signatures: where it aborts), and the FMT WARN_ON.
 */
import { describeFindings } from './_run';

describeFindings('v6');

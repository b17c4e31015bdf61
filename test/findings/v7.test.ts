/**
 * Expected findings of v7 ([PATCH rc v7] 1/7..7/7, harness/revisions/v7): see harness/findings/catalog.ts for
 * each case's kernel explanation and review thread.
 *
 * v7 fixed v6's cleanup-after-power-off leak and the lost FEAT_2_LVL_STRTAB (asserted from
 * v6.test.ts). Still there: the linear LOG2SIZE 25 memremap of 2 GiB on 2-level hardware, the
 * fresh L2 written over an L1 descriptor changed to a NULL L2Ptr, the unaligned STRTAB_BASE and
 * L2Ptr adopted as read, the mixed-range memremap of an unaligned STRTAB_BASE (the later code
 * fixes the cap and the unaligned ones, asserted here), and the findings every revision shares.
 */
import { describeFindings } from './_run';

describeFindings('v7');

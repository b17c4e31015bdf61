/**
 * Expected findings of v2 (harness/revisions/v2): every entry of the findings catalog
 * (harness/findings/catalog.ts, with each case's kernel explanation and review thread) run on
 * v2, which must report exactly the failures pinned for it, or pass.
 */
import { describeFindings } from './_run';

describeFindings('v2');

/**
 * Expected findings of v3 (harness/revisions/v3): every entry of the findings catalog
 * (harness/findings/catalog.ts, with each case's kernel explanation and review thread) run on
 * v3, which must report exactly the failures pinned for it, or pass.
 */
import { describeFindings } from './_run';

describeFindings('v3');

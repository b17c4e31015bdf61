/**
 * Expected findings of v5 (harness/revisions/v5): every entry of the findings catalog
 * (harness/findings/catalog.ts, with each case's kernel explanation and review thread) run on
 * v5, which must report exactly the failures pinned for it, or pass.
 */
import { describeFindings } from './_run';

describeFindings('v5');

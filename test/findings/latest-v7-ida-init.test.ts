/**
 * Expected findings of latest-v7-ida-init (harness/revisions/latest-v7-ida-init): every entry of the findings catalog
 * (harness/findings/catalog.ts) run on latest-v7-ida-init, which must report exactly the failures pinned for it,
 * or pass. Its smoke test on the intact story is test/revisions/latest-v7-ida-init.test.ts (or latest's).
 */
import { describeFindings } from './_run';

describeFindings('latest-v7-ida-init');

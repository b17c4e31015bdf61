/**
 * Expected findings of later-15aeae1e (harness/revisions/later-15aeae1e): every entry of the findings catalog
 * (harness/findings/catalog.ts) run on later-15aeae1e, which must report exactly the failures pinned for it,
 * or pass. Its smoke test on the intact story is test/revisions/later-15aeae1e.test.ts (or latest's).
 */
import { describeFindings } from './_run';

describeFindings('later-15aeae1e');

/**
 * Expected findings of later-unknownrepo-kdump (harness/revisions/later-unknownrepo-kdump): every entry of the findings catalog
 * (harness/findings/catalog.ts) run on later-unknownrepo-kdump, which must report exactly the failures pinned for it,
 * or pass. Its smoke test on the intact story is test/revisions/later-unknownrepo-kdump.test.ts (or latest's).
 */
import { describeFindings } from './_run';

describeFindings('later-unknownrepo-kdump');

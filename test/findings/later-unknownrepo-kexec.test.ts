/**
 * Expected findings of later-unknownrepo-kexec (harness/revisions/later-unknownrepo-kexec): every entry of the findings catalog
 * (harness/findings/catalog.ts) run on later-unknownrepo-kexec, which must report exactly the failures pinned for it,
 * or pass. Its smoke test on the intact story is test/revisions/later-unknownrepo-kexec.test.ts (or latest's).
 */
import { describeFindings } from './_run';

describeFindings('later-unknownrepo-kexec');

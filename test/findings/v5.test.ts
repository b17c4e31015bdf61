/**
 * Expected findings of v5 (harness/revisions/v5): each case is a scenario on which v5 must fail a
 * property with the recorded signature, and the revisions that fixed it (or never had it) must
 * pass. The cases, with their kernel explanation and review thread, are in _early.ts.
 */
import { describeEarlyFindings } from './_early';

describeEarlyFindings('v5');

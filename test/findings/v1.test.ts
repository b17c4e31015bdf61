/**
 * Expected findings of v1 (harness/revisions/v1): each case is a scenario on which v1 must fail a
 * property with the recorded signature, and the revisions that fixed it (or never had it) must
 * pass. The cases, with their kernel explanation and review thread, are in _early.ts.
 */
import { describeEarlyFindings } from './_early';

describeEarlyFindings('v1');

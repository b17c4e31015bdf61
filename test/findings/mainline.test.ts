/**
 * mainline (no adoption at all) passes every catalog entry's property on its scenario: the
 * findings are the series', not the baseline's (harness/findings/catalog.ts).
 */
import { describeFindings } from './_run';

describeFindings('mainline', { hasFindings: false });

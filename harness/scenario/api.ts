/**
 * The entry points every command and test uses (implemented in harness/scenario/run.ts and
 * harness/scenario/revision.ts; this file only re-exports them so that callers have one import).
 */
export { runScenario, runWithBaseline, needsBaseline, baselineIfRun, SKIPPED_BASELINE } from './run';
export { loadRevision, listRevisions, DEFAULT_REVISION } from './revision';
export { innermostDriverFrame } from '../kernel/wasmStack';
export { revisionEdgeMap } from './revision';
export type { Revision, RevisionInfo } from './revision';
export type { EdgeMap } from '../kernel/coverage';
export { readBudgetMib, READ_BUDGET_ENV } from '../kernel/readBudget';
export { wasmInliningEnabled } from '../kernel/wasmInlining';

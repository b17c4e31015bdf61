/**
 * The intact crashed 2-level table (harness/stories/intact.ts) run on one revision: what the
 * C does with it, read from the Outcome's trace, log and ledger. Shared by the per-revision
 * smoke tests of the early revisions (v1, v2, v3, v5).
 */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { Outcome, Phase, PropertyContext } from '../../harness/scenario/types';
import { intactTwoLevel } from '../../harness/stories/intact';
import { loadProperties } from '../../properties';

/** The story: 16-bit SIDs, SIDs 0x100, 0x101 (one bus) and 0x2000 attached and re-inserted. */
export function intactStory(rev: string): PropertyContext {
  return runWithBaseline(loadRevision(rev), intactTwoLevel());
}

/** The calls of `call` made in `phase`, with the C function that made them (from the trace's `[site:line]`). */
export function calls(o: Outcome, call: string, phase: Phase): { args: string; ret?: string; site: string }[] {
  return o.trace
    .filter((t) => t.call === call && t.phase === phase)
    .map((t) => ({ args: t.args, ret: t.ret, site: /\[(\w+):\d+\]/.exec(t.args)?.[1] ?? '' }));
}

/** The properties the story fails on this revision, by signature. */
export function failedSignatures(ctx: PropertyContext): string[] {
  return loadProperties()
    .map((p) => p.check(ctx))
    .flatMap((v) => (v.ok ? [] : [v.signature]));
}

/** The PA of every devm_memremap in `phase`, as the trace prints it. */
export function mappedPas(o: Outcome, phase: Phase): string[] {
  return calls(o, 'devm_memremap', phase).map((c) => c.args.split(',')[0]);
}

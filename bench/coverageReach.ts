/**
 * Edge coverage of the adoption functions that N fuzz runs reach, with coverage guidance on (what
 * `npm run fuzz` does) and off (`--no-guide`): the engine on realHarness, the repository's corpus
 * as its known findings (nothing known is shrunk; nothing is saved). The share is of the edges
 * reachable in this simulator (harness/report/coverageWhy.ts lists the others, with why), as the
 * fuzz report prints it.
 */
import * as path from 'node:path';
import { KnownFindings } from '../harness/corpus/known';
import { loadCorpusDir } from '../harness/corpus/load';
import { fuzz } from '../harness/fuzz/fuzzer';
import { realHarness } from '../harness/fuzz/harness';
import { WHOLE } from '../harness/fuzz/shard';
import { coverageSummary } from '../harness/report/coverage';
import { revisionEdgeMap } from '../harness/scenario/api';

export interface Reached {
  reached: number;
  /** Edges of the adoption functions reachable in this simulator. */
  reachable: number;
  total: number;
}

export async function coverageReached(rev: string, seed: number, runs: number, guide: boolean): Promise<Reached> {
  const harness = realHarness();
  const revision = harness.loadRevision(rev);
  const map = revisionEdgeMap(revision);
  if (!map) throw new Error(`bench: revision ${rev} has no edge map`);
  const known = new KnownFindings(loadCorpusDir(path.join(__dirname, '..', 'corpus')), [rev]);
  const result = await fuzz({ seed, runs, shard: WHOLE }, {
    arbitrary: harness.scenario(), labels: harness.scenarioLabels, properties: harness.loadProperties(),
    run: (s) => harness.runWithBaseline(revision, s), known, guide,
  });
  const s = coverageSummary(map, result.edges);
  return { reached: s.adoption.reached, reachable: s.adoption.total - s.outOfReach, total: s.adoption.total };
}

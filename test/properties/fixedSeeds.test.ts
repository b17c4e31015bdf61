/**
 * Every property, fuzzed with a fixed seed against v6 (the seed's series) and latest (the
 * newest code): each run either holds or fails with a finding already recorded for that
 * revision (a corpus entry that expects it to fail, or a row of test/findings). A new signature
 * fails this test: record it (npm run fuzz saves it; triage it into test/findings) — never
 * silence it here.
 */
import { test } from '@fast-check/jest';
import { scenario } from '../../generators';
import { loadCorpusDir } from '../../harness/corpus/load';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { loadProperties } from '../../properties';
import { FINDINGS, type Rev } from '../findings/_catalog';

const corpus = loadCorpusDir(`${__dirname}/../../corpus`);

function recorded(rev: Rev): string[] {
  const fromCorpus = corpus.filter((l) => l.entry.expect[rev] === 'fail').map((l) => l.entry.signature);
  const fromFindings = FINDINGS.map((f) => f.fails[rev]).filter((s): s is string => s !== undefined);
  return [...new Set([...fromCorpus, ...fromFindings])].sort();
}

describe.each(['v6', 'latest'] as const)('fixed seed 42 on %s', (rev) => {
  const revision = loadRevision(rev);
  const known = recorded(rev);
  for (const property of loadProperties()) {
    test.prop([scenario()], { seed: 42, numRuns: 300 })(`${property.name}: holds, or fails only with a recorded finding`, (s) => {
      const v = property.check(runWithBaseline(revision, s));
      if (!v.ok) expect(known).toContain(v.signature);
    });
  }
});

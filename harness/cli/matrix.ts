/**
 * `npm run matrix -- [--seed N|TEXT] [--runs N] [--revision NAME]... [--corpus DIR]`: the
 * verdict matrix of properties x revisions (harness/fuzz/matrix.ts), as Markdown on stdout.
 * By default every revision under review (mutants are the harness's own test material).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors';
import { loadCorpusDir } from '../corpus/load';
import { formatMatrix, verdictMatrix } from '../fuzz/matrix';
import { seriesOrder } from '../revisions/series';
import { realHarness } from '../fuzz/harness';
import { parseSeed } from '../corpus/seed';

function main(argv: string[]): void {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        runs: { type: 'string', default: '300' },
        revision: { type: 'string', multiple: true },
        corpus: { type: 'string', default: 'corpus' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}. Usage: npm run matrix -- [--seed N|TEXT] [--runs N] [--revision NAME]... [--corpus DIR]`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 0) throw new UsageError(`--runs ${values.runs}: not a whole number of runs (give e.g. --runs 300)`);
  const h = realHarness();
  const revisions = values.revision ?? h.listRevisions().filter((r) => !r.mutant).map((r) => r.name);
  const seed = parseSeed(values.seed ?? '1');
  process.stdout.write(formatMatrix(verdictMatrix(h, { revisions, seed: seed.value, runs, corpus: loadCorpusDir(values.corpus, { missingOk: true }) }), seriesOrder()));
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`matrix: ${err.message}`);
  process.exitCode = 2;
}

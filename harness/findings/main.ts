/**
 * `npm run findings [-- --write | --check]`: the README's Findings table, computed by running
 * every catalog entry on every listed non-mutant revision (harness/findings/table.ts), on stdout.
 * --write rewrites README.md between the findings markers (and nowhere else); --check exits 1
 * when README's table is not the computed one. Exit 2: bad flags or missing markers.
 */
import * as path from 'path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors';
import { REPO_ROOT } from '../scenario/revision';
import { tableInReadme, writeTable } from './readme';
import { findingsTable, runCatalog } from './table';
import * as fs from 'fs';

const USAGE = 'Usage: npm run findings [-- --write | --check]';

function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { write: { type: 'boolean' }, check: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}. ${USAGE}`);
  }
  if (values.write && values.check) throw new UsageError(`--write and --check together: give one. ${USAGE}`);
  const readme = path.join(REPO_ROOT, 'README.md');
  const table = findingsTable(runCatalog());
  if (values.check) {
    const same = tableInReadme(fs.readFileSync(readme, 'utf8')) === table;
    process.stderr.write(same ? 'findings: README.md\'s table is the computed one\n' : 'findings: README.md\'s table differs from the computed one; run npm run findings -- --write\n');
    return same ? 0 : 1;
  }
  if (values.write) {
    const changed = writeTable(readme, table);
    process.stderr.write(`findings: README.md ${changed ? 'rewritten between the findings markers' : 'already up to date'}\n`);
    return 0;
  }
  process.stdout.write(table);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`findings: ${err.message}`);
  process.exitCode = 2;
}

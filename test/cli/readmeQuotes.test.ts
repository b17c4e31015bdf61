/**
 * The commands test/cli/readmeCommands.test.ts runs are the README's, word for word: if the README
 * changes one, this fails, and the runner must follow (so the README never documents a loop no
 * test has run).
 */
import * as fs from 'fs';
import * as path from 'path';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

test.each([
  'gh run download <run-id> -n nightly-findings',
  'npm run replay -- corpus/<hash>.json --revision latest',
  'npm run fuzz -- --seed nightly-2026-11-25 --shard 2/4 --time 900',
  'mkdir -p /tmp/fix && cp harness/revisions/latest/arm-smmu-v3-kdump.c /tmp/fix/ && $EDITOR /tmp/fix/arm-smmu-v3-kdump.c',
  'npm run fuzz -- --seed 42 --revision /tmp/fix/arm-smmu-v3-kdump.c',
  'npm run fuzz -- --seed 42 --revision ~/my-fix.patch',
  'npm run replay -- corpus --revision /tmp/fix/arm-smmu-v3-kdump.c',
])('the README shows `%s`', (command) => {
  expect(readme).toContain(command);
});

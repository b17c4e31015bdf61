/**
 * `npm run corpus:expect -- [DIR]`: record in every corpus entry which revisions still fail it
 * and which pass (harness/fuzz/expectations.ts). Mutant revisions are left out: they are the
 * harness's own test material, not code under review.
 */
import { UsageError } from '../errors';
import { measureExpectations, writeExpectations } from '../fuzz/expectations';
import { loadCorpusDir } from '../corpus/load';
import { realHarness } from '../fuzz/harness';

function main(argv: string[]): number {
  if (argv.some((a) => a.startsWith('-'))) throw new UsageError(`corpus:expect takes only a corpus directory (got ${argv.join(' ')}). Usage: npm run corpus:expect -- [DIR]`);
  const dir = argv[0] ?? 'corpus';
  const h = realHarness();
  const revisions = h.listRevisions().filter((r) => !r.mutant).map((r) => r.name);
  let rewritten = 0;
  for (const loaded of loadCorpusDir(dir)) {
    const changes = measureExpectations(h, loaded, revisions);
    for (const c of changes) {
      if (c.other) console.log(`${loaded.file}: ${c.revision} fails ${loaded.entry.property} with another signature (${c.other}); not recorded`);
      else if (c.from !== c.to) console.log(`${loaded.file}: ${c.revision} ${c.from ?? '(none)'} -> ${c.to}`);
    }
    if (writeExpectations(loaded, changes)) rewritten++;
  }
  console.log(`corpus:expect: ${rewritten} entr${rewritten === 1 ? 'y' : 'ies'} updated in ${dir}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`corpus:expect: ${err.message}`);
    process.exitCode = 2;
  } else throw err;
}

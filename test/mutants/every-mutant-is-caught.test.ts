/**
 * Every mutant listed in harness/revisions/revisions.json is killed, found by running rather than
 * by reading test names: some property fails on the mutant, on one of the hand-written probes of
 * test/properties/_canFail.ts, with a signature it does not give on the mutant's base (latest).
 * Running a mutant needs only its committed .wasm, never clang, so this is enforced everywhere.
 *
 * The other direction (every property is killed by some mutant) is
 * test/properties/everyPropertyCanFail.test.ts: there the requirement is enforced where clang-14
 * is installed and in CI, so that a contributor without clang can add a property. The
 * test/mutants/<property>.test.ts files tell each kill as a story; here they must be named after
 * a property and name a mutant that exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../harness/scenario/revision';
import { loadProperties } from '../../properties';
import { evidenceOf, mutants, type Kill } from '../properties/_canFail';

const DIR = __dirname;
const listed = mutants();
const properties = loadProperties();
const kills: Kill[] = properties.flatMap((p) => evidenceOf(p).kills);

describe('mutation testing: every mutant is killed by a property', () => {
  test('there are mutants, each with its recipe harness/revisions/mutants/<name>.patch', () => {
    expect(listed.length).toBeGreaterThan(0);
    for (const m of listed) {
      expect({ mutant: m.name, recipe: fs.existsSync(path.join(REPO_ROOT, 'harness', 'revisions', 'mutants', `${m.name}.patch`)) })
        .toEqual({ mutant: m.name, recipe: true });
    }
  });

  test.each(listed.map((m) => m.name))('mutant %s makes some property fail with a signature its base does not have', (name) => {
    const by = [...new Set(kills.filter((k) => k.mutant === name).map((k) => k.signature))];
    expect({ mutant: name, killedBy: by }).toEqual({ mutant: name, killedBy: expect.arrayContaining([expect.any(String)]) });
  });

  test('each test/mutants/<property>.test.ts is named after a property and names a mutant that exists', () => {
    const names = properties.map((p) => p.name);
    const wrong: string[] = [];
    for (const f of fs.readdirSync(DIR)) {
      const m = /^(.*)\.test\.ts$/.exec(f);
      if (!m || f === path.basename(__filename)) continue;
      if (!names.includes(m[1])) wrong.push(`${f}: no property ${m[1]} in properties/`);
      const text = fs.readFileSync(path.join(DIR, f), 'utf8');
      if (!listed.some((x) => text.includes(`'${x.name}'`))) wrong.push(`${f}: names no mutant of harness/revisions/revisions.json`);
    }
    expect(wrong).toEqual([]);
  });
});

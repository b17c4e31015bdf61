/**
 * Every mutant listed in harness/revisions/revisions.json must be caught by a test, and every
 * property must catch a mutant: test/mutants/<property>.test.ts names the mutant(s) it kills.
 * A new mutant (or a new property) without such a test fails here, by name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readCatalog } from '../../harness/revisions/catalog';
import { REPO_ROOT } from '../../harness/scenario/revision';
import { loadProperties } from '../../properties';

const DIR = __dirname;
const catalog = readCatalog(REPO_ROOT);
const mutants = catalog.filter((e) => e.mutant);
const properties = loadProperties().map((p) => p.name);

/** test/mutants/<property>.test.ts → its text. */
function propertyTests(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(DIR)) {
    const m = /^(.*)\.test\.ts$/.exec(f);
    if (m && properties.includes(m[1])) out.set(m[1], fs.readFileSync(path.join(DIR, f), 'utf8'));
  }
  return out;
}

const tests = propertyTests();

function catchers(mutant: string): string[] {
  return [...tests].filter(([, text]) => text.includes(`'${mutant}'`)).map(([p]) => p);
}

describe('mutation testing: the list of mutants and the tests that catch them', () => {
  test('there are mutants, all of `latest`, each with its recipe', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(properties.length);
    for (const m of mutants) {
      expect({ mutant: m.name, base: m.base }).toEqual({ mutant: m.name, base: 'latest' });
      expect(fs.existsSync(path.join(REPO_ROOT, 'harness', 'revisions', 'mutants', `${m.name}.patch`))).toBe(true);
    }
  });

  test.each(mutants.map((m) => m.name))('mutant %s is caught by a test/mutants/<property>.test.ts', (name) => {
    expect({ mutant: name, caughtBy: catchers(name) }).toEqual({ mutant: name, caughtBy: expect.arrayContaining([expect.any(String)]) });
  });

  test.each(properties)('property %s has test/mutants/<property>.test.ts catching a listed mutant', (name) => {
    const text = tests.get(name);
    expect({ property: name, hasTest: text !== undefined }).toEqual({ property: name, hasTest: true });
    const named = mutants.filter((m) => text!.includes(`'${m.name}'`)).map((m) => m.name);
    expect({ property: name, mutants: named }).toEqual({ property: name, mutants: expect.arrayContaining([expect.any(String)]) });
  });
});

/**
 * `npm run new-property -- NAME`: scaffolds a property and its failing-first test.
 *
 *   properties/NAME.ts             from property.template.ts.txt: name, a TODO description and a
 *                                  check() that fails every run with `NAME:todo@check-not-written`
 *   test/properties/NAME.test.ts   from property.test.template.ts.txt: asserts the property holds
 *                                  on clean runs, so it is red until the check is written
 *
 * and prints the next steps, the last a clearly marked one: a mutant of latest that only this
 * property catches (needs clang-14). Until it exists, npm test stays green where there is no
 * clang-14 (test/properties/everyPropertyCanFail.test.ts lists the property as a todo) and fails
 * where clang-14 is installed and in CI (CI=true): a contributor without clang is not blocked.
 *
 * NAME is kebab-case (it is the file name, the --property argument and the prefix of every
 * failure signature) and must be new. Nothing is ever overwritten: an existing file is an error.
 * Exit 0 created, 2 bad usage (no name, bad name, name taken).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors';

const REPO = path.resolve(__dirname, '..', '..');
const TEMPLATE_DIR = __dirname;
export const PROPERTY_TEMPLATE = path.join(TEMPLATE_DIR, 'property.template.ts.txt');
export const TEST_TEMPLATE = path.join(TEMPLATE_DIR, 'property.test.template.ts.txt');
const PLACEHOLDER = /__NAME__/g;

/** Same rule as properties/index.ts, plus: starts with a letter, at most 60 characters. */
export const PROPERTY_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME = 60;

export const USAGE = `usage: npm run new-property -- NAME [--root DIR]

Creates properties/NAME.ts (a property whose check is still TODO) and
test/properties/NAME.test.ts (its test, which fails until the check is written).

  NAME        kebab-case, new: e.g. l2-span-bounded
  --root DIR  repository to write into (default: this checkout)
`;

export interface ScaffoldFiles {
  /** Paths relative to the root. */
  property: string;
  test: string;
}

export function targetFiles(name: string): ScaffoldFiles {
  return { property: path.join('properties', `${name}.ts`), test: path.join('test', 'properties', `${name}.test.ts`) };
}

/** Throws a UsageError saying what is wrong with NAME and how to pick one that works. */
export function validateName(name: string | undefined, root: string): asserts name is string {
  if (name === undefined || name === '') {
    throw new UsageError(`no property name given\n${USAGE}`);
  }
  const rule = 'lower-case letters, digits and single hyphens, starting with a letter (e.g. l2-span-bounded)';
  if (!PROPERTY_NAME.test(name)) {
    const hint = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[-0-9]+|-+$/g, '');
    throw new UsageError(
      `property name '${name}' is not kebab-case: ${rule}. It becomes the file name properties/<name>.ts ` +
      `and the prefix of every failure signature.` + (hint && PROPERTY_NAME.test(hint) ? `\n  try: npm run new-property -- ${hint}` : ''));
  }
  if (name.length > MAX_NAME) {
    throw new UsageError(`property name '${name}' is ${name.length} characters long; keep it under ${MAX_NAME + 1}: it is part of every signature`);
  }
  if (name === 'index') throw new UsageError(`'index' is taken: properties/index.ts is the loader that finds the properties`);
  if (!fs.existsSync(path.join(root, 'properties'))) {
    throw new UsageError(`${root} has no properties/ directory: run this from a checkout of smmu-kdump-fuzz (or pass --root)`);
  }
  const files = targetFiles(name);
  const taken = [files.property, files.property.replace(/\.ts$/, '.js'), files.test]
    .filter((f) => fs.existsSync(path.join(root, f)));
  if (taken.length > 0) {
    throw new UsageError(
      `property '${name}' already exists: ${taken.join(', ')}\n` +
      `  new-property never overwrites a file: pick another name, or edit the existing property`);
  }
}

export function render(template: string, name: string): string {
  return template.replace(PLACEHOLDER, name);
}

/**
 * Writes both files (exclusive create: a file that appears meanwhile is not overwritten, and a
 * half-done scaffold is removed). Returns the paths relative to the root.
 */
export function scaffold(name: string | undefined, root: string = REPO): ScaffoldFiles {
  validateName(name, root);
  const files = targetFiles(name);
  const contents: [string, string][] = [
    [files.property, render(fs.readFileSync(PROPERTY_TEMPLATE, 'utf8'), name)],
    [files.test, render(fs.readFileSync(TEST_TEMPLATE, 'utf8'), name)],
  ];
  const written: string[] = [];
  try {
    for (const [rel, text] of contents) {
      const abs = path.join(root, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, text, { flag: 'wx' });
      written.push(abs);
    }
  } catch (err) {
    for (const abs of written) fs.rmSync(abs, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`property '${name}' already exists (${(err as NodeJS.ErrnoException).path}); nothing was written`);
    }
    throw err;
  }
  return files;
}

/** Where the mutant goes: latest-<what-it-breaks>, a name the author picks. */
export const MUTANT_RECIPE = 'harness/revisions/mutants/latest-<what-it-breaks>.patch';

export function nextSteps(name: string, files: ScaffoldFiles): string {
  return [
    `created ${files.property}`,
    `created ${files.test}`,
    '',
    'next:',
    `  1. npx jest ${files.test}      # fails (TODO): that is the point`,
    `  2. write the description and check() in ${files.property} until it passes, then add`,
    `     the test of the bug it exists for (the test.todo in ${files.test})`,
    `  3. npm run fuzz -- --property ${name} --seed 1 --runs 2000`,
    `  4. npm test                       # green; without clang-14 it lists ${name} as a todo: "NO MUTANT makes ${name} fail yet"`,
    `  5. REQUIRED BEFORE MERGE (CI fails without it; needs clang-14):`,
    `     write a mutant of latest that only this property catches: one check of the C removed,`,
    `       ${MUTANT_RECIPE}   (lines Mutant:, Base-Revision: latest, Description:, then the diff)`,
    '       npm run assemble && npm run build:c -- latest-<what-it-breaks>',
    `     and tell the kill as a story in test/mutants/${name}.test.ts (test/mutants/_mutant.ts: runBoth).`,
    `     Its scenario must be a Findings row's or a story without arguments in harness/stories/findingScenarios.ts:`,
    `     test/properties/everyPropertyCanFail.test.ts finds the kill by running those.`,
    '',
  ].join('\n');
}

/** The command: returns the exit status, writes to the given streams (tests call it in-process). */
export function runNewProperty(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}\n${USAGE}`);
    }
    if (parsed.values.help) {
      out(USAGE);
      return 0;
    }
    if (parsed.positionals.length > 1) {
      throw new UsageError(`one property name at a time, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}\n${USAGE}`);
    }
    const name = parsed.positionals[0];
    const files = scaffold(name, path.resolve(parsed.values.root ?? REPO));
    out(nextSteps(name!, files));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`new-property: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  process.exitCode = runNewProperty(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}

/**
 * properties/index.ts: the loader. Checked structurally, never against a list of names, so that
 * `npm run new-property -- NAME` plus a written check is all it takes to add a property: every
 * property file is found, named after its file in kebab-case, unique, with a one-paragraph
 * description and a check; every property holds on the clean runs. That a property can FAIL on
 * real C is test/properties/everyPropertyCanFail.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProperties, propertyFiles } from '../../properties';
import { PINNED_ENTRIES } from '../findings/_catalog';
import { baseline2lvl, ctxAdopted, ctxFallback, ctxLinear } from './_outcome';

const REPO = path.resolve(__dirname, '../..');
const PROPERTIES_DIR = path.join(REPO, 'properties');
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The property files, found here independently of the loader: <name>.ts, not index, not _helpers, not tests. */
function filesOnDisk(dir = PROPERTIES_DIR): string[] {
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/\.(test|spec)\.ts$/.test(f) && !f.startsWith('_') && f !== 'index.ts')
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

const DISCOVERED = loadProperties().map((p) => p.name);

const VALID = (name: string): string =>
  `export default { name: '${name}', description: 'A test property.', check: () => ({ ok: true as const }) };\n`;

const temps: string[] = [];

/** A copy of properties/ next to a link to the real harness/, so its relative imports resolve. */
function tempCopy(extra: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'props-'));
  temps.push(root);
  fs.cpSync(path.join(REPO, 'properties'), path.join(root, 'properties'), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'harness'), path.join(root, 'harness'), 'dir');
  for (const [f, text] of Object.entries(extra)) fs.writeFileSync(path.join(root, 'properties', f), text);
  return path.join(root, 'properties');
}

afterAll(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

describe('loadProperties', () => {
  test('finds every property file, each named after its file, kebab-case, once, sorted', () => {
    const onDisk = filesOnDisk();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(DISCOVERED).toEqual(onDisk);
    expect(propertyFiles().map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(onDisk);
    expect(new Set(DISCOVERED).size).toBe(DISCOVERED.length);
    for (const name of DISCOVERED) expect({ name, kebab: KEBAB.test(name) }).toEqual({ name, kebab: true });
  });

  test('every property the Findings catalog and test/mutants name is found', () => {
    const named = new Set(PINNED_ENTRIES.map((f) => f.property));
    for (const f of fs.readdirSync(path.join(REPO, 'test', 'mutants'))) {
      const m = /^([a-z0-9-]+)\.test\.ts$/.exec(f);
      if (m && m[1] !== 'every-mutant-is-caught') named.add(m[1]);
    }
    expect([...named].filter((n) => !DISCOVERED.includes(n))).toEqual([]);
  });

  test.each(loadProperties().map((p) => [p.name, p] as const))('%s: a default export { name, description, check } with a finished one-paragraph description', (name, p) => {
    expect(p.name).toBe(name);
    expect(typeof p.check).toBe('function');
    expect(p.check.length).toBeLessThanOrEqual(1);
    expect(p.description.trim().length).toBeGreaterThan(80);
    expect(p.description).not.toMatch(/\n\s*\n/); // one paragraph
    expect(p.description).not.toMatch(/\bTODO\b/);
    const mod = require(path.join(PROPERTIES_DIR, `${name}.ts`)) as { default?: unknown; property?: unknown };
    expect(mod.default ?? mod.property).toBe(p);
  });

  test('every property holds on the clean adopted, fallback and linear runs and on a normal boot', () => {
    const normal = ctxAdopted();
    normal.scenario.kdump = false;
    normal.outcome = baseline2lvl();
    for (const p of loadProperties()) {
      for (const ctx of [ctxAdopted(), ctxFallback(), ctxLinear(), normal]) {
        const v = p.check(ctx);
        expect({ property: p.name, verdict: v }).toEqual({ property: p.name, verdict: { ok: true } });
      }
    }
  });

  test('dropping a file in is all it takes; helpers and tests are not properties', () => {
    const dir = tempCopy({
      'extra-check.ts': VALID('extra-check'),
      '_helper.ts': 'export const notAProperty = 1;\n',
      'extra-check.test.ts': 'throw new Error("a test file must not be loaded as a property");\n',
      'README.md': 'not code\n',
    });
    const names = loadProperties(dir).map((p) => p.name);
    expect(names).toEqual([...DISCOVERED, 'extra-check'].sort());
  });

  test('a file with neither description nor check names the file and both missing fields', () => {
    const dir = tempCopy({ 'broken-thing.ts': "export default { name: 'broken-thing' };\n" });
    expect(() => loadProperties(dir)).toThrow(/broken-thing\.ts: missing `description` \(a one-paragraph string\), `check\(ctx\)` \(a function returning a Verdict\)/);
  });

  test('a name that differs from the file name', () => {
    const dir = tempCopy({ 'named-wrong.ts': VALID('something-else') });
    expect(() => loadProperties(dir)).toThrow(/named-wrong\.ts: name is 'something-else' but the file is named 'named-wrong'/);
  });

  test('no Property export at all, or a non-object', () => {
    expect(() => loadProperties(tempCopy({ 'no-export.ts': 'export const x = 1;\n' }))).toThrow(/no-export\.ts: no `default` or `property` export/);
    expect(() => loadProperties(tempCopy({ 'not-object.ts': 'export default 42;\n' }))).toThrow(/not-object\.ts: the export is number, not a Property object/);
  });

  test('`export const property` works as well as a default export', () => {
    const dir = tempCopy({ 'named-export.ts': VALID('named-export').replace('export default', 'export const property =') });
    expect(loadProperties(dir).map((p) => p.name)).toContain('named-export');
  });

  test('a file that throws while loading is reported with its name', () => {
    const dir = tempCopy({ 'throws-on-load.ts': 'throw new Error("boom");\n' });
    expect(() => loadProperties(dir)).toThrow(/throws-on-load\.ts: failed to load: boom/);
  });
});

test('a malformed property file is a usage error (exit 2)', () => {
  const dir = tempCopy({ 'broken-thing.ts': "export default { name: 'broken-thing' };\n" });
  let err: unknown;
  try {
    loadProperties(dir);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(Error);
  expect((err as { exitCode?: number }).exitCode).toBe(2);
  expect((err as Error).name).toBe('PropertyLoadError');
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProperties, propertyFiles } from '../../properties';
import { baseline2lvl, ctxAdopted, ctxFallback, ctxLinear } from './_outcome';

const REPO = path.resolve(__dirname, '../..');
const EXPECTED = [
  'adopted-state-consistent',
  'clean-fallback',
  'hardware-untouched-while-adopted',
  'inserted-bus-usable',
  'intact-table-adopted',
  'kdump-memory-untouched',
  'lazy-l2-span-change-rejected',
  'no-crash',
  'no-leaked-mappings',
  'no-over-allocation',
];

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
  test('discovers every property (the eight of the issue, intact-table-adopted and inserted-bus-usable), each named after its file', () => {
    const props = loadProperties();
    expect(props.map((p) => p.name)).toEqual(EXPECTED);
    expect(propertyFiles().map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(EXPECTED);
    for (const p of props) {
      expect(p.description.length).toBeGreaterThan(200);
      expect(p.description).not.toMatch(/\n\s*\n/); // one paragraph
    }
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
    expect(names).toEqual([...EXPECTED, 'extra-check'].sort());
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

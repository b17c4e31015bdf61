/**
 * The properties, found automatically: every `<name>.ts` (or compiled `<name>.js`) in this
 * directory except index, `_`-prefixed helpers and tests is a property file, and must export
 * (as default, or as `property`) a Property whose name is its file name. Dropping a file in is
 * all it takes to add one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../harness/errors';
import type { Property } from '../harness/scenario/types';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * A property file that is not a well-formed Property: names the file and what is wrong. A
 * UsageError, so a command ends with exit 2 and this message rather than a stack trace.
 */
export class PropertyLoadError extends UsageError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}. A property file must \`export default\` (or \`export const property =\`) an object { name: '<file name>', description: '<one paragraph>', check(ctx) { return { ok: true } } }.`);
    this.name = 'PropertyLoadError';
  }
}

/** Property file names (without extension) in `dir`, sorted; .ts preferred over .js. */
export function propertyFiles(dir: string = __dirname): string[] {
  const byName = new Map<string, string>();
  for (const f of fs.readdirSync(dir).sort()) {
    const m = /^(.*)\.(ts|js)$/.exec(f);
    if (!m || f.endsWith('.d.ts') || /\.(test|spec)\.(ts|js)$/.test(f)) continue;
    const base = m[1];
    if (base === 'index' || base.startsWith('_') || base.startsWith('.')) continue;
    if (!fs.statSync(path.join(dir, f)).isFile()) continue;
    if (!byName.has(base) || m[2] === 'ts') byName.set(base, f);
  }
  return [...byName.values()];
}

function validate(file: string, expectedName: string, mod: unknown): Property {
  if (mod === null || typeof mod !== 'object') throw new PropertyLoadError(file, 'the module exports nothing');
  const exp = mod as { default?: unknown; property?: unknown };
  const candidates = [exp.default, exp.property].filter((x) => x !== undefined);
  if (candidates.length === 0) throw new PropertyLoadError(file, 'no `default` or `property` export');
  if (candidates.length === 2 && candidates[0] !== candidates[1]) {
    throw new PropertyLoadError(file, '`default` and `property` exports are two different objects; export one Property');
  }
  const p = candidates[0] as Partial<Record<keyof Property, unknown>> | null;
  if (p === null || typeof p !== 'object') throw new PropertyLoadError(file, `the export is ${p === null ? 'null' : typeof p}, not a Property object`);
  const missing: string[] = [];
  if (typeof p.name !== 'string' || p.name === '') missing.push('`name` (a non-empty string)');
  if (typeof p.description !== 'string' || p.description.trim() === '') missing.push('`description` (a one-paragraph string)');
  if (typeof p.check !== 'function') missing.push('`check(ctx)` (a function returning a Verdict)');
  if (missing.length) throw new PropertyLoadError(file, `missing ${missing.join(', ')}`);
  if (p.name !== expectedName) throw new PropertyLoadError(file, `name is '${String(p.name)}' but the file is named '${expectedName}' (they must match)`);
  if (!KEBAB.test(expectedName)) throw new PropertyLoadError(file, `'${expectedName}' is not kebab-case`);
  return p as Property;
}

/** Every property in `dir` (default: this directory), sorted by name. Throws PropertyLoadError. */
export function loadProperties(dir: string = __dirname): Property[] {
  const out: Property[] = [];
  for (const f of propertyFiles(dir)) {
    const file = path.join(dir, f);
    const rel = path.relative(process.cwd(), file) || file;
    let mod: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require(file);
    } catch (e) {
      throw new PropertyLoadError(rel, `failed to load: ${e instanceof Error ? e.message : String(e)}`);
    }
    out.push(validate(rel, f.replace(/\.(ts|js)$/, ''), mod));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

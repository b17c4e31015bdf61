/**
 * Every committed .wasm has exactly the interface of harness/shim/ABI.md:
 * the same imports and exports, by name and kind, read from ABI.md's tables.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { readCatalog } from '../../harness/revisions/catalog';

v8.setFlagsFromString('--experimental-wasm-memory64');

const ROOT = path.join(__dirname, '..', '..');
const ABI = fs.readFileSync(path.join(ROOT, 'harness', 'shim', 'ABI.md'), 'utf8');

/** The rows of the markdown table under `## heading`: their first cell. */
function firstCells(heading: string): string[] {
  const section = ABI.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`ABI.md has no "## ${heading}" section`);
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split('|')[1]);
}

const names = (cell: string) => [...cell.matchAll(/`([A-Za-z_]\w*)/g)].map((m) => m[1]);

function expectedImports(): string[] {
  const kernel = firstCells('Imports').flatMap(names).map((n) => `kernel.${n}:function`);
  const env = firstCells('Compiler imports').flatMap(names).map((n) => `env.${n}:${n === 'memory' ? 'memory' : 'function'}`);
  return [...env, ...kernel].sort();
}

function expectedExports(): string[] {
  const kind = (n: string) => (n === '__indirect_function_table' ? 'table' : n.startsWith('__') ? 'global' : 'function');
  return firstCells('Exports')
    .flatMap(names)
    .map((n) => `${n}:${kind(n)}`)
    .sort();
}

/** ABI.md's exports a revision has only when its C carries the function they call ("## Optional exports"). */
function optionalExports(): string[] {
  return firstCells('Optional exports').flatMap(names).map((n) => `${n}:function`);
}

/** The C a module was built from (its base's for a mutant) carries arm_smmu_is_attach_deferred(). */
function carriesAttachDeferred(sources: string[]): boolean {
  return sources.some((s) => s.endsWith('/arm-smmu-v3.c') && /^#define KSHIM_HAS_IS_ATTACH_DEFERRED\b/m.test(fs.readFileSync(path.join(ROOT, s), 'utf8')));
}

describe('the committed .wasm files match ABI.md', () => {
  const entries = readCatalog(ROOT);

  test('ABI.md tables are readable', () => {
    expect(expectedImports()).toContain('kernel.memremap:function');
    expect(expectedExports()).toContain('kshim_insert_sid:function');
    expect(expectedExports()).toContain('__indirect_function_table:table');
  });

  test.each(entries.map((e) => [e.name, e.wasm, e.sources] as const))('%s (%s)', (_name, wasm, sources) => {
    const module = new WebAssembly.Module(fs.readFileSync(path.join(ROOT, wasm)));
    const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`).sort();
    const exports = WebAssembly.Module.exports(module).map((e) => `${e.name}:${e.kind}`).sort();
    expect(imports).toEqual(expectedImports());
    const optional = carriesAttachDeferred(sources) ? optionalExports() : [];
    expect(exports).toEqual([...expectedExports(), ...optional].sort());
  });
});

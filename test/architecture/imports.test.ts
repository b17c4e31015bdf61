/**
 * The README's architecture, checked on the import graph of harness/, generators/ and
 * properties/ (importGraph.ts: every import, export-from, require() and import() type, type-only
 * ones included — a type is a dependency too).
 *
 * Data flows generators -> scenario -> kernel -> properties -> corpus/report, with no arrow
 * back: each stage sees the ones before it only through the shared data model (MODEL), and the
 * only stage-to-stage import is the runner driving the kernel it plays on. The engine
 * (harness/fuzz) wires the stages; cli/ parses and prints around the engine and is imported by
 * no one but the entry points (package.json scripts). The tools (claims, findings, mutation)
 * sit on top. No module cycle anywhere.
 *
 * ALLOWED is the one table of who may import whom, folder by folder (a module may always import
 * its own folder and MODEL); it must itself be free of cycles. Code that breaks it today is a
 * named EXCEPTION below, one import each, with why; an exception no longer needed fails too, so
 * the list only shrinks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cycles, importGraph, modulesUnder, REPO, type Edge } from './importGraph';

/** Plain data and facts every layer shares: what a scenario and an outcome are, errors, the RAM map. */
const MODEL = ['harness/errors', 'harness/scenario/types', 'harness/kernel/ramMap'];

/**
 * The SMMU as the architecture defines it (register offsets and fields, stream-table geometry):
 * one model for generators, scenario, kernel and report. Not for properties/, which keep an
 * independent reading (properties/_lib/kernel.ts), so that a wrong model cannot make an oracle agree.
 */
const HARDWARE = ['harness/kernel/smmuRegs', 'harness/kernel/smmuTable'];

/**
 * The driver's edge coverage (which basic blocks of the C a run reached), carried beside the
 * Outcome: the build writes the map, the engine and the report read it; the properties never do.
 */
const COVERAGE = 'harness/kernel/coverage';

/** Who may import whom, besides its own folder and MODEL: folders, or single modules. */
const ALLOWED: Record<string, readonly string[]> = {
  // The pipeline, in the order data flows through it.
  generators: [...HARDWARE],
  'harness/scenario': ['harness/kernel', 'harness/build', 'harness/revisions'],
  'harness/kernel': [...HARDWARE],
  properties: [],
  'harness/corpus': [],
  'harness/report': ['harness/corpus', 'harness/revisions', ...HARDWARE, COVERAGE],
  // Hand-written scenarios: plain data built on the model.
  'harness/stories': [...HARDWARE],
  // The C: assembled from the mails, built to WebAssembly.
  'harness/revisions': [],
  'harness/build': ['harness/revisions', COVERAGE],
  // The engine wires the stages; cli/ drives the engine.
  // (tsRequire: a worker process's entry loads the sources through the command line's transpile cache.)
  'harness/fuzz': ['generators', 'properties', 'harness/scenario', 'harness/corpus', 'harness/report', COVERAGE, 'harness/tsRequire'],
  'harness/cli': ['harness/fuzz', 'harness/corpus', 'harness/report', 'harness/scenario', 'harness/revisions'],
  // Tools on top of the engine.
  'harness/claims': ['harness/scenario', 'harness/kernel', 'harness/report', 'harness/stories', 'properties'],
  'harness/findings': ['harness/fuzz', 'harness/report', 'harness/revisions', 'harness/scenario', 'harness/stories', 'properties'],
  'harness/mutation': ['generators', 'properties', 'harness/build', 'harness/corpus', 'harness/fuzz', 'harness/kernel', 'harness/revisions', 'harness/scenario'],
  'harness/scaffold': [],
  // Ambient declarations only (WebAssembly types for Node): imports nothing.
  'harness/types': [],
};

interface Exception {
  from: string;
  to: string;
  why: string;
}

/** Imports that break ALLOWED today, each named; fix the code and delete the line. */
const EXCEPTIONS: readonly Exception[] = [
];

/** A require() of a computed name: only where a folder's modules are found by listing it. */
const COMPUTED_REQUIRE: Record<string, string> = {
  'properties/index': 'properties are found by listing properties/ (README: "dropping it in properties/ is all npm test needs")',
};

const SCOPE = ['harness', 'generators', 'properties'];
const graph = importGraph(modulesUnder(SCOPE));

/** generators, properties, harness/<folder>; harness/errors for a file at harness/'s top. */
function unitOf(module: string): string {
  const [top, second, ...rest] = module.split('/');
  if (top !== 'harness') return top;
  return rest.length === 0 ? `harness/${second}` : `harness/${second}`;
}

/** `target` (a folder or a module) covers `module`. */
const covers = (target: string, module: string) => module === target || module.startsWith(`${target}/`);

/** Modules run by an npm script (`ts-node … harness/cli/fuzz.ts`): the entry points. */
function entryPoints(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return Object.values(scripts).flatMap((s) => [...s.matchAll(/(\S+)\.ts\b/g)].map((m) => m[1]));
}

const show = (e: Edge) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type only)' : ''}`;
const isException = (e: Edge) => EXCEPTIONS.some((x) => x.from === e.from && x.to === e.to);

function allowed(e: Edge): boolean {
  const from = unitOf(e.from);
  if (from === unitOf(e.to) || MODEL.includes(e.to)) return true;
  if (unitOf(e.to) === 'harness/cli') return entryPoints().includes(e.from);
  return (ALLOWED[from] ?? []).some((t) => covers(t, e.to));
}

describe('the import graph follows the README architecture', () => {
  test('the graph is read: every folder of the table has modules, and the parser sees their imports', () => {
    expect(graph.modules.length).toBeGreaterThan(100);
    for (const unit of Object.keys(ALLOWED).filter((u) => u !== 'harness/types')) {
      expect([unit, graph.modules.some((m) => unitOf(m) === unit)]).toEqual([unit, true]);
    }
    // A few imports that must be there, of each kind the parser handles.
    const has = (from: string, to: string) => graph.edges.some((e) => e.from === from && e.to === to);
    expect(has('harness/fuzz/harness', 'generators/index')).toBe(true);
    expect(has('harness/cli/fuzzCommand', 'harness/fuzz/fuzzer')).toBe(true);
    const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to);
    expect(edge('harness/fuzz/harness', 'harness/scenario/types')?.typeOnly).toBe(true); // import type
    expect(edge('harness/scenario/revision', 'harness/build/fromPath')?.typeOnly).toBe(false); // require('../build/fromPath')
    expect(edge('harness/mutation/evaluate', 'properties/index')?.typeOnly).toBe(false); // '../../properties': the folder's index
  });

  test('every folder under harness/ has a row in the table (a new folder is placed on purpose)', () => {
    const folders = fs.readdirSync(path.join(REPO, 'harness'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && modulesUnder([`harness/${d.name}`]).length > 0)
      .map((d) => `harness/${d.name}`);
    const rows = Object.keys(ALLOWED);
    expect(folders.filter((f) => !rows.includes(f))).toEqual([]);
  });

  test('each import is allowed by the table, or is a named exception', () => {
    const violations = graph.edges.filter((e) => !allowed(e) && !isException(e)).map(show);
    expect(violations).toEqual([]);
  });

  test('the stages: each sees the others only through the shared modules; the runner drives the kernel; no arrow back', () => {
    // README: generators -> scenario -> kernel -> properties -> corpus/report.
    const STAGES = [['generators'], ['harness/scenario'], ['harness/kernel'], ['properties'], ['harness/corpus', 'harness/report']];
    const stageOf = (m: string) => STAGES.findIndex((units) => units.includes(unitOf(m)));
    const shared = (m: string) => MODEL.includes(m) || HARDWARE.includes(m) || m === COVERAGE;
    const crossing = graph.edges.filter((e) => stageOf(e.from) >= 0 && stageOf(e.to) >= 0 && stageOf(e.from) !== stageOf(e.to));
    const runnerDrivesKernel = (e: Edge) => unitOf(e.from) === 'harness/scenario' && unitOf(e.to) === 'harness/kernel';
    expect(crossing.filter((e) => !shared(e.to) && !runnerDrivesKernel(e) && !isException(e)).map(show)).toEqual([]);
    // The oracle stays independent: properties/ import the model only (not the SMMU model, not coverage).
    expect(graph.edges.filter((e) => unitOf(e.from) === 'properties' && unitOf(e.to) !== 'properties' && !MODEL.includes(e.to)).map(show)).toEqual([]);
    // The one forward arrow is really there (otherwise the stage list above is out of date).
    expect(crossing.some(runnerDrivesKernel)).toBe(true);
  });

  test('cli/ imports the engine; the engine never imports cli/', () => {
    expect(graph.edges.some((e) => unitOf(e.from) === 'harness/cli' && unitOf(e.to) === 'harness/fuzz')).toBe(true);
    expect(graph.edges.filter((e) => unitOf(e.from) === 'harness/fuzz' && unitOf(e.to) === 'harness/cli').map(show)).toEqual([]);
  });

  test('nothing outside cli/ imports cli/ but an entry point (package.json scripts)', () => {
    const entries = entryPoints();
    expect(entries).toEqual(expect.arrayContaining(['harness/cli/fuzz', 'harness/claims/main']));
    const intruders = graph.edges
      .filter((e) => unitOf(e.to) === 'harness/cli' && unitOf(e.from) !== 'harness/cli' && !entries.includes(e.from) && !isException(e));
    expect(intruders.map(show)).toEqual([]);
  });

  test('no module cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('the table itself has no cycle between folders (no arrow back)', () => {
    const folderOf = (t: string) => (Object.keys(ALLOWED).includes(t) ? t : unitOf(t));
    const edges = Object.entries(ALLOWED).flatMap(([from, tos]) =>
      tos.map((t) => folderOf(t)).filter((to) => to !== from && !MODEL.includes(to)).map((to) => ({ from, to, typeOnly: false })));
    // HARDWARE and kernel/coverage are single modules of kernel/ that import only kernel/ and the model.
    const table = { modules: Object.keys(ALLOWED), edges, computed: [] };
    expect(cycles(table)).toEqual([]);
  });

  test('every exception is still needed, and says why', () => {
    for (const x of EXCEPTIONS) {
      expect(x.why.length).toBeGreaterThan(10);
      const edge = graph.edges.find((e) => e.from === x.from && e.to === x.to);
      expect([x.from, x.to, edge !== undefined && !allowed(edge)]).toEqual([x.from, x.to, true]);
    }
  });

  test('a require() of a computed name only where modules are found by listing a folder', () => {
    expect(graph.computed.filter((m) => COMPUTED_REQUIRE[m] === undefined)).toEqual([]);
    expect(Object.keys(COMPUTED_REQUIRE).filter((m) => !graph.computed.includes(m))).toEqual([]);
  });

  test('product code and tools import nothing from test/', () => {
    const product = importGraph(modulesUnder([...SCOPE, 'bench', '.ci']));
    expect(product.edges.filter((e) => e.to.startsWith('test/')).map(show)).toEqual([]);
  });
});

describe('the README architecture tree', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Architecture'));
  const tree = section.slice(section.indexOf('```'), section.indexOf('```', section.indexOf('```') + 3));

  test('lists every folder under harness/', () => {
    expect(tree).toContain('harness/');
    const listed = [...tree.matchAll(/^ {2}([a-z][\w-]*)\/ /gm)].map((m) => m[1]);
    const folders = fs.readdirSync(path.join(REPO, 'harness'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
    // A row `  NAME/   what it holds` in the tree of README.md's "## Architecture" per folder.
    expect({ missingFromReadme: folders.filter((f) => !listed.includes(f)), notInHarness: listed.filter((f) => !folders.includes(f)) })
      .toEqual({ missingFromReadme: [], notInHarness: [] });
  });
});

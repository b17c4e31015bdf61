/**
 * What the commands need from the rest of the project, as one injectable object. The real one
 * is loaded lazily from harness/scenario/api, generators/index and properties/index; tests
 * pass fakes (test/cli/fakes.ts). Nothing in harness/cli imports those modules directly.
 */
import * as path from 'node:path';
import type * as fc from 'fast-check';
import type { Property, PropertyContext, Scenario } from '../scenario/types';
import type { Revision, RevisionInfo } from '../scenario/api';
import type { RunPool } from '../fuzz/runPool';

export interface Harness {
  listRevisions(): RevisionInfo[];
  /** By name or path (a path is built on opts.base, default latest); throws UsageError when it cannot. */
  loadRevision(nameOrPath: string, opts?: { base?: string }): Revision;
  defaultRevision: string;
  runWithBaseline(revision: Revision, scenario: Scenario): PropertyContext;
  loadProperties(): Property[];
  /** The whole-scenario arbitrary (generators/scenario.ts, exported by generators/index.ts). */
  scenario(): fc.Arbitrary<Scenario>;
  scenarioLabels(s: Scenario): string[];
  /** Worker threads running a listed revision's scenarios (--jobs N); fakes leave it out. */
  startRunPool?(jobs: number, revision: string, properties: string[]): RunPool;
}

const ROOT = path.resolve(__dirname, '..', '..');

// require() with a computed path: these modules are written in parallel with this one, and a
// missing one must fail when it is used, with its name, not when the CLI is compiled.
function load<T>(relative: string): T {
  return require(path.join(ROOT, relative)) as T;
}

export function realHarness(): Harness {
  type Api = typeof import('../scenario/api');
  type Generators = { scenario(): fc.Arbitrary<Scenario>; scenarioLabels(s: Scenario): string[] };
  type Properties = { loadProperties(): Property[] };
  const api = () => load<Api>('harness/scenario/api');
  return {
    listRevisions: () => api().listRevisions(),
    loadRevision: (n, opts) => api().loadRevision(n, opts),
    get defaultRevision() { return api().DEFAULT_REVISION; },
    runWithBaseline: (r, s) => api().runWithBaseline(r, s),
    loadProperties: () => load<Properties>('properties/index').loadProperties(),
    scenario: () => load<Generators>('generators/index').scenario(),
    scenarioLabels: (s) => load<Generators>('generators/index').scenarioLabels(s),
    startRunPool: (jobs, revision, properties) => new (load<typeof import('../fuzz/runPool')>('harness/fuzz/runPool').RunPool)(jobs, { revision, properties }),
  };
}

/**
 * What the commands need from the rest of the project, as one injectable object: the real one
 * (realHarness) wires harness/scenario/api, generators/index and properties/index; tests pass
 * fakes (test/cli/fakes.ts). The engine and the command lines use only this interface.
 */
import type * as fc from 'fast-check';
import type { Property, PropertyContext, Scenario } from '../scenario/types';
import * as api from '../scenario/api';
import type { Revision, RevisionInfo } from '../scenario/api';
import * as generators from '../../generators/index';
import { loadProperties } from '../../properties/index';
import { RunPool } from './runPool';

export interface Harness {
  listRevisions(): RevisionInfo[];
  /** By name or path (a path is built on opts.base, default latest); throws UsageError when it cannot. */
  loadRevision(nameOrPath: string, opts?: { base?: string }): Revision;
  defaultRevision: string;
  /** With opts.baseline false, mainline's baseline run is skipped (ctx.baseline: SKIPPED_BASELINE). */
  runWithBaseline(revision: Revision, scenario: Scenario, opts?: { baseline?: boolean }): PropertyContext;
  loadProperties(): Property[];
  /** The whole-scenario arbitrary (generators/scenario.ts, exported by generators/index.ts). */
  scenario(): fc.Arbitrary<Scenario>;
  scenarioLabels(s: Scenario): string[];
  /** Worker processes running a listed revision's scenarios (--jobs N); fakes leave it out. */
  startRunPool?(jobs: number, revision: string, properties: string[], baseline: boolean): RunPool;
}

export function realHarness(): Harness {
  return {
    listRevisions: () => api.listRevisions(),
    loadRevision: (n, opts) => api.loadRevision(n, opts),
    defaultRevision: api.DEFAULT_REVISION,
    runWithBaseline: (r, s, opts) => api.runWithBaseline(r, s, opts),
    loadProperties: () => loadProperties(),
    scenario: () => generators.scenario(),
    scenarioLabels: (s) => generators.scenarioLabels(s),
    startRunPool: (jobs, revision, properties, baseline) => new RunPool(jobs, { revision, properties, baseline }),
  };
}

/**
 * Evaluating one mutant: build it (cached), then run the scenarios on it until a property kills
 * it (kill.ts). Each mutant gets a fresh simulated machine, and the scenarios run in a fixed
 * order, so a mutant's result depends on nothing but its code and the scenario list.
 */
import * as fs from 'fs';
import type { Toolchain } from '../build';
import { SimKernel } from '../kernel/kernel';
import { compileWasm } from '../kernel/wasm';
import { loadRevision, runScenario, type Revision } from '../scenario/api';
import { baselineScenario } from '../scenario/run';
import type { Property, Scenario } from '../scenario/types';
import { loadProperties } from '../../properties';
import { MutantBuilder } from './build';
import { namedFailures, searchKill, statusOf, type NamedFailure, type MutantOutcome } from './kill';

export interface LabelledScenario {
  /** Where it comes from: `corpus:<hash>`, `finding:<id>`, `generated:<seed>#<n>`. */
  label: string;
  scenario: Scenario;
}

/** Everything a worker needs; plain data (it crosses to worker threads). */
export interface EvaluationSetup {
  repoRoot: string;
  revisionDir: string;
  /** The original revision's module: a mutant that builds to the same bytes is equivalent. */
  originalWasm: string;
  toolchain: Toolchain;
  cacheDir?: string;
  scenarios: LabelledScenario[];
  /** The original's failures on each scenario; null where the original could not be run. */
  original: (NamedFailure[] | null)[];
}

export interface MutantTask {
  file: string;
  text: string;
}

export class MutantEvaluator {
  private readonly builder: MutantBuilder;
  private readonly properties: Property[];
  private readonly mainline: Revision;
  private readonly originalBytes: Buffer;
  private readonly labels: string[];

  constructor(private readonly setup: EvaluationSetup) {
    this.builder = new MutantBuilder({ repoRoot: setup.repoRoot, revisionDir: setup.revisionDir, toolchain: setup.toolchain, cacheDir: setup.cacheDir });
    this.properties = loadProperties();
    this.mainline = loadRevision('mainline');
    this.originalBytes = fs.readFileSync(setup.originalWasm);
    this.labels = setup.scenarios.map((s) => s.label);
  }

  evaluate(task: MutantTask, onScenario?: (i: number) => void): MutantOutcome {
    const built = this.builder.build(task.file, task.text);
    if (built.status === 'stillborn') return { status: 'stillborn', scenariosRun: 0, harnessCrashes: [], detail: built.error };
    const bytes = new Uint8Array(fs.readFileSync(built.wasmPath));
    if (Buffer.compare(Buffer.from(bytes), this.originalBytes) === 0) return { status: 'equivalent', scenariosRun: 0, harnessCrashes: [], detail: 'builds to the same module as the original' };
    const rev: Revision = { name: 'mutant', description: `mutant ${built.hash}`, wasm: built.wasmPath, key: `mutant#${built.hash}`, bytes, module: compileWasm(bytes) };
    const machine = new SimKernel(rev.module, bytes);
    const { scenarios, original } = this.setup;
    const search = searchKill(
      this.labels,
      (i) => original[i] ?? undefined,
      (i) => {
        const scenario = scenarios[i].scenario;
        const outcome = runScenario(rev, scenario, machine);
        const baseline = runScenario(this.mainline, baselineScenario(scenario));
        return namedFailures(this.properties, { scenario, outcome, baseline });
      },
      onScenario,
    );
    return { status: statusOf(search), ...search };
  }
}

/**
 * The hand-written scenarios, for the tools that try them (npm run mutation-score) as for the
 * tests: every catalog entry's (the Findings table's rows), then every story of harness/stories
 * that takes no argument. Labels say where each came from: `finding:<id>`, `story:<name>`.
 */
import type { Scenario } from '../scenario/types';
import * as findingScenarios from '../stories/findingScenarios';
import * as intact from '../stories/intact';
import { CATALOG } from './catalog';

/** Structurally harness/mutation/evaluate.ts's LabelledScenario. */
interface LabelledScenario {
  label: string;
  scenario: Scenario;
}

/** A story builder called with no argument (defaults allowed) that returns a Scenario. */
function isScenario(v: unknown): v is Scenario {
  return typeof v === 'object' && v !== null && 'hardware' in v && 'crashed' in v;
}

/** Every story of harness/stories that takes no argument: the intact tables, then the findings' stories. */
export function noArgumentStories(): LabelledScenario[] {
  const out: LabelledScenario[] = [];
  for (const mod of [intact, findingScenarios] as Record<string, unknown>[]) {
    for (const [name, f] of Object.entries(mod)) {
      if (typeof f !== 'function' || f.length !== 0) continue;
      const s = (f as () => unknown)();
      if (isScenario(s)) out.push({ label: `story:${name}`, scenario: s });
    }
  }
  return out;
}

export function handWrittenScenarios(): LabelledScenario[] {
  return [...CATALOG.map((f) => ({ label: `finding:${f.id}`, scenario: f.scenario() })), ...noArgumentStories()];
}

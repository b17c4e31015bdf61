/**
 * Edge coverage of the driver C (issue 11): the flags clang's inline-bool-flag instrumentation
 * sets, read back after a run and named by the module's own edge map, and the gcov-like report
 * made of them. Behaviour only: which edges a known story reaches, which it cannot.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { edgeMapOf, edgesOf, type EdgeMap } from '../../harness/kernel/coverage';
import { listRevisions, loadRevision } from '../../harness/scenario/api';
import { runScenario } from '../../harness/scenario/run';
import { coverageSummary, coverageText } from '../../harness/report/coverage';
import { intactAdoption, withFaults } from '../../harness/stories/findingScenarios';

const REPO = path.join(__dirname, '..', '..');
const latest = loadRevision('latest');
const map = edgeMapOf(latest.module) as EdgeMap;

/** The edges of `fn` whose line's text contains `text`. */
function edgesAt(fn: string, text: string): number[] {
  const out: number[] = [];
  map.edges.forEach(([f, file, line], i) => {
    if (map.functions[f] === fn && (map.lines[`${map.files[file]}:${line}`] ?? '').includes(text)) out.push(i);
  });
  return out;
}

const cleanupActionFails = () => withFaults(intactAdoption(), { site: 'arm_smmu_kdump_adopt_strtab:devm_add_action', nth: 1 });

test('every listed revision carries an edge map whose lines are the lines of its source files', () => {
  expect(map.count).toBe(map.edges.length);
  for (const info of listRevisions()) {
    const m = edgeMapOf(loadRevision(info.name).module);
    expect(m).toBeDefined();
    expect(m!.edges.length).toBeGreaterThan(0);
    if (info.mutant) continue; // a mutant's C exists only while it is built
    for (const [key, text] of Object.entries(m!.lines)) {
      const cut = key.lastIndexOf(':');
      expect([key, fs.readFileSync(path.join(REPO, key.slice(0, cut)), 'utf8').split('\n')[Number(key.slice(cut + 1)) - 1]]).toEqual([key, text]);
    }
  }
});

test('an intact 2-level adoption reaches the adoption edges, not the cleanup-action failure; failing that action reaches it', () => {
  const warnEdges = edgesAt('arm_smmu_kdump_adopt_strtab', 'failed to set up cleanup action');
  const l1Loop = edgesAt('arm_smmu_kdump_adopt_strtab_2lvl', 'for (i = 0; i < num_l1_ents; i++)');
  expect(warnEdges.length).toBeGreaterThan(0);
  expect(l1Loop.length).toBeGreaterThan(0);

  const intact = new Set(edgesOf(runScenario(latest, intactAdoption())));
  // The loop over the crashed kernel's L1 descriptors ran.
  expect(l1Loop.some((e) => intact.has(e))).toBe(true);
  for (const e of warnEdges) expect(intact.has(e)).toBe(false);

  const failed = new Set(edgesOf(runScenario(latest, cleanupActionFails())));
  for (const e of warnEdges) expect(failed.has(e)).toBe(true);
});

test('the L1 table memremap failing reaches the edge of its -ENOMEM branch, which an intact adoption never takes', () => {
  const enomem = edgesAt('arm_smmu_kdump_adopt_strtab_2lvl', 'if (!cfg->l2.l1tab)');
  expect(enomem.length).toBeGreaterThan(0);
  const intact = new Set(edgesOf(runScenario(latest, intactAdoption())));
  const failed = new Set(edgesOf(runScenario(latest, withFaults(intactAdoption(), { site: 'arm_smmu_kdump_adopt_strtab_2lvl:memremap', nth: 1 }))));
  expect(enomem.some((e) => !intact.has(e) && failed.has(e))).toBe(true);
});

test('a normal boot reaches no edge of the adoption itself', () => {
  const edges = edgesOf(runScenario(latest, { ...intactAdoption(), kdump: false }));
  expect(edges.length).toBeGreaterThan(0);
  const adoption = edges.filter((e) => /^arm_smmu_kdump_adopt_strtab/.test(map.functions[map.edges[e][0]]));
  expect(adoption).toEqual([]);
});

test('the edges of a run do not leak into the next run of the same instance', () => {
  const first = edgesOf(runScenario(latest, cleanupActionFails()));
  const second = edgesOf(runScenario(latest, intactAdoption()));
  const again = edgesOf(runScenario(latest, intactAdoption()));
  expect(second).toEqual(again);
  expect(first).not.toEqual(second);
});

test('the report lists, like gcov, the line the intact adoption cannot reach, with its text', () => {
  const s = coverageSummary(map, edgesOf(runScenario(latest, intactAdoption())));
  const line = s.lines.find((l) => l.text.includes('failed to set up cleanup action'));
  expect(line).toMatchObject({ file: 'harness/revisions/latest/arm-smmu-v3-kdump.c', reached: 0 });
  const text = coverageText(s, 1).join('\n');
  expect(text).toContain(`##### harness/revisions/latest/arm-smmu-v3-kdump.c:${line!.line}: dev_warn(smmu->dev, "failed to set up cleanup action\\n");`);
  expect(text).toMatch(/edges reached \d+\/\d+ \(\d+\.\d%\) of adoption functions/);
  expect(s.adoption.reached).toBeLessThan(s.adoption.total);

  // With the failing action too, that line is reached and no longer listed.
  const both = coverageSummary(map, [...edgesOf(runScenario(latest, intactAdoption())), ...edgesOf(runScenario(latest, cleanupActionFails()))]);
  expect(both.lines.some((l) => l.text.includes('failed to set up cleanup action'))).toBe(false);
  expect(both.adoption.reached).toBeGreaterThan(s.adoption.reached);
});

test('a line out of reach in this simulator is listed with why: the WARN edge of an assertion that holds', () => {
  const s = coverageSummary(map, edgesOf(runScenario(latest, intactAdoption())));
  const assertion = s.lines.find((l) => l.text.includes('lockdep_assert_held('));
  expect(assertion?.why).toMatch(/assertion that holds/);
  expect(s.outOfReach).toBeGreaterThan(0);
  expect(coverageText(s, 1).join('\n')).toMatch(/out of reach here: the WARN of an assertion that holds/);
  // A line a scenario can reach carries no such excuse.
  expect(s.lines.find((l) => l.text.includes('failed to set up cleanup action'))?.why).toBeUndefined();
});

test("a reason about one edge of a line (a loop's zero-trip edge) excuses that edge only: the line's other unreached edges stay reachable and missed", () => {
  const loop = edgesAt('arm_smmu_kexec_scan_and_resv_ids', 'for (i = 0; i < cfg->l2.num_l1_ents; i++)');
  expect(loop.length).toBeGreaterThan(1);
  // No run: every edge of the line unreached, but only its zero-trip edge is out of reach.
  const none = coverageSummary(map, []);
  const line = none.lines.find((l) => l.text.includes('for (i = 0; i < cfg->l2.num_l1_ents; i++)'))!;
  expect(line.why).toMatch(/zero-trip edge/);
  expect(line.outOfReach).toBe(1);
  expect(line.total - line.reached).toBe(loop.length);
  expect(coverageText(none, 0).join('\n')).toContain(`out of reach here (1 of its ${loop.length} unreached edges; ${loop.length - 1} reachable, missed): its zero-trip edge`);
  // A reason about a whole line (2-level CD tables) excuses all its unreached edges.
  const cd2l = none.lines.find((l) => (l.why ?? '').startsWith('a 2-level CD table needs IDR0.CD2L'))!;
  expect(cd2l.outOfReach).toBe(cd2l.total - cd2l.reached);
});

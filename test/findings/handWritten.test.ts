/**
 * harness/findings/handWritten.ts: the hand-written scenarios the tools try (npm run
 * mutation-score) — every catalog entry's and every story that takes no argument — each a
 * scenario the corpus codec can store.
 */
import { decodeScenario, encodeScenario } from '../../harness/corpus/codec';
import { CATALOG } from '../../harness/findings/catalog';
import { handWrittenScenarios, noArgumentStories } from '../../harness/findings/handWritten';
import { intactTwoLevel } from '../../harness/stories/intact';

test('every catalog entry, then the stories without arguments (not those that need one)', () => {
  const labels = handWrittenScenarios().map((s) => s.label);
  expect(labels.slice(0, CATALOG.length)).toEqual(CATALOG.map((f) => `finding:${f.id}`));
  expect(labels.slice(CATALOG.length)).toEqual(noArgumentStories().map((s) => s.label));
  expect(labels).toEqual(expect.arrayContaining(['story:intactTwoLevel', 'story:intactLinear', 'story:strtabBaseZero']));
  // normalBoot(sid_bits) and unbindAfterPowerOff(policy) need an argument: no silent default.
  expect(labels).not.toContain('story:normalBoot');
  expect(labels).not.toContain('story:unbindAfterPowerOff');
  expect(noArgumentStories().find((s) => s.label === 'story:intactTwoLevel')!.scenario).toEqual(intactTwoLevel());
});

test('each is a scenario the corpus can store (encodes and decodes to itself)', () => {
  for (const { label, scenario } of handWrittenScenarios()) {
    expect({ label, scenario: decodeScenario(JSON.parse(JSON.stringify(encodeScenario(scenario)))) }).toEqual({ label, scenario });
  }
});

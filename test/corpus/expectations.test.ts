/** corpus:expect records 'fail' when the entry's signature is among a verdict's failures, and nothing for a simulator limit. */
import { measureExpectations } from '../../harness/fuzz/expectations';
import type { LoadedEntry } from '../../harness/corpus/load';
import type { Harness } from '../../harness/fuzz/harness';
import type { Property } from '../../harness/scenario/types';
import { fakeHarness, fakeOutcome } from '../cli/fakes';
import { fc } from '@fast-check/jest';
import { scenarioArb } from './scenarioArb';

const scenario = fc.sample(scenarioArb(), { seed: 7, numRuns: 1 })[0];

function harnessWith(check: Property['check'], crash?: 'harness-limit'): Harness {
  const h = fakeHarness();
  return {
    ...h,
    loadProperties: () => [{ name: 'two-things', description: '', check }],
    runWithBaseline: (r, s) => {
      const outcome = fakeOutcome(r.name, s, crash ? { crash: { kind: crash, message: 'too big to back', phase: 'probe', stack: ['arm_smmu_x'] } } : {});
      return { scenario: s, outcome, baseline: fakeOutcome('mainline', s) };
    },
  };
}

const entry = (signature: string): LoadedEntry => ({
  file: 'corpus/0000000000000000.json', hash: '0000000000000000',
  entry: { schema: 1, property: 'two-things', revision: 'fake-old', signature, message: '', expect: {}, scenario, found: { seed: null, path: null, date: null, commit: null } },
} as LoadedEntry);

const twoFailures: Property['check'] = () => ({ ok: false, signature: 'two-things:first@a', message: '', also: [{ signature: 'two-things:second@b', message: '' }] });

test('the entry\'s signature reported second by the verdict is still a recorded failure', () => {
  const [c] = measureExpectations(harnessWith(twoFailures), entry('two-things:second@b'), ['fake-old']);
  expect(c).toMatchObject({ revision: 'fake-old', to: 'fail' });
});

test('another signature is named, not recorded', () => {
  const [c] = measureExpectations(harnessWith(twoFailures), entry('two-things:third@c'), ['fake-old']);
  expect(c.to).toBeUndefined();
  expect(c.other).toBe('two-things:first@a, two-things:second@b');
});

test('a run that met a simulator limit records nothing', () => {
  const [c] = measureExpectations(harnessWith(twoFailures, 'harness-limit'), entry('two-things:first@a'), ['fake-old']);
  expect(c.to).toBeUndefined();
  expect(c.other).toMatch(/not judged: a limit of the simulator/);
});

/** Mutation testing counts failures as the fuzzer does: every failure of a verdict, and a check that throws. */
import { namedFailures } from '../../harness/mutation/kill';
import type { Property, PropertyContext } from '../../harness/scenario/types';

const ctx = {} as PropertyContext;
const prop = (name: string, check: Property['check']): Property => ({ name, description: '', check });

test('a property that throws is a failure (before, it threw out of the mutation run)', () => {
  const f = namedFailures([prop('throws', () => { throw new TypeError('boom'); })], ctx);
  expect(f).toEqual([expect.objectContaining({ property: 'throws', signature: 'check threw TypeError: boom' })]);
});

test('every failure a verdict carries counts, not only the first', () => {
  const f = namedFailures([prop('two', () => ({ ok: false, signature: 'two:a@x', message: 'a', also: [{ signature: 'two:b@y', message: 'b' }] }))], ctx);
  expect(f.map((x) => x.signature)).toEqual(['two:a@x', 'two:b@y']);
});

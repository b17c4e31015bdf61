import fc from 'fast-check';
import { KNOWN_FAULT_SITES, faultSchedule, isFaultSite } from '../../generators';
import { SEED, labelsOf, missing, snapshotSample } from './_helpers';

describe('faultSchedule()', () => {
  it('knows only well-formed `function:service` sites', () => {
    expect(KNOWN_FAULT_SITES.filter((s) => !isFaultSite(s))).toEqual([]);
    expect(new Set(KNOWN_FAULT_SITES).size).toBe(KNOWN_FAULT_SITES.length);
  });

  it('reaches every known site and nth 1..4', () => {
    const seen = labelsOf(faultSchedule(), (fs) => fs.flatMap((f) => [f.site, `nth:${f.nth}`]), 1500);
    expect(missing(seen, [...KNOWN_FAULT_SITES, 'nth:1', 'nth:2', 'nth:3', 'nth:4'])).toEqual([]);
  });

  it('takes extra sites, replaces the list, refuses malformed sites', () => {
    const seen = labelsOf(faultSchedule({ sites: ['a:memremap'], extraSites: ['b_fn:xa_insert'] }), (fs) => fs.map((f) => f.site), 200);
    expect([...seen].sort()).toEqual(['a:memremap', 'b_fn:xa_insert']);
    expect(() => faultSchedule({ extraSites: ['arm_smmu_foo:kcalloc'] })).toThrow(/kcalloc\/kzalloc are kmalloc/);
  });

  it('has distinct (site, nth) pairs and shrinks to no fault', () => {
    fc.assert(fc.property(faultSchedule({ maxFaults: 4 }), (fs) => new Set(fs.map((f) => `${f.site}#${f.nth}`)).size === fs.length), { seed: SEED, numRuns: 200 });
    const out = fc.check(fc.property(faultSchedule(), () => false), { seed: SEED });
    expect(out.counterexample?.[0]).toEqual([]);
  });

  it('no regression', () => {
    expect(snapshotSample(faultSchedule(), 6)).toMatchSnapshot();
  });
});

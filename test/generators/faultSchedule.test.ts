import fc from 'fast-check';
import { ADOPTION_COMMIT_FAULT_SITES, KNOWN_FAULT_SITES, PROBE_PATH_FAULT_SITES, faultSchedule, isFaultSite } from '../../generators';
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

  it('lists only known sites on the probe path', () => {
    expect(PROBE_PATH_FAULT_SITES.filter((s) => !KNOWN_FAULT_SITES.includes(s))).toEqual([]);
    expect(PROBE_PATH_FAULT_SITES.length).toBeLessThan(KNOWN_FAULT_SITES.length);
  });

  it('draws nth = 1 most often, and a probe-path site more often than a branch site (probePathWeight)', () => {
    const drawn = (c: Parameters<typeof faultSchedule>[0]) => fc.sample(faultSchedule(c), { seed: SEED, numRuns: 3000 }).flat();
    const perSite = (fs: { site: string }[], sites: readonly string[]) => fs.filter((f) => sites.includes(f.site)).length / sites.length;
    const cold = KNOWN_FAULT_SITES.filter((s) => !PROBE_PATH_FAULT_SITES.includes(s));
    const biased = drawn({});
    expect(biased.filter((f) => f.nth === 1).length / biased.length).toBeGreaterThan(0.7);
    expect(perSite(biased, PROBE_PATH_FAULT_SITES) / perSite(biased, cold)).toBeGreaterThan(2);
    // probePathWeight 1: every site alike
    const flat = drawn({ probePathWeight: 1 });
    expect(perSite(flat, PROBE_PATH_FAULT_SITES) / perSite(flat, cold)).toBeLessThan(1.5);
    expect(drawn({ maxNth: 1 }).every((f) => f.nth === 1)).toBe(true);
    expect(() => faultSchedule({ maxNth: 0 })).toThrow(/maxNth = 0/);
  });

  it("draws the adoption's commit point (its cleanup action) more often than any other probe-path site (commitWeight)", () => {
    expect(ADOPTION_COMMIT_FAULT_SITES.every((s) => PROBE_PATH_FAULT_SITES.includes(s))).toBe(true);
    const drawn = (c: Parameters<typeof faultSchedule>[0]) => fc.sample(faultSchedule(c), { seed: SEED, numRuns: 4000 }).flat();
    const perSite = (fs: { site: string }[], sites: readonly string[]) => fs.filter((f) => sites.includes(f.site)).length / sites.length;
    const hot = PROBE_PATH_FAULT_SITES.filter((s) => !ADOPTION_COMMIT_FAULT_SITES.includes(s));
    const cold = KNOWN_FAULT_SITES.filter((s) => !PROBE_PATH_FAULT_SITES.includes(s));
    const biased = drawn({});
    expect(perSite(biased, ADOPTION_COMMIT_FAULT_SITES) / perSite(biased, hot)).toBeGreaterThan(2);
    // commitWeight 1: like a site off the probe path
    const flat = drawn({ commitWeight: 1 });
    expect(perSite(flat, ADOPTION_COMMIT_FAULT_SITES) / perSite(flat, cold)).toBeLessThan(1.5);
    expect(() => faultSchedule({ commitWeight: 0 })).toThrow(/commitWeight = 0/);
  });

  it('no regression', () => {
    expect(snapshotSample(faultSchedule(), 6)).toMatchSnapshot();
  });
});

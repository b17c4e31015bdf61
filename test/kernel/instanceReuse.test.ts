/**
 * One instance is reused across runs (WASM_FACTS.md: a fresh instance per case is ~50x slower),
 * so its reset must leave nothing behind: over a thousand runs in one instance, crashes, faults
 * and register-loss policies included, every run checked gives exactly what a fresh instance
 * gives. (A fresh instance costs ~50 ms of V8 set-up and GC, so every 50th run is checked.)
 */
import { SimKernel } from '../../harness/kernel/kernel';
import { HOLE_START, OWN_RAM_START } from '../../harness/kernel/ramMap';
import { loadRevision, runScenario } from '../../harness/scenario/api';
import type { Scenario } from '../../harness/scenario/types';
import { canonical } from '../_support/canonical';
import { intactLinear, intactTwoLevel, normalBoot, withCorruption } from '../../harness/stories/intact';

const VARIANTS: Scenario[] = [
  intactTwoLevel(16),
  intactTwoLevel(12, [5]),
  intactLinear(8),
  normalBoot(20, true, [1, 0x300]),
  withCorruption(intactTwoLevel(16), { kind: 'STRTAB_BASE:hole', target: 'reg', reg: 'STRTAB_BASE', op: 'set', value: HOLE_START }),
  withCorruption(intactTwoLevel(16), { kind: 'STRTAB_BASE:own-ram', target: 'reg', reg: 'STRTAB_BASE', op: 'set', value: OWN_RAM_START + 0x10000n }),
  withCorruption(intactTwoLevel(16), { kind: 'l1:span', target: 'l1', idx: 1, op: 'set', value: 0x1_4000_000an }),
  { ...intactTwoLevel(16), faults: [{ site: 'arm_smmu_kdump_adopt_strtab_2lvl:kmalloc', nth: 1 }] },
  { ...intactTwoLevel(16), teardown: { policy: 'garbage', garbage_seed: 99 } },
  { ...intactTwoLevel(16), teardown: { policy: 'ones', garbage_seed: 1 } },
];

describe.each(['mainline', 'v6', 'latest'])('instance reuse on %s', (name) => {
  const rev = loadRevision(name);
  test('1000 runs in one instance: each checked run equals a fresh instance', () => {
    for (let i = 0; i < 1000; i++) {
      const s = VARIANTS[i % VARIANTS.length];
      const reused = runScenario(rev, s);
      // One run in each block of 50, at offsets 0..19: every variant is checked twice.
      if (i % 50 === Math.floor(i / 50)) {
        const fresh = runScenario(rev, s, new SimKernel(rev.module, rev.bytes));
        expect(canonical(reused)).toBe(canonical(fresh));
      }
    }
  });
});

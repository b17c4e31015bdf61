/**
 * The findings the properties make on the early posted revisions (v1, v2, v3, v5), one entry
 * each, pinned like _catalog.ts pins v6/v7/latest's: the scenario, the property, the exact
 * signature on every early revision that has it, the numbers its message must carry, and the
 * revisions that pass the same scenario for that property. test/findings/<revision>.test.ts runs
 * the entries of its revision (describeEarlyFindings).
 *
 * Kept apart from _catalog.ts because FINDINGS.md (and the README table it must equal) lists
 * v6/v7/latest only; the README rows for these are in the H8 report for the lead. Where an early
 * revision shares a catalogue finding, the entry names the catalogue id in `catalog`.
 */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { Mutation, RegName, Scenario } from '../../harness/scenario/types';
import { intactTwoLevel, withCorruption, withFaults } from '../../harness/stories/intact';
import { loadProperties } from '../../properties';
import * as S from '../_support/findingScenarios';

export type EarlyRev = 'v1' | 'v2' | 'v3' | 'v5';

export interface EarlyFinding {
  id: string;
  title: string;
  property: string;
  scenario: () => Scenario;
  fails: Partial<Record<EarlyRev, string>>;
  /** Substrings the message must carry, per failing revision (the key numbers). */
  messageHas: Partial<Record<EarlyRev, string[]>>;
  /** Revisions (any) that pass this property on the same scenario. */
  passes: string[];
  why: string;
  /** The _catalog.ts id of the same finding on v6/v7/latest, if any. */
  catalog?: string;
  thread?: string;
}

const reg = (r: RegName, value: bigint): Mutation => ({ kind: 'test', target: 'reg', reg: r, op: 'set', value });

/** The intact 2-level table, nothing re-inserted (what adoption alone costs). */
const intactNoInserts = (): Scenario => ({ ...intactTwoLevel(), inserts: [] });

export const EARLY_FINDINGS: readonly EarlyFinding[] = [
  {
    id: 'l1-devm-memremap-err-ptr-walked',
    title: 'a failed devm_memremap() of the L1 table is tested for NULL, and its ERR_PTR walked as the L1 table',
    property: 'no-crash',
    scenario: () => withFaults(intactTwoLevel(), { site: 'arm_smmu_adopt_strtab_2lvl:devm_memremap', nth: 1 }),
    fails: { v1: 'no-crash:trap@arm_smmu_adopt_strtab_2lvl', v2: 'no-crash:trap@arm_smmu_adopt_strtab_2lvl' },
    messageHas: { v1: ['trapped in arm_smmu_adopt_strtab_2lvl during probe'], v2: ['trapped in arm_smmu_adopt_strtab_2lvl during probe'] },
    passes: ['v3'],
    why: 'devm_memremap() returns an ERR_PTR on failure, never NULL. v1/v2 check `if (!cfg->l2.l1tab) return -ENOMEM;` and then read L1 descriptors at ERR_PTR(-ENOMEM): an oops in the kdump kernel, the vmcore lost. The same happens when memremap() refuses a range that straddles the kdump kernel\'s own RAM (-ENXIO). v3 checks IS_ERR() and falls back.',
    thread: 'v3 changelog "Fix validations on return codes from devm_memremap()"',
  },
  {
    id: 'eager-l2-devm-memremap',
    title: 'every L2 table the L1 table points at is devm_memremapped at probe, whether or not a device on that bus is ever re-probed',
    property: 'no-over-allocation',
    scenario: intactNoInserts,
    fails: {
      v1: 'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl',
      v2: 'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl',
      v3: 'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_2lvl',
    },
    messageHas: Object.fromEntries((['v1', 'v2', 'v3'] as const).map((r) => [r, ['devm_memremap of 16 KiB (PA 0x140000000)', 'would allocate 4 KiB']])),
    passes: ['v5', 'v6', 'v7'],
    why: 'The eager adoption maps 16 KiB per L2 table at probe and keeps it until unbind, whether or not a device on that bus is ever re-probed: with the crashed kernel\'s table intact and nothing re-inserted, 36 KiB live where mainline needs 4 KiB (with every bus re-inserted the same mappings come before their inserts; the intact story in test/revisions shows it); a deeply corrupted L1 table makes it unbounded. v4 defers the L2 memremap to the insert.',
    thread: 'v4 changelog "Defer l2 stream table memremap till master inserts"',
  },
  {
    id: 'no-fallback-split',
    title: 'a STRTAB_BASE_CFG with SPLIT 0 is refused with -EINVAL and no fallback: probe fails with ARM_SMMU_OPT_KDUMP still set and no L1 table',
    property: 'adopted-state-consistent',
    scenario: () => withCorruption(intactTwoLevel(), reg('STRTAB_BASE_CFG', 0x10010n)),
    fails: { v1: 'adopted-state-consistent:l1tab-null@after_init', v2: 'adopted-state-consistent:l1tab-null@after_init' },
    messageHas: { v1: ['STRTAB_BASE_CFG 0x10010 (FMT=2-level, SPLIT=0, LOG2SIZE=16)'], v2: ['STRTAB_BASE_CFG 0x10010 (FMT=2-level, SPLIT=0, LOG2SIZE=16)'] },
    passes: ['v3', 'v5', 'v6', 'v7', 'latest'],
    why: 'v1/v2 have no fallback: arm_smmu_init_strtab() returns the adoption\'s -EINVAL, so the SMMU driver does not bind at all (every device behind it loses its IOMMU), and ARM_SMMU_OPT_KDUMP stays set over an empty strtab_cfg. v3 clears the option and falls back to the full reset.',
    thread: 'v3-1-5-adopt-strtab.txt: the fallback ("kdump: falling back to full reset") is new in v3 1/5; no changelog line names it',
  },
  {
    id: 'no-fallback-reserved-fmt',
    title: 'a reserved STRTAB_BASE_CFG.FMT (3) is refused with -EINVAL and no fallback',
    property: 'adopted-state-consistent',
    scenario: () => withCorruption(intactTwoLevel(), reg('STRTAB_BASE_CFG', 0x30010n)),
    fails: { v1: 'adopted-state-consistent:fmt@STRTAB_BASE_CFG', v2: 'adopted-state-consistent:fmt@STRTAB_BASE_CFG' },
    messageHas: { v1: ['FMT 3 is reserved'], v2: ['FMT 3 is reserved'] },
    passes: ['v3', 'v5', 'v6', 'v7', 'latest'],
    why: 'As above: "kdump: invalid STRTAB format 3" fails the probe instead of falling back, with ARM_SMMU_OPT_KDUMP left set.',
  },
  {
    id: 'linear-log2size-32-wraps',
    title: 'a linear STRTAB_BASE_CFG with LOG2SIZE 32 is adopted with num_ents = 1U << 32 = 1 (no cap)',
    property: 'adopted-state-consistent',
    scenario: () => withCorruption(intactTwoLevel(8), reg('STRTAB_BASE_CFG', 0x20n)),
    fails: { v1: 'adopted-state-consistent:num_ents@after_init', v2: 'adopted-state-consistent:num_ents@after_init' },
    messageHas: { v1: ['num_ents is 1'], v2: ['num_ents is 1'] },
    passes: ['v3', 'v5', 'v6', 'v7', 'latest'],
    why: 'v1/v2 take LOG2SIZE from the register as is: 1U << 32 is 1 (undefined behaviour in C, 1 on arm64), so the SID range check and the table the SMMU walks disagree. v3 caps LOG2SIZE at min(sid_bits, 31).',
    thread: 'v3 changelog "Sanitize crashed kernel register values in adopt functions"',
  },
  {
    id: 'fallback-keeps-adoption-mappings',
    title: 'a fallback after a rejected L1 descriptor leaves the L1 devm_memremap (and the l2ptrs array) live until unbind',
    property: 'clean-fallback',
    scenario: () => withCorruption(intactTwoLevel(), { kind: 'test', target: 'l1', idx: 1, op: 'set', value: 0x1_4000_000cn }),
    fails: { v3: 'clean-fallback:leftover-devm_memremap@arm_smmu_adopt_strtab_2lvl' },
    messageHas: { v3: ['devm_memremap of 2 KiB (PA 0x100000000)'] },
    passes: ['v5', 'v6', 'v7', 'latest'],
    why: 'v3 falls back by clearing the option and memset()ing strtab_cfg: the devm mappings and allocations of the failed adoption stay until unbind, beside the fresh table the full reset allocates. v4 reverts them on fallback.',
    thread: 'v4 changelog "Revert alloc/memremap/fmt on fallback"',
  },
  {
    id: 'linear-reject-loses-2lvl-feature',
    title: 'a linear STRTAB_BASE_CFG on 2-level hardware clears ARM_SMMU_FEAT_2_LVL_STRTAB before it is validated; rejected, the fallback builds a linear table',
    property: 'clean-fallback',
    scenario: () => withCorruption(intactTwoLevel(), reg('STRTAB_BASE_CFG', 0x19n)),
    fails: { v3: 'clean-fallback:features@after_init' },
    messageHas: { v3: ['lost ARM_SMMU_FEAT_2_LVL_STRTAB'] },
    passes: ['v5', 'v6', 'v7', 'latest'],
    why: 'arm_smmu_adopt_strtab() clears the feature bit for any linear FMT, then arm_smmu_adopt_strtab_linear() refuses LOG2SIZE 25 > sid_bits 16; the full reset then runs without 2-level support. v4 clears the bit only after a successful linear adoption.',
    thread: 'v4 changelog "Defer clearing FEAT_2_LVL_STRTAB on linear adopt"',
  },
  {
    id: 'linear-log2size-25-on-2lvl-hw',
    title: 'a linear STRTAB_BASE_CFG with LOG2SIZE 25 on 2-level hardware with 16-bit SIDs',
    property: 'no-over-allocation',
    scenario: () => withCorruption(intactTwoLevel(), reg('STRTAB_BASE_CFG', 0x19n)),
    fails: {
      v1: 'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_linear',
      v2: 'no-over-allocation:devm_memremap@arm_smmu_adopt_strtab_linear',
      v3: 'no-over-allocation:dmam_alloc_coherent@arm_smmu_init_strtab_linear',
      v5: 'no-over-allocation:devm_memremap@arm_smmu_kdump_adopt_strtab_linear',
    },
    messageHas: {
      v1: ['devm_memremap of 2 GiB (PA 0x100000000)'],
      v2: ['devm_memremap of 2 GiB (PA 0x100000000)'],
      v3: ['dmam_alloc_coherent of 4 MiB'],
      v5: ['devm_memremap of 2 GiB (PA 0x100000000)'],
    },
    passes: ['latest'],
    why: 'v1/v2 map whatever LOG2SIZE says (2 GiB). v3 refuses it (cap min(sid_bits, 31)) but, having lost the 2-level feature (above), its fallback allocates a 4 MiB linear table. v4/v5 cap a linear table on 2-level hardware at ilog2(STRTAB_MAX_L1_ENTRIES * STRTAB_NUM_L2_STES) = 25 and map 2 GiB again, as v6/v7 do (with memremap). latest caps at min(sid_bits, 25).',
    catalog: 'linear-log2size-25-on-2lvl-hw',
    thread: 'v4 changelog "Cap linear log2size by kdump\'s allocation bound"',
  },
  {
    id: 'straddling-own-ram-err-ptr',
    title: 'a STRTAB_BASE straddling the kdump kernel\'s own RAM: memremap() WARNs and fails, and the ERR_PTR is walked',
    property: 'no-crash',
    scenario: S.strtabBaseStraddlingOwnRam,
    fails: { v1: 'no-crash:trap@arm_smmu_adopt_strtab_2lvl', v2: 'no-crash:trap@arm_smmu_adopt_strtab_2lvl' },
    messageHas: { v1: ['trapped in arm_smmu_adopt_strtab_2lvl during probe'], v2: ['trapped in arm_smmu_adopt_strtab_2lvl during probe'] },
    passes: ['v3', 'v5'],
    why: 'The range is MIXED: memremap() WARNs and returns NULL, devm_memremap() turns it into ERR_PTR(-ENXIO), and v1/v2 walk it (the oops comes first). v3 and v5 refuse the range before mapping it (arm_smmu_kdump_phys_is_corrupted(): region_intersects() is not DISJOINT) and fall back; v6/v7, which dropped that helper, WARN.',
    catalog: 'unaligned-strtab-base-straddles-own-ram',
  },
  {
    id: 'fmt-2lvl-warn-skips-fallback',
    title: 'FMT = 2-level on hardware without 2-level support: the WARN_ON returns before the fallback clears ARM_SMMU_OPT_KDUMP_ADOPT',
    property: 'clean-fallback',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: { v3: 'clean-fallback:option-kdump-adopt@after_init' },
    messageHas: { v3: ['ARM_SMMU_OPT_KDUMP_ADOPT (options 0x20)'] },
    passes: ['v1', 'v2', 'v5', 'v6', 'v7', 'latest'],
    why: 'v3\'s arm_smmu_adopt_strtab() does `if (WARN_ON(...)) return -EINVAL;` above its `if (ret) { ... options &= ~ARM_SMMU_OPT_KDUMP_ADOPT; memset(...) }`. arm_smmu_init_strtab() then builds a fresh table, but with the option still set arm_smmu_device_reset() keeps SMMUEN and never programs STRTAB_BASE: the SMMU walks the crashed kernel\'s table while the driver fills its own. v5 sets ret instead of returning.',
  },
  {
    id: 'fmt-2lvl-warn-table-never-programmed',
    title: 'the same: the fresh table is never written to STRTAB_BASE',
    property: 'hardware-untouched-while-adopted',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: { v3: 'hardware-untouched-while-adopted:no-reset-STRTAB_BASE@fallback' },
    messageHas: { v3: ['probe never wrote STRTAB_BASE'] },
    passes: ['v1', 'v2', 'v5', 'v6', 'v7', 'latest'],
    why: 'Consequence of the option left set: the reset takes the kdump branch.',
  },
  {
    id: 'fmt-2lvl-warn-no-fallback',
    title: 'FMT = 2-level on hardware without 2-level support: -EINVAL and no fallback, ARM_SMMU_OPT_KDUMP left set without the 2-level feature',
    property: 'adopted-state-consistent',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: { v2: 'adopted-state-consistent:feat-2-lvl-strtab@after_init' },
    messageHas: { v2: ['FMT=2-level, SPLIT=8, LOG2SIZE=8'] },
    passes: ['v1', 'v3', 'v5', 'v6', 'v7', 'latest'],
    why: 'v2 replaced v1\'s forcing of ARM_SMMU_FEAT_2_LVL_STRTAB with WARN_ON + -EINVAL (Nicolin\'s fix to v1) but has no fallback yet: probe fails with the option set. v1 forces the bit and adopts.',
    thread: 'v1-1-4-reply-nicolin-fmt-fix.txt',
  },
  // --- shared with v6/v7/latest (catalogue entries) ------------------------------------------
  {
    id: 'strtab-base-in-hole',
    title: 'STRTAB_BASE in a physical hole: mapped without complaint, the first L1 read aborts',
    property: 'no-crash',
    scenario: S.strtabBaseInHole,
    fails: {
      v1: 'no-crash:external-abort-hole@arm_smmu_adopt_strtab_2lvl',
      v2: 'no-crash:external-abort-hole@arm_smmu_adopt_strtab_2lvl',
      v3: 'no-crash:external-abort-hole@arm_smmu_adopt_strtab_2lvl',
      v5: 'no-crash:external-abort-hole@arm_smmu_kdump_adopt_strtab_2lvl',
    },
    messageHas: Object.fromEntries((['v1', 'v2', 'v3', 'v5'] as const).map((r) => [r, ['physical address 0x200000000']])),
    passes: [],
    why: 'region_intersects() only sees what iomem_resource holds; a hole is DISJOINT like the crashed kernel\'s RAM, so the helper of v3 and v5 lets it through (v5\'s comment on it says so).',
    catalog: 'strtab-base-in-hole',
  },
  {
    id: 'strtab-base-zero',
    title: 'a zeroed STRTAB_BASE is adopted and the L1 table read at PA 0 aborts',
    property: 'no-crash',
    scenario: S.strtabBaseZero,
    fails: {
      v1: 'no-crash:external-abort-below-ram@arm_smmu_adopt_strtab_2lvl',
      v2: 'no-crash:external-abort-below-ram@arm_smmu_adopt_strtab_2lvl',
      v3: 'no-crash:external-abort-below-ram@arm_smmu_adopt_strtab_2lvl',
      v5: 'no-crash:external-abort-below-ram@arm_smmu_kdump_adopt_strtab_2lvl',
    },
    messageHas: Object.fromEntries((['v1', 'v2', 'v3', 'v5'] as const).map((r) => [r, ['physical address 0x0']])),
    passes: [],
    why: 'No revision refuses ADDR 0.',
    catalog: 'strtab-base-zero',
  },
  {
    id: 'fmt-2lvl-warn-on-8-bit-sids',
    title: 'FMT = 2-level on 2-level hardware with 8 SID bits (the probe cleared ARM_SMMU_FEAT_2_LVL_STRTAB) fires a WARN_ON',
    property: 'no-crash',
    scenario: S.twoLevelFmtOnEightBitSids,
    fails: {
      v2: 'no-crash:warn@arm-smmu-v3.c:!(smmu->features&ARM_SMMU_FEAT_2_LVL_STRTAB)',
      v3: 'no-crash:warn@arm-smmu-v3.c:!(smmu->features&ARM_SMMU_FEAT_2_LVL_STRTAB)',
      v5: 'no-crash:warn@arm-smmu-v3.c:!(smmu->features&ARM_SMMU_FEAT_2_LVL_STRTAB)',
    },
    messageHas: Object.fromEntries((['v2', 'v3', 'v5'] as const).map((r) => [r, ['WARN_ON(!(smmu->features & ARM_SMMU_FEAT_2_LVL_STRTAB))']])),
    passes: ['v1'],
    why: 'Nicolin\'s fix to v1 1/4 turned v1\'s forcing of the feature bit into a WARN_ON + -EINVAL: from v2 on the WARN fires on input a corrupted register can produce. v1 has no WARN (it forces the bit, a different problem).',
    catalog: 'fmt-2lvl-warn-on-8-bit-sids',
    thread: 'v1-1-4-reply-nicolin-fmt-fix.txt',
  },
  {
    id: 'null-l2ptr-span-after-adoption',
    title: 'an L1 descriptor rewritten after adoption to SPAN 10 with a NULL L2Ptr gets a fresh L2 over the live descriptor',
    property: 'lazy-l2-span-change-rejected',
    scenario: S.nullL2PtrSpanAfterAdoption,
    fails: Object.fromEntries((['v1', 'v2', 'v3', 'v5'] as const).map((r) => [r, 'lazy-l2-span-change-rejected:mapped-dmam_alloc_coherent@arm_smmu_init_l2_strtab'])),
    messageHas: Object.fromEntries((['v1', 'v2', 'v3', 'v5'] as const).map((r) => [r, ['SPAN=10, L2Ptr=0x0']])),
    passes: ['latest-span-caller'],
    why: 'arm_smmu_init_l2_strtab() allocates a fresh L2 for an empty l2ptrs slot unless the descriptor has both SPAN and a base (v5, as v6/v7 and latest with v7\'s caller), or always (v1-v3, which adopted every L2 at probe): the live descriptor is overwritten. Only the inferred `if (span)` caller (latest-span-caller) refuses the stream.',
    catalog: 'null-l2ptr-span-after-adoption',
  },
];

const properties = loadProperties();

export function earlyVerdict(rev: string, property: string, scenario: Scenario) {
  const p = properties.find((x) => x.name === property);
  if (!p) throw new Error(`no property ${property}`);
  return p.check(runWithBaseline(loadRevision(rev), scenario));
}

/** Runs the early findings of `rev`: it fails with that signature, the revisions in `passes` pass. */
export function describeEarlyFindings(rev: EarlyRev): void {
  const list = EARLY_FINDINGS.filter((f) => f.fails[rev] !== undefined);
  test(`${rev} has recorded findings`, () => expect(list.length).toBeGreaterThan(0));
  for (const f of list) {
    describe(`${rev}: ${f.title}`, () => {
      test(`${rev} fails ${f.property} with ${f.fails[rev]}`, () => {
        const v = earlyVerdict(rev, f.property, f.scenario());
        expect(v.ok).toBe(false);
        if (v.ok) return;
        expect(v.signature).toBe(f.fails[rev]);
        for (const s of f.messageHas[rev] ?? []) expect(v.message).toContain(s);
      });
      for (const other of f.passes) {
        test(`${other} passes ${f.property} on the same scenario`, () => {
          expect(earlyVerdict(other, f.property, f.scenario())).toEqual({ ok: true });
        });
      }
    });
  }
}

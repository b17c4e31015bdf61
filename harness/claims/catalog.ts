/**
 * The seed review's claims about v6 1/7 (Pranjal Shrivastava, ../shared/seeds/, also
 * mails/v6-1-7-review-praan.txt, with Nicolin's reply mails/v6-1-7-reply-nicolin.txt) and the two
 * claims of the v7 cover-letter thread, each with the runs that decide it and the judge that reads
 * them. Order: as the review raises them.
 */
import { HOLE_START } from '../kernel/ramMap';
import {
  ARM_SMMU_FEAT_2_LVL_STRTAB, ARM_SMMU_FEAT_COHERENCY, STRTAB_BASE_CFG_FMT_LINEAR, STRTAB_BASE_RA, strtabBaseCfg,
} from '../kernel/smmuRegs';
import type { Corruption, Outcome, Scenario } from '../scenario/types';
import { intactLinear, intactTwoLevel, withCorruption, withFaults } from '../stories/intact';
import type { Judgement, ReviewClaim } from './claim';
import {
  crashLine, describeEntry, entriesBy, hasLog, headline, hex, ledgerLine, logLines, mmioLines, released, traceLines, violationLines,
} from './evidence';

const SEED = 'seeds/000_de01f5c3458b4a85.txt';

/** The crashed kernel's 2-level table, intact, devices on buses 1 and 0x20 re-inserted. */
const intact = (): Scenario => intactTwoLevel(16, [0x100, 0x2000]);

/** The same machine with the crashed kernel's linear table of 2^log2size STEs (another driver). */
function linearOnTwoLevel(log2size: number): Scenario {
  const s = intactTwoLevel(16, [3, 200]);
  return { ...s, crashed: { ...s.crashed, table: { ...s.crashed.table, fmt: 'linear', log2size } } };
}

function reg(reg: 'STRTAB_BASE' | 'STRTAB_BASE_CFG', value: bigint, kind: string): Corruption {
  return { kind, target: 'reg', reg, op: 'set', value };
}

const has = (o: Outcome | undefined, bit: number, where: 'after_hw_probe' | 'after_init' | 'after_probe') =>
  ((o?.[where]?.features ?? 0) & bit) !== 0;

/**
 * The judge of the two "unset *_dma" claims: unset and never read in adopt mode is not
 * decidable here (its reader is not posted); unset and STRTAB_BASE written anyway is confirmed (the
 * SMMU pointed at what the field holds); set is refuted (nothing is left unset).
 */
function unsetDmaField(o: Outcome, field: 'l1_dma' | 'ste_dma', name: string, whyUnused: string): Judgement {
  const value = o.after_probe?.strtab_cfg[field];
  const writes = mmioLines(o, 'STRTAB_BASE');
  const evidence = [headline('v6', o), `${name} after probe: ${value === undefined ? 'unknown' : hex(value)}`, `STRTAB_BASE writes by the kdump kernel: ${writes.length}`, ...writes];
  if (!o.adopted || value === undefined) return { ruling: 'not decidable here', why: 'The table was not adopted: the field is not the adoption\'s.', evidence };
  if (value !== 0n) return { ruling: 'refuted', why: `${name} is set (${hex(value)}): nothing is left unset.`, evidence };
  if (writes.length > 0) return { ruling: 'confirmed', why: `${name} is 0 and STRTAB_BASE was written in adopt mode: the SMMU was pointed at what it holds.`, evidence };
  return { ruling: 'not decidable here', why: whyUnused, evidence };
}

export const CLAIMS: readonly ReviewClaim[] = [
  {
    id: 'coherency-warn-redundant',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: 'We already checked this in arm_smmu_kdump_adopt_strtab_2lvl() can it change since?',
    claim: 'The WARN_ON(!(smmu->features & ARM_SMMU_FEAT_COHERENCY)) in the lazy L2 adoption is redundant: adoption is only ever attempted on a coherent SMMU, and nothing clears the feature afterwards.',
    runs: [
      { label: 'v6, coherent', revision: 'v6', story: 'intact 2-level table, coherent SMMU, two buses re-inserted (the lazy L2 path runs twice)', scenario: intact() },
      { label: 'v6, non-coherent', revision: 'v6', story: 'the same crashed kernel on a non-coherent SMMU', scenario: { ...intact(), hardware: { ...intact().hardware, coherent: false } } },
    ],
    judge(o) {
      const coh = o['v6, coherent'];
      const non = o['v6, non-coherent'];
      const lazy = entriesBy(coh, 'arm_smmu_kdump_adopt_l2_strtab', 'devm_memremap');
      const kept = has(coh, ARM_SMMU_FEAT_COHERENCY, 'after_hw_probe') && has(coh, ARM_SMMU_FEAT_COHERENCY, 'after_probe');
      const warned = coh.warnings.some((w) => /COHERENCY/.test(w.cond));
      const confirmed = !non.adopt_attempted && lazy.length > 0 && kept && !warned;
      return {
        ruling: confirmed ? 'confirmed' : 'refuted',
        why: confirmed
          ? `On a non-coherent SMMU the probe never sets ARM_SMMU_OPT_KDUMP_ADOPT, so no adoption function runs; on a coherent one the lazy L2 adoption ran ${lazy.length} times with ARM_SMMU_FEAT_COHERENCY still set and the WARN_ON never fired. Within the functions the harness carries, nothing clears the feature after arm_smmu_device_hw_probe(). v7 dropped these checks ("drop redundant FEAT_COHERENCY checks in adopt fns").`
          : 'A run reached the lazy L2 adoption without ARM_SMMU_FEAT_COHERENCY, or the non-coherent SMMU attempted adoption: the check is not redundant.',
        evidence: [
          headline('v6, coherent', coh), ...lazy.map(ledgerLine),
          `features after probe: ${hex(coh.after_probe?.features ?? 0)} (ARM_SMMU_FEAT_COHERENCY ${kept ? 'set' : 'CLEAR'}), WARN_ONs fired: ${coh.warnings.length}`,
          headline('v6, non-coherent', non), ...logLines(non, /non-coherent/),
        ],
      };
    },
  },
  {
    id: 'devm-memremap-mix',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: 'Why do we use devm_memremap() here but memremap() in the rest of the functions (even for the L1 ptr)?',
    claim: 'Mapping the lazy L2 tables with devm_memremap() while the L1 / linear table uses memremap() is inconsistent in a way that is unsafe: some mapping outlives its user, is released twice, or leaks.',
    runs: [
      { label: 'v6', revision: 'v6', story: 'intact 2-level table adopted, two buses inserted (two devm_memremap L2 windows), then unbind', scenario: intact() },
      { label: 'v6, registers read zero at unbind', revision: 'v6', story: 'the same, but the registers read zero after pm_runtime_put_sync()', scenario: { ...intact(), teardown: { policy: 'zero', garbage_seed: 1 } } },
    ],
    judge(o) {
      const v6 = o['v6'];
      const l2 = entriesBy(v6, 'arm_smmu_kdump_adopt_l2_strtab', 'devm_memremap');
      const l1 = entriesBy(v6, 'arm_smmu_kdump_adopt_strtab_2lvl', 'memremap');
      const l2Gone = l2.length > 0 && l2.every((e) => e.released_by === 'devres');
      const l1After = l1.length === 1 && released(l1[0]) && l2.every((e) => (e.released_at ?? Infinity) < (l1[0].released_at ?? -1));
      const clean = v6.violations.length === 0;
      const safe = l2Gone && l1After && clean;
      const zero = o['v6, registers read zero at unbind'];
      const zeroL2 = entriesBy(zero, 'arm_smmu_kdump_adopt_l2_strtab', 'devm_memremap');
      return {
        ruling: safe ? 'refuted' : 'confirmed',
        why: safe
          ? `Not unsafe: devres releases each devm_memremap'd L2 window once at unbind, before the cleanup action memunmap()s the L1 table they were found through (devres is LIFO and the L2 windows were mapped after the action was registered), and nothing leaks or is released twice. The mix is deliberate (Nicolin: the L2 windows live as long as the device; v7 documents it). The same holds when the registers read zero at unbind (${zeroL2.filter((e) => e.released_by === 'devres').length}/${zeroL2.length} L2 windows released by devres); what v6 does leak there is the l2ptrs array, which is the claim "cleanup-reads-register", not this one.`
          : 'A devm_memremap\'d L2 window or the L1 mapping was not released exactly once in the right order.',
        evidence: [
          headline('v6', v6), ...l1.map(ledgerLine), ...l2.map(ledgerLine), ...violationLines(v6),
          headline('v6, registers read zero at unbind', zero), ...zeroL2.map(ledgerLine),
        ],
      };
    },
  },
  {
    id: 'l1-dma-unset',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: 'we should populate cfg->l2.l1_dma here to be consistent.',
    claim: 'Leaving cfg->l2.l1_dma unset in the 2-level adoption is a bug.',
    runs: [{ label: 'v6', revision: 'v6', story: 'intact 2-level table adopted, two buses inserted', scenario: intact() }],
    judge: (o) => unsetDmaField(o['v6'], 'l1_dma', 'strtab_cfg.l2.l1_dma',
      'It is unset (0 after the adoption) and, in every path the posted revision runs in adopt mode, unused: arm_smmu_write_strtab(), its only reader, is skipped and STRTAB_BASE is never written. Whether it is a bug depends on code that is not posted (a later reset or resume path that would program STRTAB_BASE from it: PA 0). The property adopted-state-consistent records it as a finding (l1_dma@after_init); Nicolin answered "deliberately since it\'s not used anywhere in kdump adopt mode".'),
  },
  {
    id: 'kcalloc-failure-leaks-l1tab',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: 'We shuold ummap cfg->l2.l1tab before returning -ENOMEM here',
    claim: 'When kcalloc() of l2ptrs fails in arm_smmu_kdump_adopt_strtab_2lvl(), the memremap of the L1 table leaks.',
    runs: [{ label: 'v6', revision: 'v6', story: 'intact 2-level table; the kcalloc() of l2ptrs fails (fail-nth 1)', scenario: withFaults(intact(), { site: 'arm_smmu_kdump_adopt_strtab_2lvl:kmalloc', nth: 1 }) }],
    judge(o) {
      const v6 = o['v6'];
      const fired = (v6.faults_fired ?? []).length > 0;
      const l1 = entriesBy(v6, 'arm_smmu_kdump_adopt_strtab_2lvl', 'memremap');
      const leaked = l1.filter((e) => !released(e) || v6.violations.some((v) => v.entry === e.id));
      return {
        ruling: !fired || l1.length === 0 ? 'not decidable here' : leaked.length > 0 ? 'confirmed' : 'refuted',
        why: !fired || l1.length === 0
          ? 'The injected failure did not fire, or the L1 table was never mapped.'
          : leaked.length > 0
            ? 'The L1 mapping is never memunmap()ed after the kcalloc() failure.'
            : `No leak: arm_smmu_kdump_adopt_strtab() calls arm_smmu_kdump_adopt_cleanup() on any error of the format function, which memunmap()s the L1 table during probe (Nicolin: "the caller's cleanup handles -ENOMEM/-EINVAL"); the probe then falls back to the full reset.`,
        evidence: [headline('v6', v6), ...(v6.faults_fired ?? []).map((f) => `fault injected: ${f.site} call #${f.nth} at step ${f.step} (${f.phase})`), ...l1.map(ledgerLine), ...logLines(v6, /falling back/), ...violationLines(v6)],
      };
    },
  },
  {
    id: 'span-error-leaks',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: "We leak kcalloc'd mem (l2.l2ptrs) here, also we should unmap cfg->l2.l1tab",
    claim: 'When an L1 descriptor has an unsupported SPAN, the error return of arm_smmu_kdump_adopt_strtab_2lvl() leaks l2ptrs and the L1 mapping.',
    runs: [{ label: 'v6', revision: 'v6', story: 'intact 2-level table whose L1[1] reads SPAN 10 (not STRTAB_SPLIT + 1)', scenario: withCorruption(intact(), { kind: 'l1:span', target: 'l1', idx: 1, op: 'xor', value: 9n ^ 10n }) }],
    judge(o) {
      const v6 = o['v6'];
      const l1 = entriesBy(v6, 'arm_smmu_kdump_adopt_strtab_2lvl', 'memremap');
      const l2ptrs = entriesBy(v6, 'arm_smmu_kdump_adopt_strtab_2lvl', 'kmalloc');
      const reached = hasLog(v6, /unsupported span/);
      const leaked = [...l1, ...l2ptrs].filter((e) => !released(e));
      return {
        ruling: !reached ? 'not decidable here' : leaked.length > 0 ? 'confirmed' : 'refuted',
        why: !reached
          ? 'The span check was not reached.'
          : leaked.length > 0
            ? 'The L1 mapping or l2ptrs is never released after the span error.'
            : 'No leak: the -EINVAL goes back to arm_smmu_kdump_adopt_strtab(), whose error path runs arm_smmu_kdump_adopt_cleanup(): l2ptrs is kfree()d and the L1 table memunmap()ed during probe, before the fallback.',
        evidence: [headline('v6', v6), ...logLines(v6, /span|falling back/), ...l1.map(ledgerLine), ...l2ptrs.map(ledgerLine), ...violationLines(v6)],
      };
    },
  },
  {
    id: 'max-log2size-branch-unreachable',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: 'Looks like we\'d never hit this if condition because we\'d never support a "linear" strtab if the HW supports ARM_SMMU_FEAT_2_LVL_STRTAB.',
    claim: 'The max_log2size branch for 2-level hardware in arm_smmu_kdump_adopt_strtab_linear() is never reached: a linear table is never seen on 2-level hardware.',
    runs: [
      { label: 'v6, LOG2SIZE 26', revision: 'v6', story: '2-level hardware, 16-bit SIDs, whose crashed kernel (another driver) left a linear table; STRTAB_BASE_CFG.LOG2SIZE reads 26', scenario: withCorruption(linearOnTwoLevel(10), reg('STRTAB_BASE_CFG', BigInt(strtabBaseCfg(STRTAB_BASE_CFG_FMT_LINEAR, 0, 26)), 'STRTAB_BASE_CFG:log2size')) },
      { label: 'v6, LOG2SIZE 10', revision: 'v6', story: 'the same linear table with LOG2SIZE 10, intact', scenario: linearOnTwoLevel(10) },
    ],
    judge(o) {
      const big = o['v6, LOG2SIZE 26'];
      const small = o['v6, LOG2SIZE 10'];
      const capped = logLines(big, /unsupported log2size 26 \(> 25\)/);
      const reached = capped.length > 0;
      return {
        ruling: reached ? 'refuted' : 'confirmed',
        why: reached
          ? `Reached: the probe sets ARM_SMMU_FEAT_2_LVL_STRTAB from IDR0 whatever format the crashed kernel used, so a linear STRTAB_BASE_CFG on 2-level hardware takes this branch and is capped at ilog2(STRTAB_MAX_L1_ENTRIES * STRTAB_NUM_L2_STES) = 25 ("> 25" in the log). An intact linear table is adopted through it (LOG2SIZE 10: ${small.adopted ? 'adopted' : 'not adopted'}). Nicolin's answer: the crashed kernel need not run the same driver. The cap itself ignores sid_bits: see the Findings row no-over-allocation:memremap@arm_smmu_kdump_adopt_strtab_linear (2 GiB for LOG2SIZE 25).`
          : 'No run took the 2-level-hardware cap.',
        evidence: [headline('v6, LOG2SIZE 26', big), `features after the hardware probe: ${hex(big.after_hw_probe?.features ?? 0)} (ARM_SMMU_FEAT_2_LVL_STRTAB ${has(big, ARM_SMMU_FEAT_2_LVL_STRTAB, 'after_hw_probe') ? 'set' : 'clear'})`, ...capped, headline('v6, LOG2SIZE 10', small)],
      };
    },
  },
  {
    id: 'ste-dma-unset',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: 'We seem to skips initializing cfg->linear.ste_dma ... a ticking time bomb',
    claim: 'Leaving cfg->linear.ste_dma unset in the linear adoption is a ticking time bomb.',
    runs: [{ label: 'v6', revision: 'v6', story: 'linear-only hardware (8-bit SIDs), intact linear table adopted', scenario: intactLinear(8, [3, 200]) }],
    judge: (o) => unsetDmaField(o['v6'], 'ste_dma', 'strtab_cfg.linear.ste_dma',
      'It is unset (0 after the adoption) and unused by every path the posted revision runs in adopt mode (STRTAB_BASE is never written). It would go off only in a caller that is not posted (a reset or resume path programming STRTAB_BASE from it). Recorded by adopted-state-consistent as ste_dma@after_init; Nicolin: "I can\'t think of a reason".'),
  },
  {
    id: 'cleanup-reads-register',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: 'register contents would\'ve been lost ... rely on some SW state',
    claim: 'arm_smmu_kdump_adopt_cleanup() reading STRTAB_BASE_CFG in a devres action, after pm_runtime_put_sync(), is unsafe.',
    runs: [
      { label: 'v6', revision: 'v6', story: 'intact 2-level table adopted; at unbind the powered-off registers read zero', scenario: { ...intact(), teardown: { policy: 'zero', garbage_seed: 1 } } },
      { label: 'v7', revision: 'v7', story: 'the same on v7 (cleanup decides by the feature bit)', scenario: { ...intact(), teardown: { policy: 'zero', garbage_seed: 1 } } },
    ],
    judge(o) {
      const leaks = (x: Outcome) => entriesBy(x, 'arm_smmu_kdump_adopt_strtab_2lvl').filter((e) => !released(e));
      const v6 = leaks(o['v6']);
      const v7 = leaks(o['v7']);
      return {
        ruling: v6.length > 0 ? 'confirmed' : 'refuted',
        why: v6.length > 0
          ? `Confirmed on v6: with STRTAB_BASE_CFG reading 0 at unbind, the cleanup takes FMT for linear and never frees the 2-level table's l2ptrs (${v6.length} entr${v6.length === 1 ? 'y' : 'ies'} never released). v7 decides by ARM_SMMU_FEAT_2_LVL_STRTAB: ${v7.length === 0 ? 'nothing leaks there' : 'it still leaks'}.`
          : 'Nothing leaked with the registers reading zero at unbind.',
        evidence: [headline('v6', o['v6']), ...v6.map(ledgerLine), ...violationLines(o['v6']), headline('v7', o['v7']), ...violationLines(o['v7'])],
      };
    },
  },
  {
    id: 'linear-clears-2lvl-feature',
    who: 'Pranjal Shrivastava (v6 1/7)',
    mail: SEED,
    quote: 'we\'d never support a "linear" strtab if the HW supports ARM_SMMU_FEAT_2_LVL_STRTAB',
    claim: 'Clearing ARM_SMMU_FEAT_2_LVL_STRTAB to adopt a linear table on 2-level hardware is wrong: the cleared bit outlives the adoption.',
    runs: [
      { label: 'v6', revision: 'v6', story: 'a linear table on 2-level hardware is adopted, then devm_add_action_or_reset() of the cleanup fails and the probe falls back', scenario: withFaults(linearOnTwoLevel(10), { site: 'arm_smmu_kdump_adopt_strtab:devm_add_action', nth: 1 }) },
      { label: 'v7', revision: 'v7', story: 'the same on v7 (was_2lvl restored on that failure)', scenario: withFaults(linearOnTwoLevel(10), { site: 'arm_smmu_kdump_adopt_strtab:devm_add_action', nth: 1 }) },
    ],
    judge(o) {
      const v6 = o['v6'];
      const v7 = o['v7'];
      const lost = !v6.adopted && has(v6, ARM_SMMU_FEAT_2_LVL_STRTAB, 'after_hw_probe') && !has(v6, ARM_SMMU_FEAT_2_LVL_STRTAB, 'after_init');
      const linear = entriesBy(v6, 'arm_smmu_init_strtab_linear', 'dmam_alloc_coherent');
      return {
        ruling: lost ? 'confirmed' : 'refuted',
        why: lost
          ? `Confirmed on v6: after the failed registration the fallback runs without ARM_SMMU_FEAT_2_LVL_STRTAB and allocates a linear table for 2^sid_bits STEs (${linear.length ? describeEntry(linear[0]) : 'no allocation seen'}), where mainline builds a 2-level one. v7 restores the bit (was_2lvl): ${has(v7, ARM_SMMU_FEAT_2_LVL_STRTAB, 'after_init') ? 'the fallback is 2-level there' : 'still lost there'}. A linear table on 2-level hardware is possible (claim max-log2size-branch-unreachable).`
          : 'The fallback kept ARM_SMMU_FEAT_2_LVL_STRTAB.',
        evidence: [headline('v6', v6), `v6 features: after hw probe ${hex(v6.after_hw_probe?.features ?? 0)}, after init ${hex(v6.after_init?.features ?? 0)}`, ...linear.map(ledgerLine), headline('v7', v7), `v7 features after init ${hex(v7.after_init?.features ?? 0)}`],
      };
    },
  },
  {
    id: 'base-address-may-be-broken',
    who: 'Mostafa Saleh (v7 0/7)',
    mail: 'mails/v7-0-7-review-mostafa.txt',
    quote: 'the base address might be broken',
    claim: 'A broken STRTAB_BASE is not caught by the adoption: the kdump kernel reads through it.',
    runs: ['v6', 'v7', 'latest'].map((r) => ({
      label: r, revision: r, story: 'STRTAB_BASE.ADDR corrupted to a physical hole (no RAM, no device) on an intact 2-level table',
      scenario: withCorruption(intact(), reg('STRTAB_BASE', HOLE_START | STRTAB_BASE_RA, 'STRTAB_BASE:hole')),
    })),
    judge(o) {
      const aborted = ['v6', 'v7', 'latest'].filter((r) => o[r].crash?.kind === 'external-abort');
      return {
        ruling: aborted.length > 0 ? 'confirmed' : 'refuted',
        why: aborted.length > 0
          ? `Confirmed on ${aborted.join(', ')}: the checks are structural (format, LOG2SIZE, SPLIT, alignment in latest) and memremap() maps a hole without complaint, so the first read of the L1 table takes an external abort in probe and the vmcore is lost. The Findings rows no-crash:external-abort-* pin it (ADDR 0 too).`
          : 'No revision read through the broken base.',
        evidence: ['v6', 'v7', 'latest'].flatMap((r) => [headline(r, o[r]), ...crashLine(o[r])]),
      };
    },
  },
  {
    id: 'vmids-asids-must-be-reserved',
    who: 'Jason Gunthorpe (v7 0/7)',
    mail: 'mails/v7-0-7-review-jason-vmid.txt',
    quote: 'in-use VMIDs (and ASIDs) of the adopted table must be reserved',
    claim: 'The series does not reserve the VMIDs the adopted STEs use, so the kdump kernel could hand one out again while stale TLB entries tagged with it live.',
    runs: ['v6', 'v7', 'latest'].map((r) => ({
      label: r, revision: r, story: 'intact 2-level table adopted; the devices on buses 1 and 0x20 translate through stage 2 (VMIDs 0x101 and 0x2001 in their STEs)',
      scenario: intact(),
    })),
    judge(o) {
      const ida = (r: string) => traceLines(o[r], /^ida_alloc_range$/);
      const none = ['v6', 'v7'].filter((r) => o[r].adopted && ida(r).length === 0);
      return {
        ruling: none.length > 0 ? 'confirmed' : 'refuted',
        why: none.length > 0
          ? `Confirmed on ${none.join(' and ')}: the table is adopted with S2 STEs live and no VMID is reserved (no ida_alloc_range() call). The later code (latest) reserves them while adopting: ${ida('latest').length} ida_alloc_range() call(s) in that run. The property asid-vmid-reserved (where present) checks it on every run.`
          : 'The posted revisions reserve the VMIDs.',
        evidence: ['v6', 'v7', 'latest'].flatMap((r) => [headline(r, o[r]), ...ida(r)]),
      };
    },
  },
];

/** A claim by id; undefined when there is none. */
export function claimById(id: string): ReviewClaim | undefined {
  return CLAIMS.find((c) => c.id === id);
}

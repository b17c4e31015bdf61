import type { Property, PropertyContext, SmmuState, Verdict } from '../harness/scenario/types';
import { hex } from './_lib/format';
import {
  ARM_SMMU_FEAT_2_LVL_STRTAB, STRTAB_BASE_ADDR_MASK, decodeStrtabBaseCfg, describeFeatures, describeL1Desc,
  describeStrtabBaseCfg, l1Idx, walkedL2,
} from './_lib/kernel';
import { isAdopted, probedStrtabRegs } from './_lib/outcome';
import { PASS, fail } from './_lib/verdict';

const NAME = 'adopted-state-consistent';

/** Ledger kinds that map the crashed kernel's memory (an adopted table), as opposed to allocating. */
const MAPPINGS: readonly string[] = ['memremap', 'memremap-ram', 'devm_memremap'];

function check(ctx: PropertyContext): Verdict {
  const { outcome } = ctx;
  // Adopted = strtab_cfg holds the crashed kernel's table (not the option bit: a fallback that
  // kept ARM_SMMU_OPT_KDUMP_ADOPT is clean-fallback's finding, not an adoption).
  if (!isAdopted(outcome)) return PASS;
  const regs = probedStrtabRegs(ctx);
  const cfg = decodeStrtabBaseCfg(regs.cfg);
  const base = regs.base & STRTAB_BASE_ADDR_MASK;
  const held = `the hardware holds ${describeStrtabBaseCfg(regs.cfg)}, STRTAB_BASE.ADDR ${hex(base)} (from ${regs.source})`;

  if (!cfg.fmtName) {
    return fail(NAME, 'fmt', 'STRTAB_BASE_CFG', `The driver adopted a stream table although ${held}: FMT ${cfg.fmt} is reserved.`);
  }
  const states: [string, SmmuState | undefined][] = [['after_init', outcome.after_init], ['after_probe', outcome.after_probe]];
  // Structural fields first; the DMA addresses (a known review point) last, so they hide nothing.
  for (const [label, st] of states) {
    if (!st) continue;
    const two = (st.features & ARM_SMMU_FEAT_2_LVL_STRTAB) !== 0;
    if (two !== (cfg.fmtName === '2lvl')) {
      return fail(NAME, 'feat-2-lvl-strtab', label, `Adopted a ${cfg.fmtName === '2lvl' ? '2-level' : 'linear'} table (${held}), but smmu->features ${label.replace('_', ' ')} are ${describeFeatures(st.features)}: ARM_SMMU_FEAT_2_LVL_STRTAB must be set iff the adopted format is 2-level, since every strtab_cfg reader picks the union member by that bit.`);
    }
    const c = st.strtab_cfg;
    if (cfg.fmtName === '2lvl') {
      const want = cfg.log2size >= cfg.split ? 2 ** (cfg.log2size - cfg.split) : -1;
      if (c.l1tab === 0n) return fail(NAME, 'l1tab-null', label, `Adopted a 2-level table (${held}) but strtab_cfg.l2.l1tab is NULL ${label.replace('_', ' ')}.`);
      if (c.l2ptrs === 0n) return fail(NAME, 'l2ptrs-null', label, `Adopted a 2-level table (${held}) but strtab_cfg.l2.l2ptrs is NULL ${label.replace('_', ' ')}: the first insert dereferences it.`);
      if (c.num_l1_ents !== want) return fail(NAME, 'num_l1_ents', label, `Adopted a 2-level table (${held}), so num_l1_ents must be 2^(LOG2SIZE - SPLIT) = ${want}, but strtab_cfg.l2.num_l1_ents is ${c.num_l1_ents}: the SID range check then disagrees with the table the SMMU walks.`);
    } else {
      const want = 2 ** cfg.log2size;
      if (c.linear_table === 0n) return fail(NAME, 'table-null', label, `Adopted a linear table (${held}) but strtab_cfg.linear.table is NULL ${label.replace('_', ' ')}.`);
      if (c.num_ents !== want) return fail(NAME, 'num_ents', label, `Adopted a linear table (${held}), so num_ents must be 2^LOG2SIZE = ${want}, but strtab_cfg.linear.num_ents is ${c.num_ents}.`);
    }
  }
  // The table adopted must be the one the SMMU walks: the hardware aligns STRTAB_BASE.ADDR down
  // to the table size (KERNEL_FACTS.md), so an unaligned base means software reads one table
  // while the SMMU translates through another.
  const init = outcome.after_init?.strtab_cfg;
  if (init) {
    const ptr = cfg.fmtName === '2lvl' ? init.l1tab : init.linear_table;
    const size = cfg.fmtName === '2lvl' ? 2n ** BigInt(Math.max(0, cfg.log2size - cfg.split)) * 8n : 2n ** BigInt(cfg.log2size) * 64n;
    const walked = size > 64n ? base & ~(size - 1n) : base;
    const mapping = outcome.ledger.find((e) => e.addr === ptr && (e.kind === 'memremap' || e.kind === 'memremap-ram'));
    if (mapping?.pa !== undefined && mapping.pa !== walked) {
      return fail(NAME, 'base-unaligned', 'after_init',
        `Adopted the ${cfg.fmtName === '2lvl' ? 'L1' : 'linear'} table at PA ${hex(mapping.pa)} (${mapping.site}), but ${held}: ` +
        `the SMMU aligns STRTAB_BASE.ADDR down to the ${size}-byte table and walks the table at PA ${hex(walked)}. ` +
        'Software and hardware now disagree on every STE: the kdump kernel inspects and edits a table the SMMU does not use.');
    }
  }
  // The same for every L2 table an insert adopted: the SMMU aligns L2Ptr down to the array size
  // (walkedL2), so a window mapped at an unaligned L2Ptr is a table the SMMU does not walk.
  if (cfg.fmtName === '2lvl') {
    for (const ins of outcome.inserts) {
      if (ins.ret !== 0 || ins.l2ptr_slot_before !== 0n || ins.l2ptr_slot === 0n || ins.l1_desc_after === undefined) continue;
      const m = outcome.ledger.find((e) => e.addr === ins.l2ptr_slot && ins.acquired.includes(e.id) && MAPPINGS.includes(e.kind));
      const walked = walkedL2(ins.l1_desc_after);
      if (!m || m.pa === undefined || !walked || m.pa === walked.pa) continue;
      return fail(NAME, 'l2ptr-unaligned', m.site,
        `Inserting SID ${hex(ins.sid)} adopted the L2 table of L1[${l1Idx(ins.sid)}] at PA ${hex(m.pa)} (${m.kind}, ${m.site}) from ` +
          `${describeL1Desc(ins.l1_desc_after)}, but the SMMU treats the L2Ptr bits below the ${walked.size}-byte array as zero and walks the ` +
          `table at PA ${hex(walked.pa)}: the kdump kernel reads and writes STEs of a table the SMMU does not use for this bus.`);
    }
  }
  for (const [label, st] of states) {
    if (!st) continue;
    const c = st.strtab_cfg;
    const [field, got] = cfg.fmtName === '2lvl' ? ['l1_dma', c.l1_dma] : ['ste_dma', c.ste_dma];
    if ((got & STRTAB_BASE_ADDR_MASK) !== base) {
      return fail(
        NAME,
        field,
        label,
        `Adopted a ${cfg.fmtName === '2lvl' ? '2-level' : 'linear'} table (${held}), but strtab_cfg.${cfg.fmtName === '2lvl' ? 'l2' : 'linear'}.${field} is ${hex(got)} ${label.replace('_', ' ')}. ` +
          `Mainline sets it, and arm_smmu_write_strtab() programs STRTAB_BASE from it: adoption bypasses that today, ` +
          `but any later caller (a reset, resume) would point the SMMU at ${hex(got)}. (Raised in Pranjal's v6 review; still unset.)`,
      );
    }
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  description:
    'After a successful adoption, every strtab_cfg field the mainline path would set is set and agrees with ' +
    'the registers the hardware holds: 2-level — l1tab and l2ptrs non-NULL, num_l1_ents = 2^(LOG2SIZE - SPLIT) ' +
    'from STRTAB_BASE_CFG, l1_dma = STRTAB_BASE.ADDR; linear — table non-NULL, num_ents = 2^LOG2SIZE, ' +
    'ste_dma = STRTAB_BASE.ADDR; the table mapped is the one the SMMU walks (STRTAB_BASE.ADDR aligned down to ' +
    'the table size), and so is every L2 table an insert adopts (the L1 descriptor\'s L2Ptr aligned down to the ' +
    'array size: the SMMU treats the bits below as zero); and ARM_SMMU_FEAT_2_LVL_STRTAB is set iff the ' +
    'adopted format is 2-level. Adopted means strtab_cfg holds the crashed kernel\'s table after init (a ' +
    'fallback that kept ARM_SMMU_OPT_KDUMP_ADOPT is clean-fallback\'s finding). ' +
    'strtab_cfg is a union read by the insert path, the SID range check and arm_smmu_write_strtab() (which ' +
    'programs STRTAB_BASE from l1_dma/ste_dma): a field left unset or inconsistent with the table the SMMU ' +
    'really walks is a latent wrong-table or out-of-bounds access that no current caller happens to hit. The ' +
    'DMA-address fields are checked last, so that the known v6 review point (l1_dma/ste_dma never set) has its ' +
    'own signature and hides nothing structural.',
  check,
};

export default property;

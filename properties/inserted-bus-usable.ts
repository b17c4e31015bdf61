import type { InsertResult, LedgerEntry, Property, PropertyContext, Verdict } from '../harness/scenario/types';
import { formatSize, hex } from './_lib/format';
import {
  ARM_SMMU_FEAT_2_LVL_STRTAB, L2_TABLE_SIZE, STRTAB_L1_DESC_L2PTR_MASK, STRTAB_SPLIT, describeL1Desc, walkedL2,
} from './_lib/kernel';
import { PASS, fail } from './_lib/verdict';

const NAME = 'inserted-bus-usable';

/** The mapping or allocation the l2ptrs slot points at, if it is live after the insert. */
function slotEntry(ctx: PropertyContext, ins: InsertResult): LedgerEntry | undefined {
  return ctx.outcome.ledger.find(
    (e) => e.addr === ins.l2ptr_slot && e.kind !== 'devres_action' && (e.released_at === undefined || e.released_at > ins.step_to),
  );
}

function check(ctx: PropertyContext): Verdict {
  const o = ctx.outcome;
  const twoLevel = o.after_probe !== undefined && (o.after_probe.features & ARM_SMMU_FEAT_2_LVL_STRTAB) !== 0;
  if (!twoLevel || o.probe_ret !== 0) return PASS;
  for (const ins of o.inserts) {
    // Judge the insert that filled the slot: a later insert of the same bus reuses the slot by
    // design, and a device rewriting the L1 descriptor after that is beyond the driver's reach.
    if (ins.ret !== 0 || ins.l2ptr_slot_before !== 0n) continue;
    const bus = `SID ${hex(ins.sid)} (L1[${ins.sid >>> STRTAB_SPLIT}])`;
    if (ins.l2ptr_slot === 0n) {
      return fail(NAME, 'slot-empty', 'arm_smmu_init_sid_strtab',
        `Inserting ${bus} returned 0, but strtab_cfg.l2.l2ptrs[${ins.sid >>> STRTAB_SPLIT}] is NULL: the first STE write for the device dereferences it.`);
    }
    const e = slotEntry(ctx, ins);
    if (!e) {
      return fail(NAME, 'slot-not-live', 'arm_smmu_init_l2_strtab',
        `Inserting ${bus} returned 0, but strtab_cfg.l2.l2ptrs[${ins.sid >>> STRTAB_SPLIT}] = ${hex(ins.l2ptr_slot)} is not a live mapping or allocation (an ERR_PTR, or something released): the first STE write for the device goes through it.`);
    }
    if (e.size < L2_TABLE_SIZE) {
      return fail(NAME, 'slot-too-small', e.site,
        `Inserting ${bus} returned 0 with a ${formatSize(e.size)} ${e.kind} (${e.site}) as its L2 table: the 256 STEs of the bus need ${formatSize(L2_TABLE_SIZE)}.`);
    }
    // The table the driver writes must be the one the SMMU walks for this bus: the L1
    // descriptor's L2Ptr aligned down to the array size, as the SMMU reads it (walkedL2), not
    // the raw L2Ptr — a window mapped at an unaligned L2Ptr is a shifted table.
    if (ins.l1_desc_after !== undefined && e.pa !== undefined) {
      const walked = walkedL2(ins.l1_desc_after);
      const raw = ins.l1_desc_after & STRTAB_L1_DESC_L2PTR_MASK;
      if (!walked) {
        return fail(NAME, 'slot-not-walked-table', e.site,
          `Inserting ${bus} returned 0 with its L2 table at PA ${hex(e.pa)} (${e.kind}, ${e.site}), but the L1 descriptor is now ${describeL1Desc(ins.l1_desc_after)}: its SPAN makes the SMMU walk no L2 table at all, so the STEs the driver writes for this bus are never used.`);
      }
      if (e.pa !== walked.pa) {
        const unaligned = raw !== walked.pa ? ` (L2Ptr ${hex(raw)}, which the SMMU aligns down to the ${formatSize(walked.size)} array)` : '';
        return fail(NAME, 'slot-not-walked-table', e.site,
          `Inserting ${bus} returned 0 with its L2 table at PA ${hex(e.pa)} (${e.kind}, ${e.site}), but the SMMU walks the L2 table at PA ${hex(walked.pa)}${unaligned}: the STEs the driver writes for this bus are not the ones the hardware uses.`);
      }
    }
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  description:
    'A successful insert (arm_smmu_init_sid_strtab() returning 0) that fills an empty l2ptrs slot of a 2-level ' +
    'table leaves the bus usable: ' +
    'its strtab_cfg.l2.l2ptrs slot points at a live mapping or allocation of a whole 16 KiB L2 table, and that ' +
    'table is the one the SMMU walks through the L1 descriptor (L2Ptr aligned down to the array size, as the ' +
    'SMMUv3 architecture has the SMMU treat its low bits as zero). The insert path is where a corrupted or ' +
    'rewritten L1 descriptor meets the driver; success must mean the device\'s STEs will be written where the ' +
    'hardware reads them, not into an ERR_PTR, a freed mapping, a short window or a shifted table.',
  check,
};

export default property;

import type { InsertResult, Outcome, Property, PropertyContext, Verdict } from '../harness/scenario/types';
import { isAllRam, regionIntersectsOwnRam } from '../harness/kernel/ramMap';
import { describeEntries, describeAcquire, hex } from './_lib/format';
import {
  ARM_SMMU_FEAT_2_LVL_STRTAB, L2_TABLE_SIZE, STRTAB_SPLIT, decodeL1Desc, describeL1Desc, l1Idx,
} from './_lib/kernel';
import { entryById } from './_lib/ledger';
import { faultsFiredBetween, isAdopted } from './_lib/outcome';
import { PASS, fail } from './_lib/verdict';

const NAME = 'lazy-l2-span-change-rejected';
const WHERE = 'arm_smmu_init_l2_strtab';
const SPAN_OK = STRTAB_SPLIT + 1;

/** Was l2ptrs[l1_idx] empty when insert k ran? (InsertResult.l2ptr_slot_before) */
export function slotWasEmpty(o: Outcome, k: number): boolean {
  const before = o.inserts[k].l2ptr_slot_before;
  if (before === undefined) throw new Error(`harness bug: insert #${k} of the Outcome of ${o.revision} carries no l2ptr_slot_before`);
  return before === 0n;
}

/** A descriptor an insert must be able to use: no L2 yet (SPAN 0), or a well-formed L2 in RAM. */
function usable(desc: bigint): boolean {
  const { span, l2ptr } = decodeL1Desc(desc);
  if (span === 0) return true;
  return (
    span === SPAN_OK && l2ptr !== 0n && l2ptr % L2_TABLE_SIZE === 0n && isAllRam(l2ptr, L2_TABLE_SIZE) &&
    regionIntersectsOwnRam(l2ptr, L2_TABLE_SIZE) !== 'REGION_MIXED'
  );
}

/** A KERN_ERR-or-worse line printed during the insert (dev_printk counts as a step). */
function errorLogged(o: Outcome, r: InsertResult): boolean {
  return o.log.some((l) => l.level <= 3 && l.phase === 'insert' && l.step >= r.step_from && l.step <= r.step_to);
}

function check(ctx: PropertyContext): Verdict {
  const { outcome } = ctx;
  const st = outcome.after_init;
  if (!isAdopted(outcome) || !st || !(st.features & ARM_SMMU_FEAT_2_LVL_STRTAB)) return PASS;

  const refused: { k: number; idx: number }[] = [];
  for (let k = 0; k < outcome.inserts.length; k++) {
    const r = outcome.inserts[k];
    if (r.l1_desc_before === undefined) continue; // out of range: refused before the descriptor is read
    const { span } = decodeL1Desc(r.l1_desc_before);
    if (span === 0 || span === SPAN_OK || !slotWasEmpty(outcome, k)) continue;

    const idx = l1Idx(r.sid);
    const what =
      `Insert #${k} of SID ${r.sid} (${hex(r.sid)}) on the adopted 2-level table found l2ptrs[${idx}] empty and ` +
      `L1[${idx}] = ${describeL1Desc(r.l1_desc_before)}: SPAN ${span} is neither 0 (no L2 table) nor ` +
      `STRTAB_SPLIT + 1 = ${SPAN_OK}, so the descriptor changed since adoption and this stream must be refused`;
    const acquired = r.acquired.map((id) => entryById(outcome.ledger, id)).filter((e) => e !== undefined);
    if (acquired.length) {
      const e = acquired[0];
      return fail(NAME, `mapped-${e.kind}`, e.site, `${what} — yet it did ${describeAcquire(e)}${e.kind.includes('memremap') ? ' (a size taken from a corrupted descriptor)' : ''}. Acquired during the insert:\n${describeEntries(acquired)}`);
    }
    if (r.l1_desc_after !== r.l1_desc_before) {
      return fail(NAME, 'descriptor-rewritten', WHERE, `${what} — yet it rewrote the descriptor to ${r.l1_desc_after === undefined ? 'unknown' : describeL1Desc(r.l1_desc_after)}, changing the crashed kernel's live table under in-flight DMA for every SID of L1[${idx}].`);
    }
    if (r.l2ptr_slot !== 0n) {
      return fail(NAME, 'l2ptrs-slot-filled', WHERE, `${what} — yet it left l2ptrs[${idx}] = ${hex(r.l2ptr_slot)}: later inserts in L1[${idx}] would use an L2 pointer nobody validated.`);
    }
    if (r.ret >= 0) {
      return fail(NAME, 'accepted', WHERE, `${what} — yet arm_smmu_init_sid_strtab() returned ${r.ret}: the master would be attached to a stream with no usable STE.`);
    }
    if (!errorLogged(outcome, r)) {
      return fail(NAME, 'no-log', WHERE, `${what} — it returned ${r.ret} but logged nothing at KERN_ERR or above during steps ${r.step_from}..${r.step_to}: a user gets a failed device probe with no hint why.`);
    }
    refused.push({ k, idx });
  }

  // Other streams keep working.
  for (const { k, idx } of refused) {
    for (let j = k + 1; j < outcome.inserts.length; j++) {
      const r = outcome.inserts[j];
      if (l1Idx(r.sid) === idx || r.l1_desc_before === undefined || !usable(r.l1_desc_before) || r.ret >= 0) continue;
      const faults = faultsFiredBetween(outcome, r.step_from, r.step_to);
      if (faults.length > 0) continue; // an injected failure
      return fail(
        NAME,
        'other-sid-failed',
        WHERE,
        `After insert #${k} (L1[${idx}]) was refused for a changed span, insert #${j} of SID ${r.sid} (${hex(r.sid)}) in L1[${l1Idx(r.sid)}] ` +
          `with ${describeL1Desc(r.l1_desc_before)} failed with ${r.ret}: a span change must stay confined to its own L1 range.`,
      );
    }
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  description:
    'On an adopted 2-level table, an insert (arm_smmu_init_sid_strtab) that finds its l2ptrs slot empty and ' +
    'its L1 descriptor now holding a SPAN other than 0 (architecturally "no L2 table", where a fresh L2 is ' +
    'correct) and other than STRTAB_SPLIT + 1 = 9 — the descriptor changed after adoption, by a DMA-ing device ' +
    'or a corruption adoption did not see — is refused with an error and a KERN_ERR log line; it maps and ' +
    'allocates nothing, writes no descriptor, leaves its l2ptrs slot empty, and later inserts in other L1 ' +
    'ranges with valid descriptors still succeed. The lazy L2 path is where the driver reads the crashed ' +
    "kernel's table long after validating it: sizing a mapping by the new SPAN (up to 2^30 STEs), or fixing the " +
    'descriptor up under in-flight DMA, turns one corrupted stream into an OOM or a broken bus.',
  check,
};

export default property;

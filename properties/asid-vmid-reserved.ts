import type { LiveId } from './_lib/liveIds';
import type { Property, PropertyContext, Reservations, Verdict } from '../harness/scenario/types';
import { hex } from './_lib/format';
import { liveIds } from './_lib/liveIds';
import { PASS, fail } from './_lib/verdict';

const NAME = 'asid-vmid-reserved';

function describeUse(u: LiveId): string {
  return u.kind === 'vmid'
    ? `VMID ${u.id} (S2VMID of the STE of SID ${hex(u.sid)} at PA ${hex(u.ste_pa)})`
    : `ASID ${u.id} (CD ${u.ssid} of the stage-1 STE of SID ${hex(u.sid)} at PA ${hex(u.ste_pa)})`;
}

function reservedNow(r: Reservations): { asids: Set<number>; vmids: Set<number> } {
  return { asids: new Set(r.asids.map((a) => a.asid)), vmids: new Set(r.vmids.map((v) => v.vmid)) };
}

/** What the C still holds as a reservation: value entries of the ASID xarray, any VMID. */
function held(r: Reservations): string[] {
  return [
    ...r.asids.filter((a) => a.value).map((a) => `ASID ${a.asid} (xa_mk_value entry by ${a.site}, step ${a.step})`),
    ...r.vmids.map((v) => `VMID ${v.vmid} (vmid_map, by ${v.site}, step ${v.step})`),
  ];
}

/** The IDs the live STEs of the adopted table use: one walk of the memory right after init serves both checks. */
function usesAfterInit(ctx: PropertyContext): LiveId[] | undefined {
  const o = ctx.outcome;
  const regs = o.strtab_regs_at_probe;
  if (!regs || !o.memory_after_init) return undefined;
  return liveIds(o.memory_after_init, regs.strtab_base, regs.strtab_base_cfg, ctx.scenario.hardware.sid_bits);
}

function unreserved(ctx: PropertyContext, when: 'after_init' | 'after_probe', uses: LiveId[] | undefined): Verdict {
  const r = ctx.outcome.reservations?.[when];
  if (!r || !uses) return PASS;
  const now = reservedNow(r);
  const missing = uses.filter((u) => !(u.kind === 'vmid' ? now.vmids : now.asids).has(u.id));
  if (missing.length === 0) return PASS;
  const kind = missing[0].kind;
  const first = missing.filter((u) => u.kind === kind);
  const more = missing.length - 1;
  return fail(
    NAME,
    `${kind}-unreserved`,
    when,
    `With the crashed kernel's stream table adopted, ${when === 'after_init' ? 'right after arm_smmu_init_structures()' : 'after the whole probe'}, ` +
      `${describeUse(first[0])} is in use by a live STE the SMMU walks, yet ${kind === 'vmid' ? 'smmu->vmid_map does not hold it' : 'arm_smmu_asid_xa has no entry for it'}` +
      (more > 0 ? ` (${more} more: ${missing.slice(1, 5).map(describeUse).join('; ')}${more > 4 ? '; …' : ''})` : '') +
      `. The kdump kernel can hand this ${kind === 'vmid' ? 'VMID to a new S2 domain' : 'ASID to a new S1 domain'} while the TLB still holds the crashed kernel's ` +
      `entries tagged with it, so the new domain's DMA translates through stale entries of a device it does not own ` +
      `(v7 0/7: Jason, "the VMIDs that are in-used by the adopted stream table have to be removed from the idr … and similarly for ASID").` +
      ` Reserved at that point: ${held(r).join(', ') || 'nothing'}.`,
  );
}

function keptAfter(ctx: PropertyContext, when: 'after_init' | 'after_teardown', what: string, story: string): Verdict {
  const r = ctx.outcome.reservations?.[when];
  if (!r) return PASS;
  const kept = held(r);
  if (kept.length === 0) return PASS;
  const kind = r.asids.some((a) => a.value) ? 'asid' : 'vmid';
  return fail(NAME, `${kind}-kept-after-${what}`, when === 'after_init' ? 'after_init' : 'teardown', `${story} the driver still holds ${kept.join(', ')}.`);
}

function check(ctx: PropertyContext): Verdict {
  const o = ctx.outcome;
  // While the driver is bound with the table adopted. A probe that fails later unbinds: no
  // domain of that SMMU will ever take an ID, and only the unbind rule below applies.
  if (o.adopted && o.probe_ret === 0) {
    const uses = usesAfterInit(ctx);
    for (const when of ['after_init', 'after_probe'] as const) {
      const v = unreserved(ctx, when, uses);
      if (!v.ok) return v;
    }
  } else if (o.adopt_attempted && !o.adopted && o.after_init) {
    // Refused: arm_smmu_init_structures() fell back. (Adopted, then a later probe step failed:
    // that is no fallback but an unbind by devres, judged by the unbind rule below.)
    const v = keptAfter(ctx, 'after_init', 'fallback',
      'The adoption was refused and arm_smmu_init_structures() fell back to the full reset, which invalidates every TLB entry of the crashed kernel; ' +
      'a reservation made for the refused table (the whole scan or a part of it up to the malformed descriptor) only takes IDs away from the kdump kernel. Yet');
    if (!v.ok) return v;
  }
  if (o.phase_end.teardown !== undefined && !o.crash) {
    const v = keptAfter(ctx, 'after_teardown', 'unbind',
      'After unbind or a failed probe (devres released, the SMMU disabled; a later probe resets it and invalidates the TLBs), nothing of the adopted table is in use, ' +
      'so no ASID/VMID may stay reserved: arm_smmu_asid_xa is global, and an entry left there is an ASID no SMMU can use again for the life of the kdump kernel. Yet');
    if (!v.ok) return v;
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  description:
    'Every VMID and ASID a live STE of the adopted stream table uses is reserved while the table is adopted, and ' +
    "none stays reserved once nothing uses it. The crashed kernel's TLB entries are tagged with its VMIDs (stage 2, nested) " +
    "and ASIDs (the valid CDs of stage-1 CD tables); if the kdump kernel hands one of them to a new domain, that domain's " +
    "DMA can hit the stale entries (v7 0/7: Jason asks for the in-use VMIDs, then the CD tables' ASIDs, to be taken out of the allocators). " +
    'The property walks the table the SMMU uses (STRTAB_BASE/STRTAB_BASE_CFG as found, ADDR aligned down as the hardware does, ' +
    "L1 descriptors, STEs, linear and 2-level CD tables) in the memory right after arm_smmu_init_structures(), with its own " +
    'decoding, and compares with arm_smmu_asid_xa and smmu->vmid_map after init and after probe, when the probe binds (a probe that ' +
    'fails unbinds, and no domain of that SMMU will take an ID). A refused adoption (fallback to ' +
    'the full reset) must leave no reservation behind, not even the part a scan made before it hit a malformed descriptor; ' +
    'after unbind nothing may stay reserved.',
  check,
};

export default property;

import type { Property, PropertyContext, Verdict } from '../harness/scenario/types';
import { regionOf } from '../harness/kernel/ramMap';
import { hex } from './_lib/format';
import { L2_TABLE_SIZE, STE_SIZE, STRTAB_MAX_L1_ENTRIES, STRTAB_SPLIT } from './_lib/kernel';
import { faultsFiredBetween, isAdopted } from './_lib/outcome';
import { PASS, fail } from './_lib/verdict';

const NAME = 'intact-table-adopted';

/** The crashed kernel's table lies whole in its own RAM, aligned as the SMMU requires. */
function inCrashedRam(base: bigint, size: bigint): boolean {
  const r = regionOf(base);
  return r.kind === 'crashed' && base + size <= r.end && base % (size < 64n ? 64n : size) === 0n;
}

/**
 * Why this scenario is (or is not) one the adoption must accept: the kdump kernel running, the
 * crashed kernel's SMMU left enabled, coherent and healthy, its table exactly as a mainline
 * kernel (or an older one using a linear table) built it for this hardware, nothing corrupted
 * and no allocation failing during probe.
 */
function intactStory(ctx: PropertyContext): string | undefined {
  const { scenario: s, outcome: o } = ctx;
  const t = s.crashed.table;
  const h = s.hardware;
  if (!s.kdump || !s.crashed.smmuen || s.crashed.sfm_err || !h.coherent) return undefined;
  if (s.corruption.length > 0) return undefined;
  if ((o.faults_fired ?? []).some((f) => f.phase === 'probe')) return undefined;
  if (t.fmt === '2lvl') {
    if (!h.two_level || h.sid_bits <= STRTAB_SPLIT) return undefined;
    const numL1 = Math.min(Number(((1n << BigInt(h.sid_bits)) - 1n) >> BigInt(STRTAB_SPLIT)) + 1, STRTAB_MAX_L1_ENTRIES);
    if (t.log2size !== Math.log2(numL1) + STRTAB_SPLIT) return undefined;
    if (!inCrashedRam(t.base, BigInt(numL1) * 8n)) return undefined;
    const l2s = new Set(t.attached.map((sid) => sid >>> STRTAB_SPLIT)).size;
    if (!inCrashedRam(t.l2_base, L2_TABLE_SIZE) || !inCrashedRam(t.l2_base, BigInt(l2s) * L2_TABLE_SIZE)) return undefined;
    return `a 2-level table of ${numL1} L1 descriptors at PA ${hex(t.base)} (LOG2SIZE ${t.log2size}) as mainline builds it for sid_bits=${h.sid_bits}`;
  }
  // A linear table: mainline's on linear-only hardware, or an older kernel's on 2-level hardware.
  if (t.log2size !== h.sid_bits || h.sid_bits > 16) return undefined;
  if (!inCrashedRam(t.base, BigInt(2 ** t.log2size) * STE_SIZE)) return undefined;
  return `a linear table of 2^${t.log2size} STEs at PA ${hex(t.base)} for sid_bits=${h.sid_bits}`;
}

/** The first error or warning the driver printed during probe: where it gave up. */
function firstComplaint(ctx: PropertyContext): { site: string; text: string } | undefined {
  return ctx.outcome.log.find((l) => l.phase === 'probe' && l.level <= 4) ?? undefined;
}

function check(ctx: PropertyContext): Verdict {
  const story = intactStory(ctx);
  if (!story) return PASS;
  const o = ctx.outcome;
  if (o.crash) return PASS; // no-crash reports it
  if (!o.adopt_attempted) {
    return fail(NAME, 'not-attempted', 'arm_smmu_device_hw_probe',
      `The crashed kernel left SMMUEN set on a coherent SMMU without SFM_ERR, with ${story}, yet the hardware probe did not set ARM_SMMU_OPT_KDUMP_ADOPT: the kdump kernel will reset the SMMU under in-flight DMA.`);
  }
  if (!isAdopted(o)) {
    const why = firstComplaint(ctx);
    return fail(NAME, 'fell-back', why?.site ?? 'arm_smmu_init_strtab',
      `Nothing was corrupted — ${story} — yet the adoption fell back to the full reset` +
        `${why ? ` after "${why.text}" (${why.site})` : ''}. The reset is what aborts in-flight DMA: a kdump kernel that refuses ` +
        'an intact table fails at the one thing the series is for, and no other property notices.');
  }
  // Inserting a SID whose bus the crashed kernel had attached must reuse its L2 table.
  if (ctx.scenario.dma.length === 0 && ctx.scenario.crashed.table.fmt === '2lvl') {
    const attachedBuses = new Set(ctx.scenario.crashed.table.attached.map((sid) => sid >>> STRTAB_SPLIT));
    // An injected failure is not a refusal: an insert during which a scheduled fault fired is not
    // judged, nor a later one of the same bus (it inherits what the failed one left).
    const faulted = new Set<number>();
    for (const ins of o.inserts) {
      const bus = ins.sid >>> STRTAB_SPLIT;
      const fired = faultsFiredBetween(o, ins.step_from, ins.step_to);
      if (fired.length > 0) faulted.add(bus);
      if (!attachedBuses.has(bus) || faulted.has(bus)) continue;
      if (ins.ret !== 0) {
        return fail(NAME, 'insert-refused', 'arm_smmu_init_sid_strtab',
          `SID ${hex(ins.sid)} sits on a bus (L1[${ins.sid >>> STRTAB_SPLIT}]) whose L2 table the crashed kernel left intact, yet inserting it returned ${ins.ret}.`);
      }
      const fresh = ins.acquired.map((id) => o.ledger[id]).find((e) => e.kind === 'dmam_alloc_coherent');
      if (fresh) {
        return fail(NAME, 'fresh-l2', fresh.site,
          `SID ${hex(ins.sid)} sits on a bus (L1[${ins.sid >>> STRTAB_SPLIT}]) whose L2 table the crashed kernel left intact, yet the insert allocated a fresh ${fresh.size}-byte table (${fresh.site}) instead of adopting the live one.`);
      }
    }
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  description:
    'The other properties all hold for a kdump kernel that never adopts anything: this one says that it must. ' +
    'When the kdump kernel finds the SMMU left enabled (CR0.SMMUEN), coherent and healthy (no GERROR.SFM_ERR), ' +
    'and the stream table exactly as a mainline kernel built it for this hardware (or a linear table an older ' +
    'kernel used), in the crashed kernel\'s RAM and aligned, with nothing corrupted and no allocation failing ' +
    'during probe, then it sets ARM_SMMU_OPT_KDUMP_ADOPT, adopts the table (strtab_cfg holds it after init), and ' +
    'inserting a SID on a bus the crashed kernel had attached reuses that bus\'s live L2 table (no fresh ' +
    'allocation, no error) — unless an injected fault fired during that insert or an earlier one of the same bus: ' +
    'an injected failure at any phase is not a refusal of an intact table. Falling back ' +
    'to the full reset is what aborts in-flight DMA — the crash the series exists to fix.',
  check,
};

export default property;


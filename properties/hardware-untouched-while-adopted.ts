import type { MmioWrite, Property, PropertyContext, Verdict } from '../harness/scenario/types';
import { hex } from './_lib/format';
import {
  ARM_SMMU_CR0, ARM_SMMU_GBPA, ARM_SMMU_STRTAB_BASE, ARM_SMMU_STRTAB_BASE_CFG, CR0_SMMUEN, GBPA_ABORT,
  describeStrtabBaseCfg,
} from './_lib/kernel';
import { lastCr0, resetSequence } from './_lib/mmio';
import { isAdopted, probeCrashed, writeOffset, writesTo } from './_lib/outcome';
import { PASS, fail } from './_lib/verdict';

const NAME = 'hardware-untouched-while-adopted';

function describeWrite(w: MmioWrite): string {
  const v = writeOffset(w) === ARM_SMMU_STRTAB_BASE_CFG ? describeStrtabBaseCfg(w.value) : `${w.reg} <- ${hex(w.value)}`;
  return `${v} at step ${w.step} (${w.phase})`;
}

function check(ctx: PropertyContext): Verdict {
  // ctx.baseline is read only after a fallback: mainline's run is made on first read.
  const { outcome } = ctx;
  if (isAdopted(outcome)) {
    for (const w of outcome.mmio_writes) {
      if (w.phase !== 'probe' && w.phase !== 'insert') continue;
      const off = writeOffset(w);
      const why = (what: string, consequence: string): Verdict =>
        fail(NAME, what, w.phase, `With the crashed kernel's stream table adopted, the driver wrote ${describeWrite(w)}: ${consequence}`);
      if (off === ARM_SMMU_STRTAB_BASE) {
        return why('write-STRTAB_BASE', 'updating STRTAB_BASE while SMMUEN=1 is CONSTRAINED UNPREDICTABLE, and the adopted table is the one in-flight DMA is translated by.');
      }
      if (off === ARM_SMMU_STRTAB_BASE_CFG) {
        return why('write-STRTAB_BASE_CFG', 'changing the table geometry while SMMUEN=1 is CONSTRAINED UNPREDICTABLE and desynchronises the hardware from the adopted strtab_cfg.');
      }
      if (off === ARM_SMMU_CR0 && (w.value & CR0_SMMUEN) === 0n) {
        // A probe that failed after the adoption succeeded, for a reason of its own (the reset
        // path, or devm_add_action_or_reset() unable to allocate the disable action's record),
        // quiesces the SMMU as mainline does: the driver is not bound, and an unbound SMMU must
        // not keep translating through tables nobody owns. Exempt like teardown; an adoption
        // *error* is something else: it falls back to the full reset (judged below).
        const unwinding =
          (outcome.probe_failed_at === 'device_reset' || outcome.probe_failed_at === 'disable_action') && w === lastCr0(outcome, 'probe');
        if (unwinding) continue;
        return why('smmuen-cleared', 'clearing SMMUEN makes in-flight DMA bypass or abort (GBPA) — the PCIe AER/SError or memory corruption the series exists to avoid.');
      }
      if (off === ARM_SMMU_GBPA && (w.value & GBPA_ABORT) !== 0n) {
        return why('gbpa-abort', 'GBPA.ABORT aborts every transaction that bypasses translation, the "aggressive reset" the series removes.');
      }
    }
    return PASS;
  }

  if (!outcome.adopt_attempted || probeCrashed(outcome) || outcome.probe_ret !== 0) return PASS;
  // After a fallback: the full reset, as mainline does it.
  const seq = `\n  probe wrote: ${resetSequence(outcome).join(', ') || '(nothing)'}`;
  if (writesTo(outcome, ARM_SMMU_STRTAB_BASE, ['probe']).length === 0) {
    return fail(NAME, 'no-reset-STRTAB_BASE', 'fallback', `Adoption fell back but probe never wrote STRTAB_BASE: the SMMU keeps walking the crashed kernel's table the driver just tossed.${seq}`);
  }
  if (writesTo(outcome, ARM_SMMU_STRTAB_BASE_CFG, ['probe']).length === 0) {
    return fail(NAME, 'no-reset-STRTAB_BASE_CFG', 'fallback', `Adoption fell back but probe never wrote STRTAB_BASE_CFG: the SMMU keeps the crashed kernel's table geometry for the fresh table.${seq}`);
  }
  const last = lastCr0(outcome);
  const bLast = lastCr0(ctx.baseline);
  const expectOn = bLast === undefined || (bLast.value & CR0_SMMUEN) !== 0n;
  if (expectOn && (last === undefined || (last.value & CR0_SMMUEN) === 0n)) {
    return fail(NAME, 'smmuen-not-restored', 'fallback', `Adoption fell back and the SMMU was reset, but the last CR0 write of probe ${last ? `(${hex(last.value)})` : '(none)'} leaves SMMUEN clear: every device bypasses translation (or aborts) for the rest of the kdump boot.${seq}`);
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  usesBaseline: true, // compares with mainline's normal boot of the same scenario
  description:
    "While the crashed kernel's stream table is adopted, nothing during probe or the inserts writes " +
    'STRTAB_BASE or STRTAB_BASE_CFG, clears CR0.SMMUEN or sets GBPA.ABORT: in-flight DMA is being translated ' +
    'through that table, the architecture makes STRTAB_BASE updates with SMMUEN=1 CONSTRAINED UNPREDICTABLE, ' +
    'and disabling or aborting is exactly the destructive reset the series removes. Teardown is exempt: ' +
    'after remove() the kernel is unbinding the driver (arm_smmu_device_remove/arm_smmu_disable_action clear ' +
    'CR0 as mainline always does), and the devices whose DMA the adoption protected have been quiesced by ' +
    'then. So is the unwinding of a probe that fails after the adoption succeeded, for a reason of its own ' +
    '(arm_smmu_device_reset() failing, or devm_add_action_or_reset(arm_smmu_disable_action) unable to allocate ' +
    'and running the action at once): the last CR0 write of that probe may clear SMMUEN, as mainline\'s does, ' +
    'since a failed probe leaves no driver to own the adopted table. An adoption error is different: it must ' +
    'fall back to the full reset. After a fallback the opposite holds: the full reset must happen — STRTAB_BASE and STRTAB_BASE_CFG ' +
    'written and SMMUEN set again at the end — or the SMMU walks a table the driver no longer tracks.',
  check,
};

export default property;

import type { Property, PropertyContext, Verdict } from '../harness/scenario/types';
import { describeEntry, hex } from './_lib/format';
import { entryById } from './_lib/ledger';
import { PASS, fail } from './_lib/verdict';

const NAME = 'kdump-memory-untouched';

function check(ctx: PropertyContext): Verdict {
  const { outcome } = ctx;
  const writes = outcome.violations.filter((v) => v.kind === 'write-kdump-ram');
  if (!writes.length) return PASS;
  const v = writes[0];
  const entry = entryById(outcome.ledger, v.entry);
  const site = v.site ?? entry?.site ?? 'unknown';
  const at = v.addr !== undefined ? `${v.size !== undefined ? ` ${v.size} bytes` : ''} (C address ${hex(v.addr)})` : '';
  return fail(
    NAME,
    'write-kdump-ram',
    site,
    `The driver stored${at} through an "adopted" table that is the kdump kernel's own RAM, during ${v.phase} (step ${v.step}): ${v.message}. ` +
      "memremap() of the crashkernel reservation returns a direct-map pointer, so the store lands in the kdump kernel's own memory " +
      '(its heap, page tables or the code of this very boot).' +
      (entry ? `\nThe mapping: ${describeEntry(entry)}` : '') +
      (writes.length > 1 ? `\n(${writes.length - 1} more such stores)` : ''),
  );
}

const property: Property = {
  name: NAME,
  description:
    "The driver never writes to the kdump kernel's own memory through an adopted table. A corrupted " +
    "STRTAB_BASE or L1 descriptor can point inside the crashkernel reservation; memremap() then hands back a " +
    "direct-map pointer to the kdump kernel's own RAM rather than a new mapping of the crashed kernel's, and " +
    'every L1 descriptor or STE the driver writes there (lazy L2 setup, bypass STEs) silently corrupts the ' +
    'running kdump kernel. The simulator records each store through a memremap-ram mapping as a ' +
    "write-kdump-ram violation; the first one fails the property, named by its site.",
  check,
};

export default property;

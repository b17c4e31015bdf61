import fc from 'fast-check';
import { CRASHED_CD_BASE } from '../harness/kernel/ramMap';
import type { CrashedTable, Hardware, S1Context } from '../harness/scenario/types';
import { boundaryInt } from './_internals/biased';

export interface S1ContextsConstraints {
  hardware: Hardware;
  table: CrashedTable;
  /** Most attached SIDs given a stage-1 context. Default 2; 0 = none. */
  maxS1Contexts?: number;
  /** Largest S1CDMAX (log2 of the CDs in a table). Default 6 (64 CDs, 4 KiB). */
  maxS1CdMax?: number;
}

/** CD tables are this far apart, so that no two overlap whatever S1CDMAX is up to 10. */
export const CD_TABLE_STRIDE = 0x10000n;

/** ASIDs first drawn: the smallest valid one and the 16-bit maximum (a genuine CD never has 0: see cdCorruption). */
export const ASID_BOUNDARIES: readonly number[] = [1, 0xffff];

/**
 * Stage-1 contexts of the crashed kernel (what the ASID reservation scan of the later code walks):
 * some attached SIDs get an S1 STE pointing at a linear CD table in the crashed kernel's RAM, with
 * a few valid CDs, each with an ASID. The STE's S2 VMID and bypass defaults stay for the others.
 * The ASIDs are genuine (1..0xffff: mainline never allocates 0); a malformed CD is a corruption
 * (cdCorruption). Shrinks towards no context, then one CD with ASID 1 at SSID 0 of a one-CD table.
 */
export function s1Contexts(c: S1ContextsConstraints): fc.Arbitrary<S1Context[]> {
  const max = c.maxS1Contexts ?? 2;
  const maxCdMax = c.maxS1CdMax ?? 6;
  if (max === 0 || c.table.attached.length === 0) return fc.constant([]);
  const context = (slot: number) =>
    boundaryInt(0, maxCdMax, [0, maxCdMax]).chain((s1cdmax) =>
      fc
        .uniqueArray(
          fc.record({
            ssid: boundaryInt(0, 2 ** s1cdmax - 1, [0, 2 ** s1cdmax - 1]),
            asid: boundaryInt(1, 0xffff, ASID_BOUNDARIES),
          }),
          { minLength: 1, maxLength: 3, selector: (cd) => cd.ssid },
        )
        .map((cds) => ({ s1cdmax, cds: [...cds].sort((a, b) => a.ssid - b.ssid), cdtab: CRASHED_CD_BASE + BigInt(slot) * CD_TABLE_STRIDE })),
    );
  return fc
    .uniqueArray(fc.constantFrom(...c.table.attached), { maxLength: Math.min(max, c.table.attached.length) })
    .chain((sids) =>
      sids.length === 0
        ? fc.constant([])
        : fc.tuple(...[...sids].sort((a, b) => a - b).map((sid, slot) => context(slot).map((ctx): S1Context => ({ sid, ...ctx })))),
    );
}

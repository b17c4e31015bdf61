import fc from 'fast-check';
import type { Crashed, Hardware } from '../harness/scenario/types';
import { flag } from './_internals/biased';
import { crashedTable, type CrashedTableConstraints } from './crashedTable';

export interface CrashedConstraints extends CrashedTableConstraints {
  hardware: Hardware;
  /** Force CR0.SMMUEN. Default: left set 15 times in 16 (the shrink target: set). */
  smmuen?: boolean;
  /** Force GERROR.SFM_ERR. Default: active 1 time in 16 (the shrink target: clear). */
  sfm_err?: boolean;
}

/**
 * The crashed kernel's SMMU state when kdump starts: SMMUEN, SFM_ERR and the stream table.
 * Shrinks towards SMMUEN set, no SFM_ERR (the state in which adoption is attempted).
 */
export function crashed(constraints: CrashedConstraints): fc.Arbitrary<Crashed> {
  return fc.record({
    smmuen: flag(true, 15, constraints.smmuen),
    sfm_err: flag(false, 15, constraints.sfm_err),
    table: crashedTable(constraints),
  });
}

import type { Verdict } from '../../harness/scenario/types';
import { sigPart } from './format';

export const PASS: Verdict = { ok: true };

/**
 * A failure with the signature `<property>:<what>@<where>`: stable across scenarios (no sizes,
 * addresses or line numbers), so that the corpus deduplicates by it.
 */
export function fail(property: string, what: string, where: string, message: string): Verdict {
  return { ok: false, signature: `${property}:${sigPart(what)}@${sigPart(where, 120)}`, message };
}

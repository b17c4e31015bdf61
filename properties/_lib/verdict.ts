import type { Failure, Verdict } from '../../harness/scenario/types';
import { sigPart } from './format';

export const PASS: Verdict = { ok: true };

/**
 * A failure with the signature `<property>:<what>@<where>`: stable across scenarios (no sizes,
 * addresses or line numbers), so that the corpus deduplicates by it.
 */
export function fail(property: string, what: string, where: string, message: string): Verdict {
  return { ok: false, signature: `${property}:${sigPart(what)}@${sigPart(where, 120)}`, message };
}

/**
 * Several findings of one run as one verdict: the first failure leads, every other distinct
 * signature rides along in `also` (a repeat of a signature is dropped: it is the same bug).
 */
export function allOf(verdicts: readonly Verdict[]): Verdict {
  const failed: Failure[] = [];
  for (const v of verdicts) {
    if (v.ok) continue;
    for (const f of [v, ...(v.also ?? [])]) {
      if (!failed.some((x) => x.signature === f.signature)) failed.push({ signature: f.signature, message: f.message });
    }
  }
  if (failed.length === 0) return PASS;
  const [first, ...rest] = failed;
  return rest.length ? { ok: false, ...first, also: rest } : { ok: false, ...first };
}

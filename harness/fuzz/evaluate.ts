/**
 * Checking properties on one PropertyContext. A property whose check throws has failed (its
 * author wants to hear about the scenario that made it throw), with a signature naming the
 * error so that it is deduplicated like any other failure.
 */
import type { Failure, Property, PropertyContext, Verdict } from '../scenario/types';

/** A failure with the property that reported it. */
export interface PropertyFailure {
  property: Property;
  signature: string;
  message: string;
}

export function checkProperty(property: Property, ctx: PropertyContext): Verdict {
  try {
    return property.check(ctx);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const first = e.message.split('\n')[0];
    return {
      ok: false,
      signature: `check threw ${e.name}: ${first}`,
      message: `the check of ${property.name} threw instead of returning a verdict: ${e.stack ?? e.message}`,
    };
  }
}

/** Every failure a verdict carries: its first one, then the others (`also`), one per signature. */
export function failuresOf(v: Verdict): Failure[] {
  if (v.ok) return [];
  const out: Failure[] = [{ signature: v.signature, message: v.message }];
  for (const f of v.also ?? []) if (!out.some((o) => o.signature === f.signature)) out.push({ signature: f.signature, message: f.message });
  return out;
}

export function failures(properties: readonly Property[], ctx: PropertyContext): PropertyFailure[] {
  const out: PropertyFailure[] = [];
  for (const property of properties) {
    for (const f of failuresOf(checkProperty(property, ctx))) out.push({ property, ...f });
  }
  return out;
}

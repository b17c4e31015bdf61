/**
 * Checking properties on one PropertyContext. A property whose check throws has failed (its
 * author wants to hear about the scenario that made it throw), with a signature naming the
 * error so that it is deduplicated like any other failure.
 */
import type { Property, PropertyContext, Verdict } from '../scenario/types';

export interface Failure {
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

export function failures(properties: readonly Property[], ctx: PropertyContext): Failure[] {
  const out: Failure[] = [];
  for (const property of properties) {
    const v = checkProperty(property, ctx);
    if (!v.ok) out.push({ property, signature: v.signature, message: v.message });
  }
  return out;
}

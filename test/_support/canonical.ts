/** Outcomes compared as text: bigints written as hex, so deep equality is exact and readable. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
}

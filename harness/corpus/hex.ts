/**
 * 64-bit values in corpus files and --json output: "0x" + lowercase hex, no padding.
 * JSON numbers lose precision above 2^53, and a physical address or register value must
 * survive a round trip bit for bit.
 */

export const U64_MAX = (1n << 64n) - 1n;

export function toHex(value: bigint): string {
  return value < 0n ? '-0x' + (-value).toString(16) : '0x' + value.toString(16);
}

const HEX64 = /^0x[0-9a-fA-F]{1,16}$/;

/** The value of a "0x..." string of at most 64 bits, or undefined if it is not one. */
export function parseHex64(text: unknown): bigint | undefined {
  if (typeof text !== 'string' || !HEX64.test(text)) return undefined;
  return BigInt(text);
}

/** JSON.stringify replacer: bigints become hex strings (used by every --json document). */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? toHex(value) : value;
}

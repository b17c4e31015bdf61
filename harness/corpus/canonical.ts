/**
 * Canonical JSON (keys sorted at every level, no whitespace) and the content hash that names a
 * corpus file. Sorting makes the hash independent of the order in which an object was built or
 * a file was edited.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(record[k])).join(',') + '}';
  }
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: encode bigints as hex first');
  return JSON.stringify(value);
}

/** First 16 hex digits of the sha256 of the canonical JSON. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

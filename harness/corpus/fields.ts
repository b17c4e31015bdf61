/**
 * Schema-checked reading of untrusted JSON, one field at a time. Every failure names the
 * field by its path (`scenario.corruption[2].value`), says what was expected and what was
 * found, so the loader can turn it into a message a reviewer can act on.
 */
import { parseHex64 } from './hex';

export class FieldError extends Error {
  constructor(readonly field: string, readonly problem: string) {
    super(`field ${field}: ${problem}`);
    this.name = 'FieldError';
  }
}

export type Json = unknown;

function show(value: Json): string {
  if (value === undefined) return 'nothing (the field is missing)';
  // JSON.parse turns a literal too large for a double (1e400) into Infinity, which
  // JSON.stringify would print as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number out of range (too large for a double)';
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? 'a deeply nested array' : 'a deeply nested object';
  }
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** The deepest nesting of arrays/objects in a JSON value and the path to it (iterative: no stack). */
export function deepestPath(value: Json, limit: number): string | undefined {
  const stack: { v: Json; at: string; depth: number }[] = [{ v: value, at: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, at, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return at || '(the top level)';
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, at: join(at, i), depth: depth + 1 }));
    else for (const [k, x] of Object.entries(v as Record<string, Json>)) stack.push({ v: x, at: join(at, k), depth: depth + 1 });
  }
  return undefined;
}

/** An object with exactly these keys (optional ones may be absent); anything else is an error. */
export function object(value: Json, field: string, required: readonly string[], optional: readonly string[] = []): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FieldError(field, `expected an object, found ${show(value)}`);
  }
  const record = value as Record<string, Json>;
  for (const key of required) {
    if (!(key in record)) throw new FieldError(join(field, key), 'is missing');
  }
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw new FieldError(join(field, key), `is not a field of this schema (known: ${[...required, ...optional].join(', ')})`);
    }
  }
  return record;
}

export function join(field: string, key: string | number): string {
  if (typeof key === 'number') return `${field}[${key}]`;
  return field === '' ? key : `${field}.${key}`;
}

export function integer(value: Json, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new FieldError(field, `expected an integer in ${min}..${max}, found ${show(value)}`);
  }
  return value;
}

export function boolean(value: Json, field: string): boolean {
  if (typeof value !== 'boolean') throw new FieldError(field, `expected true or false, found ${show(value)}`);
  return value;
}

export function string(value: Json, field: string, opts: { nonEmpty?: boolean } = {}): string {
  if (typeof value !== 'string' || (opts.nonEmpty && value.length === 0)) {
    throw new FieldError(field, `expected ${opts.nonEmpty ? 'a non-empty' : 'a'} string, found ${show(value)}`);
  }
  return value;
}

export function nullable<T>(value: Json, field: string, read: (v: Json, f: string) => T): T | null {
  return value === null ? null : read(value, field);
}

export function hex64(value: Json, field: string): bigint {
  const parsed = parseHex64(value);
  if (parsed === undefined) {
    throw new FieldError(field, `expected a 64-bit value as a hex string like "0x80000000", found ${show(value)}`);
  }
  return parsed;
}

export function oneOf<T extends string>(value: Json, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new FieldError(field, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, found ${show(value)}`);
  }
  return value as T;
}

export function array<T>(value: Json, field: string, read: (v: Json, f: string) => T): T[] {
  if (!Array.isArray(value)) throw new FieldError(field, `expected an array, found ${show(value)}`);
  return value.map((item, i) => read(item, join(field, i)));
}

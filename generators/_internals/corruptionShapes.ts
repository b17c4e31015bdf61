/** Constructors for the four Corruption shapes (field order as in types.ts, for stable JSON). */
import type { Corruption, RegName } from '../../harness/scenario/types';

export type Op = 'set' | 'xor';

export function regCorruption(kind: string, reg: RegName, op: Op, value: bigint): Corruption {
  return { kind, target: 'reg', reg, op, value };
}

export function memCorruption(kind: string, pa: bigint, op: Op, value: bigint): Corruption {
  return { kind, target: 'mem', pa, op, value };
}

export function l1Corruption(kind: string, idx: number, op: Op, value: bigint): Corruption {
  return { kind, target: 'l1', idx, op, value };
}

export function steCorruption(kind: string, sid: number, word: number, op: Op, value: bigint): Corruption {
  return { kind, target: 'ste', sid, word, op, value };
}

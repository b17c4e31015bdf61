/** Constructors for the four Mutation shapes (field order as in types.ts, for stable JSON). */
import type { Mutation, RegName } from '../../harness/scenario/types';

export type Op = 'set' | 'xor';

export function regMutation(kind: string, reg: RegName, op: Op, value: bigint): Mutation {
  return { kind, target: 'reg', reg, op, value };
}

export function memMutation(kind: string, pa: bigint, op: Op, value: bigint): Mutation {
  return { kind, target: 'mem', pa, op, value };
}

export function l1Mutation(kind: string, idx: number, op: Op, value: bigint): Mutation {
  return { kind, target: 'l1', idx, op, value };
}

export function steMutation(kind: string, sid: number, word: number, op: Op, value: bigint): Mutation {
  return { kind, target: 'ste', sid, word, op, value };
}

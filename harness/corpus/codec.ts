/**
 * Scenario <-> JSON, field by field. Written out explicitly (not a generic bigint walker) so
 * that the file format is exactly the Scenario of harness/scenario/types.ts: every bigint
 * field is a "0x..." string, every number is range-checked against the kernel field it models,
 * and a field this schema does not know is an error rather than silently dropped.
 *
 * Bounds are the widths of the hardware/driver fields (a corrupted value is still a value the
 * field can hold), not the ranges a generator happens to use.
 */
import type {
  CrashedTable, DmaWrite, Fault, Mutation, RegName, RegisterPolicy, Scenario,
} from '../scenario/types';
import { toHex } from './hex';
import { FieldError, array, boolean, hex64, integer, join, object, oneOf, string, type Json } from './fields';

const U32_MAX = 0xffff_ffff;

// Record<Union, true> makes the compiler check that each list names every member exactly once.
const REG_NAMES = Object.keys({
  IDR0: true, IDR1: true, IDR3: true, IDR5: true, CR0: true, CR0ACK: true, CR1: true, CR2: true,
  GBPA: true, GERROR: true, GERRORN: true, STRTAB_BASE: true, STRTAB_BASE_CFG: true,
} satisfies Record<RegName, true>) as RegName[];
const POLICIES = Object.keys({ keep: true, zero: true, ones: true, garbage: true } satisfies Record<RegisterPolicy, true>) as RegisterPolicy[];
const FMTS = ['linear', '2lvl'] as const satisfies readonly CrashedTable['fmt'][];
const OPS = ['set', 'xor'] as const;
const TARGETS = ['reg', 'mem', 'l1', 'ste'] as const satisfies readonly Mutation['target'][];

/** The JSON form of a Scenario (what a corpus file holds under "scenario"). */
export type ScenarioJson = Record<string, Json>;

// ---------------------------------------------------------------------------------------------
// encode

function encodeMutation(m: Mutation): Record<string, Json> {
  const head = { kind: m.kind, target: m.target };
  switch (m.target) {
    case 'reg': return { ...head, reg: m.reg, op: m.op, value: toHex(m.value) };
    case 'mem': return { ...head, pa: toHex(m.pa), op: m.op, value: toHex(m.value) };
    case 'l1': return { ...head, idx: m.idx, op: m.op, value: toHex(m.value) };
    case 'ste': return { ...head, sid: m.sid, word: m.word, op: m.op, value: toHex(m.value) };
  }
}

export function encodeScenario(s: Scenario): ScenarioJson {
  return {
    hardware: { sid_bits: s.hardware.sid_bits, two_level: s.hardware.two_level, coherent: s.hardware.coherent },
    kdump: s.kdump,
    crashed: {
      smmuen: s.crashed.smmuen,
      sfm_err: s.crashed.sfm_err,
      table: {
        fmt: s.crashed.table.fmt,
        base: toHex(s.crashed.table.base),
        log2size: s.crashed.table.log2size,
        attached: [...s.crashed.table.attached],
        l2_base: toHex(s.crashed.table.l2_base),
      },
    },
    corruption: s.corruption.map(encodeMutation),
    dma: s.dma.map((d) => ({ ...encodeMutation(d), before_insert: d.before_insert })),
    faults: s.faults.map((f) => ({ site: f.site, nth: f.nth })),
    inserts: [...s.inserts],
    teardown: { policy: s.teardown.policy, garbage_seed: s.teardown.garbage_seed },
  };
}

// ---------------------------------------------------------------------------------------------
// decode

const MUTATION_HEAD = ['kind', 'target', 'op', 'value'];
const MUTATION_FIELDS: Record<Mutation['target'], string[]> = {
  reg: ['reg'], mem: ['pa'], l1: ['idx'], ste: ['sid', 'word'],
};

function decodeMutation(v: Json, field: string, extra: readonly string[] = []): Mutation {
  const peek = object(v, field, ['target'], ['kind', 'op', 'value', 'reg', 'pa', 'idx', 'sid', 'word', ...extra]);
  const target = oneOf(peek.target, join(field, 'target'), TARGETS);
  const o = object(v, field, [...MUTATION_HEAD, ...MUTATION_FIELDS[target], ...extra]);
  const kind = string(o.kind, join(field, 'kind'), { nonEmpty: true });
  const op = oneOf(o.op, join(field, 'op'), OPS);
  const value = hex64(o.value, join(field, 'value'));
  switch (target) {
    case 'reg': return { kind, target, reg: oneOf(o.reg, join(field, 'reg'), REG_NAMES), op, value };
    case 'mem': return { kind, target, pa: hex64(o.pa, join(field, 'pa')), op, value };
    case 'l1': return { kind, target, idx: integer(o.idx, join(field, 'idx'), 0, U32_MAX), op, value };
    case 'ste': return {
      kind, target, sid: integer(o.sid, join(field, 'sid'), 0, U32_MAX),
      word: integer(o.word, join(field, 'word'), 0, 7), op, value,
    };
  }
}

function decodeDma(v: Json, field: string): DmaWrite {
  const m = decodeMutation(v, field, ['before_insert']);
  const o = v as Record<string, Json>;
  return { ...m, before_insert: integer(o.before_insert, join(field, 'before_insert'), 0, U32_MAX) };
}

function decodeFault(v: Json, field: string): Fault {
  const o = object(v, field, ['site', 'nth']);
  const site = string(o.site, join(field, 'site'), { nonEmpty: true });
  if (!/^[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*$/.test(site)) {
    throw new FieldError(join(field, 'site'), `expected "function:service" (e.g. "arm_smmu_init_strtab_2lvl:dmam_alloc_coherent"), found ${JSON.stringify(site)}`);
  }
  return { site, nth: integer(o.nth, join(field, 'nth'), 1, U32_MAX) };
}

/** Reads the "scenario" of a corpus file; throws FieldError naming the first bad field. */
export function decodeScenario(v: Json, field = 'scenario'): Scenario {
  const o = object(v, field, ['hardware', 'kdump', 'crashed', 'corruption', 'dma', 'faults', 'inserts', 'teardown']);
  const hwField = join(field, 'hardware');
  const hw = object(o.hardware, hwField, ['sid_bits', 'two_level', 'coherent']);
  const crField = join(field, 'crashed');
  const cr = object(o.crashed, crField, ['smmuen', 'sfm_err', 'table']);
  const tField = join(crField, 'table');
  const t = object(cr.table, tField, ['fmt', 'base', 'log2size', 'attached', 'l2_base']);
  const tdField = join(field, 'teardown');
  const td = object(o.teardown, tdField, ['policy', 'garbage_seed']);
  const u32 = (x: Json, f: string) => integer(x, f, 0, U32_MAX);
  return {
    hardware: {
      // IDR1.SIDSIZE is a 6-bit field.
      sid_bits: integer(hw.sid_bits, join(hwField, 'sid_bits'), 0, 63),
      two_level: boolean(hw.two_level, join(hwField, 'two_level')),
      coherent: boolean(hw.coherent, join(hwField, 'coherent')),
    },
    kdump: boolean(o.kdump, join(field, 'kdump')),
    crashed: {
      smmuen: boolean(cr.smmuen, join(crField, 'smmuen')),
      sfm_err: boolean(cr.sfm_err, join(crField, 'sfm_err')),
      table: {
        fmt: oneOf(t.fmt, join(tField, 'fmt'), FMTS),
        base: hex64(t.base, join(tField, 'base')),
        // STRTAB_BASE_CFG.LOG2SIZE is a 6-bit field.
        log2size: integer(t.log2size, join(tField, 'log2size'), 0, 63),
        attached: array(t.attached, join(tField, 'attached'), u32),
        l2_base: hex64(t.l2_base, join(tField, 'l2_base')),
      },
    },
    corruption: array(o.corruption, join(field, 'corruption'), (x, f) => decodeMutation(x, f)),
    dma: array(o.dma, join(field, 'dma'), decodeDma),
    faults: array(o.faults, join(field, 'faults'), decodeFault),
    inserts: array(o.inserts, join(field, 'inserts'), u32),
    teardown: {
      policy: oneOf(td.policy, join(tdField, 'policy'), POLICIES),
      garbage_seed: integer(td.garbage_seed, join(tdField, 'garbage_seed'), Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    },
  };
}

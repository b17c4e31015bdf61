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
  CrashedTable, DmaWrite, Fault, Corruption, ProbeDmaPoint, RegName, RegisterPolicy, S1Context, Scenario,
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
const TARGETS = ['reg', 'mem', 'l1', 'ste'] as const satisfies readonly Corruption['target'][];
const PROBE_POINTS = Object.keys({ after_init: true, after_reset: true } satisfies Record<ProbeDmaPoint, true>) as ProbeDmaPoint[];

/** The JSON form of a Scenario (what a corpus file holds under "scenario"). */
export type ScenarioJson = Record<string, Json>;

// ---------------------------------------------------------------------------------------------
// encode

function encodeCorruption(m: Corruption): Record<string, Json> {
  const head = { kind: m.kind, target: m.target };
  switch (m.target) {
    case 'reg': return { ...head, reg: m.reg, op: m.op, value: toHex(m.value) };
    case 'mem': return { ...head, pa: toHex(m.pa), op: m.op, value: toHex(m.value) };
    case 'l1': return { ...head, idx: m.idx, op: m.op, value: toHex(m.value) };
    case 'ste': return { ...head, sid: m.sid, word: m.word, op: m.op, value: toHex(m.value) };
  }
}

function encodeS1Context(c: S1Context): Record<string, Json> {
  return { sid: c.sid, cdtab: toHex(c.cdtab), s1cdmax: c.s1cdmax, cds: c.cds.map((cd) => ({ ssid: cd.ssid, asid: cd.asid })) };
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
        // Only when present, so that every entry written before S1 contexts encodes as it did.
        ...(s.crashed.table.s1_contexts !== undefined ? { s1_contexts: s.crashed.table.s1_contexts.map(encodeS1Context) } : {}),
      },
    },
    corruption: s.corruption.map(encodeCorruption),
    dma: s.dma.map((d) => (d.during_probe !== undefined
      ? { ...encodeCorruption(d), during_probe: d.during_probe }
      : { ...encodeCorruption(d), before_insert: d.before_insert })),
    faults: s.faults.map((f) => ({ site: f.site, nth: f.nth })),
    inserts: [...s.inserts],
    teardown: { policy: s.teardown.policy, garbage_seed: s.teardown.garbage_seed },
  };
}

// ---------------------------------------------------------------------------------------------
// decode

const MUTATION_HEAD = ['kind', 'target', 'op', 'value'];
const CORRUPTION_FIELDS: Record<Corruption['target'], string[]> = {
  reg: ['reg'], mem: ['pa'], l1: ['idx'], ste: ['sid', 'word'],
};

function decodeCorruption(v: Json, field: string, extra: readonly string[] = []): Corruption {
  const peek = object(v, field, ['target'], ['kind', 'op', 'value', 'reg', 'pa', 'idx', 'sid', 'word', ...extra]);
  const target = oneOf(peek.target, join(field, 'target'), TARGETS);
  // `extra` fields are the caller's to require (a DMA write has one of two).
  const o = object(v, field, [...MUTATION_HEAD, ...CORRUPTION_FIELDS[target]], extra);
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

/** A DMA write has exactly one of before_insert (every entry before probe-time DMA) and during_probe. */
function decodeDma(v: Json, field: string): DmaWrite {
  const m = decodeCorruption(v, field, ['before_insert', 'during_probe']);
  const o = v as Record<string, Json>;
  if ('during_probe' in o) {
    if ('before_insert' in o) throw new FieldError(join(field, 'before_insert'), 'cannot be given with during_probe (a DMA write lands at one point)');
    return { ...m, during_probe: oneOf(o.during_probe, join(field, 'during_probe'), PROBE_POINTS) };
  }
  if (!('before_insert' in o)) throw new FieldError(join(field, 'before_insert'), 'is missing');
  return { ...m, before_insert: integer(o.before_insert, join(field, 'before_insert'), 0, U32_MAX) };
}

function decodeS1Context(v: Json, field: string): S1Context {
  const o = object(v, field, ['sid', 'cdtab', 's1cdmax', 'cds']);
  return {
    sid: integer(o.sid, join(field, 'sid'), 0, U32_MAX),
    cdtab: hex64(o.cdtab, join(field, 'cdtab')),
    // STE.S1CDMAX is a 5-bit field.
    s1cdmax: integer(o.s1cdmax, join(field, 's1cdmax'), 0, 31),
    cds: array(o.cds, join(field, 'cds'), (x, f) => {
      const cd = object(x, f, ['ssid', 'asid']);
      // CD.ASID is a 16-bit field.
      return { ssid: integer(cd.ssid, join(f, 'ssid'), 0, U32_MAX), asid: integer(cd.asid, join(f, 'asid'), 0, 0xffff) };
    }),
  };
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
  const t = object(cr.table, tField, ['fmt', 'base', 'log2size', 'attached', 'l2_base'], ['s1_contexts']);
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
        ...('s1_contexts' in t ? { s1_contexts: array(t.s1_contexts, join(tField, 's1_contexts'), decodeS1Context) } : {}),
      },
    },
    corruption: array(o.corruption, join(field, 'corruption'), (x, f) => decodeCorruption(x, f)),
    dma: array(o.dma, join(field, 'dma'), decodeDma),
    faults: array(o.faults, join(field, 'faults'), decodeFault),
    inserts: array(o.inserts, join(field, 'inserts'), u32),
    teardown: {
      policy: oneOf(td.policy, join(tdField, 'policy'), POLICIES),
      garbage_seed: integer(td.garbage_seed, join(tdField, 'garbage_seed'), Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    },
  };
}

/**
 * The harness's SMMU model (harness/kernel/smmuRegs.ts) and the properties' independent reading
 * of the architecture (properties/_lib/kernel.ts) both equal the C header of every revision:
 * each exported constant that carries a kernel name is compared with that name's #define
 * (GENMASK, BIT and shifts evaluated), the struct sizes with sizeof of the header's structs, and
 * the decoders with values built from the header's own masks. The header is the assembled
 * harness/revisions/<rev>/arm-smmu-v3.h, then harness/shim/include/arm-smmu-v3-gaps.h for what
 * the excerpt leaves out.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as model from '../../harness/kernel/smmuRegs';
import { readCatalog } from '../../harness/revisions/catalog';
import * as oracle from '../../properties/_lib/kernel';

const ROOT = path.join(__dirname, '..', '..');
const GAPS = path.join(ROOT, 'harness', 'shim', 'include', 'arm-smmu-v3-gaps.h');

// ---- A small C preprocessor-expression evaluator: enough for arm-smmu-v3.h's constants ------

type Defines = Map<string, string>;

/** Object-like #defines (continuation lines joined); a later file never overrides an earlier one. */
function readDefines(files: string[]): Defines {
  const out: Defines = new Map();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8').replace(/\\\n/g, ' ');
    for (const m of text.matchAll(/^#define\s+([A-Za-z_]\w*)(?!\()[ \t]*(.*)$/gm)) {
      if (!out.has(m[1])) out.set(m[1], m[2].replace(/\/\*.*?\*\//g, '').trim());
    }
  }
  return out;
}

const FUNCS: Record<string, (args: bigint[]) => bigint> = {
  GENMASK: ([h, l]) => ((1n << (h - l + 1n)) - 1n) << l,
  GENMASK_ULL: ([h, l]) => ((1n << (h - l + 1n)) - 1n) << l,
  BIT: ([n]) => 1n << n,
  BIT_ULL: ([n]) => 1n << n,
};

/** The value of macro `name`, or an Error saying why it has none. */
function evaluate(defs: Defines, name: string, seen: string[] = []): bigint {
  const body = defs.get(name);
  if (body === undefined) throw new Error(`${name} is not defined`);
  if (seen.includes(name)) throw new Error(`${name} is recursive`);
  const tokens = body.match(/0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|<<|>>|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    if (t !== undefined && tokens[i] !== t) throw new Error(`${name}: expected "${t}" in "${body}"`);
    return tokens[i++];
  };
  const primary = (): bigint => {
    const t = take();
    if (t === undefined) throw new Error(`${name}: "${body}" ends early`);
    if (t === '(') { const v = or(); take(')'); return v; }
    if (t === '~') return BigInt.asUintN(64, ~primary());
    if (t === '-') return -primary();
    if (/^\d|^0[xX]/.test(t)) return BigInt(t.replace(/[uUlL]+$/, ''));
    if (/^[A-Za-z_]/.test(t)) {
      if (FUNCS[t]) {
        take('(');
        const args = [or()];
        while (peek() === ',') { take(','); args.push(or()); }
        take(')');
        return FUNCS[t](args);
      }
      return evaluate(defs, t, [...seen, name]);
    }
    throw new Error(`${name}: cannot read "${t}" in "${body}"`);
  };
  const binary = (next: () => bigint, ops: Record<string, (a: bigint, b: bigint) => bigint>) => (): bigint => {
    let v = next();
    while (peek() !== undefined && ops[peek()]) { const op = ops[take()]; v = op(v, next()); }
    return v;
  };
  const mul = binary(primary, { '*': (a, b) => a * b });
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const shift = binary(add, { '<<': (a, b) => a << b, '>>': (a, b) => a >> b });
  const and = binary(shift, { '&': (a, b) => a & b });
  const or = binary(and, { '|': (a, b) => a | b });
  const v = or();
  if (i !== tokens.length) throw new Error(`${name}: "${body}" has more than one expression`);
  return v;
}

/** sizeof(struct name), for structs of __le64 / u64 members and arrays of them or of such structs. */
function sizeofStruct(header: string, defs: Defines, name: string): bigint {
  const m = new RegExp(`^struct ${name} \\{([^}]*)\\};`, 'm').exec(header);
  if (!m) throw new Error(`struct ${name} not found`);
  let size = 0n;
  for (const member of m[1].split(';').map((s) => s.trim()).filter(Boolean)) {
    const d = /^(?:(__le64|u64)|struct (\w+))\s+\w+(?:\[(\w+)\])?$/.exec(member);
    if (!d) throw new Error(`struct ${name}: cannot size "${member}"`);
    const one = d[1] ? 8n : sizeofStruct(header, defs, d[2]);
    size += one * (d[3] === undefined ? 1n : /^\d+$/.test(d[3]) ? BigInt(d[3]) : evaluate(defs, d[3]));
  }
  return size;
}

// ---- What is compared ------------------------------------------------------------------------

/** A kernel name the headers of some revisions spell differently (v1 and v2). */
const OLD_NAMES: Record<string, string[]> = { ARM_SMMU_OPT_KDUMP_ADOPT: ['ARM_SMMU_OPT_KDUMP'] };

/** The constants each side must have and must find in the header (so that no check is vacuous). */
const MODEL_REQUIRED = [
  'ARM_SMMU_IDR0', 'IDR0_ST_LVL', 'IDR0_ST_LVL_2LVL', 'IDR0_TTENDIAN', 'IDR0_TTENDIAN_LE', 'IDR0_VMID16', 'IDR0_ASID16',
  'IDR0_COHACC', 'IDR0_TTF', 'IDR0_TTF_AARCH64', 'IDR0_S1P', 'IDR0_S2P', 'ARM_SMMU_IDR1', 'IDR1_CMDQS', 'IDR1_EVTQS',
  'IDR1_PRIQS', 'IDR1_SSIDSIZE', 'IDR1_SIDSIZE', 'ARM_SMMU_IDR3', 'ARM_SMMU_IDR5', 'IDR5_GRAN4K', 'IDR5_OAS',
  'IDR5_OAS_48_BIT', 'ARM_SMMU_CR0', 'CR0_SMMUEN', 'CR0_CMDQEN', 'CR0_EVTQEN', 'CR0_PRIQEN', 'ARM_SMMU_CR0ACK',
  'ARM_SMMU_GBPA', 'GBPA_UPDATE', 'GBPA_ABORT', 'ARM_SMMU_IRQ_CTRL', 'ARM_SMMU_IRQ_CTRLACK', 'ARM_SMMU_GERROR',
  'GERROR_SFM_ERR', 'ARM_SMMU_GERRORN', 'ARM_SMMU_STRTAB_BASE', 'STRTAB_BASE_RA', 'STRTAB_BASE_ADDR_MASK',
  'ARM_SMMU_STRTAB_BASE_CFG', 'STRTAB_BASE_CFG_FMT', 'STRTAB_BASE_CFG_FMT_LINEAR', 'STRTAB_BASE_CFG_FMT_2LVL',
  'STRTAB_BASE_CFG_SPLIT', 'STRTAB_BASE_CFG_LOG2SIZE', 'STRTAB_SPLIT', 'STRTAB_L1_DESC_SPAN', 'STRTAB_L1_DESC_L2PTR_MASK',
  'STRTAB_STE_DWORDS', 'STRTAB_NUM_L2_STES', 'STRTAB_MAX_L1_ENTRIES', 'STRTAB_STE_0_V', 'STRTAB_STE_0_CFG',
  'STRTAB_STE_0_CFG_BYPASS', 'STRTAB_STE_0_CFG_S1_TRANS', 'STRTAB_STE_0_CFG_S2_TRANS', 'STRTAB_STE_0_S1FMT',
  'STRTAB_STE_0_S1FMT_LINEAR', 'STRTAB_STE_0_S1CTXPTR_MASK', 'STRTAB_STE_0_S1CDMAX', 'STRTAB_STE_2_S2VMID',
  'CTXDESC_CD_DWORDS', 'CTXDESC_CD_0_V', 'CTXDESC_CD_0_ASID', 'ARM_SMMU_FEAT_2_LVL_STRTAB', 'ARM_SMMU_FEAT_COHERENCY',
  'ARM_SMMU_OPT_KDUMP_ADOPT',
];
const ORACLE_REQUIRED = [
  'STRTAB_SPLIT', 'STRTAB_MAX_L1_ENTRIES', 'ARM_SMMU_FEAT_2_LVL_STRTAB', 'ARM_SMMU_FEAT_COHERENCY', 'ARM_SMMU_OPT_KDUMP_ADOPT',
  'ARM_SMMU_CR0', 'ARM_SMMU_GBPA', 'ARM_SMMU_STRTAB_BASE', 'ARM_SMMU_STRTAB_BASE_CFG', 'CR0_SMMUEN', 'GBPA_ABORT',
  'STRTAB_BASE_RA', 'STRTAB_BASE_ADDR_MASK', 'STRTAB_L1_DESC_SPAN', 'STRTAB_L1_DESC_L2PTR_MASK', 'STRTAB_BASE_CFG_FMT',
  'STRTAB_BASE_CFG_SPLIT', 'STRTAB_BASE_CFG_LOG2SIZE', 'STRTAB_BASE_CFG_FMT_LINEAR', 'STRTAB_BASE_CFG_FMT_2LVL',
  'STRTAB_STE_0_V', 'STRTAB_STE_0_CFG', 'STRTAB_STE_0_CFG_ABORT', 'STRTAB_STE_0_CFG_BYPASS', 'STRTAB_STE_0_CFG_S1_TRANS',
  'STRTAB_STE_0_CFG_S2_TRANS', 'STRTAB_STE_0_CFG_NESTED', 'STRTAB_STE_0_S1FMT', 'STRTAB_STE_0_S1FMT_LINEAR',
  'STRTAB_STE_0_S1FMT_64K_L2', 'STRTAB_STE_0_S1CTXPTR_MASK', 'STRTAB_STE_0_S1CDMAX', 'STRTAB_STE_2_S2VMID',
  'CTXDESC_L2_ENTRIES', 'CTXDESC_L1_DESC_V', 'CTXDESC_L1_DESC_L2PTR_MASK', 'CTXDESC_CD_0_V', 'CTXDESC_CD_0_ASID',
];

/** Required constants a revision's header does not define at all (said here, never skipped silently). */
const NOT_DEFINED: Record<string, string[]> = {
  mainline: ['ARM_SMMU_OPT_KDUMP_ADOPT'], // mainline has no kdump adoption
};

/** Struct sizes: [side's constant, struct]. */
const MODEL_SIZES: [keyof typeof model, string][] = [
  ['STRTAB_STE_SIZE', 'arm_smmu_ste'], ['STRTAB_L1_DESC_SIZE', 'arm_smmu_strtab_l1'],
  ['STRTAB_L2_SIZE', 'arm_smmu_strtab_l2'], ['CTXDESC_CD_SIZE', 'arm_smmu_cd'],
];
const ORACLE_SIZES: [keyof typeof oracle, string][] = [
  ['STE_SIZE', 'arm_smmu_ste'], ['L1_DESC_SIZE', 'arm_smmu_strtab_l1'], ['L2_TABLE_SIZE', 'arm_smmu_strtab_l2'],
  ['CD_SIZE', 'arm_smmu_cd'],
];

interface Comparison {
  mismatches: string[];
  checked: string[];
  /** Required constants found under no name in the header. */
  notDefined: string[];
}

function compare(side: Record<string, unknown>, required: string[], defs: Defines): Comparison {
  const out: Comparison = { mismatches: [], checked: [], notDefined: [] };
  for (const [name, value] of Object.entries(side)) {
    if (typeof value !== 'number' && typeof value !== 'bigint') continue;
    const cName = defs.has(name) ? name : OLD_NAMES[name]?.find((n) => defs.has(n));
    if (cName === undefined) {
      if (required.includes(name)) out.notDefined.push(name);
      continue;
    }
    let want: bigint;
    try {
      want = evaluate(defs, cName);
    } catch (e) {
      out.mismatches.push(`${name}: the header's ${cName} cannot be evaluated (${(e as Error).message})`);
      continue;
    }
    if (BigInt(value) !== want) out.mismatches.push(`${name} is 0x${BigInt(value).toString(16)}, the header's ${cName} is 0x${want.toString(16)}`);
    out.checked.push(name);
  }
  for (const name of required) if (!(name in side)) out.mismatches.push(`${name} is not exported`);
  return out;
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

describe('the SMMU model and the properties\' oracle equal each revision\'s arm-smmu-v3.h', () => {
  const revisions = readCatalog(ROOT).filter((e) => !e.mutant);

  test('the evaluator reads the header forms it must (GENMASK, shifts, UL suffixes, other macros)', () => {
    const defs: Defines = new Map([
      ['A', 'GENMASK(17, 16)'], ['B', '(1UL << 62)'], ['C', '(1 << D)'], ['D', '8'], ['E', 'GENMASK_ULL(51, 6)'],
      ['F', '0x1C'], ['G', 'ilog2(SZ_64K / sizeof(struct arm_smmu_cd))'],
    ]);
    expect([evaluate(defs, 'A'), evaluate(defs, 'B'), evaluate(defs, 'C'), evaluate(defs, 'F')]).toEqual([0x30000n, 1n << 62n, 256n, 0x1cn]);
    expect(hex(evaluate(defs, 'E'))).toBe('0xfffffffffffc0');
    expect(() => evaluate(defs, 'G')).toThrow();
    // A wrong value is reported, a right one is not.
    expect(compare({ D: 9, A: 0x30000n }, ['D', 'A'], defs).mismatches).toEqual(["D is 0x9, the header's D is 0x8"]);
  });

  describe.each(revisions.map((r) => [r.name, r.sources.find((s) => s.endsWith('.h'))!]))('%s (%s)', (name, header) => {
    const headerText = fs.readFileSync(path.join(ROOT, header), 'utf8');
    const defs = readDefines([path.join(ROOT, header), GAPS]);
    const expectedNotDefined = NOT_DEFINED[name] ?? [];

    test.each([
      ['the model (harness/kernel/smmuRegs.ts)', model as Record<string, unknown>, MODEL_REQUIRED],
      ['the oracle (properties/_lib/kernel.ts)', oracle as Record<string, unknown>, ORACLE_REQUIRED],
    ])('%s: every kernel-named constant', (_label, side, required) => {
      const c = compare(side, required, defs);
      expect(c.mismatches).toEqual([]);
      expect(c.notDefined).toEqual(expectedNotDefined.filter((n) => required.includes(n)));
      expect(c.checked).toEqual(expect.arrayContaining(required.filter((n) => !expectedNotDefined.includes(n))));
    });

    test('struct sizes', () => {
      for (const [k, struct] of MODEL_SIZES) expect([k, BigInt(model[k] as number | bigint)]).toEqual([k, sizeofStruct(headerText, defs, struct)]);
      for (const [k, struct] of ORACLE_SIZES) expect([k, BigInt(oracle[k] as number | bigint)]).toEqual([k, sizeofStruct(headerText, defs, struct)]);
    });

    test('the decoders read the fields where the header puts them', () => {
      const m = (n: string) => evaluate(defs, n);
      const prep = (mask: bigint, v: number) => (BigInt(v) << BigInt(mask.toString(2).split('').reverse().indexOf('1'))) & mask;
      for (const [fmt, split, log2size] of [[1, 8, 16], [0, 0, 25], [3, 31, 63], [2, 17, 1]]) {
        const cfg = prep(m('STRTAB_BASE_CFG_FMT'), fmt) | prep(m('STRTAB_BASE_CFG_SPLIT'), split) | prep(m('STRTAB_BASE_CFG_LOG2SIZE'), log2size);
        expect(model.decodeStrtabBaseCfg(cfg)).toEqual({ fmt, split, log2size });
        expect(oracle.decodeStrtabBaseCfg(cfg)).toMatchObject({ fmt, split, log2size });
        expect(BigInt(model.strtabBaseCfg(fmt, split, log2size))).toBe(cfg);
      }
      for (const [span, l2ptr] of [[9, 0x1_0010_4000n], [31, 0xf_ffff_ffff_ffc0n], [0, 0n]] as const) {
        const desc = prep(m('STRTAB_L1_DESC_SPAN'), span) | (l2ptr & m('STRTAB_L1_DESC_L2PTR_MASK'));
        expect(model.decodeL1Desc(desc)).toEqual({ span, l2ptr });
        expect(oracle.decodeL1Desc(desc)).toEqual({ span, l2ptr });
      }
      expect(model.l1Desc(0x1_0010_4000n)).toBe(prep(m('STRTAB_L1_DESC_SPAN'), Number(m('STRTAB_SPLIT')) + 1) | 0x1_0010_4000n);
      const s1 = m('STRTAB_STE_0_V') | prep(m('STRTAB_STE_0_CFG'), Number(m('STRTAB_STE_0_CFG_S1_TRANS'))) |
        prep(m('STRTAB_STE_0_S1FMT'), 2) | 0x8_0000_1000n | prep(m('STRTAB_STE_0_S1CDMAX'), 17);
      expect(oracle.decodeSteIds(s1, 0n)).toEqual({ valid: true, cfg: 5, cdtab: { base: 0x8_0000_1000n, fmt: 2, s1cdmax: 17 } });
      const s2 = m('STRTAB_STE_0_V') | prep(m('STRTAB_STE_0_CFG'), Number(m('STRTAB_STE_0_CFG_S2_TRANS')));
      expect(oracle.decodeSteIds(s2, prep(m('STRTAB_STE_2_S2VMID'), 0xbeef) | (1n << 40n))).toEqual({ valid: true, cfg: 6, vmid: 0xbeef });
      expect(oracle.decodeCdWord0(m('CTXDESC_CD_0_V') | prep(m('CTXDESC_CD_0_ASID'), 0xcafe) | 0xfffn)).toEqual({ valid: true, asid: 0xcafe });
    });
  });
});

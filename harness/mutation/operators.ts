/**
 * Mutation operators over C, each one a small change a kernel reviewer would recognise as a
 * plausible bug in adoption code: a dropped guard, an inverted or off-by-one check, a missing
 * release, a lost state update, a swallowed error, a wrong unwind label. They work on the
 * tokens of cLexer.ts, so nothing inside a comment, a string or a preprocessor line is ever
 * touched, and arguments of logging calls (dev_err() and friends) are left alone: changing
 * only what a message prints is an equivalent mutant by construction.
 */
import { functionsOf, matching, statementsOf, tokenize, type CFunction, type Statement, type Token } from './cLexer';

/** One replacement of source text [start, end) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A place where an operator applies: the edits (non-overlapping, in order) of one mutant. */
export interface MutationSite {
  operator: OperatorName;
  /** The function the change is in. */
  fn: string;
  /** 1-based line of the first changed token. */
  line: number;
  edits: Edit[];
  /** What the mutant does, in kernel terms. */
  description: string;
}

/** A translation unit ready for the operators. */
export interface ParsedUnit {
  src: string;
  toks: Token[];
  functions: CFunction[];
  /** Statements of each function (depth first, source order). */
  statements: Map<string, Statement[]>;
  /** Token indexes inside the argument list of a logging call. */
  logging: Set<number>;
}

export const OPERATORS = [
  'delete-guard',
  'negate-condition',
  'drop-clause',
  'relational-boundary',
  'drop-plus-one',
  'drop-minus-one',
  'delete-release',
  'delete-store',
  'delete-clamp',
  'error-to-success',
  'delete-goto',
  'retarget-goto',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

/** One paragraph per operator, for the report and --help. */
export const OPERATOR_DESCRIPTIONS: Record<OperatorName, string> = {
  'delete-guard': 'delete an `if (...)` without else whose branch exits (return/goto/break/continue): a validation or error check the code no longer makes',
  'negate-condition': '`if (X)` becomes `if (!(X))`: a check inverted',
  'drop-clause': 'drop one operand of an `if` condition joined by || (or &&): half of a compound check lost',
  'relational-boundary': '`<` <-> `<=`, `>` <-> `>=`: an off-by-one bound',
  'drop-plus-one': '`X + 1` becomes `X` (e.g. STRTAB_SPLIT + 1 -> STRTAB_SPLIT): an off-by-one constant',
  'drop-minus-one': '`X - 1` becomes `X`: an off-by-one constant',
  'delete-release': 'delete a kfree()/memunmap()/cleanup/unreserve call statement: a leak or a half-undone state',
  'delete-store': 'delete a store to shared state (a field through ->, a *out parameter, a memset): a state update lost',
  'delete-clamp': 'delete `x = min(...)` (min_t, max, clamp): a cap no longer applied',
  'error-to-success': '`return -E...;` / `return ret;` / `return PTR_ERR(...)` / `ret = -E...;` becomes 0: an error swallowed',
  'delete-goto': 'delete a `goto label;`: an error path falls through into the success path',
  'retarget-goto': '`goto a;` becomes `goto b;` (another label of the function): the wrong unwind',
};

/** Calls whose arguments only feed a message. */
const LOGGING = new Set([
  'dev_err', 'dev_warn', 'dev_info', 'dev_dbg', 'dev_notice', 'dev_err_ratelimited', 'dev_warn_ratelimited', 'dev_err_probe',
  'pr_err', 'pr_warn', 'pr_info', 'pr_debug', 'pr_notice', 'printk',
]);

/** Calls that release or undo what the adoption acquired. */
const RELEASES = new Set(['kfree', 'kvfree', 'memunmap', 'devm_memunmap', 'arm_smmu_kdump_adopt_cleanup', 'arm_smmu_kexec_unresv_ids']);
const CLAMPS = new Set(['min', 'min_t', 'max', 'max_t', 'clamp', 'clamp_t', 'umin', 'umax']);
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);
const RELATIONAL: Record<string, string> = { '<': '<=', '<=': '<', '>': '>=', '>=': '>' };

export function parseUnit(src: string): ParsedUnit {
  const toks = tokenize(src);
  const functions = functionsOf(toks);
  const statements = new Map<string, Statement[]>();
  for (const f of functions) statements.set(f.name, statementsOf(toks, f));
  const logging = new Set<number>();
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i].kind === 'ident' && LOGGING.has(toks[i].text) && toks[i + 1].text === '(') {
      const close = matching(toks, i + 1);
      for (let j = i + 1; j <= close; j++) logging.add(j);
    }
  }
  return { src, toks, functions, statements, logging };
}

// ---------------------------------------------------------------------------------------------
// helpers

const isPunct = (t: Token | undefined, text: string) => t !== undefined && t.kind === 'punct' && t.text === text;

/** Source text of tokens [a, b], whitespace collapsed: for descriptions. */
function snippet(u: ParsedUnit, a: number, b: number, max = 70): string {
  const s = u.src.slice(u.toks[a].start, u.toks[b].end).replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** Whether the statement always leaves its enclosing code: an exit, or a block ending in one. */
function exits(s: Statement | undefined): boolean {
  if (!s) return false;
  if (s.kind === 'return' || s.kind === 'goto' || s.kind === 'break' || s.kind === 'continue') return true;
  if (s.kind === 'block') return exits(s.children?.[s.children.length - 1]);
  return false;
}

/**
 * A guard's branch: an exit, or a block of plain statements (a message, a cleanup call, an
 * assignment) ending in one. A branch with its own loops or ifs is a code path, not a guard.
 */
function guardBranch(s: Statement | undefined): boolean {
  if (!s || !exits(s)) return false;
  if (s.kind !== 'block') return true;
  return s.children!.every((c) => c.kind === 'simple' || c.kind === 'return' || c.kind === 'goto' || c.kind === 'break' || c.kind === 'continue');
}

/**
 * The edit that removes statement `s`. Directly in a block: its whole lines when it has them to
 * itself, else its tokens. As the body of an if/else/loop, or right after a label (`err: }` is
 * not C): an empty statement `;` in its place.
 */
function deletion(u: ParsedUnit, s: Statement): Edit {
  const start = u.toks[s.first].start;
  const end = u.toks[s.last].end;
  const prev = u.toks[s.first - 1];
  if (s.parent === 'body' || isPunct(prev, ':')) return { start, end, text: ';' };
  const lineStart = u.src.lastIndexOf('\n', start - 1) + 1;
  const nl = u.src.indexOf('\n', end);
  const lineEnd = nl < 0 ? u.src.length : nl;
  if (/^[ \t]*$/.test(u.src.slice(lineStart, start)) && /^[ \t]*$/.test(u.src.slice(end, lineEnd))) {
    return { start: lineStart, end: nl < 0 ? lineEnd : nl + 1, text: '' };
  }
  return { start, end, text: '' };
}

/** The top-level operands of the expression in tokens [a, b] split at `op` (|| or &&), or null if mixed. */
function splitTopLevel(u: ParsedUnit, a: number, b: number): { op: string; parts: [number, number][] } | null {
  const parts: [number, number][] = [];
  let op: string | null = null;
  let from = a;
  let i = a;
  while (i <= b) {
    const t = u.toks[i];
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) {
      i = matching(u.toks, i) + 1;
      continue;
    }
    if (t.kind === 'punct' && t.text === '?') return null; // a conditional: not a plain chain
    if (t.kind === 'punct' && (t.text === '||' || t.text === '&&')) {
      if (op !== null && op !== t.text) return null;
      op = t.text;
      parts.push([from, i - 1]);
      from = i + 1;
    }
    i++;
  }
  parts.push([from, b]);
  return op ? { op, parts } : null;
}

/** Index of the top-level assignment operator of a simple statement, or -1. */
function assignmentOp(u: ParsedUnit, s: Statement): number {
  let i = s.first;
  while (i < s.last) {
    const t = u.toks[i];
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) {
      i = matching(u.toks, i) + 1;
      continue;
    }
    if (t.kind === 'punct' && ASSIGN.has(t.text)) return i;
    i++;
  }
  return -1;
}

/** Whether tokens [a, b] contain a call (an identifier followed by `(`), `sizeof`/macros aside. */
function hasCall(u: ParsedUnit, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const t = u.toks[i];
    if (t.kind === 'ident' && isPunct(u.toks[i + 1], '(') && t.text !== 'sizeof' && !/^[A-Z0-9_]+$/.test(t.text)) return true;
  }
  return false;
}

/** Whether the statement is exactly one call `name(...);`, and the name. */
function callStatement(u: ParsedUnit, s: Statement): string | null {
  if (s.kind !== 'simple') return null;
  const name = u.toks[s.first];
  if (name.kind !== 'ident' || !isPunct(u.toks[s.first + 1], '(')) return null;
  const close = matching(u.toks, s.first + 1);
  return close + 1 === s.last ? name.text : null;
}

function isNumberOne(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'number' && /^1[uUlL]*$/.test(t.text);
}

/** Whether the `+`/`-` at `i` is binary: an operand ends right before it. */
function isBinary(u: ParsedUnit, i: number): boolean {
  const p = u.toks[i - 1];
  return p !== undefined && (p.kind === 'ident' || p.kind === 'number' || isPunct(p, ')') || isPunct(p, ']'));
}

/** `-EINVAL`, `ret`, `err`, `PTR_ERR(x)`: an error value (tokens [a, b]). */
function isErrorValue(u: ParsedUnit, a: number, b: number): boolean {
  const t = u.toks;
  if (b === a + 1 && isPunct(t[a], '-') && t[b].kind === 'ident' && /^E[A-Z0-9]+$/.test(t[b].text)) return true;
  if (a === b && t[a].kind === 'ident' && (t[a].text === 'ret' || t[a].text === 'err')) return true;
  if (t[a].kind === 'ident' && t[a].text === 'PTR_ERR' && isPunct(t[a + 1], '(') && matching(t, a + 1) === b) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// the operators

type Finder = (u: ParsedUnit, fn: CFunction, stmts: Statement[]) => Omit<MutationSite, 'operator' | 'fn'>[];

const FINDERS: Record<OperatorName, Finder> = {
  'delete-guard': (u, _fn, stmts) =>
    stmts
      .filter((s) => s.kind === 'if' && !s.else && guardBranch(s.then))
      .map((s) => ({
        line: u.toks[s.first].line,
        edits: [deletion(u, s)],
        description: `delete the guard \`if ${snippet(u, s.condOpen!, s.condClose!)}\` (${snippet(u, lastExit(s.then!).first, lastExit(s.then!).last)})`,
      })),

  'negate-condition': (u, _fn, stmts) =>
    stmts
      .filter((s) => s.kind === 'if')
      .map((s) => {
        const a = s.condOpen! + 1;
        const b = s.condClose! - 1;
        return {
          line: u.toks[a].line,
          edits: [
            { start: u.toks[a].start, end: u.toks[a].start, text: '!(' },
            { start: u.toks[b].end, end: u.toks[b].end, text: ')' },
          ],
          description: `invert \`if ${snippet(u, s.condOpen!, s.condClose!)}\``,
        };
      }),

  'drop-clause': (u, _fn, stmts) => {
    const out: ReturnType<Finder> = [];
    for (const s of stmts) {
      if (s.kind !== 'if') continue;
      const chain = splitTopLevel(u, s.condOpen! + 1, s.condClose! - 1);
      if (!chain) continue;
      chain.parts.forEach(([a, b], k) => {
        // The operand with the connector before it (or, for the first one, after it).
        const edit =
          k === 0
            ? { start: u.toks[a].start, end: u.toks[chain.parts[1][0]].start, text: '' }
            : { start: u.toks[chain.parts[k - 1][1]].end, end: u.toks[b].end, text: '' };
        out.push({ line: u.toks[a].line, edits: [edit], description: `drop \`${chain.op} ${snippet(u, a, b)}\` from \`if ${snippet(u, s.condOpen!, s.condClose!)}\`` });
      });
    }
    return out;
  },

  'relational-boundary': (u, fn) => {
    const out: ReturnType<Finder> = [];
    for (let i = fn.bodyOpen + 1; i < fn.bodyClose; i++) {
      const t = u.toks[i];
      if (t.kind !== 'punct' || !(t.text in RELATIONAL) || u.logging.has(i)) continue;
      out.push({ line: t.line, edits: [{ start: t.start, end: t.end, text: RELATIONAL[t.text] }], description: `\`${t.text}\` -> \`${RELATIONAL[t.text]}\` in \`${lineText(u, t)}\`` });
    }
    return out;
  },

  'drop-plus-one': (u, fn) => dropOne(u, fn, '+'),
  'drop-minus-one': (u, fn) => dropOne(u, fn, '-'),

  'delete-release': (u, _fn, stmts) =>
    stmts
      .filter((s) => RELEASES.has(callStatement(u, s) ?? ''))
      .map((s) => ({ line: u.toks[s.first].line, edits: [deletion(u, s)], description: `delete \`${snippet(u, s.first, s.last)}\`` })),

  'delete-store': (u, _fn, stmts) =>
    stmts
      .filter((s) => {
        if (s.kind !== 'simple') return false;
        if (callStatement(u, s) === 'memset') return true;
        const op = assignmentOp(u, s);
        if (op < 0) return false;
        const lhsShared = isPunct(u.toks[s.first], '*') || u.toks.slice(s.first, op).some((t) => isPunct(t, '->'));
        return lhsShared && !hasCall(u, op + 1, s.last);
      })
      .map((s) => ({ line: u.toks[s.first].line, edits: [deletion(u, s)], description: `delete the store \`${snippet(u, s.first, s.last)}\`` })),

  'delete-clamp': (u, _fn, stmts) =>
    stmts
      .filter((s) => {
        if (s.kind !== 'simple') return false;
        const op = assignmentOp(u, s);
        return op > 0 && u.toks[op].text === '=' && u.toks[op + 1]?.kind === 'ident' && CLAMPS.has(u.toks[op + 1].text) && isPunct(u.toks[op + 2], '(') && matching(u.toks, op + 2) === s.last - 1;
      })
      .map((s) => ({ line: u.toks[s.first].line, edits: [deletion(u, s)], description: `delete the cap \`${snippet(u, s.first, s.last)}\`` })),

  'error-to-success': (u, _fn, stmts) => {
    const out: ReturnType<Finder> = [];
    for (const s of stmts) {
      let a = -1;
      if (s.kind === 'return' && s.last > s.first + 1) a = s.first + 1;
      else if (s.kind === 'simple' && u.toks[s.first].kind === 'ident' && isPunct(u.toks[s.first + 1], '=') && /^(ret|err)$/.test(u.toks[s.first].text)) a = s.first + 2;
      if (a < 0 || a > s.last - 1 || !isErrorValue(u, a, s.last - 1)) continue;
      out.push({
        line: u.toks[s.first].line,
        edits: [{ start: u.toks[a].start, end: u.toks[s.last - 1].end, text: '0' }],
        description: `\`${snippet(u, s.first, s.last)}\` -> 0: the error is swallowed`,
      });
    }
    return out;
  },

  'delete-goto': (u, _fn, stmts) =>
    stmts
      .filter((s) => s.kind === 'goto')
      .map((s) => ({ line: u.toks[s.first].line, edits: [deletion(u, s)], description: `delete \`${snippet(u, s.first, s.last)}\`: the error path falls through` })),

  'retarget-goto': (u, _fn, stmts) => {
    const labels = stmts.filter((s) => s.kind === 'label').map((s) => u.toks[s.first].text);
    const out: ReturnType<Finder> = [];
    for (const s of stmts) {
      if (s.kind !== 'goto') continue;
      const target = u.toks[s.first + 1];
      for (const l of labels) {
        if (l === target.text) continue;
        out.push({ line: target.line, edits: [{ start: target.start, end: target.end, text: l }], description: `\`goto ${target.text};\` -> \`goto ${l};\`: the wrong unwind` });
      }
    }
    return out;
  },
};

function lastExit(s: Statement): Statement {
  return s.kind === 'block' ? lastExit(s.children![s.children!.length - 1]) : s;
}

function lineText(u: ParsedUnit, t: Token): string {
  const a = u.src.lastIndexOf('\n', t.start - 1) + 1;
  const b = u.src.indexOf('\n', t.end);
  const s = u.src.slice(a, b < 0 ? undefined : b).trim();
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
}

function dropOne(u: ParsedUnit, fn: CFunction, sign: '+' | '-'): ReturnType<Finder> {
  const out: ReturnType<Finder> = [];
  for (let i = fn.bodyOpen + 1; i < fn.bodyClose; i++) {
    const t = u.toks[i];
    if (!isPunct(t, sign) || u.logging.has(i) || !isBinary(u, i) || !isNumberOne(u.toks[i + 1])) continue;
    // `a + 1 * b` is not `a + 1`: the 1 must end its operand.
    const after = u.toks[i + 2];
    if (after && after.kind === 'punct' && /^(\*|\/|%|\.|->|\[|\()$/.test(after.text)) continue;
    const one = u.toks[i + 1];
    out.push({
      line: t.line,
      edits: [{ start: u.toks[i - 1].end, end: one.end, text: '' }],
      description: `\`${sign} ${one.text}\` dropped in \`${lineText(u, t)}\``,
    });
  }
  return out;
}

/**
 * Every site of every operator in the functions `only` (default: all) of a unit. Sorted by
 * position of the first edit, then operator order, then the finder's own order: deterministic.
 */
export function findSites(u: ParsedUnit, only?: readonly string[]): MutationSite[] {
  const out: (MutationSite & { pos: number; op: number; k: number })[] = [];
  for (const fn of u.functions) {
    if (only && !only.includes(fn.name)) continue;
    const stmts = u.statements.get(fn.name)!;
    OPERATORS.forEach((name, op) => {
      FINDERS[name](u, fn, stmts).forEach((site, k) => {
        // Never a mutant that only changes what a message prints.
        const touchesCode = site.edits.some((e) => !insideLogging(u, e));
        if (touchesCode) out.push({ ...site, operator: name, fn: fn.name, pos: site.edits[0].start, op, k });
      });
    });
  }
  out.sort((a, b) => a.pos - b.pos || a.op - b.op || a.k - b.k);
  return out.map(({ pos: _p, op: _o, k: _k, ...site }) => site);
}

function insideLogging(u: ParsedUnit, e: Edit): boolean {
  // An edit inside a logging call's argument list touches only tokens flagged `logging`.
  let any = false;
  for (let i = 0; i < u.toks.length; i++) {
    const t = u.toks[i];
    if (t.end <= e.start || t.start >= Math.max(e.end, e.start + 1)) continue;
    any = true;
    if (!u.logging.has(i)) return false;
  }
  return any;
}

/** Applies non-overlapping edits to `src`. */
export function applyEdits(src: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += src.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + src.slice(at);
}

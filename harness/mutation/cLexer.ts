/**
 * A small C lexer and statement walker for mutation testing: just enough C to find the
 * functions of a translation unit, their statements, `if` conditions and operators, without
 * ever matching inside a comment, a string, a character constant or a preprocessor line.
 *
 * It is not a C parser: it knows tokens, bracket nesting and statement extents (`{...}`,
 * `if (...) S [else S]`, `for/while/switch (...) S`, `do S while (...);`, `label:`, and an
 * expression or declaration up to its `;`), which is all the mutation operators need.
 */

export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offsets in the source text: [start, end). */
  start: number;
  end: number;
  /** 1-based line of the first character. */
  line: number;
}

export class CLexError extends Error {
  override name = 'CLexError';
}

/** Longest first, so that `<<=` is not read as `<` `<=`. */
const PUNCTUATORS = [
  '<<=', '>>=', '...',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##',
  '{', '}', '(', ')', '[', ']', ';', ',', '.', '?', ':', '<', '>', '=', '!', '~',
  '+', '-', '*', '/', '%', '&', '|', '^', '#',
];

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

/**
 * The tokens of `src`. Comments and whitespace are dropped; a preprocessor directive (a `#` first
 * on its line, up to an unescaped end of line, comments included) is dropped too, since no
 * operator mutates one. Strings and character constants are single tokens.
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = true; // only whitespace (or comments) so far on this line
  const n = src.length;
  const advance = (to: number) => {
    for (let j = i; j < to; j++) if (src[j] === '\n') line++;
    i = to;
  };
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      advance(i + 2);
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      let j = i + 2;
      while (j < n && !(src[j] === '\n' && src[j - 1] !== '\\')) j++;
      advance(j);
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const j = src.indexOf('*/', i + 2);
      if (j < 0) throw new CLexError(`line ${line}: unterminated comment`);
      advance(j + 2);
      continue;
    }
    if (c === '#' && lineStart) {
      // A directive: to the end of the line, following continuations, skipping comments
      // (a block comment may span lines inside a directive).
      let j = i + 1;
      while (j < n) {
        if (src[j] === '\\' && src[j + 1] === '\n') j += 2;
        else if (src[j] === '/' && src[j + 1] === '*') {
          const e = src.indexOf('*/', j + 2);
          if (e < 0) throw new CLexError(`line ${line}: unterminated comment`);
          j = e + 2;
        } else if (src[j] === '\n') break;
        else j++;
      }
      advance(j);
      continue;
    }
    lineStart = false;
    const startLine = line;
    if (c === '"' || c === '\'') {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === '\\') j++;
        else if (src[j] === '\n') throw new CLexError(`line ${line}: unterminated ${c === '"' ? 'string' : 'character constant'}`);
        j++;
      }
      if (j >= n) throw new CLexError(`line ${line}: unterminated ${c === '"' ? 'string' : 'character constant'}`);
      out.push({ kind: c === '"' ? 'string' : 'char', text: src.slice(i, j + 1), start: i, end: j + 1, line: startLine });
      advance(j + 1);
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(src[j])) j++;
      // An encoding prefix (L"...", u8"...") makes the string one token.
      if ((src[j] === '"' || src[j] === '\'') && /^(L|u|U|u8)$/.test(src.slice(i, j))) {
        const q = src[j];
        let k = j + 1;
        while (k < n && src[k] !== q) k += src[k] === '\\' ? 2 : 1;
        out.push({ kind: q === '"' ? 'string' : 'char', text: src.slice(i, k + 1), start: i, end: k + 1, line: startLine });
        advance(k + 1);
        continue;
      }
      out.push({ kind: 'ident', text: src.slice(i, j), start: i, end: j, line: startLine });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      // A pp-number: digits, letters, underscores, dots, and signs after an exponent letter.
      let j = i + 1;
      while (j < n && (/[A-Za-z0-9_.]/.test(src[j]) || ((src[j] === '+' || src[j] === '-') && /[eEpP]/.test(src[j - 1])))) j++;
      out.push({ kind: 'number', text: src.slice(i, j), start: i, end: j, line: startLine });
      i = j;
      continue;
    }
    const p = PUNCTUATORS.find((q) => src.startsWith(q, i));
    if (!p) throw new CLexError(`line ${line}: unexpected character ${JSON.stringify(c)}`);
    out.push({ kind: 'punct', text: p, start: i, end: i + p.length, line: startLine });
    i += p.length;
  }
  return out;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Index of the bracket closing the one at `open` (`(`, `[` or `{`). */
export function matching(toks: readonly Token[], open: number): number {
  const o = toks[open].text;
  const c = OPEN[o];
  if (!c) throw new CLexError(`line ${toks[open].line}: "${o}" is not an opening bracket`);
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'punct') continue;
    if (OPEN[t.text]) depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      depth--;
      if (depth === 0) {
        if (t.text !== c) throw new CLexError(`line ${t.line}: "${t.text}" closes "${o}" of line ${toks[open].line}`);
        return i;
      }
    }
  }
  throw new CLexError(`line ${toks[open].line}: "${o}" is never closed`);
}

export interface CFunction {
  name: string;
  /** Token index of the body's `{` and its `}`. */
  bodyOpen: number;
  bodyClose: number;
  line: number;
}

const NOT_FUNCTIONS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else']);

/** The function definitions at file scope, in source order. */
export function functionsOf(toks: readonly Token[]): CFunction[] {
  const out: CFunction[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (t.kind === 'punct' && t.text === '{') {
      const close = matching(toks, i);
      // `name ( params ) {`: a definition (struct bodies and initializers have no `)` before).
      if (i > 0 && toks[i - 1].text === ')') {
        let depth = 0;
        let j = i - 1;
        for (; j >= 0; j--) {
          if (toks[j].text === ')') depth++;
          else if (toks[j].text === '(' && --depth === 0) break;
        }
        const name = toks[j - 1];
        if (name && name.kind === 'ident' && !NOT_FUNCTIONS.has(name.text)) {
          out.push({ name: name.text, bodyOpen: i, bodyClose: close, line: name.line });
        }
      }
      i = close + 1;
      continue;
    }
    i++;
  }
  return out;
}

export type StatementKind = 'block' | 'if' | 'for' | 'while' | 'do' | 'switch' | 'label' | 'case' | 'return' | 'goto' | 'break' | 'continue' | 'simple' | 'empty';

export interface Statement {
  kind: StatementKind;
  /** Token indexes of the first and last token (inclusive). */
  first: number;
  last: number;
  /** Where the statement sits: directly in a `{}` block, or as the body of if/else/for/... */
  parent: 'block' | 'body';
  /** `if`/`for`/`while`/`switch`: the `(` and `)` of the condition or header. */
  condOpen?: number;
  condClose?: number;
  /** `if`: its then-statement and else-statement; loops/switch/do: `then` is the body. */
  then?: Statement;
  else?: Statement;
  /** `block`: its statements. */
  children?: Statement[];
  /** The function it is in. */
  fn: string;
}

/** Parses the statement starting at token `i`. */
export function statementAt(toks: readonly Token[], i: number, parent: 'block' | 'body', fn: string): Statement {
  const t = toks[i];
  if (!t) throw new CLexError('unexpected end of file in a statement');
  const kw = t.kind === 'ident' ? t.text : '';
  if (t.text === '{' && t.kind === 'punct') {
    const close = matching(toks, i);
    const children: Statement[] = [];
    let j = i + 1;
    while (j < close) {
      const s = statementAt(toks, j, 'block', fn);
      children.push(s);
      j = s.last + 1;
    }
    return { kind: 'block', first: i, last: close, parent, children, fn };
  }
  if (t.text === ';' && t.kind === 'punct') return { kind: 'empty', first: i, last: i, parent, fn };
  if (kw === 'if' || kw === 'for' || kw === 'while' || kw === 'switch') {
    const open = i + 1;
    if (toks[open]?.text !== '(') throw new CLexError(`line ${t.line}: "${kw}" without "("`);
    const close = matching(toks, open);
    const body = statementAt(toks, close + 1, 'body', fn);
    const s: Statement = { kind: kw, first: i, last: body.last, parent, condOpen: open, condClose: close, then: body, fn };
    if (kw === 'if' && toks[body.last + 1]?.kind === 'ident' && toks[body.last + 1].text === 'else') {
      s.else = statementAt(toks, body.last + 2, 'body', fn);
      s.last = s.else.last;
    }
    return s;
  }
  if (kw === 'do') {
    const body = statementAt(toks, i + 1, 'body', fn);
    // do S while ( ... ) ;
    const open = body.last + 2;
    const close = matching(toks, open);
    return { kind: 'do', first: i, last: close + 1, parent, condOpen: open, condClose: close, then: body, fn };
  }
  if (kw === 'case' || kw === 'default') {
    // case X: / default:  (the statements after it are siblings in the block)
    let j = i + 1;
    while (j < toks.length && !(toks[j].text === ':' && toks[j].kind === 'punct')) j++;
    return { kind: 'case', first: i, last: j, parent, fn };
  }
  if (t.kind === 'ident' && toks[i + 1]?.text === ':' && toks[i + 1]?.kind === 'punct' && !NOT_FUNCTIONS.has(kw)) {
    return { kind: 'label', first: i, last: i + 1, parent, fn };
  }
  // Up to the `;` outside any bracket.
  let j = i;
  while (j < toks.length) {
    const u = toks[j];
    if (u.kind === 'punct' && OPEN[u.text]) {
      j = matching(toks, j) + 1;
      continue;
    }
    if (u.kind === 'punct' && u.text === ';') break;
    j++;
  }
  if (j >= toks.length) throw new CLexError(`line ${t.line}: statement without ";"`);
  const kind: StatementKind = kw === 'return' ? 'return' : kw === 'goto' ? 'goto' : kw === 'break' ? 'break' : kw === 'continue' ? 'continue' : 'simple';
  return { kind, first: i, last: j, parent, fn };
}

/** Every statement of a function body (the body block itself excluded), depth first, in source order. */
export function statementsOf(toks: readonly Token[], fn: CFunction): Statement[] {
  const body = statementAt(toks, fn.bodyOpen, 'block', fn.name);
  const out: Statement[] = [];
  const walk = (s: Statement) => {
    out.push(s);
    for (const c of s.children ?? []) walk(c);
    if (s.then) walk(s.then);
    if (s.else) walk(s.else);
  };
  for (const c of body.children ?? []) walk(c);
  return out;
}

/**
 * Finding C function definitions by brace matching, mechanically.
 *
 * The sources are excerpts of arm-smmu-v3.c with patches applied: top-level
 * function definitions, a few declarations, and possibly a function cut off
 * by the end of an excerpt. The scanner skips comments, string and character
 * literals and preprocessor lines, so braces inside them do not count.
 */

export interface CFunction {
  name: string;
  /** Offset of the first character of the definition (leading comment included). */
  start: number;
  /** Offset of the declarator: the definition without its leading comment. */
  declStart: number;
  /** Offset of the opening brace of the body. */
  bodyStart: number;
  /** Offset just past the closing brace; -1 when the body never closes. */
  end: number;
}

/** Offsets of code characters: comments, literals and preprocessor lines are skipped. */
function* codeChars(src: string): Generator<number> {
  let i = 0;
  let lineStart = true;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '*') {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 ? src.length : close + 2;
      continue;
    }
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (lineStart && c === '#') {
      // A preprocessor line, with its backslash continuations.
      while (i < src.length && !(src[i] === '\n' && src[i - 1] !== '\\')) i++;
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
      i++;
      lineStart = false;
      continue;
    }
    if (c === '\n') lineStart = true;
    else if (c !== ' ' && c !== '\t') lineStart = false;
    yield i;
    i++;
  }
}

/** The identifier that names a function whose declarator ends the head text, or null. */
function functionName(head: string): string | null {
  const code = head
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/^\s*#.*$/gm, ' ')
    .trimEnd();
  if (!code.endsWith(')') || /=\s*$/.test(code)) return null;
  // Walk back to the '(' that opens the parameter list.
  let depth = 0;
  for (let i = code.length - 1; i >= 0; i--) {
    if (code[i] === ')') depth++;
    else if (code[i] === '(' && --depth === 0) {
      const m = /([A-Za-z_]\w*)\s*$/.exec(code.slice(0, i));
      if (!m) return null;
      const keyword = /^(if|for|while|switch|return|sizeof)$/.test(m[1]);
      return keyword ? null : m[1];
    }
  }
  return null;
}

/** Every top-level function definition of `src`, in file order. */
export function findFunctions(src: string): CFunction[] {
  const found: CFunction[] = [];
  let depth = 0;
  let headStart = 0; // just after the last top-level ';' or '}'
  let current: CFunction | null = null;
  for (const i of codeChars(src)) {
    const c = src[i];
    if (c === '{') {
      if (depth === 0) {
        const name = functionName(src.slice(headStart, i));
        if (name) {
          const start = headStart + leadingIncludes(src.slice(headStart, i));
          current = { name, start, declStart: declaratorStart(src, start, i), bodyStart: i, end: -1 };
          found.push(current);
        }
      }
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) {
        if (current) current.end = i + 1;
        current = null;
        headStart = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      headStart = i + 1;
    }
  }
  return found;
}

/**
 * Length of the whitespace and #include lines a head starts with: they are the file's (a base
 * compatibility patch may put the file's #include block back), not the first function's.
 */
function leadingIncludes(head: string): number {
  const m = /^(?:\s*#include[^\n]*\n)*\s*/.exec(head);
  return m ? m[0].length : 0;
}

/** Skips the comments that precede a declarator. */
function declaratorStart(src: string, start: number, bodyStart: number): number {
  let i = start;
  for (;;) {
    while (i < bodyStart && /\s/.test(src[i])) i++;
    if (src.startsWith('/*', i)) {
      const close = src.indexOf('*/', i);
      if (close < 0 || close > bodyStart) return i;
      i = close + 2;
    } else if (src.startsWith('//', i)) {
      i = src.indexOf('\n', i);
    } else {
      return i;
    }
  }
}

/** The prototype of a definition: its declarator followed by ';'. */
export function prototypeOf(src: string, fn: CFunction): string {
  return src.slice(fn.declStart, fn.bodyStart).trimEnd() + ';';
}

/** The whole text of a definition, leading comment included. */
export function textOf(src: string, fn: CFunction): string {
  if (fn.end < 0) throw new Error(`${fn.name}() has no closing brace`);
  return src.slice(fn.start, fn.end);
}

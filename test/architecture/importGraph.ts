/**
 * The import graph of the repository's own modules, read with the TypeScript parser (no
 * regular expressions over source text): import and export ... from, import type, import x =
 * require(), require() and import() calls, and import('...') types. A require() whose argument is
 * not a string literal is recorded as computed: nobody can tell statically what it loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const REPO = path.resolve(__dirname, '..', '..');

export interface Edge {
  /** Importing module, repo-relative without extension (harness/cli/fuzz). */
  from: string;
  /** Imported module, repo-relative without extension; index files as the folder's index. */
  to: string;
  /** Only types cross (import type / export type / import('...') type): no runtime load. */
  typeOnly: boolean;
}

export interface ImportGraph {
  modules: string[];
  edges: Edge[];
  /** Modules with a require()/import() of a computed name. */
  computed: string[];
}

const SOURCE = /\.(ts|js)$/;

/** Every .ts/.js module under `dirs` (repo-relative), ambient .d.ts files aside. */
export function modulesUnder(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(REPO, rel), { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const child = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(child);
    }
  };
  for (const d of dirs) walk(d);
  return out.sort();
}

interface Specifier {
  text: string | null;
  typeOnly: boolean;
}

function specifiersOf(file: string): Specifier[] {
  const text = fs.readFileSync(path.join(REPO, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const out: Specifier[] = [];
  const literal = (n: ts.Node | undefined) => (n && ts.isStringLiteralLike(n) ? n.text : null);
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) {
      const c = n.importClause;
      const typeOnly = c !== undefined && (c.isTypeOnly ||
        (c.name === undefined && c.namedBindings !== undefined && ts.isNamedImports(c.namedBindings) &&
          c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)));
      out.push({ text: literal(n.moduleSpecifier), typeOnly });
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier) {
      out.push({ text: literal(n.moduleSpecifier), typeOnly: n.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      out.push({ text: literal(n.moduleReference.expression), typeOnly: n.isTypeOnly });
    } else if (ts.isCallExpression(n) &&
      ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword)) {
      out.push({ text: literal(n.arguments[0]), typeOnly: false });
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) {
      out.push({ text: literal(n.argument.literal), typeOnly: true });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const stripExt = (f: string) => f.replace(SOURCE, '');

/** A relative specifier as a repo-relative module (undefined: not a file of ours, e.g. a JSON file). */
function resolve(from: string, spec: string): string | undefined {
  const base = path.posix.join(path.posix.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`]) {
    const abs = path.join(REPO, candidate);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return SOURCE.test(candidate) ? stripExt(candidate) : undefined;
  }
  throw new Error(`${from}: cannot resolve the import '${spec}'`);
}

/** The graph of `files`' relative imports (packages and node: modules are not ours: left out). */
export function importGraph(files: readonly string[]): ImportGraph {
  const edges: Edge[] = [];
  const computed: string[] = [];
  for (const file of files) {
    for (const s of specifiersOf(file)) {
      if (s.text === null) { computed.push(stripExt(file)); continue; }
      if (!s.text.startsWith('.')) continue;
      const to = resolve(file, s.text);
      if (to !== undefined) edges.push({ from: stripExt(file), to, typeOnly: s.typeOnly });
    }
  }
  return { modules: files.map(stripExt), edges, computed: [...new Set(computed)] };
}

/** Strongly connected components of more than one module (or a module importing itself): the cycles. */
export function cycles(g: ImportGraph): string[][] {
  const next = new Map<string, string[]>();
  for (const e of g.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const strong = (v: string): void => {
    index.set(v, counter); low.set(v, counter); counter++;
    stack.push(v); onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || (next.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const m of [...g.modules, ...g.edges.map((e) => e.to)]) if (!index.has(m)) strong(m);
  return out;
}

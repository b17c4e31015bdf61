/**
 * The edge map of a driver module: which C function and source line each coverage flag of
 * clang's `-fsanitize-coverage=inline-bool-flag` stands for, read at build time from the
 * module's own code (llvm-objdump: the flag address each function loads) and its DWARF line
 * table (llvm-dwarfdump), then stored in the module as the custom section `smmu.coverage`, so a
 * committed .wasm carries its own map (and `build:c --check` covers it byte for byte).
 *
 * A flag is one edge of the sanitizer's (one instrumented basic block); it lives in the module's
 * data at `base + index`, and the C sets it to 1 the first time the block runs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export { EDGE_MAP_SECTION } from '../kernel/coverage';
import { EDGE_MAP_SECTION, type EdgeMap } from '../kernel/coverage';

/** The map as the build writes it: the kernel side's EdgeMap (kernel/coverage.ts), versioned. */
export type EdgeMapData = EdgeMap & { version: 1 };

export class EdgeMapError extends Error {
  override name = 'EdgeMapError';
}

function tool(name: string): string {
  for (const c of [`${name}-14`, `/usr/lib/llvm-14/bin/${name}`]) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return c;
  }
  throw new EdgeMapError(`${name}-14 not found (Debian package llvm-14, installed with clang-14): needed to map coverage edges to source lines`);
}

function output(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } });
  if (r.error || r.status !== 0) throw new EdgeMapError(`${cmd} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

interface Row { addr: number; line: number; file: string; end: boolean }

/** The line table rows, one array per sequence, from `llvm-dwarfdump --debug-line`. */
function lineSequences(text: string): Row[][] {
  const seqs: Row[][] = [];
  let dirs: string[] = [];
  let files: string[] = [];
  let pendingName: string | undefined;
  let cur: Row[] = [];
  for (const l of text.split('\n')) {
    let m: RegExpExecArray | null;
    if (l.startsWith('debug_line[')) { dirs = ['']; files = ['']; continue; }
    if ((m = /^include_directories\[\s*(\d+)\] = "(.*)"$/.exec(l))) { dirs[Number(m[1])] = m[2]; continue; }
    if ((m = /^\s+name: "(.*)"$/.exec(l))) { pendingName = m[1]; continue; }
    if ((m = /^\s+dir_index: (\d+)$/.exec(l)) && pendingName !== undefined) {
      const d = dirs[Number(m[1])] ?? '';
      files.push(d ? `${d}/${pendingName}` : pendingName);
      pendingName = undefined;
      continue;
    }
    if ((m = /^0x([0-9a-f]{16})\s+(\d+)\s+\d+\s+(\d+)\s+\d+\s+\d+\s*(.*)$/.exec(l))) {
      const row = { addr: parseInt(m[1], 16), line: Number(m[2]), file: files[Number(m[3])] ?? '', end: /end_sequence/.test(m[4]) };
      cur.push(row);
      if (row.end) { seqs.push(cur); cur = []; }
    }
  }
  return seqs;
}

/** The source line of code address `addr`: its row's, or the next row's with a line. */
function lineAt(seqs: Row[][], addr: number): { file: string; line: number } {
  for (const s of seqs) {
    if (s.length === 0 || addr < s[0].addr || addr >= s[s.length - 1].addr) continue;
    let i = 0;
    while (i + 1 < s.length && s[i + 1].addr <= addr) i++;
    for (let j = i; j < s.length && !s[j].end; j++) if (s[j].line !== 0) return { file: s[j].file, line: s[j].line };
    return { file: s[i].file, line: 0 };
  }
  return { file: '', line: 0 };
}

/**
 * Reads the edge map of `wasm` (linked with DWARF). `sourceOf(file)` gives the text of a source
 * file as the module names it (undefined: not readable, its lines get no text).
 */
export function readEdgeMap(wasm: string, sourceOf: (file: string) => string | undefined): EdgeMapData {
  const dis = output(tool('llvm-objdump'), ['-d', wasm]).split('\n');
  let base = -1;
  let end = -1;
  const firstUse = new Map<number, { fn: string; addr: number }>();
  let fn = '';
  for (let i = 0; i < dis.length; i++) {
    const l = dis[i];
    const h = /^[0-9a-f]+ <(.+)>:$/.exec(l);
    if (h) {
      fn = h[1];
      if (fn.startsWith('sancov.module_ctor_bool_flag') && base < 0) {
        const consts = dis.slice(i + 1, i + 6).map((x) => /\ti64\.const\t(\d+)$/.exec(x)).filter((x): x is RegExpExecArray => x !== null);
        if (consts.length >= 2) { base = Number(consts[0][1]); end = Number(consts[1][1]); }
      }
      continue;
    }
    const m = /^\s+([0-9a-f]+):.*\ti32\.load8_u\t(\d+)$/.exec(l);
    if (m) {
      const flag = Number(m[2]);
      if (!firstUse.has(flag)) firstUse.set(flag, { fn, addr: parseInt(m[1], 16) });
    }
  }
  if (base < 0) throw new EdgeMapError(`${wasm}: no sancov.module_ctor_bool_flag: was it built with -fsanitize-coverage=inline-bool-flag?`);
  const seqs = lineSequences(output(tool('llvm-dwarfdump'), ['--debug-line', wasm]));
  const functions: string[] = [];
  const files: string[] = [];
  const indexOf = (list: string[], v: string) => { let i = list.indexOf(v); if (i < 0) { i = list.length; list.push(v); } return i; };
  const edges: [number, number, number][] = [];
  const lines: Record<string, string> = {};
  const texts = new Map<string, string[] | undefined>();
  for (let flag = base; flag < end; flag++) {
    const use = firstUse.get(flag);
    if (!use) throw new EdgeMapError(`${wasm}: coverage flag ${flag - base} (address ${flag}) is never tested by the code: the edge map cannot name it`);
    const at = lineAt(seqs, use.addr);
    edges.push([indexOf(functions, use.fn), indexOf(files, at.file), at.line]);
    if (at.line > 0) {
      if (!texts.has(at.file)) texts.set(at.file, sourceOf(at.file)?.split('\n'));
      const t = texts.get(at.file)?.[at.line - 1];
      if (t !== undefined) lines[`${at.file}:${at.line}`] = t;
    }
  }
  return { version: 1, base, count: end - base, functions, files, edges, lines };
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** `wasm` with a custom section appended (valid anywhere after the module's known sections). */
export function withCustomSection(wasm: Buffer, name: string, payload: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const body = Buffer.concat([Buffer.from(leb128(nameBytes.length)), nameBytes, payload]);
  return Buffer.concat([wasm, Buffer.from([0]), Buffer.from(leb128(body.length)), body]);
}

/** A source file the module names `file`: in `srcDir` when it is the revision's, else under `root`. */
export function sourceReader(root: string, srcDir: string, srcName: string): (file: string) => string | undefined {
  return (file) => {
    const inRevision = path.dirname(file) === srcName;
    const p = inRevision ? path.join(srcDir, path.basename(file)) : path.join(root, file);
    return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
  };
}

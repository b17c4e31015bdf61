/**
 * The coverage section of a fuzz report: the share of the adoption functions' edges the runs
 * reached, per function, and the lines with edges no run reached, read like gcov's `#####`
 * lines (with the source line's text, from the module's edge map: harness/kernel/coverage.ts).
 * An edge is a basic block of clang's instrumentation, at the line its code comes from; a block
 * with no code of its own (a return merged into the function's exit) sits at the line of the
 * branch that leads to it.
 *
 * The adoption functions are the revision's own C functions (not the shim's) named for the
 * series: `adopt`, `kdump` or `kexec` in the name (v1's arm_smmu_adopt_strtab*, v5..v7's
 * arm_smmu_kdump_*, latest's arm_smmu_kexec_*, arm_smmu_device_hw_probe_kdump's option
 * detection). Every driver function of the revision is counted too, on its own line.
 */
import type { EdgeMap } from '../kernel/coverage';
import { unreachableWhy } from './coverageWhy';

export const ADOPTION_FUNCTION = /adopt|kdump|kexec/;

export interface FunctionCoverage { name: string; file: string; reached: number; total: number }
export interface LineCoverage {
  file: string; line: number; text: string; reached: number; total: number;
  /** Why it cannot be reached in this simulator, when known (coverageWhy.ts). */
  why?: string;
  /** How many of its unreached edges that reason explains (the rest are reachable and missed). */
  outOfReach?: number;
}

export interface CoverageSummary {
  adoption: { reached: number; total: number };
  driver: { reached: number; total: number };
  functions: FunctionCoverage[];
  /** Unreached edges of the adoption functions on lines with a known reason (coverageWhy.ts). */
  outOfReach: number;
  /** Lines of the adoption functions with an edge no run reached (reached 0: the whole line). */
  lines: LineCoverage[];
}

/** A revision's own source file (not the shim's headers or driver_entry.c). */
const isDriverFile = (f: string) => /(^|\/)arm-smmu-v3[^/]*\.c$/.test(f) && !f.startsWith('harness/shim/');

export function coverageSummary(map: EdgeMap, reachedEdges: Iterable<number>): CoverageSummary {
  const hit = new Set(reachedEdges);
  const adoption = { reached: 0, total: 0 };
  const driver = { reached: 0, total: 0 };
  const fns = new Map<string, FunctionCoverage>();
  const lines = new Map<string, LineCoverage>();
  const whyEdges = new Map<LineCoverage, number | undefined>();
  map.edges.forEach(([fn, file, line], i) => {
    const f = map.files[file];
    if (!isDriverFile(f)) return;
    const name = map.functions[fn];
    const h = hit.has(i) ? 1 : 0;
    driver.total++; driver.reached += h;
    if (!ADOPTION_FUNCTION.test(name)) return;
    adoption.total++; adoption.reached += h;
    const fc = fns.get(name) ?? { name, file: f, reached: 0, total: 0 };
    fc.total++; fc.reached += h;
    fns.set(name, fc);
    const key = `${f}:${line}`;
    let lc = lines.get(key);
    if (!lc) {
      const text = map.lines[key] ?? '';
      lc = { file: f, line, text, reached: 0, total: 0 };
      const why = unreachableWhy(name, text);
      if (why) { lc.why = why.why; whyEdges.set(lc, why.edges); }
    }
    lc.total++; lc.reached += h;
    lines.set(key, lc);
  });
  const listed = [...lines.values()].filter((l) => l.reached < l.total);
  for (const l of listed) if (l.why) l.outOfReach = Math.min(l.total - l.reached, whyEdges.get(l) ?? Infinity);
  return {
    adoption, driver,
    outOfReach: listed.reduce((n, l) => n + (l.outOfReach ?? 0), 0),
    functions: [...fns.values()],
    lines: listed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
  };
}

const pct = (c: { reached: number; total: number }) => (c.total === 0 ? '-' : `${((100 * c.reached) / c.total).toFixed(1)}%`);

export function coverageText(s: CoverageSummary, runs: number): string[] {
  const out = [`coverage of the C (${runs} runs): edges reached ${s.adoption.reached}/${s.adoption.total} (${pct(s.adoption)}) of adoption functions; ` +
    `${s.driver.reached}/${s.driver.total} (${pct(s.driver)}) of all driver functions`];
  if (s.outOfReach > 0) {
    const reachable = { reached: s.adoption.reached, total: s.adoption.total - s.outOfReach };
    out.push(`  ${s.outOfReach} unreached edge(s) are out of reach in this simulator (why below): ${reachable.reached}/${reachable.total} (${pct(reachable)}) of the rest`);
  }
  const w = Math.max(0, ...s.functions.map((f) => f.name.length));
  for (const f of s.functions) out.push(`  ${f.name.padEnd(w)}  ${String(f.reached).padStart(3)}/${String(f.total).padEnd(3)} ${f.reached === f.total ? '' : pct(f)}`.trimEnd());
  if (s.lines.length > 0) {
    out.push('  edges of the adoption functions no run reached, by line (##### none of the line\'s edges ran; n/m: n of its m ran;');
    out.push('  a block with no code of its own, like a return merged into the exit, is listed at the branch that leads to it):');
    for (const l of s.lines) {
      out.push(`  ${(l.reached === 0 ? '#####' : `${l.reached}/${l.total}`).padStart(5)} ${l.file}:${l.line}: ${l.text.trim()}`);
      if (l.why) {
        const missed = l.total - l.reached - (l.outOfReach ?? 0);
        out.push(`        out of reach here${missed > 0 ? ` (${l.outOfReach} of its ${l.total - l.reached} unreached edges; ${missed} reachable, missed)` : ''}: ${l.why}`);
      }
    }
  }
  return out;
}

export function coverageJson(s: CoverageSummary) {
  return {
    adoption_edges: s.adoption,
    out_of_reach_edges: s.outOfReach,
    driver_edges: s.driver,
    functions: s.functions,
    unreached_lines: s.lines.map((l) => ({ file: l.file, line: l.line, text: l.text, edges_reached: l.reached, edges: l.total, out_of_reach: l.why ?? null, out_of_reach_edges: l.outOfReach ?? 0 })),
  };
}

/**
 * Edge coverage of the driver C: which edges (clang's inline-bool-flag basic blocks) a run
 * reached. The flags live in the module's data and are set by the C itself; the map of what
 * each one stands for (function, file, line) is the module's `smmu.coverage` custom section,
 * written at build time (harness/build/edgeMap.ts). A module built before that has no map and
 * reports no edges.
 *
 * The edges a run reached travel beside its Outcome, not in it (edgesOf): the engine reads
 * them to guide generation, the properties never see them.
 */

export const EDGE_MAP_SECTION = 'smmu.coverage';

/** What the module says about its edges (harness/build/edgeMap.ts EdgeMapData). */
export interface EdgeMap {
  base: number;
  count: number;
  functions: string[];
  files: string[];
  /** Per edge index: [function, file, line]. */
  edges: [number, number, number][];
  /** "file:line" -> source text. */
  lines: Record<string, string>;
}

const maps = new WeakMap<WebAssembly.Module, EdgeMap | null>();

/** The module's edge map, or undefined when it was built without coverage (or is no module). */
export function edgeMapOf(module: WebAssembly.Module): EdgeMap | undefined {
  let m = maps.get(module);
  if (m === undefined) {
    let sections: ArrayBuffer[] = [];
    try {
      sections = WebAssembly.Module.customSections(module, EDGE_MAP_SECTION);
    } catch {
      // Not a compiled module (a test's stand-in revision): no edges to report.
    }
    m = sections.length > 0 ? (JSON.parse(Buffer.from(sections[0]).toString('utf8')) as EdgeMap) : null;
    maps.set(module, m);
  }
  return m ?? undefined;
}

/** The indexes of the flags set in `memory` (ascending). */
export function flagsSet(memory: WebAssembly.Memory, map: EdgeMap): number[] {
  const bytes = new Uint8Array(memory.buffer, map.base, map.count);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) out.push(i);
  return out;
}

/** The sanitizer runtime's one import: its constructor reports the flags' bounds, already in the map. */
export const coverageImports = { __sanitizer_cov_bool_flag_init: (): void => undefined };

const edgesByOutcome = new WeakMap<object, readonly number[]>();

/** Records the edges a run reached, beside its outcome. */
export function recordEdges(outcome: object, edges: readonly number[]): void {
  edgesByOutcome.set(outcome, edges);
}

/** The edge indexes the run of `outcome` reached (empty for a module without coverage). */
export function edgesOf(outcome: object): readonly number[] {
  return edgesByOutcome.get(outcome) ?? [];
}

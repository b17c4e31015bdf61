/**
 * The mutants of a revision's adoption C, generated mechanically: every site of every operator
 * (operators.ts) in the adoption functions of each mutated unit, one mutant per site, each one
 * small change to one file. Identified by `file:line:operator` (with `#2`, `#3`... when the
 * same operator applies more than once on a line), in a deterministic order: unit, position,
 * operator.
 */
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, findSites, parseUnit, type MutationSite, type OperatorName } from './operators';

/**
 * What is mutated by default: the stream-table adoption of `latest` (SPEC.md: the adopt
 * functions and what they call to validate what they read), i.e. every function of
 * arm-smmu-v3-kdump.c and, in arm-smmu-v3-kexec.c, the geometry and L1 descriptor checks and
 * the scan that maps the adopted L2 tables. The ASID/VMID reservation helpers of kexec.c are
 * left out (`all` takes them too): they decide IDs, not mappings, which no property observes.
 */
export const ADOPTION_FUNCTIONS: Readonly<Record<string, readonly string[] | 'all'>> = {
  'arm-smmu-v3-kdump.c': 'all',
  'arm-smmu-v3-kexec.c': [
    'arm_smmu_kexec_parse_strtab_2lvl',
    'arm_smmu_kexec_parse_strtab_linear',
    'arm_smmu_kexec_check_strtab_l1_desc',
    'arm_smmu_kexec_scan_and_resv_ids',
  ],
};

export interface Mutant {
  /** `file:line:operator`, `#n` appended for the n-th (n >= 2) mutant with the same triple. */
  id: string;
  /** The unit's file name (a file of the revision's directory). */
  file: string;
  line: number;
  operator: OperatorName;
  fn: string;
  description: string;
  /** The changed line(s) before and after, whitespace collapsed; after is '' for a deletion. */
  before: string;
  after: string;
  /** The whole mutated unit. */
  text: string;
}

/** The lines touched by the edits, in the original and in the mutant. */
function changedLines(src: string, site: MutationSite, text: string): { before: string; after: string } {
  const first = Math.min(...site.edits.map((e) => e.start));
  const last = Math.max(...site.edits.map((e) => e.end));
  const a = src.lastIndexOf('\n', first - 1) + 1;
  // A deletion of whole lines ends just after a newline: that newline ends the last line.
  const endNl = last > first && src[last - 1] === '\n' ? last - 1 : src.indexOf('\n', last);
  const b = endNl < 0 ? src.length : endNl;
  const delta = text.length - src.length;
  const collapse = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return { before: collapse(src.slice(a, b)), after: collapse(text.slice(a, Math.max(a, b + delta))) };
}

/** The mutants of one unit's text; `only`: the functions to mutate (default all). */
export function mutantsOfUnit(file: string, src: string, only?: readonly string[]): Mutant[] {
  const unit = parseUnit(src);
  const seen = new Map<string, number>();
  return findSites(unit, only).map((site) => {
    const text = applyEdits(src, site.edits);
    const key = `${file}:${site.line}:${site.operator}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { id: n === 1 ? key : `${key}#${n}`, file, line: site.line, operator: site.operator, fn: site.fn, description: site.description, ...changedLines(src, site, text), text };
  });
}

/**
 * The mutants of a revision directory's units, `scope` naming the functions per file (default
 * ADOPTION_FUNCTIONS), in the order of `scope`'s keys.
 */
export function generateMutants(revisionDir: string, scope: Readonly<Record<string, readonly string[] | 'all'>> = ADOPTION_FUNCTIONS): Mutant[] {
  const out: Mutant[] = [];
  for (const [file, fns] of Object.entries(scope)) {
    const p = path.join(revisionDir, file);
    if (!fs.existsSync(p)) throw new Error(`mutation scope names ${file}, but ${revisionDir} has no such file`);
    const src = fs.readFileSync(p, 'utf8');
    if (fns !== 'all') {
      const have = new Set(parseUnit(src).functions.map((f) => f.name));
      const missing = fns.filter((f) => !have.has(f));
      if (missing.length) throw new Error(`${file}: no function ${missing.join(', ')} (the mutation scope is out of date)`);
    }
    out.push(...mutantsOfUnit(file, src, fns === 'all' ? undefined : fns));
  }
  return out;
}

/** Every function of every scoped file: ADOPTION_FUNCTIONS widened to whole files. */
export function wholeFiles(scope: Readonly<Record<string, unknown>> = ADOPTION_FUNCTIONS): Record<string, 'all'> {
  return Object.fromEntries(Object.keys(scope).map((f) => [f, 'all' as const]));
}

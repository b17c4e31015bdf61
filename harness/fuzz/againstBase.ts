/**
 * A revision built from a path, judged against its base as a per-property diff:
 *   fixed  the base fails this way and the revision holds, on the same scenarios;
 *   broke  the revision fails this way and the base does not (nor does the corpus record it
 *          for the base): a new signature, the only thing that fails the run;
 *   kept   both fail this way (or the corpus records it for the base).
 */
export interface SignatureRuns {
  signature: string;
  runs: number;
  /** Where it was first seen: a run index (fuzz) or a corpus file (replay). */
  first: number | string;
}

export interface PropertyDiff {
  property: string;
  fixed: SignatureRuns[];
  broke: SignatureRuns[];
  kept: SignatureRuns[];
}

export interface Judged {
  property: string;
  signature: string;
  runs: number;
  first: number | string;
}

export function diffAgainstBase(
  properties: readonly string[], broke: readonly Judged[], kept: readonly Judged[], fixed: readonly Judged[],
): PropertyDiff[] {
  const of = (xs: readonly Judged[], p: string) =>
    xs.filter((x) => x.property === p).map(({ signature, runs, first }) => ({ signature, runs, first }));
  return properties.map((p) => ({ property: p, fixed: of(fixed, p), broke: of(broke, p), kept: of(kept, p) }));
}

export function diffText(base: string, diffs: readonly PropertyDiff[], scenarios: string): string[] {
  const total = (k: 'fixed' | 'broke' | 'kept') => diffs.reduce((n, d) => n + d[k].length, 0);
  const lines = [`against the base ${base} (run on the same ${scenarios}): ` +
    `fixed ${total('fixed')}, broke ${total('broke')}, kept ${total('kept')} signature(s)`];
  const width = Math.max(...diffs.map((d) => d.property.length), 8);
  for (const d of diffs) {
    lines.push(`  ${d.property.padEnd(width)}  fixed ${d.fixed.length}, broke ${d.broke.length}, kept ${d.kept.length}`);
    for (const [k, xs] of [['fixed', d.fixed], ['broke', d.broke], ['kept', d.kept]] as const) {
      for (const x of xs) {
        // Fixed on some scenarios and kept on others: partly fixed, said so on both lines.
        const partly = (k === 'fixed' && d.kept.some((y) => y.signature === x.signature)) ||
          (k === 'kept' && d.fixed.some((y) => y.signature === x.signature)) ? '; partly fixed: fixed on some scenarios, kept on others' : '';
        lines.push(`      ${k.padEnd(5)}  ${x.signature} (${x.runs} run${x.runs === 1 ? '' : 's'}, first ${typeof x.first === 'number' ? `at run ${x.first}` : `in ${x.first}`}${partly})`);
      }
    }
  }
  return lines;
}

export function diffJson(base: string, diffs: readonly PropertyDiff[]) {
  const sig = (x: SignatureRuns) => ({ signature: x.signature, runs: x.runs, first: x.first });
  return {
    base,
    properties: diffs.map((d) => ({ property: d.property, fixed: d.fixed.map(sig), broke: d.broke.map(sig), kept: d.kept.map(sig) })),
  };
}

/**
 * PROVENANCE.md of an assembled revision: where every line of its C came
 * from, for a reviewer who wants to check a verdict against the patch.
 */
import { AssembledRevision, DRIVER_C, DRIVER_H, hunkLines, patchTitle } from './assembleRevision';

export function provenanceMarkdown(rev: AssembledRevision, notes: readonly string[] = []): string {
  const out: string[] = [];
  out.push(`# Revision \`${rev.name}\``, '', rev.description, '');
  out.push('Assembled mechanically by `harness/revisions/assemble.ts` (`npm run assemble`); do not edit.', '');
  for (const n of notes) out.push(n, '');

  out.push('## Base', '');
  for (const s of rev.base.sources) out.push(`- \`${s}\``);
  for (const d of rev.base.dropped) out.push(`- left out: ${d}`);
  out.push('');

  out.push('## Patches', '', 'Applied in this order with GNU patch `--fuzz=3` (`-p5` for mails, `-p1` for ours).');
  out.push("patch's report of each hunk is quoted verbatim.", '');
  for (const p of rev.patches) {
    out.push(`### ${p.applied ? '' : 'SKIPPED: '}${patchTitle(p)}`, '');
    if (!p.applied) {
      out.push(`Optional (its other hunks touch functions outside the excerpts); not applied because: ${p.skipped}`, '');
      continue;
    }
    for (const file of [DRIVER_C, DRIVER_H]) {
      const lines = hunkLines(p, file);
      const left = (p.hunksNotCarried ?? []).filter((l) => l.startsWith(`${file} `));
      if (lines.length === 0 && left.length === 0) continue;
      out.push(`\`${file}\`:`, '');
      for (const l of lines) out.push(`- ${l}`);
      for (const l of left) out.push(`- NOT CARRIED: ${l.slice(file.length + 1)}`);
      out.push('');
    }
  }

  out.push('## Extracted functions', '', `By brace matching, whole, in file order, into \`${DRIVER_C}\`:`, '');
  for (const f of rev.functions) out.push(`- \`${f}()\``);
  out.push('');
  if (rev.units.length > 0) {
    out.push('## Translation units of their own', '', 'Copied verbatim:', '');
    for (const u of rev.units) out.push(`- \`${u.as}\` = \`../shared/revisions/${u.from}\``);
    out.push('');
  }
  return out.join('\n');
}

/** --list: revisions then properties, one line each with its description (whitespace folded). */
import type { Harness } from '../fuzz/harness';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function listDocument(h: Harness) {
  const def = h.defaultRevision;
  return {
    revisions: h.listRevisions().map((r) => ({
      name: r.name, description: oneLine(r.description), default: r.name === def, mutant: r.mutant === true,
      not_carried: r.not_carried ?? [],
    })),
    properties: h.loadProperties().map((p) => ({ name: p.name, description: oneLine(p.description) })),
    default_revision: def,
  };
}

export function listText(h: Harness): string {
  const doc = listDocument(h);
  const width = Math.max(8, ...doc.revisions.map((r) => r.name.length), ...doc.properties.map((p) => p.name.length)) + 2;
  const lines = ['revisions:'];
  for (const r of doc.revisions) {
    lines.push(`  ${r.name.padEnd(width)}${r.default ? '(default) ' : ''}${r.mutant ? '(mutant) ' : ''}${r.description}`);
    // What of the posted series this revision does not carry, and why: no silent gap.
    if (!r.mutant) for (const n of r.not_carried) lines.push(`  ${' '.repeat(width)}  not carried: ${n}`);
  }
  if (!doc.revisions.some((r) => r.default)) lines.push(`  (default: ${doc.default_revision})`);
  lines.push('properties:');
  for (const p of doc.properties) lines.push(`  ${p.name.padEnd(width)}${p.description}`);
  return lines.join('\n') + '\n';
}

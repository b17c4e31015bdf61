/** FINDINGS.md (pasted into README) and the catalogue the tests run must say the same thing. */
import * as fs from 'fs';
import * as path from 'path';
import { FINDINGS, type Rev } from './_catalog';

const md = fs.readFileSync(path.join(__dirname, 'FINDINGS.md'), 'utf8');
const rows = md.split('\n').filter((l) => /^\| (v6|v7|latest)/.test(l));

describe('FINDINGS.md', () => {
  test.each(FINDINGS.map((f) => [f.id, f] as const))('has a row for %s with its revisions, property and signatures', (_id, f) => {
    const revs = (['v6', 'v7', 'latest'] as Rev[]).filter((r) => f.fails[r]);
    const hit = rows.filter(
      (r) => r.startsWith(`| ${revs.join(', ')} | ${f.property} |`) && revs.every((rev) => r.includes(`\`${f.fails[rev]}\``)),
    );
    expect(hit.length).toBeGreaterThan(0);
  });

  test('README.md carries the same table', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(rows.filter((r) => !readme.includes(r))).toEqual([]);
  });

  test('every signature in the table is one the tests assert', () => {
    const known = new Set(FINDINGS.flatMap((f) => Object.values(f.fails)));
    const inTable = rows.flatMap((r) => [...r.matchAll(/`([a-z-]+:[^`@]+@[^`]+)`/g)].map((m) => m[1]));
    expect(inTable.filter((s) => !known.has(s))).toEqual([]);
  });
});

/** Runs the catalogue entries of one revision: it must fail, with that signature among the
 *  failures its verdict carries (a verdict reports every distinct failure of a run, so a finding
 *  need not be the first); the revisions that pass the same scenario for that property must pass. */
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import type { Scenario, Verdict } from '../../harness/scenario/types';
import { loadProperties } from '../../properties';
import { failuresOf } from '../../harness/cli/evaluate';
import { failsWith, findingsOf, passesOf, type Finding, type Rev } from './_catalog';

const properties = loadProperties();

export function verdict(rev: Rev, property: string, scenario: Scenario): Verdict {
  const p = properties.find((x) => x.name === property);
  if (!p) throw new Error(`no property ${property}`);
  return p.check(runWithBaseline(loadRevision(rev), scenario));
}

function caseOf(rev: Rev, f: Finding): void {
  const signature = failsWith(f, rev);
  describe(`${rev}: ${f.title}`, () => {
    test(`${rev} fails ${f.property} with ${signature}`, () => {
      const v = verdict(rev, f.property, f.scenario());
      const found = failuresOf(v).find((x) => x.signature === signature);
      expect(failuresOf(v).map((x) => x.signature)).toContain(signature);
      for (const s of f.messageHas) expect(found?.message).toContain(s);
    });
    for (const other of passesOf(f)) {
      test(`${other} passes ${f.property} on the same scenario`, () => {
        expect(verdict(other, f.property, f.scenario())).toEqual({ ok: true });
      });
    }
  });
}

export function describeFindings(rev: Rev): void {
  const list = findingsOf(rev);
  test(`${rev} has recorded findings`, () => expect(list.length).toBeGreaterThan(0));
  for (const f of list) caseOf(rev, f);
}

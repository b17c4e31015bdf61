/**
 * The review claims, ruled on by running the C (harness/claims). Each ruling is computed from the
 * runs; this test pins what it must be, so a change of the C, of the simulator or of a judge that
 * flips a ruling shows up here, with the claim's id.
 */
import { CLAIMS, claimById } from '../../harness/claims/catalog';
import { claimsCommand } from '../../harness/claims/command';
import type { Ruling } from '../../harness/claims/claim';
import { ruleOn } from '../../harness/claims/rule';
import { UsageError } from '../../harness/errors';
import type { Io } from '../../harness/cli/io';
import { loadRevision, runScenario } from '../../harness/scenario/api';

const EXPECTED: Record<string, Ruling> = {
  'coherency-warn-redundant': 'confirmed',
  'devm-memremap-mix': 'refuted',
  'l1-dma-unset': 'not decidable here',
  'kcalloc-failure-leaks-l1tab': 'refuted',
  'span-error-leaks': 'refuted',
  'max-log2size-branch-unreachable': 'refuted',
  'ste-dma-unset': 'not decidable here',
  'cleanup-reads-register': 'confirmed',
  'linear-clears-2lvl-feature': 'confirmed',
  'base-address-may-be-broken': 'confirmed',
  'vmids-asids-must-be-reserved': 'confirmed',
};

test('every claim of the seed review and of the v7 cover thread has a pinned ruling', () => {
  expect(CLAIMS.map((c) => c.id).sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(CLAIMS.map((c) => [c.id, c] as const))('%s', (id, claim) => {
  const r = ruleOn(claim);
  test(`is ruled ${EXPECTED[id]}`, () => {
    expect(r.judgement.ruling).toBe(EXPECTED[id]);
  });
  test('says why, and shows evidence from the runs', () => {
    expect(r.judgement.why.length).toBeGreaterThan(40);
    expect(r.judgement.evidence.length).toBeGreaterThanOrEqual(claim.runs.length);
    // Every run is named in the evidence by its headline.
    for (const run of claim.runs) expect(r.judgement.evidence.some((e) => e.startsWith(`${run.label}:`))).toBe(true);
  });
});

describe('the rulings follow the runs (a judge cannot be a constant)', () => {
  test('cleanup-reads-register: the same judge on v7 outcomes refutes the claim', () => {
    const c = claimById('cleanup-reads-register')!;
    const v7 = runScenario(loadRevision('v7'), c.runs.find((r) => r.revision === 'v7')!.scenario);
    expect(c.judge({ v6: v7, v7 }).ruling).toBe('refuted');
  });
  test('linear-clears-2lvl-feature: v7 outcomes in place of v6 refute it', () => {
    const c = claimById('linear-clears-2lvl-feature')!;
    const v7 = runScenario(loadRevision('v7'), c.runs.find((r) => r.revision === 'v7')!.scenario);
    expect(c.judge({ v6: v7, v7 }).ruling).toBe('refuted');
  });
  test('vmids-asids-must-be-reserved: latest in place of v6 and v7 refutes it', () => {
    const c = claimById('vmids-asids-must-be-reserved')!;
    const latest = runScenario(loadRevision('latest'), c.runs[0].scenario);
    expect(c.judge({ v6: latest, v7: latest, latest }).ruling).toBe('refuted');
  });
  test('kcalloc-failure-leaks-l1tab: without the injected fault there is nothing to decide', () => {
    const c = claimById('kcalloc-failure-leaks-l1tab')!;
    const noFault = runScenario(loadRevision('v6'), { ...c.runs[0].scenario, faults: [] });
    expect(c.judge({ v6: noFault }).ruling).toBe('not decidable here');
  });
});

describe('npm run claims', () => {
  const io = () => {
    const out: string[] = [];
    const io: Io = { out: (s) => void out.push(s), err: (s) => void out.push(s), errIsTTY: false, env: {}, cwd: process.cwd() };
    return { out, io };
  };
  test('prints one ruling per claim asked for, and a count', async () => {
    const o = io();
    expect(await claimsCommand(['span-error-leaks'], o.io)).toBe(0);
    const text = o.out.join('');
    expect(text).toContain('span-error-leaks: REFUTED');
    expect(text).toContain('log (probe): kdump: L1[1] unsupported span 10 (vs 9)');
    expect(text).toContain('1 claims: 0 confirmed, 1 refuted, 0 not decidable here');
  });
  test('--json is one document', async () => {
    const o = io();
    await claimsCommand(['--json', 'l1-dma-unset'], o.io);
    const doc = JSON.parse(o.out.join(''));
    expect(doc.claims).toHaveLength(1);
    expect(doc.claims[0]).toMatchObject({ id: 'l1-dma-unset', ruling: 'not decidable here' });
  });
  test('an unknown claim is a usage error naming the known ones', async () => {
    await expect(claimsCommand(['no-such-claim'], io().io)).rejects.toThrow(UsageError);
    await expect(claimsCommand(['no-such-claim'], io().io)).rejects.toThrow(/Known claims: coherency-warn-redundant/);
  });
  test('an unknown flag is a usage error', async () => {
    await expect(claimsCommand(['--bogus'], io().io)).rejects.toThrow(UsageError);
  });
});

describe('the unset *_dma claims follow the field', () => {
  test('l1-dma-unset on v5 (which populates l1_dma) is refuted', () => {
    const c = claimById('l1-dma-unset')!;
    const v5 = runScenario(loadRevision('v5'), c.runs[0].scenario);
    expect(v5.after_probe?.strtab_cfg.l1_dma).not.toBe(0n);
    expect(c.judge({ v6: v5 }).ruling).toBe('refuted');
  });
});

/**
 * The read budget (harness/kernel/readBudget.ts): a run may read 128 MiB of its mappings; past
 * that it ends as a harness limit (no verdict, said as such), and the environment variable that
 * moves the bound is checked like a flag.
 */
import { MachineFault } from '../../harness/kernel/addressSpace';
import { DEFAULT_READ_BUDGET_MIB, READ_BUDGET_ENV, readBudgetMib } from '../../harness/kernel/readBudget';
import { CRASHED_STRTAB_BASE } from '../../harness/kernel/ramMap';
import { UsageError } from '../../harness/errors';
import { loadRevision, runWithBaseline } from '../../harness/scenario/api';
import { harnessLimitOf } from '../../harness/fuzz/harnessLimit';
import type { Scenario } from '../../harness/scenario/types';
import { bareMachine } from './_memory';

const MiB = 1024 * 1024;

function scanFrom(va: number, bytes: number, aspace: ReturnType<typeof bareMachine>['aspace']): void {
  for (let off = 0; off < bytes; off += 4096) aspace.access(va + off, 8, false);
}

describe('read budget', () => {
  test('a whole-window scan reads up to the budget, and the next page is a harness limit naming the site, the mapping and the knob', () => {
    const { aspace, ledger } = bareMachine();
    const size = 2n << 30n;
    const e = ledger.acquire({ kind: 'memremap', addr: 0n, size, pa: CRASHED_STRTAB_BASE, site: 'test', line: 1, acquired_at: 1, phase: 'probe' });
    const w = aspace.mapWindow(CRASHED_STRTAB_BASE, size, e.id);
    scanFrom(w.va, DEFAULT_READ_BUDGET_MIB * MiB, aspace);
    let caught: unknown;
    try { aspace.access(w.va + DEFAULT_READ_BUDGET_MIB * MiB, 8, false); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(MachineFault);
    const f = caught as MachineFault;
    expect(f.kind).toBe('harness-limit');
    expect(f.message).toContain('in test_site');
    expect(f.message).toContain(`offset 0x${(DEFAULT_READ_BUDGET_MIB * MiB).toString(16)} of a 2147483648-byte memremap of 0x100000000 from test)`);
    expect(f.message).toContain(`${READ_BUDGET_ENV}=4096`);
  });

  test('reads far apart in a large mapping cost only their pages: no limit', () => {
    const { aspace, ledger } = bareMachine();
    const size = 2n << 30n;
    const e = ledger.acquire({ kind: 'memremap', addr: 0n, size, pa: CRASHED_STRTAB_BASE, site: 'test', line: 1, acquired_at: 1, phase: 'probe' });
    const w = aspace.mapWindow(CRASHED_STRTAB_BASE, size, e.id);
    for (let k = 0; k < 64; k++) aspace.access(w.va + k * 32 * MiB, 8, false);
    expect(() => aspace.access(w.va + Number(size) - 8, 8, false)).not.toThrow();
  });

  test('reset() gives the next run the whole budget again', () => {
    const { aspace, ledger } = bareMachine();
    const size = BigInt(DEFAULT_READ_BUDGET_MIB * MiB);
    for (let run = 0; run < 2; run++) {
      const e = ledger.acquire({ kind: 'memremap', addr: 0n, size, pa: CRASHED_STRTAB_BASE, site: 'test', line: 1, acquired_at: 1, phase: 'probe' });
      const w = aspace.mapWindow(CRASHED_STRTAB_BASE, size, e.id);
      expect(() => scanFrom(w.va, Number(size), aspace)).not.toThrow();
      aspace.reset();
      ledger.reset();
    }
  });

  test("on the C: latest's ID scan of a 2 GiB linear table (2^25 STEs) is a harness limit in arm_smmu_kexec_resv_ste_ids, not a verdict", () => {
    const scenario: Scenario = {
      hardware: { sid_bits: 25, two_level: false, coherent: true }, kdump: true,
      crashed: { smmuen: true, sfm_err: false, table: { fmt: 'linear', base: CRASHED_STRTAB_BASE, log2size: 25, attached: [1, 33554431] } },
      corruption: [], dma: [], faults: [], inserts: [], teardown: { policy: 'zero', garbage_seed: 0 },
    } as unknown as Scenario;
    const limit = harnessLimitOf(runWithBaseline(loadRevision('latest'), scenario));
    expect(limit?.of).toBe('run');
    expect(limit?.where).toBe('arm_smmu_kexec_resv_ste_ids');
    // The message names the function reading (as the summary groups it), and the mapping's maker
    // apart: the C's last kernel call was the adoption's memremap of the table.
    expect(limit?.message).toMatch(/^read budget: in arm_smmu_kexec_resv_ste_ids, the C has read 128 MiB of mappings in this run /);
    expect(limit?.message).toMatch(/of a 2147483648-byte memremap of 0x100000000 from arm_smmu_kdump_adopt_strtab_linear\)/);
  });

  describe(`${READ_BUDGET_ENV}`, () => {
    test('unset or empty: the default', () => {
      expect(readBudgetMib({})).toBe(DEFAULT_READ_BUDGET_MIB);
      expect(readBudgetMib({ [READ_BUDGET_ENV]: '' })).toBe(DEFAULT_READ_BUDGET_MIB);
    });
    test('a whole number of MiB from 1 to 4096', () => {
      expect(readBudgetMib({ [READ_BUDGET_ENV]: '4096' })).toBe(4096);
      expect(readBudgetMib({ [READ_BUDGET_ENV]: ' 16 ' })).toBe(16);
    });
    test.each(['0', '4097', '1.5', '-3', 'lots', '0x80', '1e3'])('%s is a usage error naming the variable, the value and the fix', (v) => {
      expect(() => readBudgetMib({ [READ_BUDGET_ENV]: v })).toThrow(UsageError);
      expect(() => readBudgetMib({ [READ_BUDGET_ENV]: v })).toThrow(new RegExp(`^${READ_BUDGET_ENV}="${v.replace(/[.+-]/g, '\\$&')}": not a whole number[^]*fix: `));
    });
  });
});

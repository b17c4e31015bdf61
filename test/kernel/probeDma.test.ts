/**
 * In-flight DMA between the steps of probe (DmaWrite.during_probe) and the xarray/IDA state the
 * runner reads back, on the real C: a write lands at its point of probe whether or not any insert
 * follows, the adopted table's memory is captured before it, and latest's failed reservation scan
 * finds (xa_for_each up to ULONG_MAX) and erases the ASIDs it reserved.
 */
import { CRASHED_CD_BASE, CRASHED_L2_BASE } from '../../harness/kernel/ramMap';
import { loadRevision, runScenario } from '../../harness/scenario/api';
import type { DmaWrite, Scenario } from '../../harness/scenario/types';
import { describeScenario } from '../../harness/report/scenario';
import { intactTwoLevel, withFaults } from '../../harness/stories/intact';

const v6 = loadRevision('v6');
const latest = loadRevision('latest');

/** L1[1] (SIDs 0x100..0x1ff) rewritten by a device to SPAN 10. */
const spanChange = (at: Pick<DmaWrite, 'during_probe'> | { before_insert: number }): DmaWrite =>
  ({ kind: 'l1:span', target: 'l1', idx: 1, op: 'set', value: CRASHED_L2_BASE | 10n, ...at }) as DmaWrite;

function story(dma: DmaWrite[]): Scenario {
  return { ...intactTwoLevel(16, [0x100]), dma };
}

describe('DMA writes during probe', () => {
  test.each(['after_init', 'after_reset'] as const)('%s: the insert after probe already sees the rewritten descriptor', (at) => {
    const o = runScenario(v6, story([spanChange({ during_probe: at })]));
    expect(o.coverage).toContain(`dma:${at}`);
    expect(o.inserts[0].l1_desc_before).toBe(CRASHED_L2_BASE | 10n);
  });

  test('after_init lands even when probe then fails (no insert ever runs); before_insert 0 does not', () => {
    const failing = (d: DmaWrite) => withFaults(story([d]), { site: 'kshim_add_disable_action:devm_add_action', nth: 1 });
    expect(runScenario(v6, failing(spanChange({ during_probe: 'after_init' }))).coverage).toContain('dma:after_init');
    const o = runScenario(v6, failing(spanChange({ before_insert: 0 })));
    expect(o.probe_ret).not.toBe(0);
    expect(o.coverage.filter((c) => c.startsWith('dma:'))).toEqual([]);
  });

  test('the memory captured after init is the one before the write', () => {
    const o = runScenario(v6, story([spanChange({ during_probe: 'after_init' })]));
    const page = o.memory_after_init!.pages.find((p) => p.pfn === 0x100000000n >> 12n)!;
    expect(new DataView(page.bytes.buffer).getBigUint64(8, true)).toBe(CRASHED_L2_BASE | 9n);
  });

  test('the report says where in probe the write lands', () => {
    const text = describeScenario(story([spanChange({ during_probe: 'after_init' })])).join('\n');
    expect(text).toContain('[0] during probe, after arm_smmu_init_structures() (before the RMR bypass STEs and the reset): l1:span: L1[1]');
  });
});

describe('reservations read back from the xarray/IDA models', () => {
  test("latest: a failed scan erases the ASIDs it reserved (xa_for_each to ULONG_MAX finds them) and destroys vmid_map", () => {
    const s = intactTwoLevel(16, [0x100, 0x101]);
    s.crashed.table.s1_contexts = [{ sid: 0x101, cdtab: CRASHED_CD_BASE, s1cdmax: 1, cds: [{ ssid: 0, asid: 7 }, { ssid: 1, asid: 0 }] }];
    const o = runScenario(latest, s);
    expect(o.adopted).toBe(false);
    expect(o.trace.filter((t) => t.call === 'xa_erase').map((t) => t.args)).toEqual([expect.stringMatching(/, 7$/)]);
    expect(o.reservations!.after_init).toEqual({ asids: [], vmids: [] });
  });
});

import { formatFailure } from '../../harness/report/failure';
import { findingJson, stringifyDocument } from '../../harness/report/json';
import { describeTrace } from '../../harness/report/outcome';
import { describeScenario } from '../../harness/report/scenario';
import { simpleScenario } from '../corpus/scenarioArb';
import { fakeOutcome } from '../cli/fakes';

const s = simpleScenario();
const outcome = fakeOutcome('v6', s, {
  warnings: [{ file: 'arm-smmu-v3.c', line: 4242, cond: 'l1_desc_span != STRTAB_SPLIT + 1', phase: 'insert', step: 12 }],
});
const baseline = fakeOutcome('mainline', { ...s, kdump: false });

describe('failure report', () => {
  test('decodes the scenario in kernel terms', () => {
    const text = describeScenario(s).join('\n');
    expect(text).toContain('IDR1.SIDSIZE sid_bits=16, 2-level stream table supported, coherent');
    expect(text).toContain('CR0.SMMUEN=1 GERROR.SFM_ERR=0; 2-level stream table at PA 0x100000000, LOG2SIZE 16');
    expect(text).toContain('STRTAB_BASE     0x4000000100000000 (RA=1 ADDR=0x100000000)');
    expect(text).toContain('STRTAB_BASE_CFG 0x10210 (FMT=2-level SPLIT=8 LOG2SIZE=16)');
    expect(text).toContain('attached        SID 0x0 (L1[0]), SID 0x105 (L1[1])');
    expect(text).toContain('L1[0]           0x100100009 (SPAN=9 (256 STEs) L2PTR=0x100100000) -> 16 KiB L2 table');
    expect(text).toContain('L1[1]           0x100104009 (SPAN=9 (256 STEs) L2PTR=0x100104000)');
    expect(text).toContain('[0] l1:span: L1[1] (SID 0x100..) set 0x10010401f (SPAN=31 (reserved) L2PTR=0x100104000)');
    expect(text).toContain('[0] before insert #1 (SID 0x105): bitflip: STRTAB_BASE_CFG xor 0x1 (flips LOG2SIZE) -> 0x10211 (FMT=2-level SPLIT=8 LOG2SIZE=17)');
    expect(text).toContain('[0] fail the 2nd call of dmam_alloc_coherent() in arm_smmu_init_l2_strtab()');
    expect(text).toContain('[1] SID 0x105 (L1[1], STE 5)');
    expect(text).toContain('registers read back as "garbage" (garbage_seed 7)');
  });

  test('has why, trace, dmesg, ledger, seed/path and the commands to reproduce', () => {
    const text = formatFailure({
      property: 'no-leaked-mappings', revision: 'v6', revisionArg: 'v6', signature: 'memremap leaked',
      message: 'memremap of the L1 table never released', status: 'new', scenario: s,
      context: { scenario: s, outcome, baseline }, path: '17:0:3', shrinkSteps: 2,
      file: 'corpus/0123456789abcdef.json', seed: { value: 42 }, index: 17, savedNote: 'saved to corpus/0123456789abcdef.json',
    });
    expect(text).toMatch(/^=+\nFAIL no-leaked-mappings on v6 \(new\)\n  why: {7}memremap of the L1 table never released/);
    expect(text).toContain('-- scenario (shrunk in 2 steps)');
    expect(text).toContain('  [   probe] arm-smmu-v3: kdump: adopting 2lvl stream table');
    expect(text).toContain('  [  insert] WARNING: at arm-smmu-v3.c:4242 WARN_ON(l1_desc_span != STRTAB_SPLIT + 1)');
    expect(text).toContain('  leak: memremap of the L1 table never released (teardown, step 20)');
    expect(text).toContain('#1 memremap 2 KiB at 0x40000000 PA 0x100000000, acquired in arm_smmu_kdump_adopt_strtab:42 (probe, step 3), never released');
    expect(text).toContain('seed 42, path 17:0:3');
    expect(text).toContain('npm run replay -- corpus/0123456789abcdef.json --revision v6');
    expect(text).toContain('npm run fuzz -- --seed 42 --revision v6 --property no-leaked-mappings --runs 18');
  });

  test('a long trace keeps head and tail and says how many calls were left out', () => {
    const long = fakeOutcome('v6', { ...s, inserts: Array(10).fill(0) });
    const lines = describeTrace(long, 20);
    expect(long.trace).toHaveLength(303);
    expect(lines).toHaveLength(21);
    expect(lines[5]).toBe('  ... 283 more calls (of 303; all of them in --json) ...');
    expect(lines[20]).toContain('#302 readl');
  });

  test('JSON: bigints as hex strings, text seeds quoted in the reproduce commands', () => {
    const doc = JSON.parse(stringifyDocument(findingJson({
      property: 'p', signature: 's', message: 'm', status: 'new', revisionArg: 'patches/fix v2.patch',
      seed: { value: 5, text: "it's nightly" }, index: 3, scenario: s, outcome,
    })));
    expect(doc.scenario.crashed.table.l2_base).toBe('0x100100000');
    expect(doc.outcome.violations[0].kind).toBe('leak');
    expect(doc.outcome.ledger[0].size).toBe("0x800");
    expect(doc.reproduce).toEqual([`npm run fuzz -- --seed 'it'\\''s nightly' --revision 'patches/fix v2.patch' --property p --runs 4`]);
  });
});

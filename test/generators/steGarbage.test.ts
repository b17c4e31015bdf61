import fc from 'fast-check';
import { STE_WORD_BOUNDARIES, steGarbage } from '../../generators';
import { U64_MAX, crashedL2Tables } from '../../generators/_internals/kernel';
import { CTX, SEED, labelsOf, missing, snapshotSample } from './_helpers';

describe('steGarbage()', () => {
  it('writes a word 0..7 of an STE that exists in the crashed kernel\'s memory', () => {
    for (const ctx of [CTX.twoLevel16, CTX.twoLevel32, CTX.linear8, CTX.linear16]) {
      const l1s = crashedL2Tables(ctx.table).map((t) => t.l1_idx);
      fc.assert(
        fc.property(steGarbage(ctx), (m) =>
          m.target === 'ste' && m.kind === 'ste:garbage' && m.word >= 0 && m.word <= 7 && m.value >= 0n && m.value <= U64_MAX && (m.op === 'set' || m.value !== 0n) &&
          (ctx.table.fmt === '2lvl' ? l1s.includes(m.sid >>> 8) : m.sid < 2 ** ctx.hardware.sid_bits),
        ),
        { seed: SEED, numRuns: 200 },
      );
    }
  });

  it('reaches the boundary words, set and xor, and a linear table\'s first and last STE', () => {
    const seen = labelsOf(steGarbage(CTX.linear16), (m) => (m.target === 'ste' ? [`op:${m.op}`, `sid:${m.sid}`, `word:${m.word}`, m.op === 'set' ? `value:${m.value}` : ''] : []), 800);
    expect(missing(seen, ['op:set', 'op:xor', 'sid:0', 'sid:65535', 'sid:255', 'sid:256', 'word:0', 'word:7', ...STE_WORD_BOUNDARIES.map((v) => `value:${v}`)])).toEqual([]);
  });

  it('has nothing to write in a 2-level table without L2 tables', () => {
    expect(() => steGarbage(CTX.twoLevelEmpty)).toThrow(/nothing can be generated/);
  });

  it('no regression', () => {
    expect(snapshotSample(steGarbage(CTX.twoLevel16), 6)).toMatchSnapshot();
  });
});

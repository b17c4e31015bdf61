/**
 * Every committed corpus entry still decodes, re-encodes to exactly the scenario its file holds
 * (so its hash is unchanged), and an entry written before the probe-time DMA points and the S1
 * contexts existed keeps its DMA writes between inserts and its table without CDs: those later
 * additions leave old entries' meaning and replay as they were.
 */
import * as fs from 'fs';
import * as path from 'path';
import { encodeScenario } from '../../harness/corpus/codec';
import { loadCorpusDir } from '../../harness/corpus/load';

const CORPUS = path.join(__dirname, '..', '..', 'corpus');

describe('committed corpus entries decode as they were written', () => {
  const entries = loadCorpusDir(CORPUS);

  test('there are entries to check', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  test.each(entries.map((e) => [path.basename(e.file), e] as const))('%s', (_name, e) => {
    const onDisk = JSON.parse(fs.readFileSync(e.file, 'utf8')).scenario;
    expect(encodeScenario(e.entry.scenario)).toEqual(onDisk);
    // An entry written before probe-time DMA and S1 contexts existed (its file has neither field)
    // gets none of them from the decoder: its DMA stays between inserts, its table without CDs.
    onDisk.dma.forEach((d: Record<string, unknown>, i: number) => {
      if (!('during_probe' in d)) {
        expect(e.entry.scenario.dma[i].during_probe).toBeUndefined();
        expect(Number.isInteger(e.entry.scenario.dma[i].before_insert)).toBe(true);
      }
    });
    if (!('s1_contexts' in onDisk.crashed.table)) expect(e.entry.scenario.crashed.table.s1_contexts).toBeUndefined();
  });
});

/**
 * Every committed corpus entry still decodes, re-encodes to exactly the scenario its file holds
 * (so its hash is unchanged), and keeps its DMA writes between inserts: the probe-time DMA points
 * and the S1 contexts added to the Scenario later leave old entries' meaning and replay as they were.
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
    // Written before probe-time DMA and S1 contexts existed: none of them may appear.
    expect(e.entry.scenario.dma.every((d) => d.during_probe === undefined && Number.isInteger(d.before_insert))).toBe(true);
    expect(e.entry.scenario.crashed.table.s1_contexts).toBeUndefined();
  });
});

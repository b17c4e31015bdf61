/**
 * Replay on the real harness and the committed corpus, as a reviewer runs it:
 *  - any single corpus entry, replayed alone on the revision it was found on, exits 0 — its
 *    neighbours in corpus/ still say what is known — or 1 only for a changed verdict, named;
 *  - an unchanged copy of one of latest's files, given as --revision PATH, is judged against
 *    latest: 0 new, 0 fixed, exit 0 (by name alone it would have had nothing recorded).
 * In-process: one harness, no spawn per entry.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { realHarness } from '../../harness/fuzz/harness';
import { memoryIo } from '../../harness/cli/io';
import { runCommand } from '../../harness/cli/main';
import { replayCommand } from '../../harness/cli/replayCommand';
import { findToolchain } from '../../harness/build/toolchain';
import { isEntryFileName } from '../../harness/corpus/load';
import { REPO_ROOT } from '../../harness/scenario/revision';

const CORPUS = path.join(REPO_ROOT, 'corpus');
const files = fs.readdirSync(CORPUS).filter(isEntryFileName).sort();
const harness = realHarness();

async function replay(args: string[]) {
  const io = memoryIo({});
  const code = await runCommand((a, i, s) => replayCommand(a, harness, i, s), args, io, new AbortController().signal);
  return { code, out: io.stdout, err: io.stderr };
}

test('the corpus has entries to replay', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('replay corpus/%s alone, on the revision it was found on: exit 0, or 1 naming the changed verdict', async (name) => {
  const file = path.join('corpus', name);
  const revision = JSON.parse(fs.readFileSync(path.join(CORPUS, name), 'utf8').replace(/^\uFEFF/, '')).revision as string;
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    const r = await replay([file, '--revision', revision]);
    expect(r.err).toBe('');
    if (r.code !== 0) {
      // Only a changed verdict of this entry's own property may fail it, and the output says
      // which; a new signature of another property is a finding the corpus does not record yet.
      const own = JSON.parse(fs.readFileSync(path.join(CORPUS, name), 'utf8').replace(/^\uFEFF/, '')).property as string;
      const bad = r.out.match(/^ {2}(new|regression) +\S+: .*$/gm) ?? [];
      expect({ code: r.code, bad, changed: r.out.match(/changed verdict: .*/g) })
        .toEqual({ code: 1, bad: bad.map(() => expect.stringContaining(` ${own}: `)), changed: [expect.any(String)] });
    }
    expect(r.out).toMatch(/result: (PASSED|FAILED): 1 entries replayed/);
  } finally {
    process.chdir(cwd);
  }
}, 60_000);

function hasClang(): boolean {
  try { findToolchain(); return true; } catch { return false; }
}

(hasClang() ? test : test.skip)('an unchanged copy of latest\'s kdump.c is latest: replay of the corpus gives 0 new, 0 fixed, exit 0', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-of-latest-'));
  try {
    const copy = path.join(dir, 'arm-smmu-v3-kdump.c');
    fs.copyFileSync(path.join(REPO_ROOT, 'harness', 'revisions', 'latest', 'arm-smmu-v3-kdump.c'), copy);
    const r = await replay([CORPUS, '--revision', copy]);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^replay: \d+ corpus entries on revision latest with arm-smmu-v3-kdump\.c replaced by/);
    expect(r.out).toMatch(/against the base latest \(run on the same \d+ entries\): fixed 0, broke 0, kept \d+ signature/);
    expect(r.out).toMatch(/result: PASSED: \d+ entries replayed, 0 new failure\(s\), 0 regression\(s\), \d+ known, \d+ now passing where "fail" is expected, 0 fixed against latest/);
    expect(r.code).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);

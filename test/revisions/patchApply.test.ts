/** GNU patch as the assembler runs it: a patch that looks reversed is refused, never applied backwards. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDiff, runPatch } from '../../harness/revisions/patchApply';

const before = 'static int f(void)\n{\n\tint a = 1;\n\treturn a;\n}\n';
const after = 'static int f(void)\n{\n\tint a = 2;\n\treturn a;\n}\n';
const diff = [
  'diff --git a/arm-smmu-v3.c b/arm-smmu-v3.c',
  '--- a/arm-smmu-v3.c',
  '+++ b/arm-smmu-v3.c',
  '@@ -1,5 +1,5 @@',
  ' static int f(void)',
  ' {',
  '-\tint a = 1;',
  '+\tint a = 2;',
  ' \treturn a;',
  ' }',
  '',
].join('\n');

function dirWith(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchapply-test-'));
  fs.writeFileSync(path.join(dir, 'arm-smmu-v3.c'), text);
  return dir;
}

test('a patch applies forward', () => {
  const dir = dirWith(before);
  const run = runPatch(dir, parseDiff(diff, 1, ['arm-smmu-v3.c']), 1, false);
  expect(run.ok).toBe(true);
  expect(fs.readFileSync(path.join(dir, 'arm-smmu-v3.c'), 'utf8')).toBe(after);
});

test('the same patch on a file that already has it is refused, and the file is left as it was', () => {
  const dir = dirWith(after);
  const run = runPatch(dir, parseDiff(diff, 1, ['arm-smmu-v3.c']), 1, false);
  expect(run.ok).toBe(false);
  expect(run.output).toMatch(/Reversed \(or previously applied\) patch detected/);
  expect(fs.readFileSync(path.join(dir, 'arm-smmu-v3.c'), 'utf8')).toBe(after);
});

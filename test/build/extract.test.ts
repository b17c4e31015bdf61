/**
 * Brace matching and hunk landing, on small sources.
 */
import { findFunctions, prototypeOf, textOf } from '../../harness/revisions/extract';
import { checkLanding } from '../../harness/revisions/landing';
import { parseDiff } from '../../harness/revisions/patchApply';

const SRC = [
  '/* GBPA is "special" */',
  'static int arm_smmu_a(int x)',
  '{',
  '\tchar *s = "}{";',
  "\tchar c = '}';",
  '\t/* } */',
  '\tif (x) {',
  '\t\treturn 1;',
  '\t}',
  '\treturn 0;',
  '}',
  'EXPORT_SYMBOL_IF_KUNIT(arm_smmu_a);',
  '',
  'struct arm_smmu_s {',
  '\tint y;',
  '};',
  '',
  'VISIBLE_IF_KUNIT',
  'static struct arm_smmu_ste *',
  'arm_smmu_b(struct arm_smmu_device *smmu,',
  '\t   u32 sid)',
  '{',
  '\treturn NULL;',
  '}',
  '',
  'static int arm_smmu_cut(void)',
  '{',
  '\tif (1) {',
  '',
].join('\n');

describe('findFunctions', () => {
  const fns = findFunctions(SRC);

  test('finds definitions, not structs, ignoring braces in literals and comments', () => {
    expect(fns.map((f) => f.name)).toEqual(['arm_smmu_a', 'arm_smmu_b', 'arm_smmu_cut']);
    expect(textOf(SRC, fns[0])).toMatch(/^\/\* GBPA is "special" \*\/\nstatic int arm_smmu_a\(int x\)\n\{[\s\S]*\treturn 0;\n\}$/);
  });

  test('keeps a multi-line declarator whole for the prototype', () => {
    expect(prototypeOf(SRC, fns[1])).toBe(
      'VISIBLE_IF_KUNIT\nstatic struct arm_smmu_ste *\narm_smmu_b(struct arm_smmu_device *smmu,\n\t   u32 sid);',
    );
  });

  test('a function cut off by the end of the text has no end', () => {
    expect(fns[2].end).toBe(-1);
    expect(() => textOf(SRC, fns[2])).toThrow('arm_smmu_cut() has no closing brace');
  });
});

describe('checkLanding', () => {
  const hunk = (section: string, added: string) =>
    parseDiff(['--- a/x.c', '+++ b/x.c', `@@ -1,1 +1,2 @@ ${section}`, ' {', `+${added}`, ''].join('\n'), 1, ['x.c']).files[0].hunks;

  test('accepts added lines inside the function the hunk names', () => {
    expect(checkLanding(SRC, hunk('static int arm_smmu_a(int x)', '\tchar *s = "}{";'))).toEqual([]);
  });

  test('reports added lines that landed in another function', () => {
    expect(checkLanding(SRC, hunk('static int arm_smmu_b(void)', '\tchar *s = "}{";'))).toEqual([
      expect.stringContaining('landed in arm_smmu_a(), not in arm_smmu_b()'),
    ]);
  });

  test('reports added lines outside any function', () => {
    expect(checkLanding(SRC, hunk('struct arm_smmu_s {', '\tint y;'))).toEqual([expect.stringContaining('not inside any function')]);
  });
});

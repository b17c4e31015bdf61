/**
 * The mutation operators on small C snippets: what each one produces, that nothing in a
 * comment, a string, a character constant, a preprocessor line or a message's arguments is
 * ever mutated, and that the mutant list is deterministic. No clang needed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { functionsOf, matching, statementsOf, tokenize } from '../../harness/mutation/cLexer';
import { ADOPTION_FUNCTIONS, generateMutants, mutantsOfUnit, type Mutant } from '../../harness/mutation/mutants';
import { OPERATORS, OPERATOR_DESCRIPTIONS, applyEdits, findSites, parseUnit } from '../../harness/mutation/operators';

const LATEST = path.join(__dirname, '..', '..', 'harness', 'revisions', 'latest');

/** The mutants of `src` as [id, mutated line(s)] pairs, for readable expectations. */
function mutants(src: string, only?: string[]): Mutant[] {
  return mutantsOfUnit('t.c', src, only);
}
const ofOp = (ms: Mutant[], op: string) => ms.filter((m) => m.operator === op);

describe('cLexer', () => {
  test('comments, strings, character constants and directives are not code', () => {
    const src = [
      '#define X(a) if (a) return -EINVAL; \\',
      '\tkfree(a)',
      '/* if (x) return -EINVAL; */ int a = 1; // if (y) goto err;',
      'const char *s = "if (x) { return -ENOMEM; } \\" <= /*";',
      "char c = '<'; char d = '\\'';",
    ].join('\n');
    const texts = tokenize(src).map((t) => t.text);
    expect(texts).toEqual(['int', 'a', '=', '1', ';', 'const', 'char', '*', 's', '=', '"if (x) { return -ENOMEM; } \\" <= /*"', ';', 'char', 'c', '=', "'<'", ';', 'char', 'd', '=', "'\\''", ';']);
  });

  test('multi-character punctuators and line numbers', () => {
    const toks = tokenize('a <<= b;\nc->d >= e << 1 && f <= g;');
    expect(toks.map((t) => t.text)).toEqual(['a', '<<=', 'b', ';', 'c', '->', 'd', '>=', 'e', '<<', '1', '&&', 'f', '<=', 'g', ';']);
    expect(toks.map((t) => t.line)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
  });

  test('unterminated comment and string are errors, not silently code', () => {
    expect(() => tokenize('int a; /* open')).toThrow(/unterminated comment/);
    expect(() => tokenize('char *s = "open;\n')).toThrow(/unterminated string/);
  });

  test('functions and statements: if/else chains, loops, labels, gotos', () => {
    const src = `
struct s { int a; };
static int f(int x)
{
	int i;
	if (x)
		return -EINVAL;
	else if (x > 2) {
		x++;
	} else
		x--;
	for (i = 0; i < x; i++)
		if (i) break;
	goto out;
out:
	return 0;
}
int g(void) { return 1; }`;
    const toks = tokenize(src);
    const fns = functionsOf(toks);
    expect(fns.map((f) => [f.name, f.line])).toEqual([['f', 3], ['g', 18]]);
    const kinds = statementsOf(toks, fns[0]).map((s) => s.kind);
    expect(kinds).toEqual(['simple', 'if', 'return', 'if', 'block', 'simple', 'simple', 'for', 'if', 'break', 'goto', 'label', 'return']);
    expect(toks[matching(toks, fns[0].bodyOpen)].text).toBe('}');
  });
});

describe('operators', () => {
  const GUARDS = `
int f(struct dev *d, u32 span, phys_addr_t base)
{
	/* if (span) return -EINVAL; in a comment */
	if (span != STRTAB_SPLIT + 1) {
		dev_err(d->dev, "span %u != %u\\n", span, STRTAB_SPLIT + 1);
		return -EINVAL;
	}
	if (!base || !IS_ALIGNED(base, 64))
		return -EINVAL;
	d->size = (1UL << (span - 1)) * 64;
	return 0;
}`;

  test('delete-guard removes the whole if, comment and message untouched', () => {
    const ms = ofOp(mutants(GUARDS), 'delete-guard');
    expect(ms.map((m) => m.id)).toEqual(['t.c:5:delete-guard', 't.c:9:delete-guard']);
    expect(ms[0].text).not.toContain('span != STRTAB_SPLIT + 1');
    expect(ms[0].text).toContain('/* if (span) return -EINVAL; in a comment */');
    expect(ms[0].after).toBe('');
    expect(ms[1].text).toContain('\td->size');
    expect(ms[1].text).not.toContain('IS_ALIGNED');
  });

  test('negate-condition wraps the condition', () => {
    const ms = ofOp(mutants(GUARDS), 'negate-condition');
    expect(ms.map((m) => m.after)).toEqual(['if (!(span != STRTAB_SPLIT + 1)) {', 'if (!(!base || !IS_ALIGNED(base, 64)))']);
  });

  test('drop-clause drops each operand of a || chain', () => {
    expect(ofOp(mutants(GUARDS), 'drop-clause').map((m) => [m.id, m.after])).toEqual([
      ['t.c:9:drop-clause', 'if (!IS_ALIGNED(base, 64))'],
      ['t.c:9:drop-clause#2', 'if (!base)'],
    ]);
  });

  test('drop-plus-one / drop-minus-one change code, never the arguments of dev_err()', () => {
    const ms = mutants(GUARDS);
    expect(ofOp(ms, 'drop-plus-one').map((m) => [m.id, m.after])).toEqual([['t.c:5:drop-plus-one', 'if (span != STRTAB_SPLIT) {']]);
    expect(ofOp(ms, 'drop-minus-one').map((m) => m.after)).toEqual(['d->size = (1UL << (span)) * 64;']);
  });

  test('error-to-success, delete-store', () => {
    const ms = mutants(GUARDS);
    expect(ofOp(ms, 'error-to-success').map((m) => [m.line, m.after])).toEqual([[7, 'return 0;'], [10, 'return 0;']]);
    expect(ofOp(ms, 'delete-store').map((m) => [m.id, m.before, m.after])).toEqual([['t.c:11:delete-store', 'd->size = (1UL << (span - 1)) * 64;', '']]);
  });

  test('relational-boundary swaps < <= > >= but not << >> -> or a < in a string', () => {
    const src = 'int f(int a, int *p)\n{\n\tif (a < 1 || a >= 2) return a << 1;\n\tfor (; a > 0 && p->x <= 3; a--) printk("a < b");\n\treturn a >> 1;\n}';
    expect(ofOp(mutants(src), 'relational-boundary').map((m) => [m.id, m.after])).toEqual([
      ['t.c:3:relational-boundary', 'if (a <= 1 || a >= 2) return a << 1;'],
      ['t.c:3:relational-boundary#2', 'if (a < 1 || a > 2) return a << 1;'],
      ['t.c:4:relational-boundary', 'for (; a >= 0 && p->x <= 3; a--) printk("a < b");'],
      ['t.c:4:relational-boundary#2', 'for (; a > 0 && p->x < 3; a--) printk("a < b");'],
    ]);
  });

  test('delete-release: kfree/memunmap statements; as a lone if body it becomes ";"', () => {
    const src = 'void c(struct cfg *cfg)\n{\n\tkfree(cfg->l2ptrs);\n\tif (cfg->l1tab)\n\t\tmemunmap(cfg->l1tab);\n\tfoo(cfg);\n}';
    const ms = ofOp(mutants(src), 'delete-release');
    expect(ms.map((m) => [m.id, m.after])).toEqual([['t.c:3:delete-release', ''], ['t.c:5:delete-release', ';']]);
    expect(ms[0].text).toBe('void c(struct cfg *cfg)\n{\n\tif (cfg->l1tab)\n\t\tmemunmap(cfg->l1tab);\n\tfoo(cfg);\n}');
    expect(ms[1].text).toContain('if (cfg->l1tab)\n\t\t;\n');
  });

  test('delete-clamp, delete-goto, retarget-goto; a statement right after a label becomes ";"', () => {
    const src = 'int f(int n)\n{\n\tn = min(n, 31U);\n\tif (n) {\n\t\tgoto err;\n\t}\n\tgoto out;\nerr:\n\tn = 0;\nout:\n\tkfree(p);\n}';
    const ms = mutants(src);
    expect(ofOp(ms, 'delete-clamp').map((m) => m.before)).toEqual(['n = min(n, 31U);']);
    expect(ofOp(ms, 'delete-goto').map((m) => m.id)).toEqual(['t.c:5:delete-goto', 't.c:7:delete-goto']);
    expect(ofOp(ms, 'retarget-goto').map((m) => [m.id, m.after])).toEqual([['t.c:5:retarget-goto', 'goto out;'], ['t.c:7:retarget-goto', 'goto err;']]);
    const release = ofOp(ms, 'delete-release');
    expect(release).toHaveLength(1);
    expect(release[0].text).toContain('out:\n\t;\n}');
  });

  test('a scope limits the functions mutated', () => {
    const src = 'int a(int x) { if (x) return -EINVAL; return 0; }\nint b(int x) { if (x) return -EINVAL; return 0; }';
    expect(new Set(mutants(src, ['b']).map((m) => m.fn))).toEqual(new Set(['b']));
    expect(new Set(mutants(src).map((m) => m.fn))).toEqual(new Set(['a', 'b']));
  });

  test('applyEdits applies in order and refuses overlaps', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 0, text: '>' }])).toBe('>abcdEf');
    expect(() => applyEdits('abc', [{ start: 0, end: 2, text: '' }, { start: 1, end: 2, text: '' }])).toThrow(/overlapping/);
  });

  test('every operator has a description', () => {
    for (const op of OPERATORS) expect(OPERATOR_DESCRIPTIONS[op].length).toBeGreaterThan(20);
  });
});

describe("latest's adoption functions", () => {
  const a = generateMutants(LATEST);

  test('deterministic: the same list twice, ids unique, in file then line order', () => {
    const b = generateMutants(LATEST);
    expect(b.map((m) => m.id)).toEqual(a.map((m) => m.id));
    expect(new Set(a.map((m) => m.id)).size).toBe(a.length);
    const files = Object.keys(ADOPTION_FUNCTIONS);
    const key = (m: Mutant) => files.indexOf(m.file) * 1e6 + m.line;
    expect(a.map(key)).toEqual([...a.map(key)].sort((x, y) => x - y));
  });

  test('every mutant is one change of its unit, in a scoped function, and none is the original', () => {
    const src = new Map(Object.keys(ADOPTION_FUNCTIONS).map((f) => [f, fs.readFileSync(path.join(LATEST, f), 'utf8')]));
    for (const m of a) {
      expect(m.text).not.toBe(src.get(m.file));
      const scope = ADOPTION_FUNCTIONS[m.file];
      if (scope !== 'all') expect(scope).toContain(m.fn);
    }
  });

  test('count per operator (a change here is a change of the operators or of latest)', () => {
    const count = Object.fromEntries(OPERATORS.map((op) => [op, a.filter((m) => m.operator === op).length]));
    expect(count).toEqual({
      'delete-guard': 27, 'negate-condition': 37, 'drop-clause': 6, 'relational-boundary': 9, 'drop-plus-one': 2, 'drop-minus-one': 1,
      'delete-release': 7, 'delete-store': 10, 'delete-clamp': 2, 'error-to-success': 24, 'delete-goto': 3, 'retarget-goto': 3,
    });
    expect(a).toHaveLength(131);
  });

  test('the kernel-reviewer classics are there', () => {
    const ids = a.map((m) => `${m.id} ${m.after}`);
    expect(ids).toContain('arm-smmu-v3-kdump.c:49:drop-plus-one if (span != STRTAB_SPLIT) {');
    expect(ids).toContain('arm-smmu-v3-kdump.c:158:delete-release ');
    expect(ids).toContain('arm-smmu-v3-kexec.c:98:delete-clamp ');
    expect(ids).toContain('arm-smmu-v3-kdump.c:213:retarget-goto goto err;');
  });

  test('no mutant touches a comment or only a message', () => {
    for (const m of a) {
      // The deleted/changed text, with messages and comments removed, still has code in it.
      expect(m.before.replace(/dev_\w+\([^;]*\);/g, '').trim()).not.toBe('');
    }
    const u = parseUnit(fs.readFileSync(path.join(LATEST, 'arm-smmu-v3-kdump.c'), 'utf8'));
    for (const site of findSites(u)) {
      for (const e of site.edits) {
        const inComment = /\/\*(?:(?!\*\/)[\s\S])*$/.test(u.src.slice(0, e.start));
        expect({ site: site.description, inComment }).toEqual({ site: site.description, inComment: false });
      }
    }
  });
});

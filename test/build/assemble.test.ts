/**
 * npm run assemble: deterministic, complete, and honest about where each
 * line came from. (Needs GNU patch and ../shared/revisions, not clang.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assembleAll } from '../../harness/revisions/assemble';
import { assembleRevision } from '../../harness/revisions/assembleRevision';
import { AssembleError, readBase, REPO_ROOT, sharedRevisionsDir } from '../../harness/revisions/base';
import { findFunctions } from '../../harness/revisions/extract';
import { assembleListedMutant } from '../../harness/revisions/mutants';
import { messageId } from '../../harness/revisions/patchApply';
import { RECIPES, REQUIRED_FUNCTIONS, resolveRecipe, wiringOf } from '../../harness/revisions/recipes';

const shared = sharedRevisionsDir();
const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');

/** What each revision adds to the required functions, in its arm-smmu-v3.c. */
const ADDED: Record<string, string[]> = {
  mainline: [],
  v6: [
    'arm_smmu_kdump_adopt_l2_strtab',
    'arm_smmu_kdump_adopt_strtab_2lvl',
    'arm_smmu_kdump_adopt_strtab_linear',
    'arm_smmu_kdump_adopt_cleanup',
    'arm_smmu_kdump_adopt_strtab',
    'arm_smmu_device_hw_probe_kdump',
  ],
  v7: [
    'arm_smmu_kdump_adopt_l2_strtab',
    'arm_smmu_kdump_adopt_strtab_2lvl',
    'arm_smmu_kdump_adopt_strtab_linear',
    'arm_smmu_kdump_adopt_cleanup',
    'arm_smmu_kdump_adopt_strtab',
    'arm_smmu_device_hw_probe_kdump',
  ],
  latest: ['arm_smmu_device_hw_probe_kdump'],
  'latest-span-caller': ['arm_smmu_device_hw_probe_kdump'],
  'latest-v7-ida-init': ['arm_smmu_device_hw_probe_kdump'],
  'later-15aeae1e': ['arm_smmu_device_hw_probe_kdump'],
  // Its detection is the later kdump.c's arm_smmu_device_kdump_probe(): v7 7/7 is not applied.
  'later-unknownrepo-kdump': [],
  'later-unknownrepo-kexec': ['arm_smmu_device_hw_probe_kdump'],
};

describe('npm run assemble', () => {
  const first = assembleAll();

  test('assembling twice gives identical files', () => {
    const second = assembleAll();
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
    for (const [rel, text] of first.files) expect(second.files.get(rel)).toBe(text);
  });

  test('the committed sources are what the assembly writes (run `npm run assemble`)', () => {
    for (const [rel, text] of first.files) expect({ rel, text: read(rel) }).toEqual({ rel, text });
  });

  test('revisions.json lists mainline, v6, v7, latest (the default), then the mutants', () => {
    const names = first.catalog.map((e) => e.name);
    expect(names.slice(0, 4)).toEqual(['mainline', 'v6', 'v7', 'latest']);
    expect(first.catalog.filter((e) => e.default).map((e) => e.name)).toEqual(['latest']);
    const mutant = first.catalog.find((e) => e.name === 'latest-no-l1-align-check');
    expect(mutant).toMatchObject({ mutant: true, base: 'latest' });
  });

  test.each(RECIPES.map((r) => r.name))('%s: every extracted function is present, once, and whole', (name) => {
    const src = read(`harness/revisions/${name}/arm-smmu-v3.c`);
    const functions = findFunctions(src);
    for (const f of functions) expect({ name: f.name, closed: f.end > 0 }).toEqual({ name: f.name, closed: true });
    const names = functions.map((f) => f.name);
    const expected = [...REQUIRED_FUNCTIONS, ...ADDED[name]].sort();
    expect([...names].sort()).toEqual(expected);
    // Balanced braces over the whole file: the scanner ends at depth 0.
    const last = functions[functions.length - 1];
    expect(src.slice(last.end).trim()).toBe('');
  });

  test.each(RECIPES.map((r) => r.name))('%s: PROVENANCE.md and the C header name every mail, with its Message-ID', (name) => {
    const recipe = resolveRecipe(RECIPES.find((r) => r.name === name)!);
    const provenance = read(`harness/revisions/${name}/PROVENANCE.md`);
    const cHeader = read(`harness/revisions/${name}/arm-smmu-v3.c`).split('*/')[0];
    for (const step of recipe.mails) {
      const id = messageId(fs.readFileSync(path.join(shared, 'mails', step.mail), 'utf8'));
      expect(provenance).toContain(`${step.mail} <${id}>`);
      expect(cHeader).toContain(step.mail);
    }
    for (const p of [...(recipe.baseCompat ?? []), ...wiringOf(recipe).map((w) => `harness/revisions/${w}`)]) {
      expect(provenance).toContain(p);
    }
    // A required mail is never skipped; a skipped one says why, in patch's words.
    for (const step of recipe.mails.filter((s) => !s.optional)) expect(provenance).not.toContain(`SKIPPED: ${step.mail}`);
    for (const line of provenance.split('\n').filter((l) => l.startsWith('### SKIPPED'))) {
      const why = provenance.slice(provenance.indexOf(line)).split('\n')[2];
      expect(why).toMatch(/FAILED|landed|not inside/);
    }
  });

  test('latest compiles the later files verbatim', () => {
    for (const [as, from] of [
      ['arm-smmu-v3-kdump.c', 'later/nicolinc-iommufd-7d70f78c-arm-smmu-v3-kdump.c'],
      ['arm-smmu-v3-kexec.c', 'later/nicolinc-iommufd-02eccfaa-arm-smmu-v3-kexec.c'],
    ]) {
      expect(read(`harness/revisions/latest/${as}`)).toBe(fs.readFileSync(path.join(shared, from), 'utf8'));
    }
    expect(read('harness/revisions/latest/PROVENANCE.md')).toContain('is not available');
  });

  describe('the later trees: their file verbatim, our glue named', () => {
    const LATER: [string, string, string][] = [
      ['later-15aeae1e', 'arm-smmu-v3-kdump.c', 'later/nicolinc-iommufd-15aeae1e-arm-smmu-v3-kdump.c'],
      ['later-unknownrepo-kdump', 'arm-smmu-v3-kdump.c', 'later/unknownrepo-index58064295832-arm-smmu-v3-kdump.c'],
      ['later-unknownrepo-kexec', 'arm-smmu-v3-kexec.c', 'later/unknownrepo-index70682373322-arm-smmu-v3-kexec.c'],
    ];

    test.each(LATER)('%s compiles %s verbatim, and nothing else of the later trees', (name, as, from) => {
      expect(read(`harness/revisions/${name}/${as}`)).toBe(fs.readFileSync(path.join(shared, from), 'utf8'));
      const entry = first.catalog.find((e) => e.name === name)!;
      const units = entry.sources.filter((s) => !/arm-smmu-v3\.[ch]$/.test(s));
      expect(units).toEqual([`harness/revisions/${name}/${as}`]);
    });

    test.each(LATER)('%s: PROVENANCE.md says what is posted and what is inferred', (name) => {
      const provenance = read(`harness/revisions/${name}/PROVENANCE.md`);
      expect(provenance).toContain('POSTED');
      expect(provenance).toContain('is not available');
      expect(provenance).toContain('SERIES ORDER');
      if (name !== 'later-unknownrepo-kexec') expect(provenance).toContain('INFERRED');
    });

    test('the unknown-repository files say in their description that the commit is not resolvable', () => {
      for (const name of ['later-unknownrepo-kdump', 'later-unknownrepo-kexec']) {
        expect(first.catalog.find((e) => e.name === name)!.description).toMatch(/UNKNOWN commit .*not resolvable/);
      }
    });

    test('later-15aeae1e declares only what its kdump.c exports (no kexec.c prototypes)', () => {
      const h = read('harness/revisions/later-15aeae1e/arm-smmu-v3.h');
      expect(h).toContain('int arm_smmu_kdump_adopt_deferred_l2_strtab(');
      expect(h).not.toContain('arm_smmu_kexec_');
    });

    test('later-unknownrepo-kdump detects through the file\'s arm_smmu_device_kdump_probe(), where v7 7/7 detects', () => {
      const c = read('harness/revisions/later-unknownrepo-kdump/arm-smmu-v3.c');
      const hwProbe = c.slice(c.indexOf('static int arm_smmu_device_hw_probe(struct arm_smmu_device *smmu)\n{'));
      const body = hwProbe.slice(0, hwProbe.indexOf('\n}\n'));
      // Right after the features dev_info(), before `return 0;`: v7 7/7's place for its detection.
      const call = '\tif (is_kdump_kernel())\n\t\tarm_smmu_device_kdump_probe(smmu);\n';
      expect(body).toContain(`smmu->ias, smmu->oas, smmu->features);\n\n${call}\n\treturn 0;`);
      expect(c).not.toContain('arm_smmu_device_hw_probe_kdump');
      // Called from kdump.c's arm_smmu_kdump_is_attach_deferred(): not static any more, declared.
      expect(c).toMatch(/\nstruct arm_smmu_ste \*\narm_smmu_get_step_for_sid\(/);
      expect(read('harness/revisions/later-unknownrepo-kdump/arm-smmu-v3.h')).toContain('struct arm_smmu_ste *arm_smmu_get_step_for_sid(');
    });

    test('later-unknownrepo-kexec is called as v7 1/7 calls its adoption: ida_init() stays at `out:`', () => {
      const c = read('harness/revisions/later-unknownrepo-kexec/arm-smmu-v3.c');
      expect(c).toContain('out:\n\tida_init(&smmu->vmid_map);');
      expect(c).toContain('if (span && base)');
    });
  });

  test('the mutant differs from its base only by removing the L1 base alignment check', () => {
    const m = assembleListedMutant('latest-no-l1-align-check', REPO_ROOT);
    const base = read('harness/revisions/latest/arm-smmu-v3-kexec.c');
    const mutant = m.files.get('arm-smmu-v3-kexec.c')!;
    expect(base).toContain('unaligned l1 stream table base');
    expect(mutant).not.toContain('unaligned l1 stream table base');
    expect(mutant).toContain('unaligned stream table base'); // the linear check stays
    for (const f of ['arm-smmu-v3.c', 'arm-smmu-v3.h', 'arm-smmu-v3-kdump.c']) {
      expect(m.files.get(f)).toBe(read(`harness/revisions/latest/${f}`));
    }
  });
});

describe('assembly failures say what and where', () => {
  test('a hunk that does not apply names the patch, the hunk and patch\'s report', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-test-'));
    try {
      const bad = path.join(dir, 'bad.patch');
      fs.writeFileSync(
        bad,
        [
          '--- a/arm-smmu-v3.c',
          '+++ b/arm-smmu-v3.c',
          '@@ -1,3 +1,3 @@ static int arm_smmu_no_such_function(void)',
          ' no such line one',
          '-no such line two',
          '+replacement',
          ' no such line three',
          '',
        ].join('\n'),
      );
      const attempt = () =>
        assembleRevision({ name: 'bad', description: 'bad', mails: [], wiring: bad }, shared, readBase(shared));
      expect(attempt).toThrow(AssembleError);
      expect(attempt).toThrow(/bad\.patch does not apply: arm-smmu-v3\.c hunk #1 @@ -1,3 \+1,3 @@.*Hunk #1 FAILED/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('missing reference revisions name the path they were looked for at', () => {
    expect(() => sharedRevisionsDir('/nonexistent/repo')).toThrow('/nonexistent/shared/revisions');
  });
});

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
import { findFunctions, textOf } from '../../harness/revisions/extract';
import { checkLanding } from '../../harness/revisions/landing';
import { assembleListedMutant } from '../../harness/revisions/mutants';
import { messageId, parseDiff } from '../../harness/revisions/patchApply';
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
  v1: ['arm_smmu_adopt_strtab_2lvl', 'arm_smmu_adopt_strtab_linear', 'arm_smmu_adopt_strtab'],
  v2: ['arm_smmu_adopt_strtab_2lvl', 'arm_smmu_adopt_strtab_linear', 'arm_smmu_adopt_strtab'],
  v3: [
    'arm_smmu_kdump_phys_is_corrupted',
    'arm_smmu_adopt_strtab_2lvl',
    'arm_smmu_adopt_strtab_linear',
    'arm_smmu_adopt_strtab',
    'arm_smmu_device_hw_probe_kdump',
  ],
  v5: [
    'arm_smmu_kdump_phys_is_corrupted',
    'arm_smmu_kdump_adopt_l2_strtab',
    'arm_smmu_kdump_adopt_strtab_2lvl',
    'arm_smmu_kdump_adopt_strtab_linear',
    'arm_smmu_kdump_adopt_cleanup',
    'arm_smmu_kdump_adopt_strtab',
    'arm_smmu_device_hw_probe_kdump',
  ],
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

  test('revisions.json lists mainline, the posted revisions in series order, latest (the default), then the mutants', () => {
    const names = first.catalog.map((e) => e.name);
    expect(names.slice(0, 8)).toEqual(['mainline', 'v1', 'v2', 'v3', 'v5', 'v6', 'v7', 'latest']);
    expect(first.catalog.filter((e) => e.default).map((e) => e.name)).toEqual(['latest']);
    const mutant = first.catalog.find((e) => e.name === 'latest-no-l1-align-check');
    expect(mutant).toMatchObject({ mutant: true, base: 'latest' });
  });

  test.each(RECIPES.map((r) => r.name))('%s: every extracted function is present, once, and whole', (name) => {
    const src = read(`harness/revisions/${name}/arm-smmu-v3.c`);
    const functions = findFunctions(src);
    for (const f of functions) expect({ name: f.name, closed: f.end > 0 }).toEqual({ name: f.name, closed: true });
    const names = functions.map((f) => f.name);
    // 2/x's function (hunk #1), carried wherever the recipe has the series' 2/x or a later tree's own.
    const attach = name === 'mainline' ? [] : ['arm_smmu_is_attach_deferred'];
    const expected = [...REQUIRED_FUNCTIONS, ...ADDED[name], ...attach].sort();
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

describe('the early revisions (v1, v2, v3, v5)', () => {
  const provenance = (rev: string) => read(`harness/revisions/${rev}/PROVENANCE.md`);
  const applied = (rev: string, mail: string) => {
    const p = provenance(rev);
    return p.includes(`### ${mail} <`) && !p.includes(`### SKIPPED: ${mail}`);
  };
  const skipped = (rev: string, mail: string) => provenance(rev).includes(`### SKIPPED: ${mail} <`);

  const inPart = (rev: string, mail: string) => {
    const p = provenance(rev);
    return applied(rev, mail) && p.includes('- NOT CARRIED: hunk #2 ') && p.includes(`${mail} <`);
  };

  test.each([
    ['v1', ['v1-1-4-adopt-strtab.txt', 'v1-3-4-retain-smmuen-reset.txt', 'v1-4-4-detect-opt-probe.txt'], [], 'v1-2-4-is-attach-deferred.txt'],
    ['v2', ['v2-1-5-adopt-strtab.txt', 'v2-3-5-retain-smmuen-reset.txt', 'v2-4-5-skip-evtq-priq-setup.txt', 'v2-5-5-detect-opt-probe.txt'], [], 'v2-2-5-is-attach-deferred.txt'],
    ['v3', ['v3-1-5-adopt-strtab.txt', 'v3-3-5-retain-smmuen-reset.txt', 'v3-5-5-detect-opt-probe.txt'], ['v3-4-5-skip-evtq-priq-setup.txt'], 'v3-2-5-is-attach-deferred.txt'],
    [
      'v5',
      ['v5-1-6-adopt-strtab.txt', 'v5-4-6-skip-evtq-priq-setup.txt', 'v5-5-6-retain-smmuen-reset.txt', 'v5-6-6-detect-opt-probe.txt'],
      [],
      'v5-2-6-is-attach-deferred.txt',
    ],
  ])('%s: applies %j, skips %j (touching code the excerpts do not carry), carries %s in part (its function, not its arm_smmu_ops hunk)', (rev, yes, no, part) => {
    for (const m of yes) expect({ m, applied: applied(rev, m) }).toEqual({ m, applied: true });
    for (const m of no) expect({ m, skipped: skipped(rev, m) }).toEqual({ m, skipped: true });
    expect({ part, inPart: inPart(rev, part) }).toEqual({ part, inPart: true });
  });

  test('v5 3/6 is carried in part: its arm_smmu_setup_irqs() hunks, not its EVTQ/PRIQ thread hunks', () => {
    const p = provenance('v5');
    expect(applied('v5', 'v5-3-6-suppress-evtq-priq-events.txt')).toBe(true);
    expect(p).toMatch(/- hunk #3 @@ .*arm_smmu_setup_unique_irqs.*: Hunk #1 succeeded/);
    expect(p).toMatch(/- hunk #4 @@ .*arm_smmu_setup_irqs.*: Hunk #2 succeeded/);
    expect(p).toMatch(/- NOT CARRIED: hunk #1 @@ .*arm_smmu_evtq_thread/);
    expect(p).toMatch(/- NOT CARRIED: hunk #2 @@ .*arm_smmu_priq_thread/);
    expect(read('harness/revisions/v5/arm-smmu-v3.c')).toContain('if (!is_kdump_kernel() && (smmu->features & ARM_SMMU_FEAT_PRI))');
  });

  test('v3 and v5 get the file\'s #include block back; v1 and v2 the v7.0 dev_info() of hw_probe; each named in PROVENANCE', () => {
    for (const rev of ['v3', 'v5']) {
      expect(provenance(rev)).toContain('### harness/revisions/sources/v6.18-includes-compat.patch');
      // Added where the mail says, beside <linux/delay.h>, not in a function.
      expect(provenance(rev)).toMatch(/arm-smmu-v3\.c`:\n\n- hunk #1 @@ -14,6 \+14,7 @@: Hunk #1 succeeded at 3 \(offset -11 lines\)\./);
      expect(read(`harness/revisions/${rev}/arm-smmu-v3.c`)).not.toContain('#include <linux/');
    }
    for (const rev of ['v1', 'v2']) expect(provenance(rev)).toContain('### harness/revisions/sources/v7.0-hw-probe-dev-info-compat.patch');
    for (const rev of ['v1', 'v2', 'v3', 'v5']) expect(read(`harness/revisions/${rev}/arm-smmu-v3.c`)).toMatch(/^\tdev_info\(smmu->dev, "(ias %lu-bit, )?oas %lu-bit/m);
  });

  test('v4 is no recipe: its 1/5 mail is not in the material, and recipes.ts says so', () => {
    expect(RECIPES.map((r) => r.name)).not.toContain('v4');
    expect(fs.existsSync(path.join(shared, 'mails', 'v4-1-5-adopt-strtab.txt'))).toBe(false);
    expect(read('harness/revisions/recipes.ts')).toMatch(/v4 is not a revision here: its 1\/5 mail .* was not posted in the material/);
  });

  test('an #include lands after its context line, outside every function; placed inside one it is refused', () => {
    const src = '#include <linux/a.h>\n#include <linux/b.h>\n\nstatic int f(void)\n{\n\treturn 0;\n}\n';
    const hunk = parseDiff(
      ['--- a/arm-smmu-v3.c', '+++ b/arm-smmu-v3.c', '@@ -1,2 +1,3 @@', ' #include <linux/a.h>', '+#include <linux/new.h>', ' #include <linux/b.h>', ''].join('\n'),
      1,
      ['arm-smmu-v3.c'],
    ).files[0].hunks;
    expect(checkLanding(src.replace('#include <linux/a.h>\n', '#include <linux/a.h>\n#include <linux/new.h>\n'), hunk)).toEqual([]);
    expect(checkLanding(src.replace('\treturn 0;', '#include <linux/a.h>\n#include <linux/new.h>\n\treturn 0;'), hunk)).toEqual([
      expect.stringContaining('did not land after its context line'),
    ]);
    // The file's #include lines belong to no function.
    expect(textOf(src, findFunctions(src)[0])).toBe('static int f(void)\n{\n\treturn 0;\n}');
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

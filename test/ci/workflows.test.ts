/**
 * The GitHub workflows, checked before they land (a broken workflow fails silently at 2 a.m.):
 * each file against the GitHub workflow JSON schema (SchemaStore's, as shipped inside
 * @action-validator/core), then the things a schema cannot see — every `npm run X` exists in
 * package.json, every `npx BIN` is installed by `npm ci`, every script a step runs is in the repo,
 * the shard matrices cover their shards, no input is spliced into a shell line, every job has a
 * timeout, and only reviewed actions are used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const REPO = path.resolve(__dirname, '..', '..');
const WORKFLOWS = path.join(REPO, '.github', 'workflows');
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts;

/** Actions a reviewer has vetted; a new one is added here, in review, on purpose. */
const ALLOWED_ACTIONS = new Set([
  'actions/checkout@v4',
  'actions/setup-node@v4',
  'actions/upload-artifact@v4',
  'actions/download-artifact@v4',
]);

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job {
  name?: string;
  'runs-on'?: string;
  'timeout-minutes'?: number;
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  steps?: Step[];
}
interface Workflow { name?: string; on: unknown; jobs: Record<string, Job> }

const files = fs.existsSync(WORKFLOWS)
  ? fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort()
  : [];

function load(file: string): { text: string; wf: Workflow } {
  const text = fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');
  return { text, wf: parse(text) as Workflow };
}

function runs(wf: Workflow): { job: string; step: Step; run: string }[] {
  return Object.entries(wf.jobs).flatMap(([job, j]) =>
    (j.steps ?? []).filter((s) => typeof s.run === 'string').map((step) => ({ job, step, run: step.run! })));
}

/** `npm run X`, `npm run --silent X`, `npm run -s X`, and `npm test`. */
function npmScripts(shell: string): string[] {
  const out: string[] = [];
  for (const m of shell.matchAll(/\bnpm\s+run(?:\s+(?:--silent|-s|--if-present))*\s+([A-Za-z0-9:_-]+)/g)) out.push(m[1]);
  for (const m of shell.matchAll(/\bnpm\s+(test|t)\b/g)) out.push(m[1] === 't' ? 'test' : m[1]);
  return out;
}

test('there is at least the nightly workflow', () => {
  expect(files).toContain('nightly.yml');
});

test('the script extractor sees every spelling', () => {
  expect(npmScripts('npm ci && npm run --silent fuzz -- --json; npm run -s replay x; npm run build:c -- --check; npm test'))
    .toEqual(['fuzz', 'replay', 'build:c', 'test']);
});

describe.each(files)('%s', (file) => {
  const { text, wf } = load(file);

  test('is valid against the GitHub workflow schema', () => {
    const state = validateWorkflow(text);
    // The errors, whole, so a failure says which path and why.
    expect(JSON.stringify(state.errors, null, 2)).toBe('[]');
  });

  test('every `npm run X` is a script of package.json', () => {
    const used = runs(wf).flatMap((r) => npmScripts(r.run));
    const missing = [...new Set(used)].filter((s) => !(s in scripts));
    expect(missing).toEqual([]);
  });

  test('every `npx BIN` is installed by npm ci (npx never downloads in CI)', () => {
    const bins = runs(wf).flatMap((r) => [...r.run.matchAll(/\bnpx\s+(?:--no-install\s+|--no\s+)?([A-Za-z0-9@/._-]+)/g)].map((m) => m[1]));
    const missing = [...new Set(bins)].filter((b) => !fs.existsSync(path.join(REPO, 'node_modules', '.bin', b)));
    expect(missing).toEqual([]);
  });

  test('every repository script a step runs exists', () => {
    const paths = runs(wf).flatMap((r) => [...r.run.matchAll(/(?:^|\s)(\.ci\/[A-Za-z0-9._/-]+|harness\/[A-Za-z0-9._/-]+\.ts)/g)].map((m) => m[1]));
    expect(paths.filter((p) => !fs.existsSync(path.join(REPO, p)))).toEqual([]);
  });

  test('inputs reach shell lines only through env (no ${{ inputs.* }} inside run:)', () => {
    const spliced = runs(wf).filter((r) => /\$\{\{\s*(inputs|github\.event\.inputs|github\.event\.(issue|pull_request|comment|head_commit))\b/.test(r.run));
    expect(spliced.map((r) => `${r.job}: ${r.step.name ?? r.run.slice(0, 40)}`)).toEqual([]);
  });

  test('every job has a timeout', () => {
    const without = Object.entries(wf.jobs).filter(([, j]) => typeof j['timeout-minutes'] !== 'number').map(([k]) => k);
    expect(without).toEqual([]);
  });

  test('only reviewed actions are used', () => {
    const uses = Object.values(wf.jobs).flatMap((j) => (j.steps ?? []).map((s) => s.uses).filter((u): u is string => !!u));
    expect(uses.filter((u) => !ALLOWED_ACTIONS.has(u))).toEqual([]);
  });

  test('artifact names are unique within a matrix (upload-artifact v4 refuses duplicates)', () => {
    for (const j of Object.values(wf.jobs)) {
      if (!j.strategy?.matrix) continue;
      for (const s of j.steps ?? []) {
        if (s.uses?.startsWith('actions/upload-artifact')) expect(String(s.with?.name)).toMatch(/\$\{\{\s*matrix\./);
      }
    }
  });
});

describe('nightly.yml', () => {
  const { text, wf } = load('nightly.yml');
  const jobs = wf.jobs;

  test('the schema check has teeth: a misspelt key or a bad input type is rejected', () => {
    expect(validateWorkflow(text.replace('    runs-on: ubuntu-24.04\n', '    run-on: ubuntu-24.04\n')).errors).not.toEqual([]);
    expect(validateWorkflow(text.replace("type: string\n        default: 'latest'", "type: strin\n        default: 'latest'")).errors).not.toEqual([]);
    expect(validateWorkflow(text.replace('timeout-minutes: 5', 'timeout-minutes: soon')).errors).not.toEqual([]);
  });

  test('the checks above are not vacuous', () => {
    const all = runs(wf).map((r) => r.run).join('\n');
    expect(npmScripts(all)).toEqual(expect.arrayContaining(['fuzz', 'typecheck', 'build:c']));
    expect(all).toContain('.ci/summarize.ts');
  });

  test('runs on a schedule and by hand, with seed, runs, time, revision and properties inputs', () => {
    const on = wf.on as { schedule?: { cron: string }[]; workflow_dispatch?: { inputs?: Record<string, unknown> } };
    expect(on.schedule?.[0].cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(Object.keys(on.workflow_dispatch?.inputs ?? {}).sort()).toEqual(['properties', 'revision', 'runs', 'seed', 'time']);
  });

  test('the seed is the date unless given, and is printed in the log and the job summary', () => {
    const plan = runs(wf).find((r) => r.job === 'plan')!.run;
    expect(plan).toContain('nightly-$(date -u +%Y-%m-%d)');
    expect(plan).toMatch(/echo "seed: \$\{seed\}"/);
    expect(plan).toContain('$GITHUB_STEP_SUMMARY');
  });

  test('the fuzz matrix covers shards 0..N-1 of --shard I/N (shards are numbered from 0)', () => {
    const fuzz = jobs.fuzz;
    const shards = (fuzz.strategy!.matrix!.shard as number[]).slice().sort((a, b) => a - b);
    const n = Number(fuzz.env!.SHARD_COUNT);
    expect(n).toBeGreaterThan(1);
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => i));
    const fuzzRun = (fuzz.steps ?? []).map((s) => s.run ?? '').find((r) => /npm run --silent fuzz/.test(r))!;
    expect(fuzzRun).toContain('--shard "${SHARD_INDEX}/${SHARD_COUNT}"');
    expect(fuzz.env!.SHARD_INDEX).toBe('${{ matrix.shard }}');
    expect(fuzzRun).toMatch(/--json\s*\\?\s*\n?\s*> "ci-out\/fuzz-\$\{SHARD_INDEX\}\.json"/);
    expect(fuzzRun).toContain('echo "${status}" > "ci-out/fuzz-${SHARD_INDEX}.exit"');
  });

  test('each shard\'s verdict comes from .ci/summarize.ts, which runs even when fuzz failed', () => {
    const steps = jobs.fuzz.steps!;
    const summarize = steps.find((s) => s.run?.includes('.ci/summarize.ts'))!;
    expect(summarize).toBeDefined();
    expect((summarize as { if?: string }).if).toBe('always()');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect((upload as { if?: string }).if).toBe('always()');
    expect(steps.indexOf(summarize)).toBeLessThan(steps.indexOf(upload));
  });

  test('the test matrix covers jest shards 1..M of --shard=I/M, and keeps JUnit XML', () => {
    const t = jobs.test;
    const shards = (t.strategy!.matrix!.shard as number[]).slice().sort((a, b) => a - b);
    const jest = t.steps!.find((s) => /npx jest/.test(s.run ?? ''))!;
    const m = /--shard=\$\{\{ matrix\.shard \}\}\/(\d+)/.exec(jest.run!);
    expect(m).not.toBeNull();
    expect(shards).toEqual(Array.from({ length: Number(m![1]) }, (_, i) => i + 1));
    expect(jest.env?.JEST_JUNIT_OUTPUT_DIR).toBeTruthy();
    const upload = t.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with?.path).toContain(jest.env!.JEST_JUNIT_OUTPUT_DIR);
    expect(jobs.typecheck.steps!.some((s) => s.run === 'npm run typecheck')).toBe(true);
  });

  test('jest.config.ts switches to jest-junit when JEST_JUNIT_OUTPUT_DIR is set, and jest-junit is installed', () => {
    expect(fs.readFileSync(path.join(REPO, 'jest.config.ts'), 'utf8')).toMatch(/JEST_JUNIT_OUTPUT_DIR[\s\S]*'jest-junit'/);
    expect(fs.existsSync(path.join(REPO, 'node_modules', 'jest-junit', 'package.json'))).toBe(true);
  });

  test('the C build check installs clang-14 and lld-14 on Debian and runs build:c --check', () => {
    const c = jobs['c-build'] as Job & { container?: string };
    expect(c.container).toMatch(/^debian:/);
    const all = c.steps!.map((s) => s.run ?? '').join('\n');
    expect(all).toMatch(/apt-get install -y[^\n]*(\\\n[^\n]*)*clang-14 lld-14/);
    expect(all).toContain('npm run build:c -- --check');
  });
});

describe('older revisions', () => {
  const { wf } = load('nightly.yml');
  test('every other listed revision is fuzzed by the nightly too, and only reported', () => {
    const older = wf.jobs.older as Job & { if?: string };
    expect(older.needs).toBe('plan');
    expect(older.strategy!.matrix!.revision).toBe('${{ fromJSON(needs.plan.outputs.older) }}');
    const runs = (older.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/npm run --silent fuzz -- --seed "\$\{SEED\}" --revision "\$\{REVISION\}" --time 300 --json/);
    expect(runs).toMatch(/\.ci\/summarize\.ts[\s\S]*--report-only/);
  });
  test('the plan lists them from revisions.json: no mutant, not mainline, not the fuzzed revision', () => {
    const step = (wf.jobs.plan.steps ?? []).find((s) => s.run?.includes('older='))!;
    const script = /node -e '([\s\S]*?)'\)"/.exec(step.run!)![1];
    const { execFileSync } = require('child_process') as typeof import('child_process');
    const out = execFileSync('node', ['-e', script], { cwd: path.join(__dirname, '..', '..'), env: { ...process.env, INPUT_REVISION: '' }, encoding: 'utf8' });
    const list = JSON.parse(out) as string[];
    expect(list).toContain('v6');
    expect(list).toContain('later-15aeae1e');
    expect(list).not.toContain('latest');
    expect(list).not.toContain('mainline');
    expect(list.some((r) => r.startsWith('latest-no-'))).toBe(false);
  });
});

/**
 * The README's "Reproducing a failure from CI locally" and "Testing a new revision" sections,
 * run as written with npm, in a temporary checkout: every top-level path of the repository
 * linked in, except corpus/, which is a copy (the commands may add to it). The lines that
 * cannot run here are replaced by what they do:
 *   - `gh run download <run-id> -n nightly-findings` puts the artifact's corpus/<hash>.json in
 *     the checkout: the test copies such a file in (one committed entry, held out of the copy);
 *   - `$EDITOR /tmp/fix/arm-smmu-v3-kdump.c` is a one-line edit made by the test (test/build/_reviewerPatches);
 *   - `--time 900` is cut short by Ctrl-C, which the command handles as the README says.
 * Quoted commands are the README's, with <hash>, /tmp and ~ resolved to the test's paths.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findToolchain } from '../../harness/build/toolchain';
import { isEntryFileName } from '../../harness/corpus/load';
import { REPO_ROOT } from '../../harness/scenario/revision';
import { applyEdit, diffOf, EDITS } from '../build/_reviewerPatches';

let checkout: string;
let held: { name: string; property: string; signature: string };

beforeAll(() => {
  checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-checkout-'));
  for (const name of fs.readdirSync(REPO_ROOT)) {
    if (name === 'corpus' || name === '.git') continue;
    fs.symlinkSync(path.join(REPO_ROOT, name), path.join(checkout, name));
  }
  fs.mkdirSync(path.join(checkout, 'corpus'));
  const files = fs.readdirSync(path.join(REPO_ROOT, 'corpus')).filter(isEntryFileName).sort();
  const entries = files.map((name) => ({ name, ...JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'corpus', name), 'utf8')) }));
  // The "artifact": the first entry found on latest, held out of the checkout's corpus.
  const artifact = entries.find((e) => e.revision === 'latest')!;
  held = { name: artifact.name, property: artifact.property, signature: artifact.signature };
  for (const name of files) if (name !== held.name) fs.copyFileSync(path.join(REPO_ROOT, 'corpus', name), path.join(checkout, 'corpus', name));
});
afterAll(() => { fs.rmSync(checkout, { recursive: true, force: true }); });

const env = () => ({ ...process.env, npm_config_update_notifier: 'false', SMMU_FUZZ_CORPUS: '' });

/** A README line: `npm run ...` split into words, run in the checkout. */
function npm(line: string) {
  const words = line.split(/\s+/).filter(Boolean);
  expect(words[0]).toBe('npm');
  const r = spawnSync('npm', words.slice(1), { cwd: checkout, env: env(), encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('Reproducing a failure from CI locally', () => {
  test('gh run download (the artifact copied in), then npm run replay -- corpus/<hash>.json --revision latest: the same failure, exit 0', () => {
    fs.copyFileSync(path.join(REPO_ROOT, 'corpus', held.name), path.join(checkout, 'corpus', held.name));
    const r = npm(`npm run replay -- corpus/${held.name} --revision latest`);
    expect(r.stdout).toContain(`FAIL ${held.property} on latest (known on latest (recorded in corpus/${held.name}))`);
    expect(r.stdout).toContain(`  signature: ${held.signature}`);
    expect(r.stdout).toMatch(/result: PASSED: 1 entries replayed, 0 new failure\(s\), 0 regression\(s\)/);
    expect(r.code).toBe(0);
  }, 120_000);

  test('npm run fuzz -- --seed nightly-2026-11-25 --shard 2/4 --time 900: that shard, by seed (cut short by Ctrl-C)', async () => {
    const child = spawn('npm', 'run fuzz -- --seed nightly-2026-11-25 --shard 2/4 --time 900'.split(' '),
      { cwd: checkout, env: env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const done = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => { if (/fuzz: revision/.test(stdout) || child.exitCode !== null) { clearInterval(poll); resolve(); } }, 50);
    });
    await new Promise((r) => setTimeout(r, 2000));
    process.kill(-child.pid!, 'SIGINT');
    const code = await done;
    expect(stdout).toMatch(/fuzz: revision latest, seed nightly-2026-11-25 \(text, = -?\d+\), runs until the time is spent \(at most 900 s\), shard 2\/4/);
    expect(stderr).toMatch(/To resume: npm run fuzz -- --seed nightly-2026-11-25 --revision latest/);
    // 1 if it saved a new counterexample before Ctrl-C, 130 if not: the codes the nightly reads.
    const saved = fs.readdirSync(path.join(checkout, 'corpus')).length > fs.readdirSync(path.join(REPO_ROOT, 'corpus')).filter(isEntryFileName).length;
    expect({ code, saved }).toEqual({ code: saved ? 1 : 130, saved });
  }, 300_000);
});

function hasClang(): boolean {
  try { findToolchain(); return true; } catch { return false; }
}

(hasClang() ? describe : describe.skip)('Testing a new revision (the reviewer loop; needs clang-14)', () => {
  let tmp: string;
  beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-review-')); });
  afterAll(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  test('cp latest\'s kdump.c to /tmp/fix/, edit it, npm run fuzz -- --seed 42 --revision /tmp/fix/arm-smmu-v3-kdump.c: judged against latest, exit 0', () => {
    fs.mkdirSync(path.join(tmp, 'fix'));
    const fix = path.join(tmp, 'fix', 'arm-smmu-v3-kdump.c');
    fs.copyFileSync(path.join(REPO_ROOT, 'harness/revisions/latest/arm-smmu-v3-kdump.c'), fix);
    fs.writeFileSync(fix, applyEdit(fs.readFileSync(fix, 'utf8'), EDITS.kdump)); // $EDITOR: a dev_dbg reworded
    const r = npm(`npm run fuzz -- --seed 42 --revision ${fix}`);
    expect(r.stdout).toMatch(/^fuzz: revision latest with arm-smmu-v3-kdump\.c replaced by \S*\/fix\/arm-smmu-v3-kdump\.c \(1 hunk against latest's\), seed 42, 1000 runs/m);
    expect(r.stdout).toMatch(/against the base latest \(run on the same \d+ scenarios\): fixed 0, broke 0, kept \d+ signature/);
    expect(r.code).toBe(0);
    const replay = npm(`npm run replay -- corpus --revision ${fix}`);
    expect(replay.stdout).toMatch(/0 new failure\(s\), 0 regression\(s\), \d+ known/);
    expect(replay.code).toBe(0);
  }, 600_000);

  test('npm run fuzz -- --seed 42 --revision ~/my-fix.patch: a patch that breaks something says what, exit 1', () => {
    // kexec.c: an intact linear table with LOG2SIZE == sid_bits is no longer adopted.
    const patch = path.join(tmp, 'my-fix.patch');
    fs.writeFileSync(patch, diffOf(EDITS.kexec, tmp));
    const r = npm(`npm run fuzz -- --seed 42 --revision ${patch}`);
    expect(r.stdout).toMatch(/^fuzz: revision latest \+ my-fix\.patch \(1 hunk in arm-smmu-v3-kexec\.c\), seed 42/m);
    expect(r.stdout).toMatch(/ {2}intact-table-adopted +fixed 0, broke [1-9]\d*, kept \d+\n {6}broke {2}intact-table-adopted:/);
    expect(r.code).toBe(1);
  }, 600_000);
});

/**
 * V8's wasm inlining (harness/kernel/wasmInlining.ts) is a matter of speed: a fuzz run must
 * report the same with it as without it. The JIT inlines only once a function has run hot, so
 * the comparison needs runs past the tier-up (3000 of latest, many of them crashes whose
 * signatures name the driver function from the stack) and evidence that inlining did happen:
 * V8's own trace of it, printed by the process whose report is compared. Two processes, as the
 * flag is per process; --jobs 1, as worker processes get no trace flag.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readWasmNames } from '../../harness/kernel/wasmNames';
import { ROOT } from './spawn';

const REPO_CORPUS = path.join(ROOT, 'corpus');
/** Lines of --trace-wasm-inlining, mixed into stdout with the report. */
const TRACE_LINE = /^\s*\[?function \d+[: ]/;
/** A call V8 inlined: "[function CALLER: considering candidate {@node, index=CALLEE, ...}: inlining!]". */
const INLINED = /^\s*\[function \d+: considering candidate \{@\d+, index=(\d+),.*: inlining!\]$/;
const LATEST_NAMES = readWasmNames(fs.readFileSync(path.join(ROOT, 'harness', 'revisions', 'latest', 'latest.wasm'))).functions;

let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm-inlining-')); });
afterAll(() => { fs.rmSync(root, { recursive: true, force: true }); });

function fuzz(inlining: '0' | '1') {
  // One corpus path for both (the report names it), filled afresh from the repository's corpus.
  const corpus = path.join(root, 'corpus');
  fs.rmSync(corpus, { recursive: true, force: true });
  fs.cpSync(REPO_CORPUS, corpus, { recursive: true });
  const before = new Set(fs.readdirSync(corpus));
  const json = path.join(root, 'run.json');
  const trace = inlining === '1' ? ['--trace-wasm-inlining'] : [];
  const r = spawnSync(process.execPath, [...trace, '-r', './harness/tsRequire.js', 'harness/cli/fuzz.ts',
    '--seed', '1', '--runs', '3000', '--revision', 'latest', '--jobs', '1', '--corpus', corpus, '--json', json], {
    cwd: ROOT, encoding: 'utf8', timeout: 240_000, maxBuffer: 256 << 20,
    env: { ...process.env, SMMU_FUZZ_WASM_INLINING: inlining, SOURCE_DATE_EPOCH: '1767225600' },
  });
  const lines = r.stdout.split('\n');
  const added = fs.readdirSync(corpus).filter((f) => !before.has(f)).sort();
  return {
    code: r.status,
    inlined: new Set(lines.flatMap((l) => INLINED.exec(l)?.[1] ?? []).map((i) => LATEST_NAMES.get(Number(i)))),
    report: lines.filter((l) => !TRACE_LINE.test(l)).join('\n'),
    json: fs.readFileSync(json, 'utf8'),
    added: added.map((f) => [f, fs.readFileSync(path.join(corpus, f), 'utf8')]),
  };
}

test('fuzz --seed 1 --runs 3000 of latest: the same report, --json document and corpus files with V8\'s wasm inlining (seen to inline) as without it', () => {
  const off = fuzz('0');
  const on = fuzz('1');
  expect(off.code).toBe(0);
  expect(JSON.parse(off.json)).toMatchObject({ runs_done: 3000 });
  // Crashes were judged, and some of them in a driver function V8 inlined into its caller in
  // that process: their signatures name the innermost driver frame of the WebAssembly stack.
  const crashedIn = [...on.report.matchAll(/no-crash:[a-z-]+@(arm_smmu_\w+) — /g)].map((m) => m[1]);
  expect(crashedIn.filter((f) => on.inlined.has(f))).not.toEqual([]);
  expect(on.code).toBe(off.code);
  expect(on.report).toBe(off.report);
  expect(on.json).toBe(off.json);
  expect(on.added).toEqual(off.added);
}, 600_000);

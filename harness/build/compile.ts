/**
 * Building one revision's driver C into a wasm64 module with the ABI of
 * harness/shim/ABI.md.
 *
 * Translation units: harness/shim/driver_entry.c (which #includes the
 * revision's arm-smmu-v3.c) and the revision's own units (later code), all
 * instrumented like KASAN; harness/shim/runtime.c and abi_imports.c, not
 * instrumented.
 *
 * Reproducible: compiled from the repository root with relative paths, and
 * -ffile-prefix-map for anything else, so no absolute or temporary path and
 * no timestamp ends up in the module.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Toolchain, findToolchain } from './toolchain';
import { EDGE_MAP_SECTION, EdgeMapError, readEdgeMap, sourceReader, withCustomSection } from './edgeMap';

export class CBuildError extends Error {
  override name = 'CBuildError';
  constructor(
    message: string,
    /** The compiler's or linker's whole output. */
    readonly output: string,
  ) {
    super(message);
  }
}

export interface BuildInput {
  /** The repository root: the shim is found here, and compiling happens here. */
  repoRoot: string;
  /** The directory with arm-smmu-v3.c and arm-smmu-v3.h (and the units). */
  sourceDir: string;
  /** Extra translation units, file names in sourceDir. */
  units: string[];
  /** The .wasm to write. */
  out: string;
  /** How sourceDir is named inside the module (__FILE__ of WARN_ON), if not under repoRoot. */
  sourceName?: string;
  toolchain?: Toolchain;
}

/** -fno-inline: a trap's stack then names the driver function it happened in. */
const TARGET = ['--target=wasm64-unknown-unknown', '-mmutable-globals', '-O2', '-fno-inline', '-ffreestanding', '-fno-builtin', '-nostdlib', '-std=gnu11'];
const WARNINGS = ['-Wall', '-Werror=implicit-function-declaration', '-Werror=int-conversion', '-Werror=incompatible-pointer-types', '-Wno-unused-function', '-Wno-unused-variable', '-Wno-unused-but-set-variable'];

/** Every load and store becomes a call to __asan_{load,store}N (WASM_FACTS.md). */
const KASAN = [
  '-Xclang',
  '-fsanitize=address',
  '-mllvm',
  '-asan-instrumentation-with-call-threshold=0',
  '-mllvm',
  '-asan-globals=0',
  '-mllvm',
  '-asan-stack=0',
];

/**
 * Edge coverage of the driver C (issue 11): each instrumented basic block sets a one-byte flag
 * in the module's data (no call, so runs cost little more). -g only to map the flags to source
 * lines at build time (edgeMap.ts); the module keeps no DWARF (--strip-debug).
 */
const COVERAGE = ['-fsanitize-coverage=inline-bool-flag', '-g'];

/** The sanitizer's constructor hands the flags' bounds to this import (env); the map has them. */
const COVERAGE_IMPORTS = ['__sanitizer_cov_bool_flag_init'];

const LINK = [
  '-m',
  'wasm64',
  '--no-entry',
  '--export-table',
  '--stack-first',
  '-z',
  'stack-size=65536',
  '--import-memory',
  '--export=__heap_base',
  '--export=__data_end',
  '--export=__stack_pointer',
  // Keeps abi_imports.c's table: every module imports all of ABI.md.
  '--no-gc-sections',
];

/** The first error lines of a compiler's output, for the exception message. */
function firstErrors(output: string): string {
  const lines = output.split('\n');
  const errors = lines.filter((l) => /\berror\b/.test(l)).slice(0, 8);
  return (errors.length > 0 ? errors : lines.slice(0, 8)).join('\n');
}

function run(tool: string, args: string[], cwd: string, what: string): void {
  const r = spawnSync(tool, args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', SOURCE_DATE_EPOCH: '0' } });
  if (r.error) throw new CBuildError(`${what}: cannot run ${tool}: ${r.error.message}`, '');
  const output = (r.stdout ?? '') + (r.stderr ?? '');
  if (r.status !== 0) throw new CBuildError(`${what} failed:\n${firstErrors(output)}`, output);
}

export function buildWasm(input: BuildInput): void {
  const tc = input.toolchain ?? findToolchain();
  const root = path.resolve(input.repoRoot);
  const src = path.resolve(input.sourceDir);
  const rel = path.relative(root, src);
  const inside = !rel.startsWith('..') && !path.isAbsolute(rel);
  const srcArg = inside ? rel : src;
  const maps = [`-ffile-prefix-map=${root}/=`];
  if (!inside) maps.unshift(`-ffile-prefix-map=${src}=${input.sourceName ?? 'revision'}`);

  const objDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-wasm-'));
  try {
    const common = [...TARGET, ...WARNINGS, ...maps, '-I', 'harness/shim/include'];
    const driver = [...common, ...KASAN, ...COVERAGE, '-include', 'arm-smmu-v3-gaps.h', '-I', srcArg];
    const objects: string[] = [];
    const compile = (flags: string[], file: string, obj: string) => {
      const o = path.join(objDir, obj);
      run(tc.clang, [...flags, '-c', file, '-o', o], root, `compiling ${file}`);
      objects.push(o);
    };
    compile(driver, 'harness/shim/driver_entry.c', 'driver_entry.o');
    for (const u of input.units) compile(driver, path.join(srcArg, u), u.replace(/\.c$/, '.o'));
    compile(common, 'harness/shim/runtime.c', 'runtime.o');
    compile(common, 'harness/shim/abi_imports.c', 'abi_imports.o');
    fs.mkdirSync(path.dirname(path.resolve(input.out)), { recursive: true });
    const undef = path.join(objDir, 'coverage-imports.txt');
    fs.writeFileSync(undef, COVERAGE_IMPORTS.join('\n') + '\n');
    const link = [...LINK, `--allow-undefined-file=${undef}`, ...objects];
    // Linked twice: with DWARF to read the edge map, then stripped for the module itself.
    const withDebug = path.join(objDir, 'debug.wasm');
    run(tc.wasmLd, [...link, '-o', withDebug], root, `linking ${input.out}`);
    let map;
    try {
      map = readEdgeMap(withDebug, sourceReader(root, src, inside ? rel : input.sourceName ?? 'revision'));
    } catch (e) {
      if (e instanceof EdgeMapError) throw new CBuildError(`mapping the coverage edges of ${input.out}: ${e.message}`, '');
      throw e;
    }
    const stripped = path.join(objDir, 'out.wasm');
    run(tc.wasmLd, [...link, '--strip-debug', '-o', stripped], root, `linking ${input.out}`);
    fs.writeFileSync(path.resolve(input.out), withCustomSection(fs.readFileSync(stripped), EDGE_MAP_SECTION, Buffer.from(JSON.stringify(map))));
  } finally {
    fs.rmSync(objDir, { recursive: true, force: true });
  }
}

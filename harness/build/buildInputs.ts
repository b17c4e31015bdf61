/**
 * The build cache key of a revision built from a path: a hash over everything that changes
 * its .wasm. Gathered as named parts, so a test can see what is covered:
 *   input:*      the user's file (kind, name, content)
 *   base:*       the base revision's name and each of its committed source files
 *   build:*      the files actually compiled (the base's, patched or replaced), the units, the
 *                name the sources get in the module (__FILE__)
 *   shim:*       every file under harness/shim, recursively
 *   flags:*      harness/build/compile.ts (compiler and linker flags) and edgeMap.ts (the
 *                coverage section appended to the module)
 *   toolchain:*  `clang --version` and `wasm-ld --version`
 *   sources:*    harness/revisions/sources (the base patches every revision is assembled with)
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Toolchain } from './toolchain';
import type { UserRevision } from './userRevision';

export type BuildInputs = Map<string, string | Buffer>;

function filesUnder(repoRoot: string, rel: string): string[] {
  const abs = path.join(repoRoot, rel);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((d) => (d.isDirectory() ? filesUnder(repoRoot, `${rel}/${d.name}`) : d.isFile() ? [`${rel}/${d.name}`] : []));
}

/** What identifies the compiler and linker: their own --version output. */
export function toolchainIdentity(tc: Toolchain): string {
  return [tc.clang, tc.wasmLd]
    .map((tool) => {
      const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
      return `${tool}: ${r.error ? `error ${r.error.message}` : (r.stdout ?? '') + (r.stderr ?? '')}`;
    })
    .join('\n');
}

export function collectBuildInputs(opts: {
  input: { path: string; content: Buffer };
  revision: UserRevision;
  sourceName: string;
  toolchainId: string;
  repoRoot: string;
}): BuildInputs {
  const { revision: r, repoRoot } = opts;
  const parts: BuildInputs = new Map();
  parts.set('input:kind', r.kind);
  parts.set('input:name', path.basename(opts.input.path));
  parts.set('input:content', opts.input.content);
  parts.set('base:name', r.base);
  for (const [name, text] of r.baseFiles) parts.set(`base:${name}`, text);
  for (const [name, text] of r.files) parts.set(`build:file:${name}`, text);
  parts.set('build:units', r.units.join('\n'));
  parts.set('build:sourceName', opts.sourceName);
  for (const rel of filesUnder(repoRoot, 'harness/shim')) parts.set(`shim:${rel}`, fs.readFileSync(path.join(repoRoot, rel)));
  // compile.ts has the flags, edgeMap.ts makes the smmu.coverage section appended to the module.
  for (const rel of ['harness/build/compile.ts', 'harness/build/edgeMap.ts']) parts.set(`flags:${rel}`, fs.readFileSync(path.join(repoRoot, rel)));
  parts.set('toolchain:version', opts.toolchainId);
  for (const rel of filesUnder(repoRoot, 'harness/revisions/sources')) parts.set(`sources:${rel}`, fs.readFileSync(path.join(repoRoot, rel)));
  return parts;
}

/** A short hex hash of all the parts, names included (order-independent). */
export function inputsHash(parts: BuildInputs): string {
  const h = createHash('sha256');
  for (const name of [...parts.keys()].sort()) {
    const v = parts.get(name)!;
    const bytes = typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
    h.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * npm run build:c [-- --check] [-- NAME...]
 *
 * Builds the .wasm of every revision and mutant listed in
 * harness/revisions/revisions.json (or only those named) from their
 * assembled sources. With --check, builds into a temporary directory and
 * compares byte for byte with the committed .wasm: exit 1 naming any that
 * differ, so CI catches a .wasm that is stale or not reproducible.
 *
 * Exit 2 when clang-14 / wasm-ld is missing, or a name is unknown.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCatalog, RevisionEntry } from '../revisions/catalog';
import { buildEntry } from './revision';
import { ToolchainMissingError, findToolchain } from './toolchain';
import { CBuildError } from './compile';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

function selected(catalog: RevisionEntry[], names: string[]): RevisionEntry[] {
  const unknown = names.filter((n) => !catalog.some((e) => e.name === n));
  if (unknown.length > 0) {
    console.error(`build:c: unknown revision ${unknown.join(', ')}; known: ${catalog.map((e) => e.name).join(', ')}`);
    process.exit(2);
  }
  return names.length === 0 ? catalog : catalog.filter((e) => names.includes(e.name));
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const names = argv.filter((a) => !a.startsWith('--'));
  let toolchain;
  try {
    toolchain = findToolchain();
  } catch (e) {
    if (e instanceof ToolchainMissingError) {
      console.error(`build:c: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const entries = selected(readCatalog(REPO_ROOT), names);
  const tmp = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'smmu-check-')) : null;
  const differing: string[] = [];
  try {
    for (const e of entries) {
      const committed = path.join(REPO_ROOT, e.wasm);
      const out = tmp ? path.join(tmp, path.basename(e.wasm)) : committed;
      buildEntry(REPO_ROOT, e, out, toolchain);
      if (!tmp) {
        console.log(`built ${e.wasm} (${fs.statSync(out).size} bytes)`);
        continue;
      }
      if (!fs.existsSync(committed)) differing.push(`${e.wasm}: not committed`);
      else if (!fs.readFileSync(committed).equals(fs.readFileSync(out))) differing.push(`${e.wasm}: differs from a fresh build`);
      else console.log(`ok ${e.wasm}`);
    }
  } catch (e) {
    if (e instanceof CBuildError) {
      console.error(`build:c: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (differing.length > 0) {
    console.error('build:c --check: the committed .wasm files are not what the sources build:');
    for (const d of differing) console.error(`  ${d}`);
    console.error('Run `npm run assemble && npm run build:c` and commit the result.');
    return 1;
  }
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

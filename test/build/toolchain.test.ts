/**
 * Without clang, building fails with a typed error that says what to install.
 * (Building itself is checked by `npm run build:c -- --check` in .ci/run.)
 */
import * as os from 'os';
import * as path from 'path';
import { buildFromCFile, findToolchain, ToolchainMissingError } from '../../harness/build';

describe('a missing C toolchain', () => {
  const saved = process.env.KSHIM_CLANG;
  beforeAll(() => {
    process.env.KSHIM_CLANG = '/nonexistent/clang-14';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.KSHIM_CLANG;
    else process.env.KSHIM_CLANG = saved;
  });

  test('findToolchain() throws ToolchainMissingError naming the packages', () => {
    expect(() => findToolchain()).toThrow(ToolchainMissingError);
    expect(() => findToolchain()).toThrow('apt-get install clang-14 lld-14');
  });

  test('building a revision from a C file throws the same typed error', () => {
    const attempt = () =>
      buildFromCFile({ cFile: path.join(__dirname, '..', '..', 'harness', 'revisions', 'v6', 'arm-smmu-v3.c'), out: path.join(os.tmpdir(), 'never.wasm') });
    expect(attempt).toThrow(ToolchainMissingError);
  });
});

// `node -r ./harness/tsRequire.js harness/cli/fuzz.ts`: loads the TypeScript sources the way
// `ts-node --transpile-only` does, without paying for the compiler at every start. Transpiling
// every module cost each start 1.5-2.5 s (as much as hundreds of runs), so the output is kept on
// disk by a hash of the source, its path, tsconfig.json and the compiler versions (transpile-only
// output depends on nothing else): a start after the first reads it back, without even loading
// the compiler. Used by `npm run fuzz`, `npm run replay` and the fuzz worker processes.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'smmu-kdump-fuzz-ts');
const compiler = [
  require('typescript/package.json').version,
  require('ts-node/package.json').version,
  fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'),
].join('\0');
let service; // ts-node, created on the first cache miss only

process.setSourceMapsEnabled(true); // stack traces through the inline source maps, as under ts-node

require.extensions['.ts'] = (m, fileName) => {
  const code = fs.readFileSync(fileName, 'utf8');
  const key = crypto.createHash('sha256').update(compiler).update('\0').update(fileName).update('\0').update(code).digest('hex');
  const file = path.join(cacheDir, `${key}.js`);
  let out;
  try {
    out = fs.readFileSync(file, 'utf8');
  } catch {
    service ??= require('ts-node').create({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
    out = service.compile(code, fileName);
    try {
      // Written whole, then renamed: a process starting beside this one never reads half a file.
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, out);
      fs.renameSync(tmp, file);
    } catch {
      // A read-only checkout: no cache, only a slower start.
    }
  }
  m._compile(out, fileName);
};

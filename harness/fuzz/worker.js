// A worker process of `npm run fuzz -- --jobs N`: a bare node process, so it loads the
// TypeScript worker through the same on-disk transpile cache as the command line.
require('../tsRequire.js');
require('./runWorker.ts');

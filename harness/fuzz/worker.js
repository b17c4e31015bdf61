// A worker thread of `npm run fuzz -- --jobs N`: the CLI runs under ts-node, a worker starts
// bare, so it registers ts-node itself before loading the TypeScript worker.
require('ts-node').register({ transpileOnly: true });
require('./runWorker.ts');

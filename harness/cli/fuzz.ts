/** Entry point of `npm run fuzz` (usage: harness/cli/fuzzArgs.ts). */
import { fuzzCommand } from './fuzzCommand';
import { realHarness } from '../fuzz/harness';
import { main } from './main';

if (require.main === module) {
  main((args, io, signal) => fuzzCommand(args, realHarness(), io, signal));
}

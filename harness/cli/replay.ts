/** Entry point of `npm run replay` (usage: harness/cli/replayArgs.ts). */
import { realHarness } from '../fuzz/harness';
import { main } from './main';
import { replayCommand } from './replayCommand';

if (require.main === module) {
  main((args, io, signal) => replayCommand(args, realHarness(), io, signal));
}

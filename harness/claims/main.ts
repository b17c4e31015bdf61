/** Entry point of `npm run claims` (see command.ts). */
import { main } from '../cli/main';
import { claimsCommand } from './command';

main((args, io) => claimsCommand(args, io));

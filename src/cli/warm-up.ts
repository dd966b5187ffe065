/**
 * Imported first by main.ts, so it runs before the rest of the CLI loads: starts the worker
 * threads the command is about to need (engine/threads/start.ts), which then boot while the modules
 * load and the database opens. A guess from argv: a wrong one only leaves a thread idle.
 */
import { warmUp } from '../engine/threads/start.ts';

const [command, ...args] = process.argv.slice(2);
if (!args.includes('--help') && !args.includes('-h')) {
  if (command === 'snapshot') {
    warmUp('copy-thread');
    // Uncompressed copies hash on a thread of their own.
    if (args.some((a, i) => a === '--compression=none' || (a === 'none' && args[i - 1] === '--compression'))) warmUp('hash-thread');
  } else if (command === 'restore' || command === 'verify') {
    warmUp('write-thread');
  }
}

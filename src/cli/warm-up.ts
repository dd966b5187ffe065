/**
 * Imported first by main.ts, so it runs before the rest of the CLI loads: starts the worker
 * threads the command is about to need (engine/threads.ts), which then boot while the modules
 * load and the database opens. A guess from argv: a wrong one only leaves a thread idle.
 */
import { COPY_SOURCE, HASH_SOURCE } from '../engine/copy-worker.ts';
import { WRITER_SOURCE } from '../engine/hashing-writer.ts';
import { warmUp } from '../engine/threads.ts';

const [command, ...args] = process.argv.slice(2);
if (!args.includes('--help') && !args.includes('-h')) {
  if (command === 'snapshot') {
    warmUp(COPY_SOURCE);
    // Uncompressed copies hash on a thread of their own.
    if (args.some((a, i) => a === '--compression=none' || (a === 'none' && args[i - 1] === '--compression'))) warmUp(HASH_SOURCE);
  } else if (command === 'restore' || command === 'verify') {
    warmUp(WRITER_SOURCE);
  }
}

/**
 * Imported first by main.ts, so it runs before the rest of the CLI loads: starts the worker
 * threads the command is about to need (engine/threads/start.ts), which then boot while the modules
 * load and the database opens. A guess from argv: a wrong one only leaves a thread idle.
 */
import { hashThreadPays, warmUp } from '../engine/threads/start.ts';
import { warmUploadThread } from '../store/github/releases/upload-thread-start.ts';

const [command, ...args] = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}
if (!args.includes('--help') && !args.includes('-h')) {
  if (command === 'snapshot') {
    const compressed = option('compression') !== 'none';
    const toRelease = option('release') !== undefined;
    // To a release: the stored file goes up from a thread of its own, and a compressed copy, checked
    // after it, runs on this thread (no copy thread).
    if (toRelease) warmUploadThread(Number.POSITIVE_INFINITY);
    if (!toRelease || !compressed) warmUp('copy-thread');
    // Uncompressed copies may hash on a thread of their own.
    if (!compressed && hashThreadPays(option('check') !== 'off')) warmUp('hash-thread');
  } else if (command === 'restore' || command === 'verify') {
    warmUp('write-thread');
  }
}

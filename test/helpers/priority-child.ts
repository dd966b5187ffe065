/**
 * For the priority tests: starts a worker thread, applies `--priority <argv[2]>` the way the CLI
 * does, starts a second worker afterwards, and prints the nice value of every thread of this
 * process as JSON ({"lowered": n, "nice": {tid: value}}), read from /proc like `ps -L` does.
 */
import { once } from 'node:events';
import { Worker, isMainThread } from 'node:worker_threads';
import { applyPriority, type Priority } from '../../src/cli/priority.ts';
import { threadNices } from './threads.ts';

if (isMainThread) {
  const before = new Worker(new URL(import.meta.url));
  await once(before, 'online');
  const lowered = applyPriority(process.argv[2] as Priority);
  const after = new Worker(new URL(import.meta.url));
  await once(after, 'online');
  // A pool thread started after the call: it must inherit the lowered value too.
  await import('node:zlib').then((z) => new Promise((r) => z.gzip(Buffer.alloc(1000), r)));
  process.stdout.write(JSON.stringify({ lowered, nice: threadNices(process.pid) }) + '\n');
  await Promise.all([before.terminate(), after.terminate()]);
} else {
  // Keeps the worker alive until it is terminated.
  setInterval(() => undefined, 1 << 30);
}

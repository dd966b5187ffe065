import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Starting the thread modules of this folder, and starting them before they are needed. A Node
 * worker takes ~25 ms to boot here, and an uncompressed 1 GiB copy waits for two of them before its
 * first byte is hashed (~45 ms of ~750). A command that knows it will copy calls warmUp() first
 * thing, so the threads boot while it loads its modules and opens the database; startThread() then
 * hands over a warm one, or boots a new one when there is none.
 *
 * A thread gets its job through threadJob() (thread-job.ts) either way: as `workerData` when
 * started for it, as the first message `{ job }` when warm.
 */
export type ThreadName = 'copy-thread' | 'hash-thread' | 'write-thread';

/**
 * Work up to this many bytes is done in line, on the caller's thread, with no thread started: a
 * thread's start (~25 ms here, more on a busy machine, and a core's worth of CPU meanwhile) costs
 * more than running a few MiB of copying or writing alongside the caller's own work saves.
 */
export const IN_LINE_MAX = 16 << 20;

/**
 * Whether an uncompressed copy pays for a hash thread of its own beside the copy thread. Not when
 * the caller runs a check on its own thread meanwhile (`checking`) on only two cores: the check,
 * the copy and the hash thread then took turns on both cores, the check slowest of all; with the
 * copy thread hashing too, each of the two has a core.
 */
export function hashThreadPays(checking: boolean): boolean {
  return !checking || os.availableParallelism() > 2;
}

/**
 * Each thread is a file beside this module: lib/engine/threads/ after tsc, src/engine/threads/
 * when the sources run directly (tests), dist/ beside the ncc bundle that holds this module
 * (scripts/bundle.js bundles each thread file there, as ncc does not follow a computed worker URL).
 */
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

export function threadUrl(name: ThreadName): URL {
  return new URL(`./${name}${EXT}`, import.meta.url);
}

/**
 * A thread module of another layer, `<name>.ts` beside `moduleUrl` (the caller's import.meta.url):
 * lib/ and src/ as above; in dist/ every thread module is bundled beside the chunks.
 */
export function threadBeside(moduleUrl: string, name: string): URL {
  return new URL(`./${name}${EXT}`, moduleUrl);
}

interface Warm {
  worker: Worker;
  dead: boolean;
}

const warm = new Map<string, Warm[]>();

const urlOf = (thread: ThreadName | URL): URL => (typeof thread === 'string' ? threadUrl(thread) : thread);

/** Boots `count` threads of `thread` (a name, or a module's URL); they do not keep the process alive while they wait. */
export function warmUp(thread: ThreadName | URL, count = 1): Worker[] {
  const url = urlOf(thread);
  const list = warm.get(url.href) ?? [];
  warm.set(url.href, list);
  for (let i = 0; i < count; i++) {
    const worker = new Worker(url);
    const entry: Warm = { worker, dead: false };
    // Until it is handed out, a failure only means this thread is not used.
    worker.on('error', () => (entry.dead = true));
    worker.once('exit', () => (entry.dead = true));
    worker.unref();
    list.push(entry);
  }
  return list.slice(-count).map((e) => e.worker);
}

/** How many threads of `thread` are booted and waiting for a job. */
export function waitingThreads(thread: ThreadName | URL): number {
  const url = urlOf(thread);
  return (warm.get(url.href) ?? []).filter((e) => !e.dead).length;
}

/** A thread of `thread` working on `job`: a warm one if there is one, else a new one. */
export function startThread(thread: ThreadName | URL, job: unknown): Worker {
  const url = urlOf(thread);
  const list = warm.get(url.href) ?? [];
  for (let entry = list.shift(); entry; entry = list.shift()) {
    if (entry.dead) continue;
    entry.worker.removeAllListeners('error');
    entry.worker.ref();
    entry.worker.postMessage({ job });
    return entry.worker;
  }
  return new Worker(url, { workerData: job });
}

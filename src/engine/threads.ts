import { Worker } from 'node:worker_threads';

/**
 * Worker threads that can be started before they are needed. A Node worker takes ~25 ms to boot
 * here, and an uncompressed 1 GiB copy waits for two of them before its first byte is hashed
 * (~45 ms of ~750). A command that knows it will copy calls warmUp() first thing, so the threads
 * boot while it loads its modules and opens the database; startThread() then hands over a warm
 * one, or boots a new one when there is none.
 *
 * A thread's source sees its job as `workerData` either way: the wrapper below runs the source
 * with the workerData it was started with, or with the first message it receives.
 */
function wrap(source: string): string {
  return `const __wt = require('node:worker_threads');
function __run(workerData) {
${source}
}
if (__wt.workerData !== null && __wt.workerData !== undefined) __run(__wt.workerData);
else __wt.parentPort.once('message', (m) => __run(m.job));
`;
}

interface Warm {
  worker: Worker;
  dead: boolean;
}

const warm = new Map<string, Warm[]>();

/** Boots `count` threads for `source`; they do not keep the process alive while they wait. */
export function warmUp(source: string, count = 1): Worker[] {
  const list = warm.get(source) ?? [];
  warm.set(source, list);
  for (let i = 0; i < count; i++) {
    const worker = new Worker(wrap(source), { eval: true });
    const entry: Warm = { worker, dead: false };
    // Until it is handed out, a failure only means this thread is not used.
    worker.on('error', () => (entry.dead = true));
    worker.once('exit', () => (entry.dead = true));
    worker.unref();
    list.push(entry);
  }
  return list.slice(-count).map((e) => e.worker);
}

/** A thread running `source` on `job`: a warm one if there is one, else a new one. */
export function startThread(source: string, job: unknown): Worker {
  const list = warm.get(source) ?? [];
  for (let entry = list.shift(); entry; entry = list.shift()) {
    if (entry.dead) continue;
    entry.worker.removeAllListeners('error');
    entry.worker.ref();
    entry.worker.postMessage({ job });
    return entry.worker;
  }
  return new Worker(wrap(source), { eval: true, workerData: job });
}

/**
 * Thread-side code for writing a new file, shared by the copy and restore threads (included in
 * their sources). Writes are synchronous calls in 256 KiB slices: buffered writes of 1 MiB or more
 * often cost 1-2 s of extra system time per GiB on this project's benchmark VM (dd bs=1M shows it,
 * bs=256K almost never; bench/README.md). Every 128 MiB the part written so far is flushed on
 * libuv's pool while writing goes on, so the final fsync has little left to do.
 * `slicedWriter(fd)` returns { write(buf, position), settle() }; settle() waits for the flushes
 * and throws the first one's error.
 */
export const SLICED_WRITER = String.raw`
function slicedWriter(fd) {
  const SLICE = 256 * 1024;
  const SYNC_EVERY = 128 * 1024 * 1024;
  const fs = require('node:fs');
  const syncs = [];
  let synced = 0;
  return {
    write(buf, position) {
      for (let w = 0; w < buf.length; ) w += fs.writeSync(fd, buf, w, Math.min(SLICE, buf.length - w), position + w);
      const end = position + buf.length;
      if (end - synced >= SYNC_EVERY) {
        synced = end;
        syncs.push(new Promise((resolve) => fs.fdatasync(fd, resolve)));
      }
    },
    async settle() {
      const err = (await Promise.all(syncs)).find((e) => e);
      if (err) throw err;
    },
  };
}
`;

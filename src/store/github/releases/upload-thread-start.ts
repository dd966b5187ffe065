import type { Worker } from 'node:worker_threads';
import { startThread, threadBeside, waitingThreads, warmUp } from '../../../engine/threads/start.ts';

/**
 * Uploads at least this large go on a thread of their own (upload-thread.ts): a smaller one takes
 * a few tens of ms at the rates runners see, about what the thread's start costs.
 */
export const UPLOAD_THREAD_MIN = 4 << 20;

/** Beside this module: src/ and lib/ keep upload-thread.ts next to it, dist/ holds every thread module beside the chunks. */
const UPLOAD_THREAD = threadBeside(import.meta.url, 'upload-thread');

/**
 * Boots an upload thread ahead of an upload of about `size` bytes that will want one, unless one
 * is already waiting (the Action's snapshot step boots one before its modules load: early.ts).
 */
export function warmUploadThread(size: number): void {
  if (size >= UPLOAD_THREAD_MIN && waitingThreads(UPLOAD_THREAD) === 0) warmUp(UPLOAD_THREAD);
}

/** An upload thread working on `job`: the waiting one, if any. */
export function startUploadThread(job: unknown): Worker {
  return startThread(UPLOAD_THREAD, job);
}

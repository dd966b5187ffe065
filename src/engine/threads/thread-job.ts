import { parentPort, workerData } from 'node:worker_threads';

/**
 * Thread-side half of start.ts. A thread started for a job gets it as `workerData`; a warm one
 * (started before the job was known) gets it as the first message, `{ job }`.
 */
export function threadJob<T>(): Promise<T> {
  if (workerData !== null && workerData !== undefined) return Promise.resolve(workerData as T);
  return new Promise((resolve) => port().once('message', (m: { job: T }) => resolve(m.job)));
}

/** The port to the thread that started this one; there is always one in a thread module. */
export function port(): NonNullable<typeof parentPort> {
  if (!parentPort) throw new Error('a thread module was run as a program; it only runs as a worker thread (engine/threads/start.ts)');
  return parentPort;
}

/** An error as it crosses to the main thread: what the main thread's messages and checks need. */
export interface ThreadError {
  message: string;
  code?: string;
  syscall?: string;
}

export function toThreadError(err: unknown): ThreadError {
  const e = err as Partial<NodeJS.ErrnoException> | null | undefined;
  return { message: String(e?.message ?? err), ...(e?.code ? { code: e.code } : {}), ...(e?.syscall ? { syscall: e.syscall } : {}) };
}

export function fromThreadError(e: ThreadError): Error {
  return Object.assign(new Error(e.message), { code: e.code, syscall: e.syscall });
}

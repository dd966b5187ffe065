/**
 * The copy thread (started by threads/copy-worker.ts): runs a copy (copy-loop.ts) off the main
 * thread, so the main thread stays free for SQLite's checks on the same consistent view.
 */
import { gcFunction } from '../common/gc.ts';
import { runCopy, type CopyThreadJob } from './copy-loop.ts';
import { port, threadJob, toThreadError } from './thread-job.ts';

/** A full GC on demand (see GC_EVERY). */
function fullGc(): () => void {
  const gc = gcFunction();
  return () => gc?.();
}

// Before the job arrives: a warm thread has this done by then.
const collect = fullGc();
const job = await threadJob<CopyThreadJob>();
runCopy(job, { onBytes: (bytes) => port().postMessage({ bytes }), collect }).then(
  (result) => port().postMessage({ result }),
  (err: unknown) => port().postMessage({ error: toThreadError(err) }),
);

/**
 * The copy thread (started by threads/copy-worker.ts): runs a copy (copy-loop.ts) off the main
 * thread, so the main thread stays free for SQLite's checks on the same consistent view.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { runCopy, type CopyThreadJob } from './copy-loop.ts';
import { port, threadJob, toThreadError } from './thread-job.ts';

/**
 * A full GC on demand (see GC_EVERY). setFlagsFromString only exposes gc() to contexts created
 * afterwards: the one made here.
 */
function gcFunction(): () => void {
  try {
    v8.setFlagsFromString('--expose_gc');
    const gc = vm.runInNewContext('gc') as () => void;
    return () => gc();
  } catch {
    return () => {}; // without it, memory is still bounded, only higher
  }
}

// Before the job arrives: a warm thread has this done by then.
const collect = gcFunction();
const job = await threadJob<CopyThreadJob>();
runCopy(job, { onBytes: (bytes) => port().postMessage({ bytes }), collect }).then(
  (result) => port().postMessage({ result }),
  (err: unknown) => port().postMessage({ error: toThreadError(err) }),
);

/**
 * One asset upload on a thread of its own (client.ts, uploadOnce): its bytes keep flowing while the
 * thread that started it is busy, as the main thread is while SQLite checks the snapshot whose
 * stored file this is (SnapshotOptions.checkAfterCopy). Job: a PostFile; answer: { answer } or { error }.
 */
import { port, threadJob, toThreadError } from '../../../engine/threads/thread-job.ts';
import { type PostFile, postFile } from './post-file.ts';

const job = await threadJob<PostFile>();
try {
  port().postMessage({ answer: await postFile(job) });
} catch (err) {
  port().postMessage({ error: toThreadError(err) });
}
// The connection may linger in the agent's pool; nothing else is left for this thread.
process.exit(0);

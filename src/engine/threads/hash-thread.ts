/**
 * The other half of an uncompressed copy (copy-thread.ts): hashes each ring slot the copy thread
 * fills, in order, and frees it again. sha256 (~0.55 s per GiB here) is the slowest part of the
 * copy, so it gets a thread of its own. Job: RingBuffers and the chunk size; answer: { sha256 }.
 */
import crypto from 'node:crypto';
import { Ring, type RingBuffers } from './ring.ts';
import { port, threadJob } from './thread-job.ts';

export interface HashJob extends RingBuffers {
  chunk: number;
}

const job = await threadJob<HashJob>();
const ring = new Ring(job, job.chunk);
const hash = crypto.createHash('sha256');
for (let slot = 0; ; slot = (slot + 1) % ring.slots) {
  const buf = ring.receive(slot);
  if (buf === 'stopped') process.exit(0);
  if (buf === undefined) break;
  hash.update(buf);
  ring.release(slot);
}
port().postMessage({ sha256: hash.digest('hex') });

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { test } from 'node:test';
import type { HashJob } from '../../../src/engine/threads/hash-thread.ts';
import { Ring, createRing, stopRing } from '../../../src/engine/threads/ring.ts';
import { startThread } from '../../../src/engine/threads/start.ts';

const CHUNK = 64 * 1024;

test('the hash ring hands every chunk to the real hash thread in order, slots reused many times over', async () => {
  const buffers = createRing(CHUNK);
  const job: HashJob = { ...buffers, chunk: CHUNK };
  const hasher = startThread('hash-thread', job);
  const answer = once(hasher, 'message') as Promise<[{ sha256: string }]>;
  const ring = new Ring(buffers, CHUNK);
  assert.equal(ring.slots, 4);
  // 37 chunks of different random bytes through 4 slots, the last one short: a slot filled again
  // before the hash thread freed it, or freed before it was hashed, gives another digest.
  const data = randomBytes(36 * CHUNK + 1234);
  const expected = createHash('sha256').update(data).digest('hex');
  let slot = 0;
  for (let pos = 0; pos < data.length; slot = (slot + 1) % ring.slots) {
    const buf = ring.take(slot, Math.min(CHUNK, data.length - pos));
    data.copy(buf, 0, pos, pos + buf.length);
    ring.fill(slot, buf.length);
    pos += buf.length;
  }
  ring.end(slot);
  const [{ sha256 }] = await answer;
  assert.equal(sha256, expected);
  await once(hasher, 'exit');
});

test('a stopped ring ends the hash thread without an answer, and unblocks a producer waiting on a full ring', async () => {
  const buffers = createRing(CHUNK);
  const hasher = startThread('hash-thread', { ...buffers, chunk: CHUNK } satisfies HashJob);
  let answered = false;
  hasher.on('message', () => (answered = true));
  const ring = new Ring(buffers, CHUNK);
  stopRing(buffers);
  const [code] = (await once(hasher, 'exit')) as [number];
  assert.equal(code, 0);
  assert.equal(answered, false);
  // Nobody frees the slots now: the producer's wait for a filled slot ends with an error, not a hang.
  for (let slot = 0; slot < ring.slots; slot++) ring.fill(slot, 0);
  assert.throws(() => ring.take(0, CHUNK), /copy stopped/);
});

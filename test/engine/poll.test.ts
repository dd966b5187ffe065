import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AGAIN, poll, pollSync } from '../../src/engine/common/poll.ts';

test('poll returns the first result that is not AGAIN, after the pauses asked for', async () => {
  let tries = 0;
  const pauses: number[] = [];
  const got = await poll(() => (++tries === 4 ? 'yes' : AGAIN), {
    timeoutMs: 10_000,
    pauseMs: (elapsed) => {
      pauses.push(elapsed);
      return tries === 1 ? 0 : 5;
    },
  });
  assert.equal(got, 'yes');
  assert.equal(tries, 4);
  assert.equal(pauses.length, 3);
  assert.ok(pauses.every((p, i) => i === 0 || p >= (pauses[i - 1] as number)), 'elapsed time only grows');
});

test('poll with timeout 0 tries once; otherwise its last try lands on the limit, not a pause early', async () => {
  let tries = 0;
  assert.equal(await poll(() => (tries++, AGAIN), { timeoutMs: 0, pauseMs: () => 1000 }), AGAIN);
  assert.equal(tries, 1);

  // Pauses of 100 ms with a limit of 150: tries at 0, 100 and 150 (the last pause cut to the limit).
  const at: number[] = [];
  const start = performance.now();
  const got = await poll(() => (at.push(performance.now() - start), AGAIN), { timeoutMs: 150, pauseMs: () => 100 });
  assert.equal(got, AGAIN);
  assert.equal(at.length, 3, `tries at ${at.map((t) => t.toFixed(0)).join(', ')} ms`);
  assert.ok((at[2] as number) >= 148, `the last try came at ${at[2]} ms`);
});

test('poll passes on what an attempt throws, and awaits attempts that return promises', async () => {
  await assert.rejects(poll(() => { throw new Error('not busy: broken'); }, { timeoutMs: 1000, pauseMs: () => 0 }), /not busy: broken/);
  let tries = 0;
  assert.equal(await poll(async () => (++tries < 3 ? AGAIN : tries), { timeoutMs: 1000, pauseMs: () => 0 }), 3);
});

test('pollSync tries as poll does, waiting in place: the first result that is not AGAIN, or AGAIN at the limit', () => {
  let tries = 0;
  assert.equal(pollSync(() => (++tries === 3 ? 'yes' : AGAIN), { timeoutMs: 10_000, pauseMs: () => 1 }), 'yes');
  assert.equal(tries, 3);

  const at: number[] = [];
  const start = performance.now();
  assert.equal(pollSync(() => (at.push(performance.now() - start), AGAIN), { timeoutMs: 150, pauseMs: () => 100 }), AGAIN);
  assert.equal(at.length, 3, `tries at ${at.map((t) => t.toFixed(0)).join(', ')} ms`);
  assert.ok((at[1] as number) >= 99 && (at[2] as number) >= 148, `tries came at ${at.join(', ')} ms`);
  assert.throws(() => pollSync(() => { throw new Error('not busy: broken'); }, { timeoutMs: 1000, pauseMs: () => 0 }), /not busy: broken/);
});

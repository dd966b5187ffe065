import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { startThread, warmUp } from '../../src/engine/threads/start.ts';
import { ROOT } from '../helpers/db.ts';

const SOURCE = new URL('../helpers/age-thread.ts', import.meta.url);
const reply = (w: Worker): Promise<{ answer: number; age: number }> => new Promise((resolve, reject) => {
  w.once('message', resolve);
  w.once('error', reject);
});

test('a warm thread takes the job: it had been running before the job was given, and gets it as workerData', async () => {
  warmUp(SOURCE);
  await new Promise((r) => setTimeout(r, 300));
  const w = startThread(SOURCE, { x: 21 });
  const r = await reply(w);
  assert.equal(r.answer, 42);
  // A thread started for the job would be only as old as its boot (~25-40 ms here).
  assert.ok(r.age >= 250, `thread was ${r.age} ms old when it got the job`);
  await w.terminate();

  // No warm thread left: a new one, which gets the same job the other way.
  const cold = startThread(SOURCE, { x: 2 });
  assert.equal((await reply(cold)).answer, 4);
  await cold.terminate();
});

test('a warm thread that died is skipped, and idle warm threads do not keep a process alive', async () => {
  const [dead] = warmUp(SOURCE);
  await dead?.terminate();
  const w = startThread(SOURCE, { x: 5 });
  assert.equal((await reply(w)).answer, 10);
  await w.terminate();

  // A process that warms threads and never uses them exits on its own.
  const idle = new URL('../helpers/idle-thread.ts', import.meta.url).href;
  const script = `import { warmUp } from ${JSON.stringify(path.join(ROOT, 'src/engine/threads/start.ts'))}; warmUp(new URL(${JSON.stringify(idle)}), 2); console.log('done');`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(out.trim(), 'done');
});

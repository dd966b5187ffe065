import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { throttled } from '../../src/action/run.ts';

test('progress lines: none before the interval has passed since the start, then at most one per interval', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  const printed: string[] = [];
  // core.info writes the line to stdout.
  const write = mock.method(process.stdout, 'write', (chunk: string | Uint8Array) => {
    printed.push(String(chunk).trim());
    return true;
  });
  try {
    const progress = throttled(10_000);
    progress('app.db: copy 40%');
    t.mock.timers.tick(9_999);
    progress('app.db: copy 100%');
    assert.deepEqual(printed, [], 'a step done within the interval prints no progress');
    t.mock.timers.tick(1);
    progress('app.db: check');
    t.mock.timers.tick(5_000);
    progress('app.db: check');
    t.mock.timers.tick(5_000);
    progress('app.db: check 2');
    assert.deepEqual(printed, ['app.db: check', 'app.db: check 2']);
  } finally {
    write.mock.restore();
  }
});

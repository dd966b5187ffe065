import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { ProgressLine } from '../../src/cli/progress.ts';

/** What a ProgressLine writes to a terminal (stderr made a TTY) with TERM set as given. */
function drawn(term: string | undefined): string {
  const saved = { isTTY: process.stderr.isTTY, term: process.env.TERM, write: process.stderr.write };
  let out = '';
  mock.timers.enable({ apis: ['Date'] });
  try {
    process.stderr.isTTY = true;
    if (term === undefined) delete process.env.TERM;
    else process.env.TERM = term;
    process.stderr.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stderr.write;
    const p = new ProgressLine(true);
    mock.timers.tick(2000);
    p.update('snapshot', 50, 100);
    p.clear();
  } finally {
    process.stderr.write = saved.write;
    process.stderr.isTTY = saved.isTTY;
    if (saved.term === undefined) delete process.env.TERM;
    else process.env.TERM = saved.term;
    mock.timers.reset();
  }
  return out;
}

test('the progress line is drawn on a terminal, and not on one that cannot erase a line (TERM=dumb)', () => {
  assert.match(drawn('xterm-256color'), /snapshot: 50%/);
  assert.equal(drawn('dumb'), '');
});

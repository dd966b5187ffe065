/**
 * Takes a store name's writer lock from a separate process, for lock tests.
 * argv: <store> <name> <holdMs> <rounds> <logFile|-> [--forever]
 * Each round: acquire (waiting up to 60 s), append "pid enter t" and "pid exit t" around the hold,
 * release. --forever acquires once, prints "locked" and never lets go (to be kill -9'd).
 */
import { appendFileSync } from 'node:fs';
import { LocalStore } from '../../src/store/local/local.ts';

const [store, name, holdMs, rounds, logFile] = process.argv.slice(2) as [string, string, string, string, string];
const s = new LocalStore(store);
const now = (): number => performance.timeOrigin + performance.now();
if (process.argv.includes('--forever')) {
  await s.lock(name, { timeoutMs: 60_000, purpose: 'lock-holder' });
  process.stdout.write('locked\n');
  setInterval(() => undefined, 1 << 30);
} else {
  for (let i = 0; i < Number(rounds); i++) {
    const lock = await s.lock(name, { timeoutMs: 60_000, purpose: 'lock-holder' });
    appendFileSync(logFile, `${process.pid} enter ${now()}\n`);
    const until = Date.now() + Number(holdMs);
    while (Date.now() < until) await new Promise((r) => setTimeout(r, 1));
    appendFileSync(logFile, `${process.pid} exit ${now()}\n`);
    await lock.release();
  }
}

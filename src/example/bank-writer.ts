/**
 * A separate writer process for the example and the consistency tests: moves money between
 * accounts as fast as it can, each transfer one transaction, so the total is invariant in every
 * committed state.
 * argv: <db> [--checkpoint-truncate-every N] [--hold-ms N] [--busy-timeout MS] [--report-every MS]
 * Prints "ready" once writing, with --report-every a line {"at": epoch ms, "transactions": n}
 * that often, and on SIGTERM a last JSON line {"transactions": n, "ms": t, "maxCommitMs": the
 * longest single transaction, busy waits included, "over10"/"over50": commits slower than 10/50 ms}.
 */
import Database from 'better-sqlite3';

const [dbPath, ...rest] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: writer.ts <db> [options]');
const opt = (name: string, dflt: number): number => {
  const i = rest.indexOf(name);
  return i >= 0 ? Number(rest[i + 1]) : dflt;
};
const truncateEvery = opt('--checkpoint-truncate-every', 0);
const holdMs = opt('--hold-ms', 0);
const db = new Database(dbPath, { timeout: opt('--busy-timeout', 10_000) });
const accounts = Number(db.prepare('SELECT count(*) FROM accounts').pluck().get());
const move = db.prepare('UPDATE accounts SET balance = balance + ? WHERE id = ?');
const log = db.prepare('INSERT INTO transfers(src, dst, amount) VALUES (?, ?, ?)');
let seed = 12345;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const transfer = db.transaction((src: number, dst: number, amount: number) => {
  move.run(-amount, src);
  move.run(amount, dst);
  log.run(src, dst, amount);
  if (holdMs > 0) {
    const until = Date.now() + holdMs;
    while (Date.now() < until) {
      /* keep the write transaction open on purpose */
    }
  }
});

const reportEvery = opt('--report-every', 0);
let n = 0;
let maxCommitMs = 0;
let over10 = 0;
let over50 = 0;
let stop = false;
let lastReport = Date.now();
const started = Date.now();
process.on('SIGTERM', () => {
  stop = true;
});
process.stdout.write('ready\n');
function burst(): void {
  const until = Date.now() + 20;
  while (Date.now() < until) {
    const t0 = performance.now();
    transfer(1 + rand(accounts), 1 + rand(accounts), 1 + rand(100));
    const dt = performance.now() - t0;
    maxCommitMs = Math.max(maxCommitMs, dt);
    if (dt > 10) over10++;
    if (dt > 50) over50++;
    n++;
    if (truncateEvery > 0 && n % truncateEvery === 0) db.pragma('wal_checkpoint(TRUNCATE)');
  }
  if (reportEvery > 0 && Date.now() - lastReport >= reportEvery) {
    lastReport = Date.now();
    process.stdout.write(JSON.stringify({ at: lastReport, transactions: n }) + '\n');
  }
  if (stop) {
    process.stdout.write(JSON.stringify({ transactions: n, ms: Date.now() - started, maxCommitMs, over10, over50 }) + '\n');
    db.close();
    process.exit(0);
  }
  setImmediate(burst);
}
burst();

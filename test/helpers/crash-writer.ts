/**
 * A writer that gets killed (SIGKILL) instead of stopping, to leave a crash-left bank database
 * behind. argv: <db> <mode> <transactions> <transfers per transaction> [<open transfers>]
 *  - mode `wal`: commits the transactions with automatic checkpoints off, so they live only in
 *    the `-wal`;
 *  - mode `hot-journal`: rollback journal with a 10-page cache; commits the transactions, then
 *    makes <open transfers> transfers inside one transaction that stays open, so the cache spills
 *    half of it into the main file and the journal is hot once the process dies.
 * Transfer i moves (i % 100) + 1 from one account to another and logs it in `transfers` (id i),
 * so every committed state keeps the bank total and committed transfers are ids 1..n.
 * Prints "ready <committed transfers>" once the state is in place, then waits to be killed.
 */
import Database from 'better-sqlite3';

const [dbPath, mode, txArg, perTxArg, openArg] = process.argv.slice(2);
if (!dbPath || (mode !== 'wal' && mode !== 'hot-journal')) throw new Error('usage: crash-writer.ts <db> wal|hot-journal <transactions> <per transaction> [<open>]');
const transactions = Number(txArg);
const perTx = Number(perTxArg);
const open = Number(openArg ?? 0);

const db = new Database(dbPath);
if (mode === 'wal') {
  db.pragma('wal_autocheckpoint = 0');
} else {
  db.pragma('cache_size = 10');
}
const accounts = Number(db.prepare('SELECT count(*) FROM accounts').pluck().get());
const move = db.prepare('UPDATE accounts SET balance = balance + ? WHERE id = ?');
const log = db.prepare('INSERT INTO transfers(id, src, dst, amount) VALUES (?, ?, ?, ?)');
let next = 1;
function transfer(): void {
  const i = next++;
  const src = 1 + ((i * 7) % accounts);
  const dst = 1 + ((i * 13 + 1) % accounts);
  const amount = (i % 100) + 1;
  move.run(-amount, src);
  move.run(amount, dst);
  log.run(i, src, dst, amount);
}
const batch = db.transaction((n: number) => {
  for (let k = 0; k < n; k++) transfer();
});
for (let t = 0; t < transactions; t++) batch(perTx);
const committed = next - 1;
if (open > 0) {
  db.exec('BEGIN');
  for (let k = 0; k < open; k++) transfer();
}
process.stdout.write(`ready ${committed}\n`);
// Kept alive (and the transaction open) until the test kills the process.
setInterval(() => undefined, 1000);

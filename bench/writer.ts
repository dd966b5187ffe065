/**
 * A busy application for the "under load" benchmark: commits small transactions (an event row and
 * a profile update; on the text database a log line and a download count) as fast as it can, in
 * WAL mode with synchronous=NORMAL as most apps run it.
 * Every 50 ms it prints "<epoch ms> <transactions so far>", so the caller can read its rate over
 * any window. Stops on SIGTERM.
 * argv: <db>
 */
import Database from 'better-sqlite3';

const file = process.argv[2];
if (!file) throw new Error('usage: writer.ts <db>');
const db = new Database(file, { timeout: 60_000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const has = (table: string): boolean => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
let n = 0;
let seed = 42;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
/** One transaction as an application of that database would commit it. */
function makeTx(): () => void {
  if (has('events')) {
    // The mixed database: an event row and a profile update.
    const users = Number(db.prepare('SELECT max(id) FROM users').pluck().get());
    const insert = db.prepare('INSERT INTO events(user_id, kind, at, payload) VALUES (?, ?, ?, ?)');
    const touch = db.prepare("UPDATE users SET profile = json_set(profile, '$.seen', ?) WHERE id = ?");
    return db.transaction(() => {
      const user = 1 + rand(users);
      const at = new Date().toISOString();
      insert.run(user, 'bench', at, JSON.stringify({ n, note: 'written while a snapshot may be running' }));
      touch.run(at, user);
    });
  }
  // The text database: a log line and a package's download count.
  const packages = Number(db.prepare('SELECT max(id) FROM packages').pluck().get());
  const insert = db.prepare('INSERT INTO logs(at, service, level, line) VALUES (?, ?, ?, ?)');
  const touch = db.prepare('UPDATE packages SET downloads = downloads + 1 WHERE id = ?');
  return db.transaction(() => {
    const at = new Date().toISOString();
    insert.run(at, 'bench', 'info', JSON.stringify({ ts: at, level: 'info', service: 'bench', msg: 'written while a snapshot may be running', n }));
    touch.run(1 + rand(packages));
  });
}
const tx = makeTx();

let stop = false;
let lastReport = 0;
process.on('SIGTERM', () => {
  stop = true;
});
function burst(): void {
  const until = Date.now() + 20;
  while (Date.now() < until) {
    tx();
    n++;
  }
  const now = Date.now();
  if (now - lastReport >= 50) {
    process.stdout.write(`${now} ${n}\n`);
    lastReport = now;
  }
  if (stop) {
    db.close();
    process.exit(0);
  }
  setImmediate(burst);
}
burst();

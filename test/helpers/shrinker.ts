/**
 * A process that makes a WAL database's main file grow and shrink over and over: fills a scratch
 * table, deletes it, VACUUMs and checkpoints with TRUNCATE. For tests of readers that map the
 * file (mmap): a mapping must never be read past a shrunken end.
 * argv: <db>; prints "ready" after the first round and "round N" after each, stops on SIGTERM.
 */
import Database from 'better-sqlite3';

const file = process.argv[2];
if (!file) throw new Error('usage: shrinker.ts <db>');
const db = new Database(file, { timeout: 10_000 });
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS scratch(id INTEGER PRIMARY KEY, pad BLOB)');
const fill = db.prepare('INSERT INTO scratch(pad) VALUES (randomblob(3000))');
const grow = db.transaction(() => {
  for (let i = 0; i < 400; i++) fill.run();
});
let stop = false;
process.on('SIGTERM', () => (stop = true));
let rounds = 0;
function round(): void {
  grow();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('DELETE FROM scratch');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  if (++rounds === 1) process.stdout.write('ready\n');
  process.stdout.write(`round ${rounds}\n`);
  if (stop) {
    db.close();
    process.stdout.write(`${JSON.stringify({ rounds })}\n`);
    process.exit(0);
  }
  setImmediate(round);
}
round();

/**
 * The fair baseline of the writer's rate beside a snapshot: a reader that only holds a read
 * transaction open for as long as a snapshot takes, and does nothing else. While any read
 * transaction is open, the writer's checkpoints cannot recycle the WAL, so it stops paying for
 * them and commits 2-3× faster than with no reader at all; ours holds one for its whole run, so
 * the writer's rate beside ours is compared with its rate beside this, not with a quiet rate.
 * argv: <db> <ms>. Prints "pinned" once the read transaction holds its snapshot.
 */
import Database from 'better-sqlite3';

const [file, ms] = process.argv.slice(2);
if (!file || !ms) throw new Error('usage: pin-reader.ts <db> <ms>');
const db = new Database(file, { readonly: true, timeout: 60_000 });
db.exec('BEGIN');
db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
process.stdout.write('pinned\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
}, Number(ms));

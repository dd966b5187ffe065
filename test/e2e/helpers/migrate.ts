/**
 * A stand-in for a project's migration tool, run by seed commands in the tests:
 *   node migrate.ts <db> <version> [--log <file>] [--leave-in-wal] [--bank]
 * Applies the migrations the database lacks (user_version says which it has), each a table
 * m<v> with 200 rows, and appends "applied <v>" to the log file, so a test can tell what ran.
 * --bank first creates the example bank (for a writer to work on). --leave-in-wal exits
 * without closing, so SQLite never checkpoints: the committed pages live only in the -wal.
 */
import Database from 'better-sqlite3';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createBank } from '../../../src/example/bank.ts';

const [file, target, ...rest] = process.argv.slice(2);
if (!file || !target) throw new Error('usage: migrate.ts <db> <version> [--log <file>] [--leave-in-wal] [--bank]');
const logAt = rest.indexOf('--log');
const logFile = logAt >= 0 ? rest[logAt + 1] : undefined;
mkdirSync(path.dirname(file), { recursive: true });
if (rest.includes('--bank') && !existsSync(file)) createBank(file);
const db = new Database(file);
db.pragma('journal_mode = WAL');
if (rest.includes('--leave-in-wal')) db.pragma('wal_autocheckpoint = 0');
const have = Number(db.pragma('user_version', { simple: true }));
for (let v = have + 1; v <= Number(target); v++) {
  db.transaction(() => {
    db.exec(`CREATE TABLE m${v}(id INTEGER PRIMARY KEY, v TEXT)`);
    const ins = db.prepare(`INSERT INTO m${v}(v) VALUES (?)`);
    for (let i = 0; i < 200; i++) ins.run(`migration ${v} row ${i} ${'x'.repeat(200)}`);
    db.pragma(`user_version = ${v}`);
  })();
  if (logFile) appendFileSync(logFile, `applied ${v}\n`);
  process.stdout.write(`applied migration ${v}\n`);
}
if (rest.includes('--leave-in-wal')) process.exit(0);
db.close();

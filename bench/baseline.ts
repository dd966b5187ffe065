/**
 * better-sqlite3 baselines, each in its own process so its peak RSS can be read like ours:
 *   backup <src> <dst>   db.backup() with its defaults (100-page steps), then fsync
 *   vacuum <src> <dst>   VACUUM INTO, then fsync
 */
import Database from 'better-sqlite3';
import { openSync, fsyncSync, closeSync } from 'node:fs';

const [what, src, dst] = process.argv.slice(2);
if (!what || !src || !dst) throw new Error('usage: baseline.ts backup|vacuum <src> <dst>');
const db = new Database(src, { readonly: true, fileMustExist: true });
if (what === 'backup') await db.backup(dst);
else if (what === 'vacuum') db.prepare('VACUUM INTO ?').run(dst);
else throw new Error(`unknown baseline ${what}`);
db.close();
const fd = openSync(dst, 'r+');
fsyncSync(fd);
closeSync(fd);

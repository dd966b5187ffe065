import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { promises as fsp } from 'node:fs';
import { nativeBinding } from './native.ts';
import { SnapshotError, describeIoError, oneLine } from '../common/errors.ts';
import { AGAIN, pollSync } from '../common/poll.ts';
import type { CheckLevel, DbFacts, DbHeader } from './facts.ts';

export type { CheckLevel, DbFacts, DbHeader } from './facts.ts';

export type DB = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** How long SQLite waits for another process's lock before giving up, in milliseconds. */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  const db = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: true,
    timeout: opts.busyTimeoutMs ?? 5000,
    nativeBinding: nativeBinding() as string | undefined,
  });
  // Our read-only connections make single passes (check, counts, backup, VACUUM INTO): a big page
  // cache only adds memory. quick_check of 1 GiB: 0.5 s with 2 MiB or the default 16 MB, 14 MiB
  // less peak RSS.
  if (opts.readonly) whileBusy(db, opts.busyTimeoutMs ?? 5000, () => db.pragma('cache_size = -2048'));
  // Read-only connections map the file: quick_check then reads pages from the page cache in place
  // instead of one 4 KiB pread each (256 MiB text database: 185-218 ms of system time -> 10-21 ms,
  // quick_check 2-3x faster). Mapped pages are file pages, not the process's own memory (RssFile,
  // not RssAnon). SQLite clamps the size to its build's limit (2 GiB here; the rest is read as
  // before) and only ever reads through the mapping. Not on Windows: there a file mapped by any
  // process cannot be truncated, so the application's own checkpoint could fail to shrink it.
  if (opts.readonly && process.platform !== 'win32') db.pragma(`mmap_size = ${MMAP_SIZE}`);
  // Every file we open came from someone else (a source, a downloaded snapshot, a restored file):
  // its schema may hold views and triggers written to run when queried. SQLite's advice for such
  // files: trusted_schema off, and defensive mode, which better-sqlite3 turns on for every
  // connection unless unsafeMode() is called (we never call it).
  db.pragma('trusted_schema = OFF');
  if (openChannel.hasSubscribers) openChannel.publish({ file, db });
  return db;
}

/**
 * Runs `statement`, polling every millisecond while it fails with SQLITE_BUSY, until `timeoutMs`.
 * `cache_size` is the first statement that reads the schema, which needs a SHARED lock; SQLite's
 * own busy handler sleeps up to 100 ms between tries and can miss every gap a rollback-journal
 * writer committing back to back leaves (the same reason as retryWhileBusy in snapshot.ts, which
 * cannot help here: opening is synchronous, so this waits in place, as SQLite's handler would).
 */
function whileBusy<T>(db: DB, timeoutMs: number, statement: () => T): T {
  const tryIt = busyAsAgain(statement);
  db.pragma('busy_timeout = 0');
  try {
    const result = pollSync(tryIt, { timeoutMs, pauseMs: () => 1 });
    if (result === AGAIN) throw tryIt.lastBusy;
    return result;
  } finally {
    db.pragma(`busy_timeout = ${timeoutMs}`);
  }
}

/** SQLITE_BUSY or one of its extended codes: another connection holds the lock. */
function isBusy(err: unknown): boolean {
  return ((err as { code?: string } | undefined)?.code ?? '').startsWith('SQLITE_BUSY');
}

/** `attempt` as a try for poll/pollSync: SQLITE_BUSY becomes AGAIN (the error kept as `lastBusy`), any other error is thrown. */
export function busyAsAgain<T>(attempt: () => T): { (): T | typeof AGAIN; lastBusy: unknown } {
  const tryIt = Object.assign(
    (): T | typeof AGAIN => {
      try {
        return attempt();
      } catch (err) {
        if (!isBusy(err)) throw err;
        tryIt.lastBusy = err;
        return AGAIN;
      }
    },
    { lastBusy: undefined as unknown },
  );
  return tryIt;
}

/** Each connection the engine opens, for tests that read its settings back; free without subscribers. */
export const OPEN_CHANNEL = 'sqlite-snapshot:open';
const openChannel = diagnostics.channel(OPEN_CHANNEL);

/** More than SQLite allows (SQLITE_MAX_MMAP_SIZE): "as much as it will map". */
export const MMAP_SIZE = 2 ** 40;

/** SQLite's own error codes, turned into advice for the person who gave us the file. */
export function describeSqliteError(err: unknown, file: string, doing: string): SnapshotError {
  if (err instanceof SnapshotError) return err;
  const code = (err as { code?: string } | undefined)?.code ?? '';
  const msg = oneLine(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new SnapshotError('busy', `${file}: database is locked by another process (${code}) while ${doing}; wait for it to finish or raise the busy timeout`, { cause: err });
  }
  if (code === 'SQLITE_NOTADB') {
    return new SnapshotError('bad-input', `${file}: not a SQLite database (or encrypted); give the path of a SQLite 3 database file`, { cause: err });
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new SnapshotError('corrupt', `${file}: database is corrupt (${msg}) while ${doing}; run "sqlite3 ${file} 'PRAGMA integrity_check'" to see where`, { cause: err });
  }
  if (code === 'SQLITE_READONLY_ROLLBACK' || code === 'SQLITE_READONLY_RECOVERY') {
    return new SnapshotError('failed', `${file}: database needs crash recovery (a hot journal or WAL) that a read-only connection cannot run; open it once with sqlite3 and retry`, { cause: err });
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || /disk is full/i.test(msg)) {
    return new SnapshotError('failed', `${file}: no space left on device while ${doing}; free some space or choose another directory`, { cause: err });
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new SnapshotError('bad-input', `${file}: cannot open the database (${code}); check that it exists and that its directory is readable`, { cause: err });
  }
  return new SnapshotError('failed', `${file}: ${msg} while ${doing}`, { cause: err });
}

/**
 * Any failure while SQLite and the file system both do work: SQLite's own codes carry the better
 * advice (busy, corrupt, not a database), everything else is a file-system error (disk full, permissions).
 */
export function describeFailure(err: unknown, file: string, doing: string): SnapshotError {
  if (err instanceof SnapshotError) return err;
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return describeSqliteError(err, file, doing);
  return describeIoError(err, `${file}: ${doing}`);
}

export const HEADER_SIZE = 100;
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function parseHeader(buf: Buffer): DbHeader | undefined {
  if (buf.length < HEADER_SIZE || !buf.subarray(0, 16).equals(MAGIC)) return undefined;
  const rawPageSize = buf.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return undefined;
  return {
    pageSize,
    writeVersion: buf[18] ?? 0,
    pageCountInHeader: buf.readUInt32BE(28),
    freelistCount: buf.readUInt32BE(36),
    userVersion: buf.readInt32BE(60),
    applicationId: buf.readInt32BE(68),
    sqliteVersionNumber: buf.readUInt32BE(96),
  };
}

export async function readHeader(file: string): Promise<DbHeader | undefined> {
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(HEADER_SIZE);
    const { bytesRead } = await fh.read(buf, 0, HEADER_SIZE, 0);
    return parseHeader(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function schemaFingerprint(db: DB): string {
  const rows = db
    .prepare("SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_schema ORDER BY type, name")
    .raw()
    .all() as string[][];
  const h = createHash('sha256');
  for (const row of rows) h.update(row.join('\u0000') + '\u0001');
  return h.digest('hex');
}

/** Integrity messages can run to thousands of lines: keep the first few, they say where to look. */
const MAX_INTEGRITY_MESSAGES = 20;

export function runCheck(db: DB, level: CheckLevel): DbFacts['integrity'] {
  if (level === 'off') return { check: 'off', ok: null, messages: [] };
  const pragma = level === 'full' ? 'integrity_check' : 'quick_check';
  let messages: string[];
  try {
    messages = db
      .prepare(`PRAGMA ${pragma}(${MAX_INTEGRITY_MESSAGES})`)
      .pluck()
      .all() as string[];
  } catch (err) {
    // Some damage stops the check itself (seen intermittently on cells whose offsets point off
    // the page); that is a finding of the check, not a failure to run it.
    if (!String((err as { code?: string }).code).startsWith('SQLITE_CORRUPT')) throw err;
    return { check: level, ok: false, messages: [`${pragma} stopped: ${oneLine(err)}`] };
  }
  const ok = messages.length === 1 && messages[0] === 'ok';
  return { check: level, ok, messages: ok ? [] : messages };
}

export function countRows(db: DB): Record<string, number> {
  return countRowsTolerant(db, false).counts;
}

/**
 * Rows per table. `tolerant`: a table SQLite cannot count (a damaged page) is listed in `failed`
 * instead of failing everything, so a snapshot or restore asked to keep a damaged database can.
 */
export function countRowsTolerant(db: DB, tolerant = true, countedElsewhere?: (table: { name: string; rootpage: number }) => number | undefined): RowCounts {
  const counts: Record<string, number> = {};
  const failed: string[] = [];
  for (const table of countedTables(db)) {
    // `countedElsewhere` (the copy's page census) first; SQLite where it has no answer.
    const n = countedElsewhere?.(table) ?? countTable(db, table.name, tolerant);
    if (n === undefined) failed.push(table.name);
    else counts[table.name] = n;
  }
  return { counts, failed };
}

/** The tables whose rows a manifest records, with their root pages. */
export function countedTables(db: DB): { name: string; rootpage: number }[] {
  return db.prepare("SELECT name, rootpage FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all() as { name: string; rootpage: number }[];
}

/** SQLite's count of one table; undefined when `tolerant` and a damaged page stopped it. */
export function countTable(db: DB, name: string, tolerant: boolean): number | undefined {
  try {
    return Number(db.prepare(`SELECT count(*) FROM ${quoteIdent(name)}`).pluck().get());
  } catch (err) {
    if (!tolerant || !String((err as { code?: string }).code).startsWith('SQLITE_CORRUPT')) throw err;
    return undefined;
  }
}

export interface RowCounts {
  counts: Record<string, number>;
  /** Tables SQLite could not count (damaged pages). */
  failed: string[];
}

/** The row counts into facts: tables SQLite could not count make the integrity check fail. */
export function withRowCounts(facts: DbFacts, rows: RowCounts): DbFacts {
  if (rows.failed.length === 0) return { ...facts, tables: rows.counts };
  return {
    ...facts,
    tables: rows.counts,
    integrity: { check: facts.integrity.check, ok: false, messages: [`cannot count the rows of ${rows.failed.join(', ')}: damaged pages`, ...facts.integrity.messages] },
  };
}

/**
 * Reads every fact inside whatever transaction the caller holds, so they describe one snapshot.
 * `rows: false` leaves the row counts out (tables empty), for the caller to add with
 * withRowCounts once a copy's page census is in (snapshot/row-counts.ts).
 */
export function collectFacts(db: DB, check: CheckLevel, header: DbHeader, tolerant = false, opts: { rows?: boolean } = {}): DbFacts {
  const pragmaNumber = (name: string): number => Number(db.prepare(`PRAGMA ${name}`).pluck().get());
  const rows = opts.rows === false ? undefined : countRowsTolerant(db, tolerant);
  const integrity = runCheck(db, check);
  const facts: DbFacts = {
    pageSize: pragmaNumber('page_size'),
    pageCount: pragmaNumber('page_count'),
    freelistCount: pragmaNumber('freelist_count'),
    journalMode: header.writeVersion === 2 ? 'wal' : 'delete',
    sqliteVersion: String(db.prepare('SELECT sqlite_version()').pluck().get()),
    userVersion: pragmaNumber('user_version'),
    applicationId: pragmaNumber('application_id'),
    schemaSha256: schemaFingerprint(db),
    tables: {},
    integrity,
  };
  return rows ? withRowCounts(facts, rows) : facts;
}

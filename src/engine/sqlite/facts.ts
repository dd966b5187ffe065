// The shapes of what we read from a database, without SQLite itself: the manifest and the public
// API's types use them, and their declarations must not need better-sqlite3's types (a
// devDependency) in a user's project.

/** The fixed 100-byte header at the start of every SQLite 3 database file. */
export interface DbHeader {
  pageSize: number;
  /** 2 when the file is in WAL mode, 1 for a rollback journal. */
  writeVersion: number;
  pageCountInHeader: number;
  freelistCount: number;
  userVersion: number;
  applicationId: number;
  /** SQLITE_VERSION_NUMBER of the library that last wrote the file. */
  sqliteVersionNumber: number;
}

export type CheckLevel = 'off' | 'quick' | 'full';

/** What the manifest records about one database, all read from a single consistent view. */
export interface DbFacts {
  pageSize: number;
  pageCount: number;
  freelistCount: number;
  journalMode: 'wal' | 'delete';
  sqliteVersion: string;
  userVersion: number;
  applicationId: number;
  schemaSha256: string;
  tables: Record<string, number>;
  integrity: { check: CheckLevel; ok: boolean | null; messages: string[] };
}

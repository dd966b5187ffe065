import Database from 'better-sqlite3';

/**
 * The example database: a bank whose invariant is sum(balance) = accounts × start balance, with
 * a transfer log and a filler table of random blobs to give it some size. Used by `npm start`
 * and by the tests, which check that invariant on every restored snapshot.
 */
export const ACCOUNTS = 1000;
export const START_BALANCE = 1000;

export interface BankOptions {
  journalMode?: 'wal' | 'delete';
  pageSize?: number;
  /** Rows of filler (1000 bytes each: half random, half text) so a copy takes a while. */
  fillerRows?: number;
}

export function createBank(file: string, opts: BankOptions = {}): void {
  const db = new Database(file);
  try {
    if (opts.pageSize) db.pragma(`page_size = ${opts.pageSize}`);
    db.pragma(`journal_mode = ${opts.journalMode ?? 'wal'}`);
    db.exec(`
      CREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
      CREATE TABLE transfers(id INTEGER PRIMARY KEY, src INTEGER, dst INTEGER, amount INTEGER, at TEXT DEFAULT CURRENT_TIMESTAMP);
      CREATE TABLE filler(id INTEGER PRIMARY KEY, body BLOB, note TEXT);
      CREATE INDEX transfers_src ON transfers(src);
    `);
    const ins = db.prepare('INSERT INTO accounts(id, balance) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 1; i <= ACCOUNTS; i++) ins.run(i, START_BALANCE);
    })();
    const rows = opts.fillerRows ?? 0;
    if (rows > 0) {
      const f = db.prepare("INSERT INTO filler(body, note) VALUES (randomblob(500), printf('note %d: %.480c', ?, 'x'))");
      db.transaction(() => {
        for (let i = 0; i < rows; i++) f.run(i);
      })();
    }
  } finally {
    db.close();
  }
}

export interface BankCheck {
  total: number;
  accounts: number;
  integrity: string;
}

export function checkBank(file: string): BankCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      total: Number(db.prepare('SELECT sum(balance) FROM accounts').pluck().get()),
      accounts: Number(db.prepare('SELECT count(*) FROM accounts').pluck().get()),
      integrity: String(db.prepare('PRAGMA integrity_check').pluck().get()),
    };
  } finally {
    db.close();
  }
}

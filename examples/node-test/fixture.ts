// The database the tests start from: the schema a migration would make, and enough rows to be
// worth caching. Building it is the slow part (seconds for 64 MiB); the global setup builds it
// once per change of this file's schema or size and restores it from then on.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

const SCHEMA = `
  CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE);
  CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER NOT NULL REFERENCES customers(id), total_cents INTEGER NOT NULL, note TEXT);
  CREATE INDEX orders_by_customer ON orders(customer);
`;

export const CUSTOMERS = 1000;

/** Names the seed: a new schema or size is a new seed, built once. */
export function fixtureKey(mib: number): string {
  return `fixture-${createHash('sha256').update(SCHEMA).update(`${mib}`).digest('hex').slice(0, 16)}`;
}

/** Writes the fixture database at `file`: CUSTOMERS customers, then orders until it holds about `mib` MiB. */
export function buildFixture(file: string, mib: number): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
    const customer = db.prepare('INSERT INTO customers(id, name, email) VALUES (?, ?, ?)');
    // Notes of 700 hex characters (350 random bytes): orders that compress about 2x, like real text.
    const orders = db.prepare(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO orders(customer, total_cents, note) SELECT 1 + abs(random()) % ${CUSTOMERS}, abs(random()) % 100000, hex(randomblob(350)) FROM n`);
    db.transaction(() => {
      for (let i = 1; i <= CUSTOMERS; i++) customer.run(i, `Customer ${i}`, `customer${i}@example.com`);
      orders.run(Math.max(1, Math.round((mib * 1024 * 1024) / 800)));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { CUSTOMERS } from './fixture.ts';
import { databaseFor } from './worker-db.ts';

const db = new Database(databaseFor(import.meta.url));

test('a database of its own: what another worker writes never shows here', () => {
  db.prepare("UPDATE customers SET name = 'renamed' WHERE id <= 10").run();
  assert.equal(db.prepare("SELECT count(*) FROM customers WHERE name = 'renamed'").pluck().get(), 10);
  assert.equal(db.prepare("SELECT count(*) FROM orders WHERE note = 'orders.test.ts'").pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM customers').pluck().get(), CUSTOMERS);
  db.close();
});

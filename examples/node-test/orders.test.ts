import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { CUSTOMERS } from './fixture.ts';
import { databaseFor } from './worker-db.ts';

const db = new Database(databaseFor(import.meta.url));

test('the fixture is there, and this worker may change it', () => {
  assert.equal(db.prepare('SELECT count(*) FROM customers').pluck().get(), CUSTOMERS);
  const before = db.prepare('SELECT count(*) FROM orders').pluck().get() as number;
  assert.ok(before > 0);
  db.prepare('DELETE FROM orders WHERE customer = 1').run();
  db.prepare("INSERT INTO orders(customer, total_cents, note) VALUES (1, 1, 'orders.test.ts')").run();
  assert.equal(db.prepare('SELECT count(*) FROM orders WHERE customer = 1').pluck().get(), 1);
  db.close();
});

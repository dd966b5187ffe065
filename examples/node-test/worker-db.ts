// Which database file a test file uses. The global setup restores one copy per test file, and
// node:test runs each test file in a process of its own: so each worker has its own database and
// can write to it freely, without seeing another worker's writes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by the global setup (global-setup.ts); the test processes inherit it. */
export const DB_DIR_ENV = 'EXAMPLE_DB_DIR';

export const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The test files of this folder: one database each. */
export function testFiles(names: readonly string[]): string[] {
  return names.filter((n) => n.endsWith('.test.ts')).sort();
}

/** The database of the test file at `testFileUrl` (its import.meta.url). */
export function databaseFor(testFileUrl: string, dir = process.env[DB_DIR_ENV]): string {
  if (!dir) throw new Error(`${DB_DIR_ENV} is not set: run the tests with --test-global-setup=${path.join(TEST_DIR, 'global-setup.ts')}`);
  return path.join(dir, `${path.basename(fileURLToPath(testFileUrl), '.test.ts')}.db`);
}

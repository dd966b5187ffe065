// node:test's global setup (node --test --test-global-setup=examples/node-test/global-setup.ts):
// runs once, before any test file starts, and gives every test file a database of its own, all
// restored from one seed in one restore call. The seed is decoded and verified once; every
// further copy is a file copy (a clone on filesystems that share blocks). When there is no seed
// for this fixture yet, it is built once and snapshotted into the store for the next runs.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NotFoundError, restore, snapshot } from 'sqlite-snapshot';
import { buildFixture, fixtureKey } from './fixture.ts';
import { DB_DIR_ENV, TEST_DIR, databaseFor, testFiles } from './worker-db.ts';

/** Where seeds are kept between runs: CI caches this directory (default: node_modules/.cache). */
const STORE = process.env.EXAMPLE_SEED_STORE ?? path.resolve('node_modules', '.cache', 'sqlite-snapshot-example');
/** The fixture's size in MiB. */
const MIB = Number(process.env.EXAMPLE_SEED_MIB ?? 8);

export async function globalSetup(): Promise<void> {
  const t0 = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'example-dbs-'));
  try {
    process.env[DB_DIR_ENV] = dir;
    await giveEachTestFileADatabase(dir, t0);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function giveEachTestFileADatabase(dir: string, t0: number): Promise<void> {
  const targets = testFiles(readdirSync(TEST_DIR)).map((f) => databaseFor(pathToFileURL(path.join(TEST_DIR, f)).href, dir));
  const name = fixtureKey(MIB);
  let how = 'restored the seed';
  try {
    await restore({ store: STORE, name, to: targets });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    // No seed yet: build the fixture once, keep it as the seed, and restore it like any other run.
    const build = mkdtempSync(path.join(os.tmpdir(), 'example-build-'));
    try {
      buildFixture(path.join(build, 'fixture.db'), MIB);
      await snapshot(path.join(build, 'fixture.db'), { store: STORE, name, keep: 1 });
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
    await restore({ store: STORE, name, to: targets });
    how = 'built the fixture, saved it as a seed, and restored it';
  }
  console.log(`global setup: ${how} (${MIB} MiB) into ${targets.length} databases in ${Math.round(performance.now() - t0)} ms`);
}

export async function globalTeardown(): Promise<void> {
  const dir = process.env[DB_DIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fsp, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { ACCOUNTS, START_BALANCE, bankTotal, sha256File } from '../helpers/db.ts';
import { ArtifactService, type Run } from './helpers/artifact-service.ts';
import { startAzurite, type Azurite } from './helpers/azurite.ts';
import { CacheService, type CacheEntry } from './helpers/cache-service.ts';
import { assertBundlesBuilt, type Job, type StepResult } from './helpers/runner.ts';
import { Steps, failed, leftovers, marker, ok, smallDb } from './helpers/steps.ts';

/**
 * The seed action as GitHub runs it: dist/seed (and dist/seed-post) in fresh Node processes,
 * against the cache-service emulator with Azurite behind it, the real @actions/cache inside.
 */
let azurite: Azurite;
let svc: CacheService;
const runs = new ArtifactService({ accountUrl: '', stop: async () => undefined });
const steps = new Steps();
const MIGRATE = path.join(import.meta.dirname, 'helpers', 'migrate.ts');
const WRITER = path.join(import.meta.dirname, '..', 'helpers', 'writer.ts');
const node = JSON.stringify(process.execPath);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'seed-e2e-'));
/** Where an entry's files sit in its archive (src/store/github/cache.ts). */
const ENTRY = 'sqlite-snapshot-seed-v3';

before(async () => {
  assertBundlesBuilt(['seed', 'seed-post']);
  azurite = await startAzurite();
  svc = new CacheService(azurite);
  await svc.start();
});

after(async () => {
  await svc?.stop();
  await azurite?.stop();
  await steps.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

let nextKey = 0;
/** A key no other test uses: the emulator's entries live as long as the file's tests. */
const uniqueKey = (what: string): string => `seed-Linux-${what}-${++nextKey}`;

function migrate(version: number, extra = ''): string {
  return `${node} ${JSON.stringify(MIGRATE)} data/app.db ${version} --log migrations.log ${extra}`.trim();
}

async function newJob(run: Run = runs.newRun()): Promise<Job> {
  return steps.job(run);
}

function seedStep(j: Job, inputs: Record<string, string>): Promise<StepResult> {
  return steps.step(svc, j, 'seed', { path: 'data/app.db', ...inputs }, svc.env());
}

/** The post step as the runner runs it: the same inputs, the main step's saved state as STATE_*. */
function postStep(j: Job, main: StepResult, inputs: Record<string, string>): Promise<StepResult> {
  const state = Object.fromEntries(Object.entries(main.state ?? {}).map(([k, v]) => [`STATE_${k}`, v]));
  return steps.step(svc, j, 'seed-post', { path: 'data/app.db', ...inputs }, { ...svc.env(), ...state });
}

const db = (j: Job): string => path.join(j.workspace, 'data', 'app.db');
const migrationsRan = (j: Job): string[] => {
  const f = path.join(j.workspace, 'migrations.log');
  return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n') : [];
};

function tables(file: string): string[] {
  const d = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  } finally {
    d.close();
  }
}

/** What an entry holds, unpacked the way the cache client would (tar + zstd), in a scratch directory. */
async function unpack(e: CacheEntry): Promise<string> {
  const dir = mkdtempSync(path.join(scratch, 'entry-'));
  const archive = path.join(dir, 'cache.tzst');
  writeFileSync(archive, await svc.blobBytes(e));
  execFileSync('tar', ['--use-compress-program', 'zstd -d', '-xf', archive, '-C', dir]);
  return path.join(dir, ENTRY);
}

/** The members of an entry's archive, in archive order. */
async function archiveOrder(e: CacheEntry): Promise<string[]> {
  const archive = path.join(mkdtempSync(path.join(scratch, 'list-')), 'cache.tzst');
  writeFileSync(archive, await svc.blobBytes(e));
  return execFileSync('tar', ['--use-compress-program', 'zstd -d', '-tf', archive], { encoding: 'utf8' }).trim().split('\n');
}

function only(key: string): CacheEntry {
  const list = svc.finalized(key);
  assert.equal(list.length, 1, `one entry under ${key}`);
  return list[0] as CacheEntry;
}

describe('seed action (dist/ bundles) against the cache service', () => {
  const v3 = uniqueKey('v3');

  test('miss: run builds the database, the seed is saved under key', async () => {
    const a = await newJob();
    const r = ok(await seedStep(a, { key: v3, 'restore-keys': 'seed-Linux-nothing-', run: migrate(3) }));
    assert.equal(r.outputs['cache-hit'], 'false');
    assert.equal(r.outputs['cache-matched-key'], '');
    assert.deepEqual(migrationsRan(a), ['applied 1', 'applied 2', 'applied 3']);
    assert.equal(marker(db(a)), 3);
    const e = only(v3);
    const entry = await unpack(e);
    assert.deepEqual(readdirSync(entry).sort(), ['data', 'manifest.json']);
    // Uncompressed: the cache client's own zstd compresses the entry, once.
    assert.deepEqual(readdirSync(path.join(entry, 'data')), ['app.db']);
    const stored = JSON.parse(readFileSync(path.join(entry, 'manifest.json'), 'utf8')) as { databases: { compression: string }[] };
    assert.equal(stored.databases[0]?.compression, 'none');
    // A restore reads the archive as it downloads: the manifest must come before the data.
    assert.deepEqual(await archiveOrder(e), [`${ENTRY}/manifest.json`, `${ENTRY}/data/`, `${ENTRY}/data/app.db`]);
    assert.match(r.stdout, new RegExp(`Seed ${v3}: saved 1 database`));
    assert.match(r.summary, new RegExp(`SQLite seed: <code>${v3}</code>[\\s\\S]*miss, built 1 database\\(s\\); saved\\.`));
    assert.deepEqual(leftovers(a), [], 'no private directory outlives the step');
  });

  test('exact hit in a later run: run does not run, stale side files go, the bytes are the saved seed', async () => {
    const b = await newJob();
    smallDb(db(b), 99, 50);
    // A stale -wal and -shm of another database beside the target: SQLite would replay them.
    writeFileSync(`${db(b)}-wal`, Buffer.alloc(4096, 7));
    writeFileSync(`${db(b)}-shm`, Buffer.alloc(32768, 7));
    const calls = svc.calls.length;
    const r = ok(await seedStep(b, { key: v3, run: migrate(3) }));
    // Streamed: one GET read as it arrives (the cache client would HEAD, then download to a file in ranges).
    assert.deepEqual(svc.calls.slice(calls).filter((c) => c.startsWith('blob')), ['blob CONNECT', 'blob GET']);
    assert.equal(r.outputs['cache-hit'], 'true');
    assert.equal(r.outputs['cache-matched-key'], v3);
    assert.deepEqual(migrationsRan(b), [], 'the command did not run');
    assert.ok(!existsSync(`${db(b)}-wal`) && !existsSync(`${db(b)}-shm`), 'stale side files removed');
    const entry = await unpack(only(v3));
    const saved = readFileSync(path.join(entry, 'data', 'app.db'));
    assert.ok(saved.equals(readFileSync(db(b))), 'the restored file is byte for byte the saved seed');
    // Format 1, with the database's sha256: readable by every version that shares the cache.
    const manifest = JSON.parse(readFileSync(path.join(entry, 'manifest.json'), 'utf8')) as { formatVersion: number; databases: { rawSha256?: string }[] };
    assert.deepEqual([manifest.formatVersion, manifest.databases[0]?.rawSha256], [1, sha256File(db(b))]);
    assert.equal(svc.finalized(v3).length, 1, 'nothing saved again');
    assert.deepEqual(leftovers(b), []);
  });

  test('compression-level given: the seed is stored as our zstd frames at that level, and an exact hit decodes them', async () => {
    // Not under seed-Linux-: the partial-hit test below expects its prefix to find v3's entry.
    const key = `level-${uniqueKey('level')}`;
    const a = await newJob();
    ok(await seedStep(a, { key, run: migrate(2), 'compression-level': '9' }));
    const entry = await unpack(only(key));
    assert.deepEqual(readdirSync(path.join(entry, 'data')), ['app.db.zst']);
    const stored = JSON.parse(readFileSync(path.join(entry, 'manifest.json'), 'utf8')) as { databases: { compression: string; level: number }[] };
    assert.deepEqual([stored.databases[0]?.compression, stored.databases[0]?.level], ['zstd', 9]);
    const b = await newJob();
    const r = ok(await seedStep(b, { key, run: migrate(2) }));
    assert.equal(r.outputs['cache-hit'], 'true');
    assert.deepEqual(migrationsRan(b), []);
    assert.ok(zlib.zstdDecompressSync(readFileSync(path.join(entry, 'data', 'app.db.zst'))).equals(readFileSync(db(b))), 'the restored file is the saved seed');
    assert.deepEqual(leftovers(b), []);
  });

  test('partial hit: a restore key finds the older seed, run migrates only what is pending, the result is saved under key', async () => {
    const c = await newJob();
    const v4 = uniqueKey('v4');
    const r = ok(await seedStep(c, { key: v4, 'restore-keys': 'seed-Linux-\nsomething-else-', run: migrate(4) }));
    assert.equal(r.outputs['cache-hit'], 'false');
    assert.equal(r.outputs['cache-matched-key'], v3, 'the newest entry whose key starts with the prefix');
    assert.deepEqual(migrationsRan(c), ['applied 4'], 'only the pending migration ran, on top of the restored seed');
    assert.equal(marker(db(c)), 4);
    const d = await newJob();
    ok(await seedStep(d, { key: v4, run: migrate(4) }));
    assert.deepEqual(migrationsRan(d), []);
    assert.deepEqual(tables(db(d)), ['m1', 'm2', 'm3', 'm4']);
  });

  test('three jobs racing on one key all succeed: one saves, the others log a notice and keep their own database', async () => {
    const run = runs.newRun();
    const key = uniqueKey('race');
    const barrier = mkdtempSync(path.join(scratch, 'barrier-'));
    // Each job's command waits until all three have missed and started, so all three must save.
    const cmd = `touch ${JSON.stringify(barrier)}/$$; while [ "$(ls ${JSON.stringify(barrier)} | wc -l)" -lt 3 ]; do sleep 0.05; done; ${migrate(2)}`;
    const jobs = await Promise.all([newJob(run), newJob(run), newJob(run)]);
    const results = await Promise.all(jobs.map((j) => seedStep(j, { key, run: cmd })));
    for (const r of results) ok(r);
    assert.equal(only(key).finalized, true);
    const notices = results.filter((r) => /^::notice::seed .*another job reserved key/m.test(r.stdout));
    assert.equal(notices.length, 2, 'the two losers say so in a notice');
    for (const r of results) assert.doesNotMatch(r.stdout, /^::(warning|error)::/m);
    for (const j of jobs) {
      assert.deepEqual(migrationsRan(j), ['applied 1', 'applied 2']);
      assert.equal(marker(db(j)), 2, "each job keeps the database its own command built");
      assert.deepEqual(leftovers(j), []);
    }
  });

  test('a failing command fails the step and saves nothing', async () => {
    const e = await newJob();
    const key = uniqueKey('fails');
    const r = await seedStep(e, { key, run: `${migrate(2)}\nexit 3` });
    failed(r, /^run exited with status 3; nothing was saved/);
    assert.equal(svc.entries.filter((x) => x.key === key).length, 0, 'not even reserved');
    assert.deepEqual(leftovers(e), []);
    // bash -e: a failing line stops the script, as in a run: step.
    const f = await newJob();
    failed(await seedStep(f, { key, run: `false\n${migrate(2)}` }), /status 1/);
    assert.deepEqual(migrationsRan(f), []);
  });

  test('a corrupted download is fetched once more; corrupted twice it is refused and the target is untouched', async () => {
    const g = await newJob();
    svc.faults.download.push('corrupt');
    const once = ok(await seedStep(g, { key: v3, run: migrate(3) }));
    assert.match(once.stdout, /fetching it once more/);
    assert.equal(once.outputs['cache-hit'], 'true');
    assert.equal(marker(db(g)), 3);

    const h = await newJob();
    smallDb(db(h), 42, 20);
    const before = sha256File(db(h));
    svc.faults.download.push('corrupt', 'corrupt');
    const r = await seedStep(h, { key: v3, run: migrate(3) });
    failed(r, /^seed seed-Linux-v3-\d+: cache entry seed-Linux-v3-\d+: .*\(twice\); nothing was restored and the databases are as they were/);
    assert.equal(svc.faults.download.length, 0, 'both downloads were corrupted');
    assert.equal(sha256File(db(h)), before, 'the target is byte for byte as it was');
    assert.deepEqual(migrationsRan(h), [], 'a refused seed does not fall back to building one');
    assert.deepEqual(leftovers(h), []);
  });

  test('a download cut off part-way (connection reset, or a short response) is fetched once more', async () => {
    for (const fault of ['reset', 'truncate'] as const) {
      const g = await newJob();
      smallDb(db(g), 3, 3);
      svc.faults.download.push(fault);
      const r = ok(await seedStep(g, { key: v3, run: migrate(3) }));
      assert.equal(svc.faults.download.length, 0, `the ${fault} fault was used`);
      assert.match(r.stdout, /fetching it once more/);
      assert.equal(r.outputs['cache-hit'], 'true');
      assert.deepEqual(migrationsRan(g), []);
      assert.equal(marker(db(g)), 3);
      assert.deepEqual(leftovers(g), []);
    }
  });

  test('a command that leaves committed pages only in the -wal: the seed holds them', async () => {
    const i = await newJob();
    const key = uniqueKey('wal');
    ok(await seedStep(i, { key, run: migrate(3, '--leave-in-wal') }));
    assert.ok(readFileSync(`${db(i)}-wal`).length > 100_000, 'the migrations are in the -wal');
    const mainOnly = path.join(scratch, `main-only-${key}.db`);
    await fsp.copyFile(db(i), mainOnly);
    assert.notEqual(marker(mainOnly), 3, 'the main file alone lacks them');
    const j = await newJob();
    ok(await seedStep(j, { key, run: migrate(3) }));
    assert.deepEqual(migrationsRan(j), []);
    assert.equal(marker(db(j)), 3);
    assert.deepEqual(tables(db(j)), ['m1', 'm2', 'm3']);
  });

  test('a command that leaves a writer running: the seed is a consistent state', async () => {
    const k = await newJob();
    const key = uniqueKey('writer');
    const run = `${migrate(1, '--bank')}\n${node} ${JSON.stringify(WRITER)} data/app.db >/dev/null 2>&1 &\necho $! > writer.pid\nsleep 0.3`;
    let pid = 0;
    try {
      ok(await seedStep(k, { key, run }));
      pid = Number(readFileSync(path.join(k.workspace, 'writer.pid'), 'utf8'));
      assert.doesNotThrow(() => process.kill(pid, 0), 'the writer outlived the step');
    } finally {
      pid = pid || Number(readFileSync(path.join(k.workspace, 'writer.pid'), 'utf8').trim() || 0);
      if (pid) process.kill(pid, 'SIGTERM');
    }
    const l = await newJob();
    ok(await seedStep(l, { key, run: 'exit 1' }));
    const bank = bankTotal(db(l));
    assert.equal(bank.integrity, 'ok');
    assert.equal(bank.accounts, ACCOUNTS);
    assert.equal(bank.total, ACCOUNTS * START_BALANCE, 'money is neither made nor lost: one committed state');
  });

  test('the post form: without run, main restores, the job builds, post saves; an exact hit saves nothing', async () => {
    const m = await newJob();
    const key = uniqueKey('post');
    const inputs = { key };
    const main = ok(await seedStep(m, inputs));
    assert.equal(main.outputs['cache-hit'], 'false');
    assert.equal(svc.finalized(key).length, 0);
    // The job's own steps build the database.
    execFileSync(process.execPath, [MIGRATE, 'data/app.db', '2'], { cwd: m.workspace });
    const post = ok(await postStep(m, main, inputs));
    assert.match(post.stdout, new RegExp(`Seed ${key}: saved 1 database`));
    only(key);
    assert.deepEqual(leftovers(m), []);

    const n = await newJob();
    const main2 = ok(await seedStep(n, inputs));
    assert.equal(main2.outputs['cache-hit'], 'true');
    assert.equal(marker(db(n)), 2);
    const post2 = ok(await postStep(n, main2, inputs));
    assert.match(post2.stdout, /exact hit in the main step; nothing to save/);
    assert.equal(svc.finalized(key).length, 1);
  });

  test("a pull request restores its base branch's seed and saves a migrated one in its own scope only", async () => {
    const pr = await steps.job(runs.newRun({ branch: 'feature' }), CacheService.prScopes(12));
    const key = uniqueKey('pr-v5');
    const r = ok(await seedStep(pr, { key, 'restore-keys': 'seed-Linux-v', run: migrate(5) }));
    assert.equal((r.outputs['cache-matched-key'] ?? '').startsWith('seed-Linux-v4-'), true, `main's newest seed: ${r.outputs['cache-matched-key']}`);
    assert.deepEqual(migrationsRan(pr), ['applied 5']);
    assert.deepEqual(svc.finalized(key).map((x) => x.scope), ['refs/pull/12/merge']);
    // main does not see it: its run misses and builds its own.
    const m = await newJob();
    const onMain = ok(await seedStep(m, { key, run: migrate(5) }));
    assert.equal(onMain.outputs['cache-hit'], 'false');
    assert.equal(onMain.outputs['cache-matched-key'], '');
    assert.deepEqual(migrationsRan(m), ['applied 1', 'applied 2', 'applied 3', 'applied 4', 'applied 5']);
    assert.equal(svc.finalized(key).length, 2, 'one entry per scope');
  });

  test('an entry damaged at rest (the archive unpacks, a data file does not match its checksum) is refused; the target is untouched', async () => {
    const p = await newJob();
    const key = uniqueKey('rest');
    ok(await seedStep(p, { key, run: migrate(2) }));
    const e = only(key);
    const entry = await unpack(e);
    const zst = path.join(entry, 'data', 'app.db');
    const bytes = readFileSync(zst);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0xff;
    writeFileSync(zst, bytes);
    const archive = path.join(path.dirname(entry), 'damaged.tzst');
    execFileSync('tar', ['--use-compress-program', 'zstd', '-cf', archive, '-C', path.dirname(entry), `${ENTRY}/manifest.json`, `${ENTRY}/data`]);
    await svc.putBlobBytes(e, readFileSync(archive));

    const q = await newJob();
    smallDb(db(q), 7, 10);
    const before = sha256File(db(q));
    const r = await seedStep(q, { key, run: migrate(2) });
    failed(r, new RegExp(`^seed ${key}: .*\\(twice\\); nothing was restored and the databases are as they were`));
    assert.match(r.stdout, /fetching it once more/);
    assert.equal(sha256File(db(q)), before);
    assert.deepEqual(migrationsRan(q), []);
    assert.deepEqual(readdirSync(path.join(q.workspace, 'data')).sort(), ['app.db'], 'no temp file beside the target');
    assert.deepEqual(leftovers(q), []);
  });

  test('bad inputs fail with one line naming the input, before the cache is asked', async () => {
    const o = await newJob();
    const calls = svc.calls.length;
    failed(await seedStep(o, { key: 'a,b' }), /^key: "a,b" contains a comma/);
    failed(await seedStep(o, { key: 'x'.repeat(513) }), /^key: is 513 characters long/);
    failed(await seedStep(o, { key: '' }), /^key: is empty/);
    failed(await seedStep(o, { key: 'k', path: '' }), /^path: is empty/);
    failed(await seedStep(o, { key: 'k', path: 'data/*.db' }), /^path: "data\/\*\.db" is a pattern/);
    failed(await seedStep(o, { key: 'k', 'compression-level': '99' }), /^compression-level: "99" is not a whole number from -7 to 22/);
    failed(await seedStep(o, { key: 'k', method: 'copy' }), /^method: "copy" is not one of auto, backup, vacuum/);
    failed(await seedStep(o, { key: 'k', 'restore-keys': 'a\nb,c' }), /^restore-keys: "b,c" contains a comma/);
    assert.equal(svc.calls.length, calls, 'no call reached the cache service');
    assert.deepEqual(leftovers(o), []);
  });

  test('a runner without the v2 cache service gets one line saying so, and the target is untouched', async () => {
    const w = await newJob();
    smallDb(db(w), 5, 5);
    const before = sha256File(db(w));
    const { ACTIONS_CACHE_SERVICE_V2: _v2, ...v1 } = svc.env();
    const r = await steps.step(svc, w, 'seed', { path: 'data/app.db', key: v3, run: migrate(1) }, v1);
    failed(r, /^looking up seed seed-Linux-v3-\d+: this runner offers only the v1 cache service \(ACTIONS_CACHE_SERVICE_V2 is not set\)/);
    assert.equal(sha256File(db(w)), before);
    assert.deepEqual(migrationsRan(w), []);
    assert.deepEqual(leftovers(w), []);
  });
});

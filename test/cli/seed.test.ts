import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { ACCOUNTS, START_BALANCE, ROOT, bankTotal, runCli, sha256File, tempDir, userVersion } from '../helpers/db.ts';

/** `sqlite-snapshot seed` against a local store: the seed action's cases, without GitHub. */
const MIGRATE = path.join(ROOT, 'test', 'e2e', 'helpers', 'migrate.ts');
const WRITER = path.join(ROOT, 'test', 'helpers', 'writer.ts');
const migrate = (version: number, ...extra: string[]): string[] => [process.execPath, MIGRATE, 'data/app.db', String(version), '--log', 'migrations.log', ...extra];

interface Seeded {
  hit: 'exact' | 'partial' | 'miss';
  matchedKey: string | null;
  ran: boolean;
  saved: { saved: boolean; reason?: string; location?: string } | null;
}

async function seed(cwd: string, key: string, opts: { restoreKeys?: string[]; command?: string[]; json?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string; out?: Seeded }> {
  const args = ['seed', 'data/app.db', '--store', 'store', '--key', key, ...(opts.restoreKeys ?? []).flatMap((k) => ['--restore-key', k]), ...(opts.json === false ? [] : ['--json'])];
  const r = await runCli(opts.command ? [...args, '--', ...opts.command] : args, { cwd });
  const out = r.code === 0 && opts.json !== false ? (JSON.parse(r.stdout) as Seeded) : undefined;
  return { ...r, ...(out ? { out } : {}) };
}

/** A workspace with its own store, as a second machine or a clean checkout would have. */
function workspace(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  mkdirSync(path.join(dir, 'data'));
  return dir;
}

const db = (dir: string): string => path.join(dir, 'data', 'app.db');
const ran = (dir: string): string[] => (existsSync(path.join(dir, 'migrations.log')) ? readFileSync(path.join(dir, 'migrations.log'), 'utf8').trim().split('\n') : []);

function seedDirs(dir: string): string[] {
  const seeds = path.join(dir, 'store', '.seeds');
  return existsSync(seeds) ? readdirSync(seeds).sort() : [];
}

test('seed: miss builds and saves; exact hit restores without running; partial hit migrates on top; list shows seeds', async (t) => {
  const w = workspace(t);
  const miss = await seed(w, 'seed-v3', { restoreKeys: ['nothing-'], command: migrate(3) });
  assert.equal(miss.code, 0, miss.stderr);
  assert.deepEqual({ hit: miss.out?.hit, matchedKey: miss.out?.matchedKey, ran: miss.out?.ran, saved: miss.out?.saved?.saved }, { hit: 'miss', matchedKey: null, ran: true, saved: true });
  assert.deepEqual(ran(w), ['applied 1', 'applied 2', 'applied 3']);
  assert.equal(seedDirs(w).length, 1);
  // The command's output went to stderr: stdout is the JSON alone.
  assert.match(miss.stderr, /applied migration 1/);

  // Exact hit: over an old database with stale side files.
  writeFileSync(path.join(w, 'migrations.log'), '');
  writeFileSync(`${db(w)}-wal`, Buffer.alloc(4096, 7));
  writeFileSync(`${db(w)}-shm`, Buffer.alloc(32768, 7));
  const exact = await seed(w, 'seed-v3', { command: migrate(3) });
  assert.equal(exact.code, 0, exact.stderr);
  assert.equal(exact.out?.hit, 'exact');
  assert.equal(exact.out?.saved, null);
  assert.equal(readFileSync(path.join(w, 'migrations.log'), 'utf8'), '', 'the command did not run');
  assert.ok(!existsSync(`${db(w)}-wal`) && !existsSync(`${db(w)}-shm`));
  const entry = path.join(w, 'store', '.seeds', seedDirs(w)[0] as string);
  assert.ok(zlib.zstdDecompressSync(readFileSync(path.join(entry, 'app.db.zst'))).equals(readFileSync(db(w))), 'byte for byte the saved seed');

  const partial = await seed(w, 'seed-v4', { restoreKeys: ['other-', 'seed-'], command: migrate(4) });
  assert.equal(partial.code, 0, partial.stderr);
  assert.deepEqual({ hit: partial.out?.hit, matchedKey: partial.out?.matchedKey }, { hit: 'partial', matchedKey: 'seed-v3' });
  assert.deepEqual(ran(w), ['applied 4'], 'only the pending migration');
  assert.equal(userVersion(db(w)), 4);

  // Without a command: restore only.
  const only = await seed(w, 'seed-v4', { json: false });
  assert.equal(only.code, 0, only.stderr);
  assert.match(only.stdout, /^seed seed-v4: exact hit in /);
  const none = await seed(w, 'seed-v9');
  assert.equal(none.code, 5);
  assert.match(none.stderr, /^sqlite-snapshot: error: seed: no seed in .* matches key seed-v9; give the command that builds it after --\n$/);

  const list = await runCli(['list', '--store', 'store'], { cwd: w });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /SEED KEY[\s\S]*seed-v3 .* app\.db[\s\S]*seed-v4 [\s\S]*2 seed\(s\)/);
  const seeds = JSON.parse((await runCli(['list', '--store', 'store', '--seeds', '--json'], { cwd: w })).stdout) as { key: string; databases: string[] }[];
  assert.deepEqual(seeds.map((s) => [s.key, s.databases]), [['seed-v3', ['app.db']], ['seed-v4', ['app.db']]]);
});

test('seed: three processes racing on one key all succeed; the first save wins, the others keep their own database', async (t) => {
  const w = workspace(t);
  const barrier = path.join(w, 'barrier');
  mkdirSync(barrier);
  const jobs = ['a', 'b', 'c'].map((n) => {
    const dir = path.join(w, n);
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    return dir;
  });
  const script = `touch ${JSON.stringify(barrier)}/$$; while [ "$(ls ${JSON.stringify(barrier)} | wc -l)" -lt 3 ]; do sleep 0.05; done; exec "$@"`;
  const results = await Promise.all(
    jobs.map((dir) => runCli(['seed', 'data/app.db', '--store', path.join(w, 'store'), '--key', 'race', '--json', '--', 'bash', '-c', script, 'bash', ...migrate(2)], { cwd: dir })),
  );
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const outs = results.map((r) => JSON.parse(r.stdout) as Seeded);
  assert.equal(outs.filter((o) => o.saved?.saved).length, 1);
  assert.equal(outs.filter((o) => o.saved?.reason === 'taken').length, 2);
  assert.equal(results.filter((r) => /note: seed race not saved: a seed with key race already exists/.test(r.stderr)).length, 2);
  for (const dir of jobs) assert.equal(userVersion(db(dir)), 2);
  assert.deepEqual(readdirSync(path.join(w, 'store', '.seeds')).length, 1, 'one seed, no staging left');
});

test('seed: a failing command exits with its status and saves nothing', async (t) => {
  const w = workspace(t);
  const r = await seed(w, 'fails', { command: ['bash', '-c', `${migrate(2).map((a) => JSON.stringify(a)).join(' ')}; exit 7`] });
  assert.equal(r.code, 7);
  assert.match(r.stderr, /error: the command \(bash -c .*\) exited with status 7; nothing was saved/);
  assert.deepEqual(seedDirs(w), [], 'no seed, no staging directory');
  const missing = await seed(w, 'fails', { command: ['no-such-command-xyz'] });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot start no-such-command-xyz: not found/);
});

test('seed: a damaged seed is refused with exit 3 and the target is untouched', async (t) => {
  const w = workspace(t);
  assert.equal((await seed(w, 'dmg', { command: migrate(2) })).code, 0);
  const zst = path.join(w, 'store', '.seeds', seedDirs(w)[0] as string, 'app.db.zst');
  const bytes = readFileSync(zst);
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0xff;
  writeFileSync(zst, bytes);
  // The database a developer has now, which a refused seed must leave alone.
  const [bin, ...args] = migrate(5);
  execFileSync(bin as string, args, { cwd: w });
  const before = sha256File(db(w));
  const r = await seed(w, 'dmg', { command: migrate(2) });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /^sqlite-snapshot: error: seed dmg: app\.db in the entry: .*; nothing was restored and the databases are as they were; the seed is damaged on disk; delete .*\.seeds\/dmg-[0-9a-f]+ \(or change the key\) so that it is built again\n$/);
  assert.equal(sha256File(db(w)), before);
  assert.deepEqual(readdirSync(path.join(w, 'data')).filter((f) => f.endsWith('.sqlite-snapshot-tmp')), []);
});


test('seed: committed pages only in the -wal, and a writer left running, are seeded consistently', async (t) => {
  const w = workspace(t);
  const wal = await seed(w, 'wal', { command: migrate(3, '--leave-in-wal') });
  assert.equal(wal.code, 0, wal.stderr);
  assert.ok(readFileSync(`${db(w)}-wal`).length > 100_000);
  const w2 = workspace(t);
  const again = await runCli(['seed', 'data/app.db', '--store', path.join(w, 'store'), '--key', 'wal', '--json'], { cwd: w2 });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(userVersion(db(w2)), 3, 'the migrations that were only in the -wal are in the seed');

  const w3 = workspace(t);
  const cmd = `${migrate(1, '--bank').map((a) => JSON.stringify(a)).join(' ')} && { ${JSON.stringify(process.execPath)} ${JSON.stringify(WRITER)} data/app.db >/dev/null 2>&1 & echo $! > writer.pid; sleep 0.3; }`;
  let pid = 0;
  try {
    const r = await seed(w3, 'writer', { command: ['bash', '-c', cmd] });
    assert.equal(r.code, 0, r.stderr);
    pid = Number(readFileSync(path.join(w3, 'writer.pid'), 'utf8'));
    assert.doesNotThrow(() => process.kill(pid, 0), 'the writer outlived the command');
  } finally {
    if (!pid && existsSync(path.join(w3, 'writer.pid'))) pid = Number(readFileSync(path.join(w3, 'writer.pid'), 'utf8'));
    if (pid) process.kill(pid, 'SIGTERM');
  }
  const w4 = workspace(t);
  const restored = await runCli(['seed', 'data/app.db', '--store', path.join(w3, 'store'), '--key', 'writer'], { cwd: w4 });
  assert.equal(restored.code, 0, restored.stderr);
  const bank = bankTotal(db(w4));
  assert.deepEqual(bank, { total: ACCOUNTS * START_BALANCE, accounts: ACCOUNTS, integrity: 'ok' });
});

test('seed: bad input is refused with exit 2 and one line, and writes nothing', async (t) => {
  const w = workspace(t);
  const cases: [string[], RegExp][] = [
    [['--key', 'a,b'], /--key: "a,b" contains a comma/],
    [['--key', 'x'.repeat(513)], /--key: is 513 characters long/],
    [[], /seed: --key is required/],
    [['--key', 'k', '--restore-key', 'p,q'], /--restore-key: "p,q" contains a comma/],
    [['--key', 'k', '--level', '99'], /--level: 99 is out of range/],
    [['--key', 'k', '--'], /seed: nothing after --/],
  ];
  for (const [args, re] of cases) {
    const r = await runCli(['seed', 'data/app.db', '--store', 'store', ...args], { cwd: w });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  const noDb = await runCli(['seed', '--store', 'store', '--key', 'k'], { cwd: w });
  assert.equal(noDb.code, 2);
  assert.match(noDb.stderr, /seed: no database given/);
  assert.ok(!existsSync(path.join(w, 'store')), 'nothing written');
});

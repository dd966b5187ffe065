/**
 * The CLI against an OCI registry: Debian's docker-registry started on 127.0.0.1 (with token auth
 * for the credentials test), and a fault-injecting proxy in front of it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Registry, startRegistry } from '../e2e/helpers/registry.ts';
import { type RegistryProxy, startRegistryProxy } from '../e2e/helpers/registry-proxy.ts';
import { ACCOUNTS, CLI, START_BALANCE, bankTotal, makeBank, runCli, tempDir } from '../helpers/db.ts';

let registry: Registry;
let locked: Registry;
let proxy: RegistryProxy;
const USER = 'ci-bot';
const PASSWORD = 'registry-pass-9d1c7e';

before(async () => {
  [registry, locked] = await Promise.all([startRegistry(), startRegistry({ users: { [USER]: PASSWORD } })]);
  proxy = await startRegistryProxy(registry.url);
});
after(async () => {
  await proxy?.stop();
  await registry?.stop();
  await locked?.stop();
});

/** No credentials, docker config or temp files from the machine running the tests. */
function isolated(t: { after: (fn: () => void) => void }, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = tempDir(t);
  return { HOME: home, DOCKER_CONFIG: path.join(home, 'docker'), TMPDIR: home, GITHUB_TOKEN: '', SQLITE_SNAPSHOT_OCI_USERNAME: undefined, SQLITE_SNAPSHOT_OCI_PASSWORD: undefined, ...extra };
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  return runCli(args, { env });
}

async function generations(store: string, name: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const r = await cli(['list', '--store', store, '--name', name, '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { generation: string }[]).map((g) => g.generation);
}

test('round trip: snapshot, list, inspect, verify and restore through oci://', async (t) => {
  const env = isolated(t);
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 500, walTransfers: 20 });
  const store = `oci://${registry.host}/cli/roundtrip`;
  const snap = await cli(['snapshot', db, '--store', store, '--name', 'bank'], env);
  assert.equal(snap.code, 0, snap.stderr);
  assert.match(snap.stdout, new RegExp(`stored in oci://${registry.host}/cli/roundtrip:bank_\\d{8}T`));
  const [generation] = await generations(store, 'bank', env);
  const list = await cli(['list', '--store', store], env);
  assert.match(list.stdout, /bank\s+\d{8}T\d{6}\.\d{3}Z/);
  assert.match((await cli(['inspect', '--store', store, '--name', 'bank'], env)).stdout, new RegExp(`accounts: ${ACCOUNTS}`));
  const verify = await cli(['verify', '--store', store, '--name', 'bank'], env);
  assert.equal(verify.code, 0, verify.stderr);
  // verify's record is pushed with the generation: list shows it.
  assert.match((await cli(['list', '--store', store, '--name', 'bank'], env)).stdout, /yes \(full\)/);
  const target = path.join(dir, 'out', 'restored.db');
  const restore = await cli(['restore', '--store', store, '--name', 'bank', '--generation', generation as string, '--to', target], env);
  assert.equal(restore.code, 0, restore.stderr);
  assert.equal(bankTotal(target).total, ACCOUNTS * START_BALANCE);
  // Nothing left in the private temp directory.
  assert.deepEqual(readdirSync(path.join(env['TMPDIR'] as string, 'sqlite-snapshot-oci')), []);
  const missing = await cli(['restore', '--store', store, '--name', 'nope', '--to', target], env);
  assert.equal(missing.code, 5);
  assert.match(missing.stderr, /snapshot "nope" not found in oci:\/\//);
});

test('watch --keep keeps the newest generations in the registry', { timeout: 120_000 }, async (t) => {
  const env = isolated(t);
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 100 });
  const store = `oci://${registry.host}/cli/watch`;
  const proc = spawn(process.execPath, [CLI, 'watch', db, '--store', store, '--name', 'w', '--every', '1s', '--keep', '2', '--json'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => proc.kill('SIGKILL'));
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if ((out.match(/"event":"snapshot"/g) ?? []).length >= 4) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`watch exited early (${code}): ${err}`)));
    // A watch whose every tick fails keeps running: fail on the first error it reports.
    proc.stdout.on('data', () => {
      const error = out.split('\n').find((l) => l.includes('"event":"error"'));
      if (error) reject(new Error(`watch reported an error: ${error}`));
    });
  });
  proc.removeAllListeners('exit');
  const exited = new Promise((r) => proc.on('exit', r));
  proc.kill('SIGTERM');
  await exited;
  const events = out.trim().split('\n').map((l) => JSON.parse(l) as { event: string; generation?: string; pruned?: string[] });
  const taken = events.filter((e) => e.event === 'snapshot').map((e) => e.generation as string);
  assert.ok(events.some((e) => (e.pruned ?? []).length > 0), 'watch pruned as it went');
  assert.deepEqual(await generations(store, 'w', env), taken.slice(-2));
});

test('prune --keep deletes old generations; --dry-run deletes nothing', async (t) => {
  const env = isolated(t);
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 100 });
  const store = `oci://${registry.host}/cli/prune`;
  for (let i = 0; i < 3; i++) assert.equal((await cli(['snapshot', db, '--store', store, '--name', 'p', '--quiet'], env)).code, 0);
  const all = await generations(store, 'p', env);
  const dry = await cli(['prune', '--store', store, '--name', 'p', '--keep', '1', '--dry-run'], env);
  assert.match(dry.stdout, /would remove 2 generation\(s\), 1 kept/);
  assert.deepEqual(await generations(store, 'p', env), all);
  const pruned = await cli(['prune', '--store', store, '--name', 'p', '--keep', '1'], env);
  assert.equal(pruned.code, 0, pruned.stderr);
  assert.deepEqual(await generations(store, 'p', env), all.slice(-1));
  const back = path.join(dir, 'back.db');
  assert.equal((await cli(['restore', '--store', store, '--name', 'p', '--to', back], env)).code, 0);
  assert.equal(bankTotal(back).total, ACCOUNTS * START_BALANCE);
});

test('SIGKILL mid-upload: no half generation is visible, the newest whole one restores, the next run sweeps', async (t) => {
  const env = isolated(t);
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 200 });
  const store = `oci://${proxy.host}/cli/kill9`;
  assert.equal((await cli(['snapshot', db, '--store', store, '--name', 'k', '--quiet'], env)).code, 0);
  const before = await generations(store, 'k', env);
  makeBank(path.join(dir, 'big.db'), { fillerRows: 8000 });
  // The proxy holds the database's upload: the process is surely mid-upload when it is killed.
  proxy.inject('hold', 'PUT', /\/blobs\/uploads\//, 1 << 20);
  const proc = spawn(process.execPath, [CLI, 'snapshot', path.join(dir, 'big.db'), '--store', store, '--name', 'k', '--quiet'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  await proxy.held();
  const exited = new Promise((r) => proc.on('exit', r));
  proc.kill('SIGKILL');
  await exited;
  assert.deepEqual(await generations(store, 'k', env), before);
  const staging = path.join(env['TMPDIR'] as string, 'sqlite-snapshot-oci');
  assert.equal(readdirSync(staging).filter((e) => e.startsWith('.staging-')).length, 1, 'the killed run left its staging directory');
  const back = path.join(dir, 'back.db');
  assert.equal((await cli(['restore', '--store', store, '--name', 'k', '--to', back, '--quiet'], env)).code, 0);
  assert.equal(bankTotal(back).total, ACCOUNTS * START_BALANCE);
  const next = await cli(['snapshot', db, '--store', store, '--name', 'k'], env);
  assert.equal(next.code, 0, next.stderr);
  assert.match(next.stderr, /removed what crashed runs left in "k": \.staging-/);
  assert.deepEqual(readdirSync(staging), []);
  assert.equal((await generations(store, 'k', env)).length, 2);
});

test('two snapshots of one name at once: both generations are kept and restore', async (t) => {
  const env = isolated(t);
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 300 });
  const store = `oci://${registry.host}/cli/race`;
  const runs = await Promise.all([0, 1].map(() => cli(['snapshot', db, '--store', store, '--name', 'r', '--json'], env)));
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  const published = runs.map((r) => (JSON.parse(r.stdout) as { generation: string }).generation).sort();
  assert.notEqual(published[0], published[1]);
  assert.deepEqual(await generations(store, 'r', env), published);
  for (const generation of published) {
    const back = path.join(dir, `${generation}.db`);
    assert.equal((await cli(['restore', '--store', store, '--name', 'r', '--generation', generation, '--to', back, '--quiet'], env)).code, 0);
  }
});

test('a reset and a 503 from the registry are retried, on snapshot and on restore', async (t) => {
  const env = isolated(t);
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 1500 });
  const store = `oci://${proxy.host}/cli/faults`;
  proxy.inject('503', 'POST', /\/blobs\/uploads\/$/);
  proxy.inject('reset', 'PUT', /\/blobs\/uploads\//, 100_000);
  proxy.inject('503', 'PUT', /\/manifests\//);
  const snap = await cli(['snapshot', db, '--store', store, '--name', 'f'], env);
  assert.equal(snap.code, 0, snap.stderr);
  assert.equal(proxy.pending(), 0);
  proxy.inject('503', 'GET', /\/manifests\//);
  proxy.inject('reset', 'GET', /\/blobs\/sha256:/);
  proxy.inject('503', 'GET', /\/blobs\/sha256:/);
  const back = path.join(dir, 'back.db');
  const restore = await cli(['restore', '--store', store, '--name', 'f', '--to', back], env);
  assert.equal(restore.code, 0, restore.stderr);
  assert.equal(proxy.pending(), 0);
  assert.equal(bankTotal(back).total, ACCOUNTS * START_BALANCE);
});

test('wrong or missing credentials: one line naming what to set, the secret never printed, nothing written', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 50 });
  const store = `oci://${locked.host}/cli/creds`;
  const wrongEnv = isolated(t, { SQLITE_SNAPSHOT_OCI_USERNAME: USER, SQLITE_SNAPSHOT_OCI_PASSWORD: 'not-the-password-4242' });
  const wrong = await cli(['snapshot', db, '--store', store, '--name', 'c'], wrongEnv);
  assert.equal(wrong.code, 2, wrong.stderr);
  assert.equal(wrong.stderr.trim().split('\n').length, 1, wrong.stderr);
  assert.match(wrong.stderr, /refused the credentials from SQLITE_SNAPSHOT_OCI_USERNAME/);
  assert.doesNotMatch(wrong.stderr + wrong.stdout, /not-the-password-4242/);
  // Refused before the database was read: not even a staging directory was made.
  assert.equal(existsSync(path.join(wrongEnv['TMPDIR'] as string, 'sqlite-snapshot-oci')), false);
  const none = await cli(['list', '--store', store], isolated(t));
  assert.equal(none.code, 2);
  assert.match(none.stderr, /asks for credentials \(401\) and none were found; set SQLITE_SNAPSHOT_OCI_USERNAME and SQLITE_SNAPSHOT_OCI_PASSWORD/);

  const home = tempDir(t);
  mkdirSync(path.join(home, 'docker'));
  writeFileSync(path.join(home, 'docker', 'config.json'), JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }));
  const good = { ...isolated(t), HOME: home, DOCKER_CONFIG: path.join(home, 'docker') };
  const ok = await cli(['snapshot', db, '--store', store, '--name', 'c', '--verify'], good);
  assert.equal(ok.code, 0, ok.stderr);
  assert.doesNotMatch(ok.stdout + ok.stderr, new RegExp(PASSWORD));
  assert.equal((await generations(store, 'c', good)).length, 1);
  assert.equal(existsSync(path.join(dir, 'oci:')), false, 'no local folder named after the URL');
});

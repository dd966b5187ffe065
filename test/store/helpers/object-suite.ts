import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ACCOUNTS, CLI, ROOT, START_BALANCE, bankTotal, makeBank, runCli, sha256File, tempDir, userVersion, type CliResult } from '../../helpers/db.ts';
import { startCli, waitFor } from '../../helpers/history.ts';
import { makeBigBank } from './big-bank.ts';
import { FaultProxy } from './fault-proxy.ts';

const INVARIANT = ACCOUNTS * START_BALANCE;
const MIGRATE = path.join(ROOT, 'test', 'e2e', 'helpers', 'migrate.ts');

/** A real object-store server the tests start once per file, as a backend's test file describes it. */
export interface ObjectServer {
  /** The variables that reach it directly: endpoint and credentials. */
  env: Record<string, string>;
  /** The same, through a forwarder at `proxyUrl` (for the fault tests). */
  envVia(proxyUrl: string): Record<string, string>;
  /** The server's origin, for the forwarder. */
  origin: string;
  /** A --store URL for a fresh prefix of its bucket or container (or of another, missing one). */
  storeUrl(prefix: string, bucket?: string): string;
  /** Every key under a prefix, as the service lists them (to see what a run left behind). */
  keys(prefix: string): Promise<string[]>;
  /** The variables with a wrong key, and the variable a user must fix. */
  wrongCredentials: { env: Record<string, string>; names: RegExp };
  /** Variables that leave no credentials at all (undefined removes a variable). */
  noCredentials: { env: Record<string, string | undefined>; names: RegExp; code: number };
  /** Other ways to give credentials (a key, a SAS, a profile): each must reach the same store. */
  otherCredentials: { label: string; env: Record<string, string | undefined>; storeUrl(prefix: string): string }[];
  /** What no output may ever show. */
  secrets: string[];
  /** The service's answer to a throttled request. */
  throttleBody(status: number): string;
  stop(): Promise<void>;
}

let prefixes = 0;

/**
 * The tests for one object-store backend, all through the CLI as a user runs it: round
 * trip, watch with --keep, prune, SIGKILL mid-upload, two racing snapshots, faults injected by a
 * forwarder (reset, throttling, a cut or damaged download), and refused or missing credentials.
 */
export function objectStoreSuite(label: string, start: () => Promise<ObjectServer>): void {
  let server: ObjectServer;
  let proxy: FaultProxy;
  const saved = { ...process.env };

  before(async () => {
    server = await start();
    proxy = await FaultProxy.start(server.origin, (s) => server.throttleBody(s));
    // startCli (watch) passes on this process's environment.
    Object.assign(process.env, server.env);
  });
  after(async () => {
    for (const k of Object.keys(server?.env ?? {})) if (saved[k] === undefined) delete process.env[k];
    await proxy?.stop();
    await server?.stop();
  });

  const fresh = (): { url: string; prefix: string } => {
    const prefix = `t${process.pid}-${++prefixes}`;
    return { url: server.storeUrl(prefix), prefix };
  };
  const cli = (args: string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<CliResult> => runCli(args, { env: { ...server.env, ...env } as NodeJS.ProcessEnv, ...(cwd ? { cwd } : {}) });
  const list = async (store: string, name: string): Promise<string[]> => {
    const r = await cli(['list', '--store', store, '--name', name, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { generation: string }[]).map((g) => g.generation);
  };
  const noSecrets = (r: CliResult): void => {
    for (const s of server.secrets) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'no credential in the output');
  };

  test(`${label}: snapshot, list, inspect, verify and restore round-trip through the CLI`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBank(db, { journalMode: 'wal', fillerRows: 2000 });
    const { url, prefix } = fresh();
    const snap = await cli(['snapshot', db, '--store', url, '--name', 'app', '--json']);
    assert.equal(snap.code, 0, snap.stderr);
    const generation = (JSON.parse(snap.stdout) as { generation: string }).generation;
    assert.match((JSON.parse(snap.stdout) as { location: string }).location, new RegExp(`/${prefix}/app/${generation}/$`));
    assert.deepEqual(await list(url, 'app'), [generation]);
    // The generation's objects and nothing else: no marker of the upload, no staging.
    assert.deepEqual((await server.keys(prefix)).map((k) => k.split('/').slice(-2).join('/')).sort(), [`${generation}/bank.db.zst`, `${generation}/manifest.json`]);

    const inspect = await cli(['inspect', '--store', url, '--name', 'app']);
    assert.equal(inspect.code, 0, inspect.stderr);
    assert.match(inspect.stdout, new RegExp(`accounts: ${ACCOUNTS}`));
    const verify = await cli(['verify', '--store', url, '--name', 'app']);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match((await cli(['list', '--store', url])).stdout, /app\s+\S+\s+.*yes \(full\)/);

    const target = path.join(dir, 'out', 'restored.db');
    const restore = await cli(['restore', '--store', url, '--name', 'app', '--to', target]);
    assert.equal(restore.code, 0, restore.stderr);
    assert.equal(bankTotal(target).total, INVARIANT);

    // gzip cannot be decoded as it arrives: such a generation is downloaded, then restored.
    const gz = await cli(['snapshot', db, '--store', url, '--name', 'gz', '--compression', 'gzip', '-q']);
    assert.equal(gz.code, 0, gz.stderr);
    const target2 = path.join(dir, 'gz.db');
    assert.equal((await cli(['restore', '--store', url, '--name', 'gz', '--to', target2, '-q'])).code, 0);
    assert.equal(bankTotal(target2).total, INVARIANT);
    const all = await cli(['list', '--store', url, '--json']);
    assert.deepEqual((JSON.parse(all.stdout) as { name: string }[]).map((g) => g.name), ['app', 'gz']);
  });

  test(`${label}: watch --keep 2 publishes generation after generation and keeps two`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBank(db, { fillerRows: 500 });
    const { url, prefix } = fresh();
    const watch = startCli(['watch', db, '--store', url, '--name', 'w', '--every', '200ms', '--keep', '2', '--json']);
    const snapshots = (): { generation: string; pruned: string[] }[] =>
      watch
        .stdout()
        .split('\n')
        .filter((l) => l.includes('"event":"snapshot"'))
        .map((l) => JSON.parse(l) as { generation: string; pruned: string[] });
    try {
      await waitFor('4 generations', () => snapshots().length >= 4 || watch.proc.exitCode !== null, 60_000);
    } finally {
      watch.proc.kill('SIGTERM');
    }
    assert.equal(await watch.exited, 0, watch.stderr());
    const made = snapshots().map((s) => s.generation);
    assert.ok(made.length >= 4, watch.stderr());
    assert.ok(snapshots().slice(2).every((s) => s.pruned.length >= 1), 'from the third generation on, each prunes');
    const kept = await list(url, 'w');
    assert.deepEqual(kept, made.slice(-2));
    // Pruned generations are gone whole: every key left belongs to a kept generation.
    for (const k of await server.keys(prefix)) assert.ok(kept.some((g) => k.includes(`/${g}/`)), `${k} belongs to a kept generation`);
    const target = path.join(dir, 'w.db');
    assert.equal((await cli(['restore', '--store', url, '--name', 'w', '--to', target, '-q'])).code, 0);
    assert.equal(bankTotal(target).total, INVARIANT);
  });

  test(`${label}: prune --keep 1 removes older generations whole; --dry-run removes nothing`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBank(db, { fillerRows: 200 });
    const { url, prefix } = fresh();
    for (let i = 0; i < 3; i++) assert.equal((await cli(['snapshot', db, '--store', url, '--name', 'p', '-q'])).code, 0);
    const gens = await list(url, 'p');
    assert.equal(gens.length, 3);
    const dry = await cli(['prune', '--store', url, '--name', 'p', '--keep', '1', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /would remove 2 generation\(s\)/);
    assert.equal((await list(url, 'p')).length, 3);
    const prune = await cli(['prune', '--store', url, '--name', 'p', '--keep', '1']);
    assert.equal(prune.code, 0, prune.stderr);
    assert.deepEqual(await list(url, 'p'), gens.slice(-1));
    for (const k of await server.keys(prefix)) assert.ok(k.includes(`/${gens[2]}/`), `${k} is the kept generation's`);
  });

  test(`${label}: SIGKILL mid-upload leaves no visible generation; restore takes the newest whole one; the next run sweeps`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBigBank(db, 12);
    const { url, prefix } = fresh();
    const first = await cli(['snapshot', db, '--store', url, '--name', 'k', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const whole = (JSON.parse(first.stdout) as { generation: string }).generation;

    // The data upload is held by the forwarder, so the kill lands mid-upload, every time.
    proxy.reset();
    proxy.add({ match: (req) => req.method === 'PUT' && (req.url ?? '').includes('.db.zst'), fault: { kind: 'hold' }, times: 100 });
    const child = spawn(process.execPath, [CLI, 'snapshot', db, '--store', url, '--name', 'k'], { env: { ...process.env, ...server.envVia(proxy.url) }, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      await waitFor('the data upload to start', () => proxy.holding > 0 || child.exitCode !== null, 60_000);
    } finally {
      child.kill('SIGKILL');
      await exited;
      proxy.reset();
    }
    assert.deepEqual(await list(url, 'k'), [whole], 'the killed generation is not visible');
    assert.ok((await server.keys(prefix)).some((k) => !k.includes(`/${whole}/`)), 'the killed upload left something to sweep');

    const target = path.join(dir, 'k.db');
    const restore = await cli(['restore', '--store', url, '--name', 'k', '--to', target, '--json']);
    assert.equal(restore.code, 0, restore.stderr);
    assert.equal((JSON.parse(restore.stdout) as { generation: string }).generation, whole);
    assert.equal(bankTotal(target).total, INVARIANT);

    const next = await cli(['prune', '--store', url, '--name', 'k', '--keep', '5']);
    assert.equal(next.code, 0, next.stderr);
    for (const k of await server.keys(prefix)) assert.ok(k.includes(`/${whole}/`), `${k} was swept`);
  });

  test(`${label}: two snapshots of one name at once both publish a whole generation`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBank(db, { fillerRows: 500 });
    const { url } = fresh();
    const [a, b] = await Promise.all([cli(['snapshot', db, '--store', url, '--name', 'r', '--json']), cli(['snapshot', db, '--store', url, '--name', 'r', '--json'])]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const ga = (JSON.parse(a.stdout) as { generation: string }).generation;
    const gb = (JSON.parse(b.stdout) as { generation: string }).generation;
    assert.notEqual(ga, gb);
    assert.deepEqual(await list(url, 'r'), [ga, gb].sort());
    for (const g of [ga, gb]) {
      const v = await cli(['verify', '--store', url, '--name', 'r', '--generation', g]);
      assert.equal(v.code, 0, `${g}: ${v.stdout}${v.stderr}`);
    }
  });

  test(`${label}: resets, throttling and a cut download are retried or resumed; a damaged download is refused with the target untouched`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBigBank(db, 12);
    const { url } = fresh();
    const via = server.envVia(proxy.url);
    const data = (method: string) => (req: { method?: string; url?: string }) => req.method === method && (req.url ?? '').includes('.db.zst');
    proxy.reset();
    proxy.add({ match: data('PUT'), fault: { kind: 'reset' } });
    proxy.add({ match: data('PUT'), fault: { kind: 'throttle', status: 503 } });
    proxy.add({ match: data('PUT'), fault: { kind: 'throttle', status: 429 } });
    proxy.add({ match: (req) => req.method === 'PUT' && (req.url ?? '').includes('manifest.json'), fault: { kind: 'reset' } });
    const snap = await cli(['snapshot', db, '--store', url, '--name', 'f'], via);
    assert.equal(snap.code, 0, snap.stderr);
    assert.deepEqual(proxy.injected.map((i) => i.fault), ['reset', '503', '429', 'reset']);

    proxy.reset();
    proxy.add({ match: data('GET'), fault: { kind: 'throttle', status: 503 } });
    proxy.add({ match: data('GET'), fault: { kind: 'download', fault: 'reset' } });
    proxy.add({ match: data('GET'), fault: { kind: 'download', fault: 'truncate' } });
    const target = path.join(dir, 'f.db');
    const restore = await cli(['restore', '--store', url, '--name', 'f', '--to', target], via);
    assert.equal(restore.code, 0, restore.stderr);
    assert.deepEqual(proxy.injected.map((i) => i.fault), ['503', 'reset', 'truncate']);
    // Cut downloads were resumed from the byte reached, not fetched again from the start.
    assert.ok(proxy.ranges.some((r) => /^bytes=[1-9]\d*-/.test(r)), `ranged requests: ${proxy.ranges.join(', ')}`);
    assert.equal(bankTotal(target).total, INVARIANT);

    // One byte flipped on the way: the checksums refuse it, and the database in place stays as it was.
    const before = sha256File(target);
    proxy.reset();
    proxy.add({ match: data('GET'), fault: { kind: 'download', fault: 'corrupt' } });
    const damaged = await cli(['restore', '--store', url, '--name', 'f', '--to', target], via);
    assert.equal(damaged.code, 3, damaged.stderr);
    assert.equal(damaged.stderr.trim().split('\n').length, 1, damaged.stderr);
    assert.equal(sha256File(target), before);
    proxy.reset();
  });

  test(`${label}: seed keeps its seeds in the store: a miss builds and saves, an exact hit restores without running, a partial hit migrates on top`, async (t) => {
    const { url } = fresh();
    const migrate = (version: number): string[] => [process.execPath, MIGRATE, 'data/app.db', String(version), '--log', 'migrations.log'];
    const seed = async (key: string, command: string[], restoreKeys: string[] = []): Promise<{ w: string; out: { hit: string; matchedKey: string | null; ran: boolean; saved: { saved: boolean; location?: string } | null } }> => {
      // A fresh workspace each time, as another machine would have.
      const w = tempDir(t);
      mkdirSync(path.join(w, 'data'));
      const r = await cli(['seed', 'data/app.db', '--store', url, '--key', key, ...restoreKeys.flatMap((k) => ['--restore-key', k]), '--json', '--', ...command], {}, w);
      assert.equal(r.code, 0, r.stderr);
      return { w, out: JSON.parse(r.stdout) };
    };
    const ran = (w: string): string[] => (existsSync(path.join(w, 'migrations.log')) ? readFileSync(path.join(w, 'migrations.log'), 'utf8').trim().split('\n') : []);

    const miss = await seed('seed-v2', migrate(2));
    assert.deepEqual([miss.out.hit, miss.out.ran, miss.out.saved?.saved], ['miss', true, true]);
    assert.match(miss.out.saved?.location ?? '', /\/\.seeds\//);
    const exact = await seed('seed-v2', migrate(2));
    assert.deepEqual([exact.out.hit, exact.out.ran], ['exact', false]);
    assert.deepEqual(ran(exact.w), []);
    assert.equal(userVersion(path.join(exact.w, 'data', 'app.db')), 2);
    const partial = await seed('seed-v3', migrate(3), ['seed-']);
    assert.deepEqual([partial.out.hit, partial.out.matchedKey, partial.out.ran, partial.out.saved?.saved], ['partial', 'seed-v2', true, true]);
    assert.deepEqual(ran(partial.w), ['applied 3']);
    assert.equal(userVersion(path.join(partial.w, 'data', 'app.db')), 3);
  });

  test(`${label}: every way of giving credentials reaches the same store`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBank(db);
    const { url, prefix } = fresh();
    for (const alt of server.otherCredentials) {
      const r = await cli(['snapshot', db, '--store', alt.storeUrl(prefix), '--name', 'c', '-q'], alt.env);
      assert.equal(r.code, 0, `${alt.label}: ${r.stderr}`);
      noSecrets(r);
    }
    assert.equal((await list(url, 'c')).length, server.otherCredentials.length);
  });

  test(`${label}: wrong or missing credentials and a missing bucket: one line naming what to set, no secret shown`, async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBank(db);
    const { url } = fresh();
    const wrong = await cli(['snapshot', db, '--store', url, '--name', 'c'], server.wrongCredentials.env);
    assert.equal(wrong.code, 1, wrong.stderr);
    assert.equal(wrong.stderr.trim().split('\n').length, 1, wrong.stderr);
    assert.match(wrong.stderr, /credentials were refused/);
    assert.match(wrong.stderr, server.wrongCredentials.names);
    noSecrets(wrong);
    const listWrong = await cli(['list', '--store', url], server.wrongCredentials.env);
    assert.equal(listWrong.code, 1, listWrong.stderr);
    noSecrets(listWrong);

    const none = await cli(['restore', '--store', url, '--name', 'c', '--to', path.join(dir, 'x.db')], server.noCredentials.env);
    assert.equal(none.code, server.noCredentials.code, none.stderr);
    assert.equal(none.stderr.trim().split('\n').length, 1, none.stderr);
    assert.match(none.stderr, server.noCredentials.names);

    const missing = await cli(['list', '--store', server.storeUrl('x', 'nosuchbucket')]);
    assert.equal(missing.code, 5, missing.stderr);
    assert.match(missing.stderr, /does not exist.*; create it/);
  });
}

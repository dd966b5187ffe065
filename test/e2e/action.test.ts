import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ACCOUNTS, START_BALANCE, bankTotal, crashWriter, makeBank, sha256File, startWriter } from '../helpers/db.ts';
import type { Run } from './helpers/artifact-service.ts';
import { assertNoSecrets, failure, runStep, type Entry, type Job, type StepResult } from './helpers/runner.ts';
import { leftovers, marker, ok, smallDb } from './helpers/steps.ts';
import { artifactSuite } from './helpers/suite.ts';
import { zipEntries } from './zip.ts';

/**
 * The Action as GitHub runs it: the committed dist/ bundles, in fresh Node processes, against a
 * service speaking the artifact protocol with Azurite as the blob store.
 */
/** A step's progress line (run.ts throttled): `users.db: copy 100%`, `users.db: check `. */
const PROGRESS_LINE = /^[\w.-]+: [a-z]+( \d+%)? ?$/m;
const suite = artifactSuite();
const steps = suite.steps;
const job = (run: Run): Promise<Job> => steps.job(run);
const step = (j: Job, entry: Entry, inputs: Record<string, string>): Promise<StepResult> => steps.step(suite.svc, j, entry, inputs);

describe('snapshot action → artifact → restore action (dist/ bundles)', () => {
  test('job A snapshots under a live writer and uploads; job B restores over a stale WAL/SHM and the invariant holds', async () => {
    const run = suite.svc.newRun();
    const a = await job(run);
    const src = path.join(a.workspace, 'data', 'bank.db');
    mkdirSync(path.dirname(src));
    makeBank(src, { fillerRows: 4000 });
    const writer = await startWriter(src, ['--checkpoint-truncate-every', '200']);
    let snap: StepResult;
    try {
      // raw-sha256: the manifest records the database's own sha256, which the restore outputs.
      snap = ok(await step(a, 'snapshot', { path: 'data/*.db', name: 'bank', 'raw-sha256': 'true' }));
    } finally {
      const w = await writer.stop();
      assert.ok(w.transactions > 0, 'the writer committed while the snapshot ran');
    }

    // Outputs, as upload-artifact reports them, and the manifest.
    const art = suite.svc.artifacts.find((x) => x.name === 'bank' && x.runBackendId === run.backendId);
    assert.ok(art, 'the artifact was created under its name');
    assert.equal(snap.outputs['artifact-id'], String(art.id));
    assert.equal(snap.outputs['artifact-url'], `https://github.com/${run.repo}/actions/runs/${run.id}/artifacts/${art.id}`);
    assert.match(snap.outputs['artifact-digest'] ?? '', /^[0-9a-f]{64}$/);
    assert.equal(`sha256:${snap.outputs['artifact-digest']}`, art.digest);
    assert.equal(Number(snap.outputs['size']), art.size);
    const manifest = JSON.parse(snap.outputs['manifest'] ?? '{}') as { databases: { name: string; source: string; rawSha256: string; tables: Record<string, number> }[] };
    assert.equal(manifest.databases.length, 1);
    assert.match(manifest.databases[0]?.rawSha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(manifest.databases[0]?.source, path.join('data', 'bank.db'));

    // One zip holding the manifest and the compressed file side by side, the .zst stored as is.
    const zip = zipEntries(await suite.svc.blobBytes(art));
    assert.deepEqual(zip.map((e) => e.name).sort(), ['bank.db.zst', 'manifest.json']);
    const data = zip.find((e) => e.name === 'bank.db.zst');
    assert.equal(data?.method, 0, 'already-compressed data is stored, not deflated again');

    // Logs grouped per database with the figures; the job summary table.
    assert.match(snap.stdout, /::group::bank\.db: (backup|vacuum), .* → .* \([\d.]+×\) in /);
    assert.match(snap.stdout, /time {9}copy .* at .*\/s/);
    assert.match(snap.summary, /<th>Database<\/th><th>Method<\/th><th>Raw → stored<\/th><th>Tables<\/th><th>Rows<\/th><th>Integrity<\/th><th>sha256<\/th>/);
    assert.ok(snap.summary.includes(`<code>${manifest.databases[0]?.rawSha256}</code>`));
    assert.match(snap.summary, /quick_check ok/);

    // Job B: a fresh workspace whose target has someone else's WAL and SHM beside it.
    const b = await job(run);
    const target = path.join(b.workspace, 'db', 'app.db');
    mkdirSync(path.dirname(target));
    makeBank(target, { walTransfers: 40 });
    assert.ok(existsSync(`${target}-wal`) && existsSync(`${target}-shm`), 'the target starts with a stale WAL and SHM');
    const rest = ok(await step(b, 'restore', { name: 'bank', path: 'db/app.db' }));
    assert.equal(rest.outputs['restored'], 'true');
    assert.equal(rest.outputs['paths'], 'db/app.db');
    assert.equal(rest.outputs['sha256'], manifest.databases[0]?.rawSha256);
    assert.equal(existsSync(`${target}-wal`), false, 'stale WAL removed');
    assert.equal(existsSync(`${target}-shm`), false, 'stale SHM removed');
    assert.equal(sha256File(target), manifest.databases[0]?.rawSha256, 'the target is byte for byte the snapshot');
    const bank = bankTotal(target);
    assert.deepEqual(bank, { total: ACCOUNTS * START_BALANCE, accounts: ACCOUNTS, integrity: 'ok' });
    assert.equal(JSON.parse(rest.outputs['manifest'] ?? '{}').databases[0].tables.transfers, manifest.databases[0]?.tables['transfers']);
    assert.match(rest.stdout, /removed {6}stale .*app\.db-wal/);
    assert.match(rest.summary, /replaced, stale WAL\/SHM removed/);
    assert.deepEqual([...leftovers(a), ...leftovers(b)], [], 'staging and download directories removed');
    assert.doesNotMatch(rest.stderr + snap.stderr, /Warning|Error/, 'nothing on stderr for a user to puzzle over');
  });

  test('two databases in one artifact: restored to their recorded paths, or mapped entry=path', async () => {
    const run = suite.svc.newRun();
    const a = await job(run);
    smallDb(path.join(a.workspace, 'dbs', 'users.db'), 11);
    smallDb(path.join(a.workspace, 'dbs', 'orders.db'), 22);
    // The release recipe's inputs: a compacted copy, strong compression, the full check, long retention.
    const snap = ok(
      await step(a, 'snapshot', { path: 'dbs/users.db\ndbs/orders.db', name: 'two', compression: 'gzip', 'compression-level': '9', method: 'vacuum', verify: 'full', 'retention-days': '90' }),
    );
    // Done in well under the progress interval: no progress line ("users.db: copy 100%").
    assert.doesNotMatch(snap.stdout, PROGRESS_LINE);
    const m = JSON.parse(snap.outputs['manifest'] ?? '{}') as { databases: { method: string; level: number; integrity: { check: string; ok: boolean } }[] };
    assert.equal(m.databases.length, 2);
    for (const d of m.databases) assert.deepEqual([d.method, d.level, d.integrity.check, d.integrity.ok], ['vacuum', 9, 'full', true]);
    const art = suite.svc.artifacts.find((x) => x.name === 'two' && x.runBackendId === run.backendId);
    const days = ((art?.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
    assert.ok(days > 89 && days <= 90, `expires in ${days} days`);
    assert.deepEqual(zipEntries(await suite.svc.blobBytes(art!)).map((e) => e.name).sort(), ['manifest.json', 'orders.db.gz', 'users.db.gz']);

    const b = await job(run);
    const r1 = ok(await step(b, 'restore', { name: 'two' }));
    assert.doesNotMatch(r1.stdout, PROGRESS_LINE);
    assert.deepEqual(r1.outputs['paths']?.split(/\r?\n/), ['dbs/users.db', 'dbs/orders.db']);
    assert.equal(marker(path.join(b.workspace, 'dbs', 'users.db')), 11);
    assert.equal(marker(path.join(b.workspace, 'dbs', 'orders.db')), 22);

    const r2 = ok(await step(b, 'restore', { name: 'two', path: 'orders.db=x/o.db\nusers.db=x/u.db' }));
    // Compressed without raw-sha256: the manifest has no sha256 of the databases, and says so.
    assert.equal(JSON.parse(r2.outputs['manifest'] ?? '{}').formatVersion, 2);
    assert.deepEqual(r2.outputs['sha256']?.split(/\r?\n/), ['', ''], 'an empty line per path, in the order of paths');
    assert.match(r2.stdout, /sha256 {7}not recorded \(take the snapshot with raw-sha256: true/);
    assert.match(r2.summary, /<td>not recorded<\/td>/);
    assert.equal(marker(path.join(b.workspace, 'x', 'u.db')), 11);
    assert.equal(marker(path.join(b.workspace, 'x', 'o.db')), 22);
  });

  test('fan-out: one uncompressed snapshot to 3 targets', async () => {
    const run = suite.svc.newRun();
    const a = await job(run);
    smallDb(path.join(a.workspace, 'seed.db'), 7);
    // Uncompressed, so the copy and hash threads bundled beside dist/index.js run (dist/*-thread.js).
    ok(await step(a, 'snapshot', { path: 'seed.db', name: 'seed', compression: 'none' }));
    // The raw database deflated inside the zip (as the toolkit's zip at level 6 had it), the manifest stored.
    const art = suite.svc.artifacts.find((x) => x.name === 'seed' && x.runBackendId === run.backendId);
    assert.ok(art);
    assert.deepEqual(zipEntries(await suite.svc.blobBytes(art)).map((e) => [e.name, e.method]), [['manifest.json', 0], ['seed.db', 8]]);
    const b = await job(run);
    const r = ok(await step(b, 'restore', { name: 'seed', path: 't1/test.db\nt2/test.db\nt3/test.db', 'journal-mode': 'delete' }));
    const paths = r.outputs['paths']?.split(/\r?\n/) ?? [];
    assert.equal(paths.length, 3);
    const hashes = new Set(r.outputs['sha256']?.split(/\r?\n/));
    assert.equal(hashes.size, 1);
    // Uncompressed, the stored file's sha256 is the database's: recorded without raw-sha256.
    assert.equal([...hashes][0], sha256File(path.join(a.workspace, 'seed.db')));
    for (const p of paths) {
      assert.equal(marker(path.join(b.workspace, p)), 7);
      const db = new Database(path.join(b.workspace, p), { readonly: true });
      assert.equal(db.pragma('journal_mode', { simple: true }), 'delete');
      db.close();
    }
  });

  test('overwrite: false fails with advice and keeps the first artifact; true replaces it', async () => {
    const run = suite.svc.newRun();
    const a = await job(run);
    const db = path.join(a.workspace, 'o.db');
    smallDb(db, 1);
    const first = ok(await step(a, 'snapshot', { path: 'o.db', name: 'ow' }));
    const again = await step(a, 'snapshot', { path: 'o.db', name: 'ow' });
    assert.notEqual(again.code, 0);
    assert.match(failure(again), /^name: an artifact named "ow" already exists in this run .*set overwrite: true/);
    assert.equal(suite.svc.artifacts.filter((x) => x.name === 'ow').length, 1);
    assert.equal(String(suite.svc.artifacts.find((x) => x.name === 'ow')?.id), first.outputs['artifact-id']);

    const w = new Database(db);
    w.pragma('user_version = 2');
    w.close();
    const second = ok(await step(a, 'snapshot', { path: 'o.db', name: 'ow', overwrite: 'true' }));
    assert.notEqual(second.outputs['artifact-id'], first.outputs['artifact-id']);
    assert.deepEqual(suite.svc.artifacts.filter((x) => x.name === 'ow').map((x) => String(x.id)), [second.outputs['artifact-id']]);
    const b = await job(run);
    smallDb(path.join(b.workspace, 'r.db'), 9);
    ok(await step(b, 'restore', { name: 'ow', path: 'r.db', 'keep-previous': 'true' }));
    assert.equal(marker(path.join(b.workspace, 'r.db')), 2);
    assert.equal(marker(path.join(b.workspace, 'r.db.pre-restore')), 9, 'keep-previous kept the replaced database');
  });

  test('if-no-files-found: warn and ignore succeed without uploading, error fails', async () => {
    const run = suite.svc.newRun();
    const a = await job(run);
    const warn = ok(await step(a, 'snapshot', { path: 'missing/*.db', name: 'none' }));
    assert.match(warn.stdout, /^::warning::path: no database matched "missing\/\*\.db"; nothing was uploaded/m);
    assert.equal(warn.outputs['artifact-id'], undefined);
    const ignore = ok(await step(a, 'snapshot', { path: 'missing.db', name: 'none', 'if-no-files-found': 'ignore' }));
    assert.doesNotMatch(ignore.stdout, /::warning::/);
    const error = await step(a, 'snapshot', { path: 'missing.db', name: 'none', 'if-no-files-found': 'error' });
    assert.equal(error.code, 1);
    assert.match(failure(error), /^path: no database matched "missing\.db"; nothing was uploaded; check the path/);
    assert.equal(suite.svc.artifacts.filter((x) => x.runBackendId === run.backendId).length, 0);

    // One pattern of several matching nothing: error stops before any upload, warn goes on with the rest.
    smallDb(path.join(a.workspace, 'here.db'), 4);
    const partialError = await step(a, 'snapshot', { path: 'here.db\ngone.db', name: 'part', 'if-no-files-found': 'error' });
    assert.match(failure(partialError), /^path: "gone\.db" matched no file; fix the pattern, or set if-no-files-found: warn$/);
    assert.equal(suite.svc.artifacts.filter((x) => x.runBackendId === run.backendId).length, 0);
    const partialWarn = ok(await step(a, 'snapshot', { path: 'here.db\ngone.db', name: 'part' }));
    assert.match(partialWarn.stdout, /^::warning::path: "gone\.db" matched no file; snapshotting the 1 database\(s\) that matched/m);
    assert.equal(JSON.parse(partialWarn.outputs['manifest'] ?? '{}').databases.length, 1);
  });

  test('if-not-found: error fails, warn and ignore succeed with restored=false; the target is untouched', async () => {
    const run = suite.svc.newRun();
    const b = await job(run);
    const target = path.join(b.workspace, 'keep.db');
    smallDb(target, 5);
    const before = sha256File(target);
    const error = await step(b, 'restore', { name: 'nope', path: 'keep.db' });
    assert.equal(error.code, 1);
    assert.match(failure(error), /^artifact "nope" not found in this run; .*set if-not-found: warn$/);
    assert.equal(error.outputs['restored'], 'false');
    const warn = ok(await step(b, 'restore', { name: 'nope', path: 'keep.db', 'if-not-found': 'warn' }));
    assert.equal(warn.outputs['restored'], 'false');
    assert.match(warn.stdout, /^::warning::artifact "nope" not found/m);
    const ignore = ok(await step(b, 'restore', { name: 'nope', path: 'keep.db', 'if-not-found': 'ignore' }));
    assert.equal(ignore.outputs['restored'], 'false');
    assert.doesNotMatch(ignore.stdout, /::warning::/);
    assert.equal(sha256File(target), before);
  });

  test('a download that does not match the digest recorded at upload fails; the target is untouched', async () => {
    const run = suite.svc.newRun();
    const a = await job(run);
    smallDb(path.join(a.workspace, 'd.db'), 3);
    ok(await step(a, 'snapshot', { path: 'd.db', name: 'tampered' }));
    const art = suite.svc.artifacts.find((x) => x.name === 'tampered' && x.runBackendId === run.backendId);
    // What the service recorded no longer matches the bytes in storage, as after corruption in transit.
    art!.digest = `sha256:${'0'.repeat(64)}`;
    const b = await job(run);
    const target = path.join(b.workspace, 'd.db');
    smallDb(target, 8);
    const before = sha256File(target);
    const r = await step(b, 'restore', { name: 'tampered', path: 'd.db' });
    assert.equal(r.code, 1);
    assert.match(failure(r), /^artifact "tampered" \(id \d+\): the download does not match the digest recorded at upload; retry the job$/);
    assert.equal(r.outputs['restored'], 'false');
    assert.equal(sha256File(target), before);
    assert.deepEqual(leftovers(b), [], 'the download directory was removed');
  });

  test('run-id: latest picks the newest successful run on the branch; a run id picks that run; cross-repository', async () => {
    const snapIn = async (run: Run, m: number, finish: 'success' | 'failure' | null): Promise<void> => {
      const j = await job(run);
      smallDb(path.join(j.workspace, 'nightly.db'), m);
      ok(await step(j, 'snapshot', { path: 'nightly.db', name: 'nightly' }));
      if (finish) suite.svc.finish(run, finish);
    };
    const old = suite.svc.newRun({ branch: 'main' });
    await snapIn(old, 100, 'success');
    const good = suite.svc.newRun({ branch: 'main' });
    await snapIn(good, 200, 'success');
    await snapIn(suite.svc.newRun({ branch: 'feature' }), 300, 'success');
    await snapIn(suite.svc.newRun({ branch: 'main' }), 400, 'failure');
    await snapIn(suite.svc.newRun({ branch: 'main' }), 500, null); // still running

    const pr = suite.svc.newRun({ branch: 'my-pr' });
    const j = await job(pr);
    const latest = ok(await step(j, 'restore', { name: 'nightly', path: 'l.db', 'run-id': 'latest', branch: 'main' }));
    assert.equal(marker(path.join(j.workspace, 'l.db')), 200);
    assert.match(latest.stdout, new RegExp(`run-id latest: run ${good.id}`));
    const byId = ok(await step(j, 'restore', { name: 'nightly', path: 'o.db', 'run-id': String(old.id) }));
    assert.equal(byId.outputs['restored'], 'true');
    assert.equal(marker(path.join(j.workspace, 'o.db')), 100);
    const feature = ok(await step(j, 'restore', { name: 'nightly', path: 'f.db', 'run-id': 'latest', branch: 'feature' }));
    assert.equal(feature.outputs['restored'], 'true');
    assert.equal(marker(path.join(j.workspace, 'f.db')), 300);
    const none = await step(j, 'restore', { name: 'nightly', path: 'n.db', 'run-id': 'latest', branch: 'release' });
    assert.match(failure(none), /^artifact "nightly": no successful run on branch release in octo\/app has it/);

    const other = suite.svc.newRun({ repo: 'octo/fixtures', branch: 'main' });
    await snapIn(other, 900, 'success');
    const cross = ok(await step(j, 'restore', { name: 'nightly', path: 'c.db', repository: 'octo/fixtures', 'run-id': 'latest', branch: 'main' }));
    assert.equal(cross.outputs['restored'], 'true');
    assert.equal(marker(path.join(j.workspace, 'c.db')), 900);
    const noRun = await step(j, 'restore', { name: 'nightly', path: 'c.db', repository: 'octo/fixtures' });
    assert.match(failure(noRun), /^repository: octo\/fixtures is another repository; also give run-id/);
    const badToken = await runStep(suite.svc, j, 'restore', { name: 'nightly', path: 'c.db', 'run-id': String(old.id), 'github-token': 'ghs_wrong' });
    assert.equal(badToken.code, 1);
    assert.match(failure(badToken), /^github-token: GitHub refused it \(401 Bad credentials\) while listing the artifacts of run \d+ in octo\/app; give a token with actions:read/);
    const noSuchRun = ok(await step(j, 'restore', { name: 'nightly', path: 'z.db', 'run-id': '12345', 'if-not-found': 'warn' }));
    assert.equal(noSuchRun.outputs['restored'], 'false');
    assert.match(noSuchRun.stdout, /^::warning::listing the artifacts of run 12345 in octo\/app: not found \(404\); check run-id/m);
    assertNoSecrets(badToken, ['ghs_wrong', j.runtimeToken, suite.svc.apiToken, ...suite.svc.signatures]);
  });

  test('a crash-left database (hot journal): recovered on a private copy in RUNNER_TEMP, logged, summarised; the source untouched', async () => {
    const run = suite.svc.newRun();
    const a = await job(run);
    const src = path.join(a.workspace, 'data', 'bank.db');
    mkdirSync(path.dirname(src));
    makeBank(src, { journalMode: 'delete', fillerRows: 500 });
    const committed = await crashWriter(src, 'hot-journal', 10, 10, 3000);
    const before = [src, `${src}-journal`].map(sha256File);
    const snap = ok(await step(a, 'snapshot', { path: 'data/bank.db', name: 'crashed' }));
    assert.deepEqual([src, `${src}-journal`].map(sha256File), before, 'the source and its journal are unchanged');
    assert.deepEqual(readdirSync(path.dirname(src)).sort(), ['bank.db', 'bank.db-journal']);
    const m = JSON.parse(snap.outputs['manifest'] ?? '{}') as { databases: { recovery?: { kind: string; where: string } }[] };
    assert.equal(m.databases[0]?.recovery?.kind, 'hot-journal');
    assert.ok(m.databases[0]?.recovery?.where.startsWith(a.temp), `recovered outside RUNNER_TEMP: ${m.databases[0]?.recovery?.where}`);
    assert.match(snap.stdout, /recovery {5}hot journal rolled back: .*bank\.db-journal/);
    assert.match(snap.summary, /hot journal rolled back \(crash recovery\)/);
    assert.deepEqual(leftovers(a), [], 'staging and the private copy removed');

    const b = await job(run);
    ok(await step(b, 'restore', { name: 'crashed', path: 'db/bank.db' }));
    const target = path.join(b.workspace, 'db', 'bank.db');
    assert.deepEqual(bankTotal(target), { total: ACCOUNTS * START_BALANCE, accounts: ACCOUNTS, integrity: 'ok' });
    const conn = new Database(target, { readonly: true });
    assert.equal(Number(conn.prepare('SELECT count(*) FROM transfers').pluck().get()), committed);
    conn.close();
  });

  test('bad inputs fail with one line naming the input, before anything is uploaded', async () => {
    const run = suite.svc.newRun();
    const a = await job(run);
    smallDb(path.join(a.workspace, 'x.db'), 1);
    writeFileSync(path.join(a.workspace, 'notes.db'), 'not a database');
    const cases: [Entry, Record<string, string>, RegExp][] = [
      ['snapshot', { path: 'x.db', method: 'copy' }, /^method: "copy" is not one of auto, backup, vacuum/],
      ['snapshot', { path: 'x.db', 'compression-level': '99' }, /^compression-level: .*out of range for zstd|^compression-level: "99" is not a whole number/],
      ['snapshot', { path: 'x.db', name: '../etc' }, /^name: /],
      ['snapshot', { path: 'x.db', overwrite: 'yes' }, /^overwrite: "yes" is not a boolean; use true or false/],
      ['snapshot', { path: '' }, /^path: is empty/],
      ['snapshot', { path: 'notes.db' }, /^notes\.db: not a SQLite 3 database/],
      ['restore', { 'run-id': 'yesterday' }, /^run-id: "yesterday" is not a run id/],
      ['restore', { repository: 'not a repo', 'run-id': '1' }, /^repository: "not a repo" is not owner\/name/],
      ['restore', { 'journal-mode': 'memory' }, /^journal-mode: "memory" is not one of keep, wal, delete/],
    ];
    for (const [entry, inputs, re] of cases) {
      const r = await step(a, entry, inputs);
      assert.equal(r.code, 1, JSON.stringify(inputs));
      const msg = failure(r);
      assert.match(msg, re);
      assert.doesNotMatch(msg, /\n/);
    }
    assert.equal(suite.svc.artifacts.filter((x) => x.runBackendId === run.backendId).length, 0);

    // Outside a job (no runtime token) the message says so instead of suggesting a retry.
    const outside = await runStep(suite.svc, a, 'snapshot', { path: 'x.db' }, { ACTIONS_RUNTIME_TOKEN: '' });
    assertNoSecrets(outside, [a.runtimeToken, suite.svc.apiToken, ...suite.svc.signatures]);
    assert.match(failure(outside), /ACTIONS_RUNTIME_TOKEN.*; run this action as a step of a GitHub Actions job/);
  });
});

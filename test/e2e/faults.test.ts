import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sha256File } from '../helpers/db.ts';
import type { ArtifactService } from './helpers/artifact-service.ts';
import type { Job } from './helpers/runner.ts';
import { failed, leftovers, marker, ok, smallDb, workspaceFiles } from './helpers/steps.ts';
import { artifactSuite } from './helpers/suite.ts';

/**
 * Faults between the Action (the committed dist/ bundles) and the artifact service: the Twirp API
 * answering 5xx or dropping the connection, and the blob transfer dropped, cut or corrupted. Each
 * test has its own service (sharing one Azurite), so the slow ones (25-35 s of the toolkit's
 * back-off and idle timers) run side by side.
 * RUNNER_DEBUG=1 makes the toolkit log everything it can, the worst case for leaked secrets.
 */
const suite = artifactSuite({ shared: false });
const steps = suite.steps;
const service = suite.service;
const DEBUG = { RUNNER_DEBUG: '1' };

/** A job whose workspace holds app.db (marker `m`), uploaded as artifact `name` by a clean step. */
async function snapshotted(svc: ArtifactService, name: string, m: number): Promise<{ run: ReturnType<ArtifactService['newRun']> }> {
  const run = svc.newRun();
  const a = await steps.job(run);
  smallDb(path.join(a.workspace, 'app.db'), m, 2000);
  ok(await steps.step(svc, a, 'snapshot', { path: 'app.db', name }));
  return { run };
}

/** A restore job whose target app.db (marker 1) must come out of a failed restore byte-identical. */
async function restoreJob(run: ReturnType<ArtifactService['newRun']>): Promise<{ b: Job; target: string; before: string; files: string[] }> {
  const b = await steps.job(run);
  const target = path.join(b.workspace, 'app.db');
  smallDb(target, 1);
  return { b, target, before: sha256File(target), files: workspaceFiles(b) };
}

/** SQLite keeps -wal/-shm beside a WAL database it opened read-only; anything else would be ours. */
function ourFiles(j: Job): string[] {
  return workspaceFiles(j).filter((f) => !/-(wal|shm)$/.test(f));
}

function untouched(x: { b: Job; target: string; before: string; files: string[] }): void {
  assert.equal(sha256File(x.target), x.before, 'the target is byte-identical to before');
  assert.deepEqual(workspaceFiles(x.b), x.files, 'no file added to or removed from the workspace');
  assert.deepEqual(leftovers(x.b), [], 'the download directory was removed');
}

describe('artifact service and GitHub API faults (dist/ bundles)', { concurrency: 6 }, () => {
  test('Twirp 5xx a few times: the toolkit retries, snapshot and restore succeed', async () => {
    const svc = await service();
    svc.faults.twirp['CreateArtifact'] = [503];
    svc.faults.twirp['FinalizeArtifact'] = [500];
    const { run } = await snapshotted(svc, 'flaky', 42);
    const snapLog = steps.all.at(-1)!.result.stdout;
    assert.match(snapLog, /Attempt 1 of 5 failed with error: Failed request: \(503\)/);
    assert.match(snapLog, /Attempt 1 of 5 failed with error: Failed request: \(500\)/);
    svc.faults.twirp['GetSignedArtifactURL'] = [502];
    const x = await restoreJob(run);
    const r = ok(await steps.step(svc, x.b, 'restore', { name: 'flaky', path: 'app.db' }, DEBUG));
    assert.match(r.stdout, /Attempt 1 of 5 failed with error: Failed request: \(502\)/);
    assert.equal(marker(x.target), 42);
    assert.deepEqual(leftovers(x.b), []);
  });

  test('Twirp 5xx on 4 attempts: the 5th, the last the toolkit makes, succeeds (about 25 s of back-off)', async () => {
    const svc = await service();
    svc.faults.twirp['CreateArtifact'] = [503, 502, 500, 429];
    const { run } = await snapshotted(svc, 'patient', 43);
    assert.match(steps.all.at(-1)!.result.stdout, /Attempt 4 of 5 failed with error: Failed request: \(429\)/);
    const x = await restoreJob(run);
    ok(await steps.step(svc, x.b, 'restore', { name: 'patient', path: 'app.db' }));
    assert.equal(marker(x.target), 43);
  });

  test('Twirp 5xx on every attempt of FinalizeArtifact: one clear line, and no artifact a restore would accept', async () => {
    const svc = await service();
    svc.faults.twirp['FinalizeArtifact'] = [500, 500, 500, 500, 500];
    const run = svc.newRun();
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'app.db'), 7);
    const files = ourFiles(a);
    const r = await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'never' }, DEBUG);
    failed(r, /^uploading artifact never: .*after 5 attempts.*\(500\).*; retry the job$/);
    assert.equal(r.outputs['artifact-id'], undefined);
    assert.deepEqual(leftovers(a), [], 'the staging directory was removed');
    assert.deepEqual(ourFiles(a), files);
    const x = await restoreJob(run);
    const rr = await steps.step(svc, x.b, 'restore', { name: 'never', path: 'app.db' });
    failed(rr, /^artifact "never" not found in this run/);
    untouched(x);
  });

  test('a dropped Twirp connection is not retried: snapshot and restore fail with one line, nothing half-done', async () => {
    const svc = await service();
    svc.faults.twirp['CreateArtifact'] = ['drop'];
    const run = svc.newRun();
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'app.db'), 9);
    const r = await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'dropped' }, DEBUG);
    failed(r, /^uploading artifact dropped: Failed to CreateArtifact: the connection failed \(ECONNRESET\); on a self-hosted runner, check that it can reach GitHub's artifact endpoints; retry the job$/);
    assert.deepEqual(leftovers(a), []);
    assert.equal(svc.artifacts.some((x) => x.finalized && x.name === 'dropped'), false);

    ok(await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'ok' }));
    svc.faults.twirp['GetSignedArtifactURL'] = ['drop'];
    const x = await restoreJob(run);
    const rr = await steps.step(svc, x.b, 'restore', { name: 'ok', path: 'app.db' }, DEBUG);
    failed(rr, /^downloading artifact "ok" \(id \d+\): Failed to GetSignedArtifactURL: the connection failed \(ECONNRESET\); on a self-hosted runner, check that it can reach GitHub's artifact endpoints; retry the job$/);
    untouched(x);
  });

  test('FinalizeArtifact done but its answer lost: the step fails, the complete artifact is restorable, a rerun is told about overwrite', async () => {
    const svc = await service();
    svc.faults.twirp['FinalizeArtifact'] = ['lost'];
    const run = svc.newRun();
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'app.db'), 21, 200);
    const r = await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'lost' });
    failed(r, /^uploading artifact lost: Failed to FinalizeArtifact: the connection failed \(ECONNRESET\); .*; retry the job$/);
    assert.deepEqual(leftovers(a), []);
    // The service finalized it after the whole upload, so it is a complete snapshot.
    const x = await restoreJob(run);
    ok(await steps.step(svc, x.b, 'restore', { name: 'lost', path: 'app.db' }));
    assert.equal(marker(x.target), 21);
    const again = await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'lost' });
    failed(again, /^name: an artifact named "lost" already exists in this run \(id \d+\); set overwrite: true to replace it, or choose another name$/);
  });

  test('artifact storage quota used up: one line saying so, not just "retry"', async () => {
    const svc = await service();
    svc.faults.twirp['CreateArtifact'] = ['quota'];
    const a = await steps.job(svc.newRun());
    smallDb(path.join(a.workspace, 'app.db'), 1);
    const r = await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'full' });
    failed(r, /^uploading artifact full: the account's artifact storage quota is used up; delete old artifacts or lower retention-days, then retry the job$/);
    assert.deepEqual(leftovers(a), []);
  });

  test('the name taken by another job after the check: the service refuses the upload (409), one line; the name was listed once', async () => {
    const svc = await service();
    svc.faults.twirp['CreateArtifact'] = [409];
    const a = await steps.job(svc.newRun());
    smallDb(path.join(a.workspace, 'app.db'), 5);
    failed(await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'raced' }), /^name: an artifact named "raced" already exists in this run; set overwrite: true to replace it/);
    assert.equal(svc.calls.filter((c) => c.endsWith('/ListArtifacts')).length, 1, 'the check before the snapshot is the only listing');
    assert.deepEqual(ourFiles(a), ['app.db']);
  });

  test('the name is looked up while the snapshot is taken: the snapshot is staged before the service answers; a name taken stops it, nothing left', async () => {
    const svc = await service();
    const a = await steps.job(svc.newRun());
    smallDb(path.join(a.workspace, 'app.db'), 6);
    const held = svc.hold('ListArtifacts');
    const running = steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'beside' });
    await held.arrived;
    await stagedManifest(a, 'the snapshot waited for the name lookup');
    held.release();
    ok(await running);
    // The same name again, held: the snapshot runs meanwhile, then the answer refuses it.
    const again = svc.hold('ListArtifacts');
    const refusing = steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'beside' });
    await again.arrived;
    await stagedManifest(a, 'the second snapshot waited for the name lookup');
    again.release();
    const refused = await refusing;
    failed(refused, /^name: an artifact named "beside" already exists in this run \(id \d+\); set overwrite: true/);
    assert.equal(svc.calls.filter((c) => c.endsWith('/CreateArtifact')).length, 1, 'nothing uploaded the second time');
    assert.deepEqual(leftovers(a), []);
  });

  test('overwrite: true and a failed upload: the earlier artifact is gone (one per name), and the message says so', async () => {
    const svc = await service();
    const { run } = await snapshotted(svc, 'ow', 11);
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'app.db'), 12);
    svc.faults.twirp['CreateArtifact'] = ['drop'];
    const r = await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'ow', overwrite: 'true' });
    failed(r, /^uploading artifact ow: Failed to CreateArtifact: the connection failed \(ECONNRESET\); .*; the earlier artifact ow \(id \d+\) was already deleted \(overwrite: true\); retry the job$/);
    assert.deepEqual(leftovers(a), []);
    const x = await restoreJob(run);
    failed(await steps.step(svc, x.b, 'restore', { name: 'ow', path: 'app.db' }), /^artifact "ow" not found in this run/);
    untouched(x);
  });

  test('the blob upload connection dropped once: the storage client retries and the snapshot restores', async () => {
    const svc = await service();
    svc.faults.upload = ['drop'];
    const { run } = await snapshotted(svc, 'upload-retried', 5);
    assert.ok(svc.calls.includes('fault: upload dropped PUT blob'), 'the fault was injected');
    const x = await restoreJob(run);
    ok(await steps.step(svc, x.b, 'restore', { name: 'upload-retried', path: 'app.db' }));
    assert.equal(marker(x.target), 5);
  });

  test('a corrupted download fails on the digest; the target is untouched', async () => {
    const svc = await service();
    const { run } = await snapshotted(svc, 'corrupt', 3);
    svc.faults.download = ['corrupt'];
    const x = await restoreJob(run);
    const r = await steps.step(svc, x.b, 'restore', { name: 'corrupt', path: 'app.db' }, DEBUG);
    failed(r, /^artifact "corrupt" \(id \d+\): the download does not match the digest recorded at upload; retry the job$/);
    assert.equal(r.outputs['restored'], 'false');
    untouched(x);
  });

  test('a corrupted download of an artifact with no recorded digest is caught by the manifest checksums', async () => {
    const svc = await service();
    const { run } = await snapshotted(svc, 'nodigest', 3);
    for (const a of svc.artifacts) a.digest = undefined;
    svc.faults.download = ['corrupt'];
    const x = await restoreJob(run);
    const r = await steps.step(svc, x.b, 'restore', { name: 'nodigest', path: 'app.db' });
    failed(r, /^app\.db in artifact "nodigest" \(id \d+\): compressed data is damaged \(.*\); retry the job, and if it fails again take the snapshot again$/);
    untouched(x);
  });

  test('a download truncated once (short but complete response): unzip fails, the toolkit downloads again, the restore succeeds', async () => {
    const svc = await service();
    const { run } = await snapshotted(svc, 'short', 3);
    svc.faults.download = ['truncate'];
    const x = await restoreJob(run);
    const r = await steps.step(svc, x.b, 'restore', { name: 'short', path: 'app.db' }, DEBUG);
    // unzip-stream fails on the short zip; the toolkit retries the download 5 s later, intact.
    ok(r);
    assert.match(r.stdout, /::debug::Failed to download artifact after 1 retries/);
    assert.equal(marker(x.target), 3);
    assert.deepEqual(leftovers(x.b), []);
  });

  test('the blob upload connection dropped on every attempt: one clear line, nothing left', async () => {
    const svc = await service();
    svc.faults.upload = Array<'drop'>(10).fill('drop');
    const run = svc.newRun();
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'app.db'), 7);
    const r = await steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'noupload' }, DEBUG);
    failed(r, /^uploading artifact noupload: the connection failed \(ECONNRESET\); on a self-hosted runner, check that it can reach GitHub's artifact endpoints; retry the job$/);
    assert.equal(svc.calls.filter((c) => c.startsWith('fault: upload')).length, 4, "the storage client's 4 tries");
    assert.deepEqual(leftovers(a), []);
    // CreateArtifact ran, so the service holds a record, but an unfinalized one: no restore sees it.
    assert.ok(svc.artifacts.some((x) => x.name === 'noupload' && !x.finalized));
    const x = await restoreJob(run);
    failed(await steps.step(svc, x.b, 'restore', { name: 'noupload', path: 'app.db' }), /^artifact "noupload" not found in this run/);
    untouched(x);
  });

  test('a download truncated on every attempt: the toolkit gives up after 5 tries; the target is untouched', async () => {
    const svc = await service();
    const { run } = await snapshotted(svc, 'alwaysshort', 3);
    svc.faults.download = Array<'truncate'>(10).fill('truncate');
    const x = await restoreJob(run);
    const r = await steps.step(svc, x.b, 'restore', { name: 'alwaysshort', path: 'app.db' }, DEBUG);
    failed(r, /^downloading artifact "alwaysshort" \(id \d+\): Unable to download and extract artifact: Artifact download failed after 5 retries; retry the job$/);
    assert.equal(r.outputs['restored'], 'false');
    untouched(x);
  });

  test('a download whose connection closes mid-way is abandoned after 30 s and retried', async () => {
    const svc = await service();
    const { run } = await snapshotted(svc, 'reset', 4);
    svc.faults.download = ['reset'];
    const x = await restoreJob(run);
    const r = await steps.step(svc, x.b, 'restore', { name: 'reset', path: 'app.db' }, DEBUG);
    // The toolkit notices only through its 30 s idle timer, then downloads again: the slowest test here.
    ok(r);
    assert.match(r.stdout, /Blob storage chunk did not respond in 30000ms/);
    assert.ok(svc.calls.some((c) => c.startsWith('fault: download reset')), 'the fault was injected');
    assert.equal(marker(x.target), 4);
    assert.deepEqual(leftovers(x.b), []);
  });

  test('REST 5xx once: listing another run (toolkit) and finding the latest run retry, and the restore succeeds', async () => {
    const svc = await service();
    const { run } = await snapshotted(svc, 'nightly', 61);
    svc.finish(run);
    const other = svc.newRun();
    const x = await restoreJob(other);
    svc.faults.rest = [{ path: /\/runs\/\d+\/artifacts$/, fault: 502 }];
    ok(await steps.step(svc, x.b, 'restore', { name: 'nightly', path: 'app.db', 'run-id': String(run.id) }, DEBUG));
    assert.equal(marker(x.target), 61);
    assert.ok(svc.calls.some((c) => /^fault: REST .*\/artifacts 502$/.test(c)), 'the fault was injected');

    svc.faults.rest = [
      { path: /\/actions\/artifacts$/, fault: 503 },
      { path: /\/actions\/runs\/\d+$/, fault: 'drop' },
    ];
    const y = await restoreJob(other);
    ok(await steps.step(svc, y.b, 'restore', { name: 'nightly', path: 'app.db', 'run-id': 'latest', branch: 'main' }, DEBUG));
    assert.equal(marker(y.target), 61);
    assert.deepEqual(svc.faults.rest, [], 'both faults were hit');
  });

  test('REST 5xx on every attempt: one clear line, the target is untouched', async () => {
    const svc = await service();
    const { run } = await snapshotted(svc, 'nightly', 62);
    svc.finish(run);
    const x = await restoreJob(svc.newRun());
    svc.faults.rest = Array.from({ length: 10 }, () => ({ path: /\/actions\/artifacts$/, fault: 500 }));
    const r = await steps.step(svc, x.b, 'restore', { name: 'nightly', path: 'app.db', 'run-id': 'latest', branch: 'main' });
    failed(r, /^GitHub API \/repos\/octo\/app\/actions\/artifacts: HTTP 500; retry the job, or check https:\/\/www\.githubstatus\.com$/);
    untouched(x);
    svc.faults.rest = Array.from({ length: 10 }, () => ({ path: /\/actions\/runs\/\d+$/, fault: 'drop' as const }));
    const dropped = await steps.step(svc, x.b, 'restore', { name: 'nightly', path: 'app.db', 'run-id': 'latest', branch: 'main' });
    failed(dropped, /^GitHub API \/repos\/octo\/app\/actions\/runs\/\d+: fetch failed \(\w+\); retry the job, and check that the runner can reach http:\/\/127\.0\.0\.1:\d+$/);
    untouched(x);
  });
});

/** Waits until a snapshot staged in the job's temp directory is whole (its manifest written); fails after a minute. */
async function stagedManifest(j: Job, why: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const staged = readdirSync(j.temp).filter((d) => d.startsWith('sqlite-snapshot-stage-'));
    if (staged.some((d) => existsSync(path.join(j.temp, d, 'manifest.json')))) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(why);
}

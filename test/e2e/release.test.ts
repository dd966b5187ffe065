import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ACCOUNTS, START_BALANCE, bankTotal, makeBank, sha256File, startWriter } from '../helpers/db.ts';
import type { Run } from './helpers/artifact-service.ts';
import { ReleaseService, type Release } from './helpers/release-service.ts';
import { assertBundlesBuilt, type Entry, type Job, type StepResult } from './helpers/runner.ts';
import { Steps, failed, leftovers, marker, ok, smallDb, type SignedService } from './helpers/steps.ts';

/**
 * The snapshot and restore actions with `release:`, through the committed dist/ bundles, against
 * an emulator of GitHub's Releases API (three hosts: API, uploads, signed storage).
 */
const steps = new Steps();
let rel: ReleaseService;
let runs = 1000;

before(async () => {
  assertBundlesBuilt();
  rel = await ReleaseService.start();
});
after(async () => {
  await rel.close();
  await steps.cleanup();
});

function newRun(repo: string): Run {
  return { id: runs++, backendId: randomUUID(), repo, branch: 'main', status: 'in_progress', conclusion: null, headRepo: repo, workflow: 'release.yml', event: 'push' };
}

/** The repository, and what a job's github.token is there: contents write unless said otherwise. */
function repo(name: string, opts: { private?: boolean; immutableReleases?: boolean } = {}): { name: string; svc: SignedService } {
  rel.addRepo(name, opts);
  return { name, svc: service(rel.token(name, 'write')) };
}

function service(token: string): SignedService {
  return {
    ...rel.service(token),
    get signatures(): string[] {
      return [...rel.signatures];
    },
  };
}

async function step(svc: SignedService, j: Job, entry: Entry, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<StepResult> {
  return steps.step(svc, j, entry, inputs, env);
}

const byTag = (name: string, tag: string): Release[] => rel.releases(name).filter((r) => r.tag_name === tag);
const oneRelease = (name: string, tag: string): Release => {
  const found = byTag(name, tag);
  assert.equal(found.length, 1, `one release for ${tag}, got ${found.length}`);
  return found[0] as Release;
};
const assetNames = (r: Release): string[] => r.assets.map((a) => a.name).sort();
const uploads = (): string[] => rel.requests.filter((q) => q.server === 'uploads' && q.method === 'POST').map((q) => new URL(q.path, 'http://x').searchParams.get('name') ?? '');

/** A job whose workspace holds data/app.db with this marker (user_version). */
async function jobWithDb(name: string, mark: number, rows = 50): Promise<Job> {
  const j = await steps.job(newRun(name));
  smallDb(path.join(j.workspace, 'data', 'app.db'), mark, rows);
  return j;
}

describe('snapshot action → release assets → restore action', () => {
  test('a new tag: draft created, assets checked, published without becoming Latest; restored by tag and by latest under a live writer', async () => {
    const { name, svc } = repo('octo/app');
    const v1 = rel.createRelease(name, { tag: 'v1.0.0', createdAt: '2026-01-01T00:00:00Z' });
    assert.equal(rel.latestReleaseId(name), v1.id);

    const a = await steps.job(newRun(name));
    const src = path.join(a.workspace, 'data', 'bank.db');
    mkdirSync(path.dirname(src));
    makeBank(src, { fillerRows: 4000 });
    const writer = await startWriter(src, ['--checkpoint-truncate-every', '200']);
    let snap: StepResult;
    try {
      snap = ok(await step(svc, a, 'snapshot', { path: 'data/*.db', name: 'app-db', release: 'v1.1.0', method: 'vacuum', 'compression-level': '19', verify: 'full' }));
    } finally {
      const w = await writer.stop();
      assert.ok(w.transactions > 0, 'the writer committed while the snapshot ran');
    }
    const r = oneRelease(name, 'v1.1.0');
    assert.equal(r.draft, false, 'published');
    assert.deepEqual(assetNames(r), ['app-db.bank.db.zst', 'app-db.manifest.json']);
    assert.ok(r.assets.every((x) => x.state === 'uploaded' && /^sha256:[0-9a-f]{64}$/.test(x.digest ?? '')));
    assert.equal(uploads().at(-1), 'app-db.manifest.json', 'the manifest is uploaded last');
    assert.equal(rel.latestReleaseId(name), v1.id, "the repository's Latest is unchanged");

    // The draft flow, with make_latest "false" on create and on publish.
    const calls = rel.requests.filter((q) => q.server === 'api' && (q.method === 'POST' || q.method === 'PATCH') && /\/releases(\/\d+)?$/.test(q.path));
    const create = calls.find((q) => q.method === 'POST')?.body as Record<string, unknown>;
    const publish = calls.find((q) => q.method === 'PATCH')?.body as Record<string, unknown>;
    assert.deepEqual([create['draft'], create['make_latest'], create['tag_name']], [true, 'false', 'v1.1.0']);
    assert.deepEqual([publish['draft'], publish['make_latest']], [false, 'false']);

    // Outputs and log.
    assert.equal(snap.outputs['release-id'], String(r.id));
    assert.equal(snap.outputs['release-url'], r.html_url);
    const ids = (snap.outputs['asset-ids'] ?? '').split('\n');
    assert.equal(ids.length, 2);
    assert.equal(ids[1], String(r.assets.find((x) => x.name === 'app-db.manifest.json')?.id), 'the manifest is the last asset');
    assert.match(snap.outputs['asset-urls'] ?? '', /releases\/download\/v1\.1\.0\/app-db\.bank\.db\.zst/);
    assert.match(snap.stdout, /release v1\.1\.0: created draft release id \d+ \(make_latest: false\)/);
    assert.match(snap.stdout, /release v1\.1\.0: all 2 assets checked \(state uploaded, size and GitHub's sha256 digest equal to ours\)/);
    assert.match(snap.stdout, /release v1\.1\.0: published \(make_latest: false\)/);
    assert.match(snap.stdout, /octo\/app is public: once the release is published, anyone can download its assets/);
    assert.deepEqual(leftovers(a), []);

    // Job B restores by tag over a stale WAL, then by latest.
    const b = await steps.job(newRun(name));
    const target = path.join(b.workspace, 'db', 'app.db');
    mkdirSync(path.dirname(target));
    makeBank(target, { walTransfers: 40 });
    const before = rel.requests.length;
    const rest = ok(await step(svc, b, 'restore', { name: 'app-db', release: 'v1.1.0', path: 'db/app.db' }));
    assert.equal(rest.outputs['restored'], 'true');
    assert.equal(rest.outputs['release'], 'v1.1.0');
    assert.equal(existsSync(`${target}-wal`), false, 'stale WAL removed');
    assert.deepEqual(bankTotal(target), { total: ACCOUNTS * START_BALANCE, accounts: ACCOUNTS, integrity: 'ok' });
    assert.match(rest.stdout, /release v1\.1\.0: id \d+, published .*, not a prerelease/);
    assert.match(rest.stdout, /downloaded and decoded as it arrived/);
    const storage = rel.requests.slice(before).filter((q) => q.server === 'storage');
    assert.ok(storage.length >= 2, 'the bytes came from signed storage');
    assert.ok(storage.every((q) => !q.auth && q.status === 200), 'no token was sent to the signed storage');

    const c = await steps.job(newRun(name));
    const latest = ok(await step(svc, c, 'restore', { name: 'app-db', release: 'latest', path: 'app.db' }));
    assert.equal(latest.outputs['release'], 'v1.1.0');
    assert.equal(sha256File(path.join(c.workspace, 'app.db')), sha256File(target));
  });

  test('latest: by publish time, past a newer prerelease, a newer draft and a newer release without this name', async () => {
    const { name, svc } = repo('octo/latest');
    const publish = async (tag: string, mark: number, inputs: Record<string, string> = {}): Promise<void> => {
      const j = await jobWithDb(name, mark);
      ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: tag, ...inputs }));
    };
    // v1.9.0's commit is newer than v2.0.0's, so GitHub lists it first (by created_at), yet
    // v2.0.0 was published later: latest means the later publish.
    rel.setCommitDate(name, 'v1.9.0', '2026-12-01T00:00:00Z');
    rel.setCommitDate(name, 'v2.0.0', '2026-06-01T00:00:00Z');
    await publish('v1.9.0', 19);
    await publish('v2.0.0', 20);
    await publish('v2.1.0-rc1', 21, { prerelease: 'true' });
    await publish('v2.2.0', 22, { draft: 'true' });
    const other = await jobWithDb(name, 99);
    ok(await step(svc, other, 'snapshot', { path: 'data/app.db', name: 'other-db', release: 'v2.0.1' }));
    assert.equal(oneRelease(name, 'v2.2.0').draft, true, 'draft: true left the release a draft');
    assert.equal(oneRelease(name, 'v2.1.0-rc1').prerelease, true);

    const j = await steps.job(newRun(name));
    const r = ok(await step(svc, j, 'restore', { name: 'app-db', release: 'latest', path: 'app.db' }));
    assert.equal(marker(path.join(j.workspace, 'app.db')), 20);
    assert.equal(r.outputs['release'], 'v2.0.0');
    assert.match(r.stdout, /release latest: v2\.0\.0, id \d+, published [^,]+, not a prerelease: the newest published release with snapshot "app-db"; passed over, newer: v2\.0\.1 \(no snapshot named "app-db"\), v2\.1\.0-rc1 \(a prerelease; set prereleases: true to take prereleases\); drafts are never taken \(1 seen\)/);

    const k = await steps.job(newRun(name));
    const pre = ok(await step(svc, k, 'restore', { name: 'app-db', release: 'latest', prereleases: 'true', path: 'app.db' }));
    assert.equal(marker(path.join(k.workspace, 'app.db')), 21);
    assert.equal(pre.outputs['release'], 'v2.1.0-rc1');
  });

  test('immutable releases: the draft flow publishes; a published immutable release is refused with the fix; Latest unchanged', async () => {
    const { name, svc } = repo('octo/frozen', { immutableReleases: true });
    const v1 = rel.createRelease(name, { tag: 'v1.0.0' });
    const j = await jobWithDb(name, 1);
    ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v3.0.0' }));
    const r = oneRelease(name, 'v3.0.0');
    assert.deepEqual([r.draft, r.immutable], [false, true], 'published, and frozen by the repository setting');
    assert.deepEqual(assetNames(r), ['app-db.app.db.zst', 'app-db.manifest.json']);
    assert.equal(rel.latestReleaseId(name), v1.id);

    const k = await jobWithDb(name, 2);
    const refused = await step(svc, k, 'snapshot', { path: 'data/app.db', name: 'more-db', release: 'v3.0.0' });
    failed(refused, /^release: v3\.0\.0 in octo\/frozen is a published immutable release, and GitHub accepts no new assets on one; attach the snapshot while the release is a draft: run this step before the release is published \(draft: true here, and publish in a later step\)$/);
    assert.deepEqual(assetNames(oneRelease(name, 'v3.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json'], 'nothing was added');
    assert.doesNotMatch(refused.stdout, /::group::app\.db:/, 'refused before the snapshot was taken');
    assert.deepEqual(leftovers(k), []);
  });

  test('GitHub is asked whether publishing can work while the snapshot is taken; refused then, nothing is left', async () => {
    const { name, svc } = repo('octo/beside', { immutableReleases: true });
    const j = await jobWithDb(name, 6);
    const held = rel.hold(`GET /repos/${name}`);
    const drafts = rel.hold(`GET /repos/${name}/releases?per_page`);
    const running = step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v1.0.0' });
    await held.arrived;
    await stagedManifest(j, 'the snapshot waited for GitHub to answer the repository lookup');
    held.release();
    // The drafts of the tag are looked for beside the snapshot as well.
    await drafts.arrived;
    drafts.release();
    const before = rel.requests.length;
    ok(await running);
    assert.deepEqual(assetNames(oneRelease(name, 'v1.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json']);
    // After the snapshot: the draft made and checked for a twin, two uploads, one listing to check
    // them, the publish. No second lookup of the tag, no listing of a draft just made, none after publishing.
    const after = rel.requests.slice(before).map((q) => `${q.method} ${new URL(q.path, 'http://x').pathname.replace(/\/\d+/g, '/{id}')}`);
    assert.deepEqual(after, [
      `POST /repos/${name}/releases`,
      `GET /repos/${name}/releases`,
      `POST /repos/${name}/releases/{id}/assets`,
      `POST /repos/${name}/releases/{id}/assets`,
      `GET /repos/${name}/releases/{id}/assets`,
      `PATCH /repos/${name}/releases/{id}`,
    ]);

    // Published and immutable now: the answer that says so comes after the snapshot is whole.
    const k = await jobWithDb(name, 7);
    const tagLookup = rel.hold(`GET /repos/${name}/releases/tags/v1.0.0`);
    const refusing = step(svc, k, 'snapshot', { path: 'data/app.db', name: 'other-db', release: 'v1.0.0' });
    await tagLookup.arrived;
    await stagedManifest(k, 'the snapshot waited for GitHub to answer the release lookup');
    tagLookup.release();
    const refused = await refusing;
    failed(refused, /^release: v1\.0\.0 in octo\/beside is a published immutable release/);
    assert.deepEqual(assetNames(oneRelease(name, 'v1.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json'], 'nothing was added');
    assert.doesNotMatch(refused.stdout, /::group::app\.db:/, 'nothing is reported as taken');
    assert.deepEqual(leftovers(k), []);
  });

  test('a draft made by an earlier step is used, not duplicated, and left for that step to publish', async () => {
    const { name, svc } = repo('octo/drafty');
    const draft = rel.createRelease(name, { tag: 'v4.0.0', draft: true });
    const j = await jobWithDb(name, 4);
    const r = ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v4.0.0' }));
    const found = byTag(name, 'v4.0.0');
    assert.equal(found.length, 1, 'no second draft');
    assert.equal(found[0]?.id, draft.id);
    assert.equal(found[0]?.draft, true, 'still a draft');
    assert.match(r.stdout, new RegExp(`release v4\\.0\\.0: draft release id ${draft.id} exists for this tag: attaching to it, not creating another`));
    assert.match(r.stdout, /left as a draft \(another step created it; that step publishes it\)/);

    // A restore by tag finds the draft by listing (the token has push access).
    const k = await steps.job(newRun(name));
    ok(await step(svc, k, 'restore', { name: 'app-db', release: 'v4.0.0', path: 'x.db' }));
    assert.equal(marker(path.join(k.workspace, 'x.db')), 4);
  });

  test('two jobs of a matrix snapshot to one new tag at once: one release with both snapshots, no stray draft', async () => {
    const { name, svc } = repo('octo/race');
    const jobs = await Promise.all([1, 2, 3].map((m) => jobWithDb(name, m)));
    const results = await Promise.all(jobs.map((j, i) => step(svc, j, 'snapshot', { path: 'data/app.db', name: `db-${i + 1}`, release: 'v5.0.0' })));
    for (const r of results) ok(r);
    const r = oneRelease(name, 'v5.0.0');
    assert.equal(r.draft, false);
    assert.deepEqual(
      assetNames(r).filter((n) => n.endsWith('.manifest.json')),
      ['db-1.manifest.json', 'db-2.manifest.json', 'db-3.manifest.json'],
    );
    assert.deepEqual(rel.releases(name).filter((x) => x.draft), [], 'no stray drafts');
  });

  test('a job whose snapshot fails after another job attached to its draft keeps that draft, and its re-run publishes it', async () => {
    const { name, svc } = repo('octo/matrix-fail');
    // Job A's database is damaged: its copy is whole (and its draft made) before quick_check fails.
    const a = await jobWithDb(name, 61, 3000);
    const fd = openSync(path.join(a.workspace, 'data', 'app.db'), 'r+');
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, 5 * 4096 + 8);
    closeSync(fd);
    // A is held once its draft exists (at the listing that checks for a twin draft), while job B
    // snapshots to the same tag: B finds A's draft, attaches to it and leaves it for A to publish.
    const created = rel.hold(`POST /repos/${name}/releases`);
    const failing = step(svc, a, 'snapshot', { path: 'data/app.db', name: 'a-db', release: 'v6.0.0' });
    await created.arrived;
    const twinCheck = rel.hold(`GET /repos/${name}/releases?per_page`);
    created.release();
    await twinCheck.arrived;
    const draft = oneRelease(name, 'v6.0.0');
    assert.match(draft.body ?? '', /<!-- sqlite-snapshot: the step that attaches snapshot "a-db" publishes this draft -->/);
    const b = await jobWithDb(name, 62);
    const rb = ok(await step(svc, b, 'snapshot', { path: 'data/app.db', name: 'b-db', release: 'v6.0.0' }));
    assert.match(rb.stdout, /left as a draft \(another step created it; that step publishes it\)/);
    twinCheck.release();

    // A fails: B's snapshot stays, on the draft, which is kept.
    const bad = await failing;
    failed(bad, /integrity check failed/);
    assert.match(bad.stdout, new RegExp(`release v6\\.0\\.0: kept draft release id ${draft.id}, which this step created: other snapshots are attached to it \\(b-db\\.manifest\\.json\\); a re-run of this step publishes it`));
    const kept = oneRelease(name, 'v6.0.0');
    assert.equal(kept.draft, true);
    assert.deepEqual(assetNames(kept), ['b-db.app.db.zst', 'b-db.manifest.json'], "B's snapshot is whole, nothing of A's is left");
    assert.deepEqual(leftovers(a), []);

    // A's re-run (its database repaired) attaches to the draft its first run made, and publishes it.
    const a2 = await jobWithDb(name, 63);
    const rerun = ok(await step(svc, a2, 'snapshot', { path: 'data/app.db', name: 'a-db', release: 'v6.0.0' }));
    assert.match(rerun.stdout, new RegExp(`release v6\\.0\\.0: draft release id ${draft.id} exists for this tag, created by an earlier run of this step \\(its notes name snapshot "a-db" as its publisher\\): attaching to it, and publishing it`));
    const published = oneRelease(name, 'v6.0.0');
    assert.equal(published.id, draft.id);
    assert.equal(published.draft, false);
    assert.deepEqual(assetNames(published), ['a-db.app.db.zst', 'a-db.manifest.json', 'b-db.app.db.zst', 'b-db.manifest.json']);
    assert.equal(published.body, '', 'the mark is gone from the published notes');
    const k = await steps.job(newRun(name));
    ok(await step(svc, k, 'restore', { name: 'b-db', release: 'v6.0.0', path: 'b.db' }));
    assert.equal(marker(path.join(k.workspace, 'b.db')), 62);
  });

  test('a job whose draft lost the race to publish moves its snapshot to the published release, and keeps the snapshots other jobs attached to its draft', async () => {
    // GitHub's lists lag: a draft made a moment ago is missing from them, a release just
    // published from its get-by-tag. So two jobs can each make a draft for one new tag.
    const LAG = 3000;
    const lagged = await ReleaseService.start({ listLagMs: LAG });
    const until = (t: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));
    try {
      const name = 'octo/lagging';
      lagged.addRepo(name);
      const svc = { ...lagged.service(lagged.token(name, 'write')), signatures: [] };
      const job = async (m: number): Promise<Job> => {
        const j = await steps.job(newRun(name));
        smallDb(path.join(j.workspace, 'data', 'app.db'), m, 50);
        return j;
      };
      const snap = (j: Job, snapshot: string): Promise<StepResult> => steps.step(svc, j, 'snapshot', { path: 'data/app.db', name: snapshot, release: 'v7.0.0' });
      // A makes the first draft, and is held once it has.
      const aCreates = lagged.hold(`POST /repos/${name}/releases`);
      const runA = snap(await job(71), 'a-db');
      await aCreates.arrived;
      const aChecksTwins = lagged.hold(`GET /repos/${name}/releases?per_page`);
      aCreates.release();
      await aChecksTwins.arrived;
      const madeA = Date.now();
      // C, not seeing A's draft yet, makes a second one, and is held before publishing it.
      const cPublishes = lagged.hold(`PATCH /repos/${name}/releases/`);
      const runC = snap(await job(73), 'c-db');
      await cPublishes.arrived;
      const drafts = lagged.releases(name).sort((x, y) => x.id - y.id);
      assert.equal(drafts.length, 2, 'A and C each made a draft');
      const [draftA, draftC] = drafts as [Release, Release];
      // B, once A's draft is listed, attaches to it (the oldest draft) and leaves it for A to publish.
      await until(madeA + LAG + 200);
      const rb = ok(await snap(await job(72), 'b-db'));
      assert.match(rb.stdout, new RegExp(`draft release id ${draftA.id} exists for this tag: attaching to it`));
      // C publishes its draft; once that shows by tag, A goes on, and GitHub refuses its publish.
      cPublishes.release();
      ok(await runC);
      await until(Date.now() + LAG + 200);
      aChecksTwins.release();
      const ra = ok(await runA);
      assert.match(ra.stdout, /another job published a release with this tag first; attaching to the release that now holds the tag/);
      assert.match(ra.stdout, new RegExp(`kept draft release id ${draftA.id}, which this step created: other snapshots are attached to it \\(b-db\\.manifest\\.json\\); re-run their steps to attach them to the release that now holds the tag`));
      const after = lagged.releases(name);
      const published = after.find((r) => r.id === draftC.id);
      assert.equal(published?.draft, false);
      assert.deepEqual(assetNames(published as Release), ['a-db.app.db.zst', 'a-db.manifest.json', 'c-db.app.db.zst', 'c-db.manifest.json']);
      const kept = after.find((r) => r.id === draftA.id);
      assert.ok(kept, "A's draft is kept: B's snapshot is on it");
      assert.deepEqual(assetNames(kept), ['b-db.app.db.zst', 'b-db.manifest.json'], "B's snapshot whole, nothing of A's left on it");
    } finally {
      await lagged.close();
    }
  });

  test('the stored file goes up while the snapshot is checked; a snapshot that then fails its check takes back what went up', async () => {
    const { name, svc } = repo('octo/early');
    // Incompressible rows: the stored file is over 4 MiB and goes up from a thread of its own.
    const a = await steps.job(newRun(name));
    const src = path.join(a.workspace, 'data', 'app.db');
    mkdirSync(path.dirname(src));
    const db = new Database(src);
    db.exec('CREATE TABLE b(id INTEGER PRIMARY KEY, v BLOB)');
    const ins = db.prepare('INSERT INTO b(v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 1500; i++) ins.run(randomBytes(4000));
    })();
    db.pragma('user_version = 41');
    db.close();
    const r = ok(await step(svc, a, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v1.0.0' }));
    assert.match(r.stdout, /app-db\.app\.db\.zst: uploaded as soon as it was whole, 5\.\d+ MiB in [\d.]+ m?s, digest sha256:[0-9a-f]{12}… matches/);
    // Nothing from Node on stderr either (a thread closing a descriptor opened by another is warned of there).
    assert.equal(r.stderr, '');
    assert.deepEqual(assetNames(oneRelease(name, 'v1.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json']);
    const b = await steps.job(newRun(name));
    ok(await step(svc, b, 'restore', { name: 'app-db', path: 'data/app.db', release: 'v1.0.0' }));
    assert.equal(sha256File(path.join(b.workspace, 'data', 'app.db')), sha256File(src));

    // VACUUM INTO: the file is whole only once checked, and renamed into place at once; it goes up all the same.
    const v = await jobWithDb(name, 44, 500);
    const vac = ok(await step(svc, v, 'snapshot', { path: 'data/app.db', name: 'vac-db', release: 'v1.0.0', method: 'vacuum' }));
    assert.match(vac.stdout, /vac-db\.app\.db\.zst: uploaded as soon as it was whole/);
    assert.deepEqual(assetNames(oneRelease(name, 'v1.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json', 'vac-db.app.db.zst', 'vac-db.manifest.json']);

    // A damaged database: its stored file is whole, and uploaded, before quick_check finds the damage.
    // Big enough (~13 MiB) that its copy and check outlast the four round trips that make a new
    // tag's draft: the early upload waits for the draft, and a check that failed first would
    // rightly leave nothing to upload.
    const damaged = async (mark: number): Promise<Job> => {
      const j = await jobWithDb(name, mark, 50_000);
      const fd = openSync(path.join(j.workspace, 'data', 'app.db'), 'r+');
      writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, 5 * 4096 + 8);
      closeSync(fd);
      return j;
    };
    // To a new tag: the draft made for it goes again, with the asset.
    const before = uploads().length;
    const c = await damaged(42);
    const bad = await step(svc, c, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v2.0.0' });
    failed(bad, /integrity check failed/);
    assert.deepEqual(uploads().slice(before), ['app-db.app.db.zst'], 'the stored file went up before the check failed');
    assert.match(bad.stdout, /release v2\.0\.0: deleted draft release id \d+, which this snapshot created before it failed/);
    assert.deepEqual(byTag(name, 'v2.0.0'), [], 'no release or draft left for the tag');
    assert.deepEqual(leftovers(c), []);
    // To a published release: the asset goes, the release and its other snapshot stay.
    const d = await damaged(43);
    const bad2 = await step(svc, d, 'snapshot', { path: 'data/app.db', name: 'other-db', release: 'v1.0.0' });
    failed(bad2, /integrity check failed/);
    assert.deepEqual(uploads().slice(before), ['app-db.app.db.zst', 'other-db.app.db.zst']);
    assert.match(bad2.stdout, /release v1\.0\.0: deleted other-db\.app\.db\.zst, uploaded before the snapshot failed/);
    assert.deepEqual(assetNames(oneRelease(name, 'v1.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json', 'vac-db.app.db.zst', 'vac-db.manifest.json']);
  });

  test('the closing line times the upload from its first byte, sent while the check ran, not from the commit', async () => {
    // Uploads paced at 20 MB/s: the stored file (~4 MiB) takes ~0.2 s to go up, while the
    // integrity_check of two indexes over 300,000 rows takes several times as long.
    const paced = await ReleaseService.start({ paceBytesPerSec: 20e6 });
    try {
      paced.addRepo('octo/timed');
      const svc = { ...paced.service(paced.token('octo/timed', 'write')), signatures: [] };
      const j = await steps.job(newRun('octo/timed'));
      const src = path.join(j.workspace, 'data', 'app.db');
      mkdirSync(path.dirname(src));
      const db = new Database(src);
      db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, k TEXT, j TEXT); CREATE INDEX t_k ON t(k); CREATE INDEX t_j ON t(j)');
      const ins = db.prepare('INSERT INTO t(k, j) VALUES (?, ?)');
      db.transaction(() => {
        for (let i = 0; i < 300_000; i++) ins.run(`k${i % 5000}`, `j${(i * 7919) % 3000}`);
      })();
      db.close();
      const r = ok(await steps.step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v1.0.0', verify: 'full' }));
      const ms = (d: string): number => (d.endsWith(' ms') ? Number(d.slice(0, -3)) : Number(d.slice(0, -2)) * 1000);
      const asset = /app-db\.app\.db\.zst: uploaded as soon as it was whole, [\d.]+ MiB in ([\d.]+ m?s)/.exec(r.stdout);
      const check = /check ([\d.]+ m?s)/.exec(r.stdout);
      const closing = /Snapshot app-db: 1 database\(s\) in [\d.]+ m?s, uploaded [\d.]+ MiB in ([\d.]+ m?s)/.exec(r.stdout);
      assert.ok(asset && check && closing, r.stdout);
      assert.ok(ms(check[1] as string) > ms(asset[1] as string), `the check outlasted the upload beside it: ${check[0]}, ${asset[0]}`);
      assert.ok(ms(closing[1] as string) >= ms(asset[1] as string), `the closing line counts the whole upload: ${closing[0]}, but ${asset[0]}`);
    } finally {
      await paced.close();
    }
  });

  test('an asset GitHub lists with another digest after the upload: the snapshot is taken back, never published; a re-run publishes it', async () => {
    const { name, svc } = repo('octo/checked');
    // The snapshot step, with each of its listings held until the manifest is up: that one is the
    // final check, and meanwhile GitHub comes to report another digest for the data asset. A step
    // that ends before (a failure of another kind) ends the wait, its hold let go.
    const snapshotCorruptedAtCheck = async (j: Job, tag: string, otherJobAttaches = false): Promise<StepResult> => {
      const run = step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: tag });
      for (;;) {
        const listing = rel.hold(`GET /repos/${name}/releases/`);
        const arrived = await Promise.race([listing.arrived.then(() => true), run.then(() => false)]);
        const r = byTag(name, tag)[0];
        const data = r?.assets.find((a) => a.name === 'app-db.app.db.zst');
        const atCheck = arrived && r !== undefined && data !== undefined && r.assets.some((a) => a.name === 'app-db.manifest.json');
        if (atCheck) {
          rel.setAssetDigest(name, data.id, `sha256:${'0'.repeat(64)}`);
          if (otherJobAttaches) rel.addAsset(name, r.id, 'matrix.manifest.json', Buffer.from('{}'));
        }
        listing.release();
        if (atCheck || !arrived) return run;
      }
    };
    const wrongDigest = /asset app-db\.app\.db\.zst is uploaded, \d+ bytes, sha256:0{64} after the upload, expected uploaded, \d+ bytes, sha256:[0-9a-f]{64}; /;

    // A new tag: the draft this step created goes, whole.
    const a = await jobWithDb(name, 61, 300);
    const bad = await snapshotCorruptedAtCheck(a, 'v1.0.0');
    failed(bad, new RegExp(`${wrongDigest.source}deleted the draft release id \\d+ this step created, so that a re-run starts afresh; retry the job`));
    assert.deepEqual(byTag(name, 'v1.0.0'), [], 'no release or draft left for the tag');
    const again = await steps.job(newRun(name));
    cpSync(path.join(a.workspace, 'data'), path.join(again.workspace, 'data'), { recursive: true });
    ok(await step(svc, again, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v1.0.0' }));
    assert.equal(oneRelease(name, 'v1.0.0').draft, false, 'the re-run publishes');
    assert.deepEqual(assetNames(oneRelease(name, 'v1.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json']);

    // A published release with another snapshot: our manifest and the asset that differs go; the rest stays.
    const v2 = rel.createRelease(name, { tag: 'v2.0.0' });
    rel.addAsset(name, v2.id, 'other.manifest.json', Buffer.from('{}'));
    const b = await jobWithDb(name, 62, 300);
    const bad2 = await snapshotCorruptedAtCheck(b, 'v2.0.0');
    failed(bad2, new RegExp(`${wrongDigest.source}deleted app-db\\.manifest\\.json and app-db\\.app\\.db\\.zst, so that a re-run uploads them again; retry the job`));
    assert.deepEqual(assetNames(oneRelease(name, 'v2.0.0')), ['other.manifest.json']);
    const again2 = await steps.job(newRun(name));
    cpSync(path.join(b.workspace, 'data'), path.join(again2.workspace, 'data'), { recursive: true });
    ok(await step(svc, again2, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v2.0.0' }));
    assert.deepEqual(assetNames(oneRelease(name, 'v2.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json', 'other.manifest.json']);

    // A draft this step created, which another job of a matrix attached to meanwhile: that job's snapshot stays.
    const c = await jobWithDb(name, 63, 300);
    const bad3 = await snapshotCorruptedAtCheck(c, 'v3.0.0', true);
    failed(bad3, new RegExp(`${wrongDigest.source}deleted app-db\\.manifest\\.json and app-db\\.app\\.db\\.zst, so that a re-run uploads them again; retry the job`));
    assert.equal(oneRelease(name, 'v3.0.0').draft, true);
    assert.deepEqual(assetNames(oneRelease(name, 'v3.0.0')), ['matrix.manifest.json']);
  });

  test('an upload that fails for good takes back the draft this step created, so a re-run creates and publishes one', async () => {
    const { name, svc } = repo('octo/gone');
    // Refused every time (GitHub's secondary rate limit, retry-after 1 s): the early try and the commit's five attempts.
    rel.fault({ on: 'upload', kind: '429', match: 'app-db.app.db.zst', times: 6 });
    const a = await jobWithDb(name, 71, 300);
    const bad = await step(svc, a, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v1.0.0' });
    failed(bad, /429/);
    assert.match(bad.stdout, /release v1\.0\.0: deleted draft release id \d+, which this step created, so that a re-run starts afresh/);
    assert.deepEqual(byTag(name, 'v1.0.0'), [], 'no draft left for the tag');
    assert.equal(rel.pendingFaults, 0);
    const again = await steps.job(newRun(name));
    cpSync(path.join(a.workspace, 'data'), path.join(again.workspace, 'data'), { recursive: true });
    const r = ok(await step(svc, again, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v1.0.0' }));
    assert.match(r.stdout, /release v1\.0\.0: created draft release id \d+/);
    assert.equal(oneRelease(name, 'v1.0.0').draft, false, 'the re-run publishes');
    assert.deepEqual(assetNames(oneRelease(name, 'v1.0.0')), ['app-db.app.db.zst', 'app-db.manifest.json']);
  });

  test('upload faults: a 502 that leaves a starter asset, a reset mid-upload and a 429 are retried; a re-run uploads nothing; other content needs overwrite', async () => {
    const { name, svc } = repo('octo/faults');
    rel.fault({ on: 'upload', kind: '502-starter', match: 'app-db.app.db.zst' });
    rel.fault({ on: 'upload', kind: 'reset', match: 'app-db.manifest.json' });
    rel.fault({ on: 'upload', kind: '429', match: 'app-db.manifest.json' });
    const j = await jobWithDb(name, 6, 3000);
    const r = ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v6.0.0' }));
    assert.equal(rel.pendingFaults, 0, 'every fault fired');
    assert.match(r.stdout, /app-db\.app\.db\.zst: GitHub answered 502/);
    assert.match(r.stdout, /deleting the starter asset the failed upload left/);
    assert.match(r.stdout, /app-db\.manifest\.json: GitHub answered 429.*trying again in 1\.0 s/);
    const first = oneRelease(name, 'v6.0.0');
    assert.deepEqual(assetNames(first), ['app-db.app.db.zst', 'app-db.manifest.json']);
    assert.ok(first.assets.every((a) => a.state === 'uploaded'));

    // The same job run again: the same database makes the same stored bytes, which are kept, and
    // the manifest (which differs only in times) stands; nothing is sent.
    const before = uploads().length;
    const rerun = ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v6.0.0' }));
    assert.match(rerun.stdout, /app-db\.app\.db\.zst: already attached with the same size and digest \(a re-run\): kept/);
    assert.match(rerun.stdout, /app-db\.manifest\.json: the same snapshot is attached already/);
    assert.equal(uploads().length, before, 'the re-run uploaded nothing');

    // Other content under the same name: refused without overwrite, replaced with it.
    for (const f of ['', '-wal', '-shm']) rmSync(path.join(j.workspace, 'data', `app.db${f}`), { force: true });
    smallDb(path.join(j.workspace, 'data', 'app.db'), 66, 10);
    const clash = await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v6.0.0' });
    failed(clash, /^release: release v6\.0\.0 \(id \d+\) already has an asset app-db\.app\.db\.zst with other content .*; set overwrite: true to replace it, or choose another name$/);
    ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v6.0.0', overwrite: 'true' }));
    const k = await steps.job(newRun(name));
    ok(await step(svc, k, 'restore', { name: 'app-db', release: 'v6.0.0', path: 'x.db' }));
    assert.equal(marker(path.join(k.workspace, 'x.db')), 66);
  });

  test('an upload GitHub stored whole but answered 502 for is found by the retry and kept, not sent again', async () => {
    const { name, svc } = repo('octo/stored502');
    rel.fault({ on: 'upload', kind: '502-after-upload', match: 'app-db.manifest.json' });
    const j = await jobWithDb(name, 52, 300);
    const r = ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v5.2.0' }));
    assert.equal(rel.pendingFaults, 0);
    assert.match(r.stdout, /app-db\.manifest\.json: the interrupted upload had completed \(state uploaded, digest sha256:[0-9a-f]{12}… matches\): kept/);
    const sent = rel.requests.filter((q) => q.server === 'uploads' && q.path.includes(`/${name}/`) && q.path.includes('name=app-db.manifest.json'));
    assert.equal(sent.length, 1, 'the manifest went up once');
    assert.deepEqual(assetNames(oneRelease(name, 'v5.2.0')), ['app-db.app.db.zst', 'app-db.manifest.json']);
    assert.equal(oneRelease(name, 'v5.2.0').draft, false, 'published');
  });

  test("another job's upload that takes the name first is never deleted without overwrite; with it, ours replaces it", async () => {
    const { name, svc } = repo('octo/clash');
    const published = rel.createRelease(name, { tag: 'v6.5.0', draft: false });
    const j = await jobWithDb(name, 65, 300);
    // GitHub's answer when another upload of the name completed between our listing and our POST.
    rel.fault({ on: 'upload', kind: 'taken-by-other', match: 'app-db.manifest.json' });
    const clash = await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v6.5.0' });
    assert.equal(rel.pendingFaults, 0);
    failed(clash, /^release: release v6\.5\.0 got another asset app-db\.manifest\.json while this one uploaded; set overwrite: true to replace it, or choose another name/);
    const after = oneRelease(name, 'v6.5.0');
    assert.equal(after.id, published.id);
    const theirs = after.assets.find((a) => a.name === 'app-db.manifest.json');
    assert.equal(theirs?.size, Buffer.byteLength("another job's app-db.manifest.json\n"), "the other job's asset is still there, unchanged");

    rel.fault({ on: 'upload', kind: 'taken-by-other', match: 'app-db.manifest.json' });
    const r = ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v6.5.0', overwrite: 'true' }));
    assert.match(r.stdout, /app-db\.manifest\.json: GitHub answered 422/);
    assert.match(r.stdout, /app-db\.manifest\.json: replacing the asset another upload put there meanwhile \(id \d+, overwrite: true\)/);
    const k = await steps.job(newRun(name));
    ok(await step(svc, k, 'restore', { name: 'app-db', release: 'v6.5.0', path: 'x.db' }));
    assert.equal(marker(path.join(k.workspace, 'x.db')), 65);
  });

  test('download checks: a byte flipped once is fetched again; twice, or a digest that differs, is refused with the target untouched', async () => {
    const { name, svc } = repo('octo/damage');
    const j = await jobWithDb(name, 7, 2000);
    ok(await step(svc, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v7.0.0' }));
    const k = await steps.job(newRun(name));
    const target = path.join(k.workspace, 'x.db');
    smallDb(target, 1);
    const original = sha256File(target);

    rel.fault({ on: 'download', kind: 'flip-byte', match: 'app-db.app.db.zst' });
    const once = ok(await step(svc, k, 'restore', { name: 'app-db', release: 'v7.0.0', path: 'x.db' }));
    assert.match(once.stdout, /GitHub's digest says [0-9a-f]{64}; it was damaged on the way or the asset was changed; downloading once more/);
    assert.equal(marker(target), 7);

    smallDb(path.join(k.workspace, 'y.db'), 2);
    const before = sha256File(path.join(k.workspace, 'y.db'));
    rel.fault({ on: 'download', kind: 'flip-byte', match: 'app-db.app.db.zst', times: 2 });
    const twice = await step(svc, k, 'restore', { name: 'app-db', release: 'v7.0.0', path: 'y.db' });
    failed(twice, /asset app-db\.app\.db\.zst: the download's sha256 is .* \(twice; the asset itself is damaged: publish the snapshot again\)/);
    assert.equal(sha256File(path.join(k.workspace, 'y.db')), before, 'the target is untouched');

    const data = oneRelease(name, 'v7.0.0').assets.find((a) => a.name === 'app-db.app.db.zst');
    rel.setAssetDigest(name, data?.id as number, `sha256:${'0'.repeat(64)}`);
    const digest = await step(svc, k, 'restore', { name: 'app-db', release: 'v7.0.0', path: 'y.db' });
    failed(digest, /GitHub's digest says 0{64}/);
    assert.equal(sha256File(path.join(k.workspace, 'y.db')), before, 'the target is untouched');
    assert.deepEqual(leftovers(k), []);
    void original;
  });

  test('a stored file over the part size is split at zstd frame boundaries; each part decodes alone, restore joins them', async () => {
    const { name, svc } = repo('octo/parts');
    const j = await steps.job(newRun(name));
    mkdirSync(path.join(j.workspace, 'data'));
    // Random blobs do not compress: 24 MiB of database is three 8 MiB frames of about 8 MiB each.
    const db = new Database(path.join(j.workspace, 'data', 'big.db'));
    db.exec('CREATE TABLE b(x BLOB)');
    const ins = db.prepare('INSERT INTO b VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 6000; i++) ins.run(randomBytes(4000));
    })();
    db.close();
    const part = 9 << 20;
    const r = ok(await step(svc, j, 'snapshot', { path: 'data/big.db', name: 'big', release: 'v8.0.0', 'raw-sha256': 'true' }, { SQLITE_SNAPSHOT_RELEASE_PART_SIZE: String(part) }));
    const manifest = JSON.parse(r.outputs['manifest'] ?? '{}') as { databases: { storedSize: number; rawSha256: string }[] };
    const stored = manifest.databases[0]?.storedSize ?? 0;
    assert.ok(stored > 2 * part, `stored ${stored} bytes: enough for three parts`);
    const assets = oneRelease(name, 'v8.0.0').assets.filter((a) => a.name.startsWith('big.big.db.zst.part')).sort((a, b) => (a.name < b.name ? -1 : 1));
    assert.ok(assets.length >= 3, `${assets.length} parts`);
    assert.deepEqual(assets.map((a) => a.name).slice(0, 3), ['big.big.db.zst.part001', 'big.big.db.zst.part002', 'big.big.db.zst.part003']);
    assert.equal(assets.reduce((n, a) => n + a.size, 0), stored);
    for (const a of assets) {
      assert.ok(a.size <= part, `${a.name} is under the part size`);
      const file = path.join(j.temp, a.name);
      writeFileSync(file, rel.assetBytes(name, a.id));
      const t = spawnSync('zstd', ['-t', '-q', file]);
      assert.equal(t.status, 0, `${a.name} is a zstd stream of its own: ${t.stderr.toString()}`);
    }
    const k = await steps.job(newRun(name));
    ok(await step(svc, k, 'restore', { name: 'big', release: 'v8.0.0', path: 'big.db' }));
    assert.equal(sha256File(path.join(k.workspace, 'big.db')), manifest.databases[0]?.rawSha256);
  });

  test('permissions: a read-only token cannot publish; a private repository is not found without access', async () => {
    const { name } = repo('octo/locked', { private: true });
    const j = await jobWithDb(name, 9);
    const readOnly = service(rel.token(name, 'read'));
    failed(await step(readOnly, j, 'snapshot', { path: 'data/app.db', name: 'app-db', release: 'v9.0.0' }), /^github-token: may not do this in octo\/locked \(403 .*\) while .*; publishing to a release needs contents: write/);
    assert.deepEqual(byTag(name, 'v9.0.0'), []);
    const stranger = service(rel.token('octo/elsewhere', 'write'));
    failed(await step(stranger, j, 'restore', { name: 'app-db', release: 'latest', repository: name, path: 'x.db' }), /octo\/locked not found \(404\); check the repository name, and that github-token can read it/);
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

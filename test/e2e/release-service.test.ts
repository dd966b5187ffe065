import { HttpClient } from '@actions/http-client';
import { BearerCredentialHandler } from '@actions/http-client/lib/auth';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ReleaseService, type Asset, type Release, type ReleaseServiceOptions } from './helpers/release-service.ts';
import { Pacer } from './helpers/release-wire.ts';

/**
 * The Releases emulator held to what GitHub does (shared/github-releases.md), with plain fetch:
 * the traps a release client must handle are here, so a client tested against the emulator is
 * tested against them.
 */
let svc: ReleaseService;
const started: ReleaseService[] = [];
let repoNo = 0;

before(async () => {
  svc = await ReleaseService.start();
  started.push(svc);
});

after(async () => {
  for (const s of started) await s.close();
});

async function service(opts: ReleaseServiceOptions): Promise<ReleaseService> {
  const s = await ReleaseService.start(opts);
  started.push(s);
  return s;
}

/** A fresh repository and a write token for it, so tests share nothing. */
function repo(s = svc, opts: { private?: boolean; immutableReleases?: boolean } = {}): { name: string; write: string; read: string } {
  const name = `octo/app${++repoNo}`;
  s.addRepo(name, opts);
  return { name, write: s.token(name, 'write'), read: s.token(name, 'read') };
}

interface Call {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  redirect?: 'follow' | 'manual';
}

function call(s: ReleaseService, path: string, c: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(c.token ? { authorization: `Bearer ${c.token}` } : {}), ...c.headers };
  if (c.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(new URL(path, s.apiUrl), { method: c.method ?? 'GET', headers, ...(c.body !== undefined ? { body: JSON.stringify(c.body) } : {}), redirect: c.redirect ?? 'follow' });
}

async function ok<T>(r: Response | Promise<Response>, status = 200): Promise<T> {
  const res = await r;
  const text = await res.text();
  assert.equal(res.status, status, `${res.url}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function refused(r: Response | Promise<Response>, status: number): Promise<Record<string, unknown>> {
  const res = await r;
  assert.equal(res.status, status, res.url);
  return (await res.json()) as Record<string, unknown>;
}

const createDraft = (s: ReleaseService, name: string, token: string, tag: string, extra: Record<string, unknown> = {}): Promise<Release> =>
  ok<Release>(call(s, `/repos/${name}/releases`, { method: 'POST', token, body: { tag_name: tag, draft: true, ...extra } }), 201);

/** The upload URL from a release's RFC 6570 template `…/assets{?name,label}`, the name already encoded. */
const uploadUrl = (rel: Release, encodedName: string): string => `${rel.upload_url.replace(/\{\?name,label\}$/, '')}?name=${encodedName}`;

function upload(rel: Release, name: string, bytes: Buffer, token: string, contentType = 'application/octet-stream'): Promise<Response> {
  return fetch(uploadUrl(rel, encodeURIComponent(name)), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: bytes });
}

const assetsOf = (s: ReleaseService, name: string, token: string, id: number): Promise<Asset[]> => ok<Asset[]>(call(s, `/repos/${name}/releases/${id}/assets?per_page=100`, { token }));
const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const ALREADY_EXISTS_ASSET = [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }];

describe('the Releases emulator against GitHub’s protocol', () => {
  test('auth: anyone reads a public repository, a private one is hidden, bad tokens get 401, readers who write get 403', async () => {
    const pub = repo();
    const priv = repo(svc, { private: true });
    const repoJson = await ok<{ full_name: string; private: boolean; visibility: string }>(call(svc, `/repos/${pub.name}`));
    assert.deepEqual([repoJson.full_name, repoJson.private, repoJson.visibility], [pub.name, false, 'public']);
    assert.equal((await refused(call(svc, `/repos/${priv.name}`), 404))['message'], 'Not Found');
    const seen = await ok<{ private: boolean; visibility: string }>(call(svc, `/repos/${priv.name}`, { headers: { authorization: `token ${priv.read}` } }));
    assert.deepEqual([seen.private, seen.visibility], [true, 'private']);
    await refused(call(svc, `/repos/${priv.name}/releases`, { token: pub.write }), 404);
    assert.equal((await refused(call(svc, `/repos/${pub.name}`, { token: 'ghs_unknown' }), 401))['message'], 'Bad credentials');
    const write = { method: 'POST', body: { tag_name: 'v1' } };
    assert.equal((await refused(call(svc, `/repos/${pub.name}/releases`, { ...write, token: pub.read }), 403))['message'], 'Resource not accessible by integration');
    await refused(call(svc, `/repos/${pub.name}/releases`, write), 401);
    await refused(call(svc, `/repos/${pub.name}/immutable-releases`, { token: pub.write }), 403);
    assert.deepEqual(svc.releases(pub.name), []);
  });

  test('drafts: found by id and in a writer’s list, never by tag; several drafts share a tag; only one can be published', async () => {
    const r = repo();
    const a = await createDraft(svc, r.name, r.write, 'v1.0.0');
    const b = await createDraft(svc, r.name, r.write, 'v1.0.0');
    assert.notEqual(a.id, b.id);
    assert.match(a.html_url, /\/releases\/tag\/untagged-[0-9a-f]+$/);
    assert.deepEqual([a.draft, a.published_at, a.immutable], [true, null, false]);
    await refused(call(svc, `/repos/${r.name}/releases/tags/v1.0.0`, { token: r.write }), 404);
    const listed = await ok<Release[]>(call(svc, `/repos/${r.name}/releases`, { token: r.write }));
    assert.deepEqual(listed.map((x) => x.id).sort(), [a.id, b.id].sort());
    assert.deepEqual(await ok<Release[]>(call(svc, `/repos/${r.name}/releases`, { token: r.read })), []);
    assert.deepEqual(await ok<Release[]>(call(svc, `/repos/${r.name}/releases`)), []);
    await ok<Release>(call(svc, `/repos/${r.name}/releases/${a.id}`, { token: r.write }));
    await refused(call(svc, `/repos/${r.name}/releases/${a.id}`, { token: r.read }), 404);

    const published = await ok<Release>(call(svc, `/repos/${r.name}/releases/${a.id}`, { method: 'PATCH', token: r.write, body: { draft: false, make_latest: 'false' } }));
    assert.equal(published.draft, false);
    assert.match(published.html_url, /\/releases\/tag\/v1\.0\.0$/);
    assert.equal((await ok<Release>(call(svc, `/repos/${r.name}/releases/tags/v1.0.0`))).id, a.id);
    const second = await refused(call(svc, `/repos/${r.name}/releases/${b.id}`, { method: 'PATCH', token: r.write, body: { draft: false } }), 422);
    assert.deepEqual(second['errors'], [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
    const again = await refused(call(svc, `/repos/${r.name}/releases`, { method: 'POST', token: r.write, body: { tag_name: 'v1.0.0' } }), 422);
    assert.equal(again['message'], 'Validation Failed');
    assert.deepEqual(again['errors'], [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
  });

  test('the list is ordered by commit date and Latest follows make_latest, not the publish time', async () => {
    const r = repo();
    const v1 = svc.createRelease(r.name, { tag: 'v1', createdAt: '2025-01-01T00:00:00Z', publishedAt: '2025-01-02T00:00:00Z' });
    const v2 = svc.createRelease(r.name, { tag: 'v2', createdAt: '2025-03-01T00:00:00Z', publishedAt: '2025-03-02T00:00:00Z' });
    assert.equal(svc.latestReleaseId(r.name), v2.id);
    // A fix released today from an older commit: newest published, yet listed below v2.
    svc.setCommitDate(r.name, 'v1.1', '2025-02-01T00:00:00Z');
    const v11 = await ok<Release>(call(svc, `/repos/${r.name}/releases`, { method: 'POST', token: r.write, body: { tag_name: 'v1.1', make_latest: 'false' } }), 201);
    assert.equal(v11.created_at, '2025-02-01T00:00:00Z');
    assert.deepEqual((await ok<Release[]>(call(svc, `/repos/${r.name}/releases`))).map((x) => x.tag_name), ['v2', 'v1.1', 'v1']);
    assert.equal(svc.latestReleaseId(r.name), v2.id, 'make_latest "false" on create leaves Latest');
    const v3 = await createDraft(svc, r.name, r.write, 'v3', { make_latest: 'false' });
    await ok(call(svc, `/repos/${r.name}/releases/${v3.id}`, { method: 'PATCH', token: r.write, body: { draft: false, make_latest: 'false' } }));
    assert.equal((await ok<Release>(call(svc, `/repos/${r.name}/releases/latest`))).id, v2.id, 'make_latest "false" on publish leaves Latest');
    // Publishing without make_latest: GitHub's default makes it Latest, whatever the draft was created with.
    const v4 = await createDraft(svc, r.name, r.write, 'v4', { make_latest: 'false' });
    await ok(call(svc, `/repos/${r.name}/releases/${v4.id}`, { method: 'PATCH', token: r.write, body: { draft: false } }));
    assert.equal((await ok<Release>(call(svc, `/repos/${r.name}/releases/latest`))).id, v4.id);
    const typed = await refused(call(svc, `/repos/${r.name}/releases`, { method: 'POST', token: r.write, body: { tag_name: 'v5', make_latest: false } }), 422);
    assert.match(String(typed['message']), /make_latest/);
    assert.notEqual(v1.id, v2.id);
  });

  test('pagination: 30 a page by default, 100 at most, Link headers with absolute next and last URLs', async () => {
    const r = repo();
    const rel = svc.createRelease(r.name, { tag: 'many' });
    for (let i = 0; i < 150; i++) svc.addAsset(r.name, rel.id, `part-${String(i).padStart(3, '0')}.zst`, Buffer.from(`part ${i}`));
    const first = await call(svc, `/repos/${r.name}/releases/${rel.id}/assets`);
    assert.equal(((await first.json()) as Asset[]).length, 30);
    const link = first.headers.get('link') ?? '';
    assert.match(link, /<http:\/\/127\.0\.0\.1:\d+\/repos\/octo\/app\d+\/releases\/\d+\/assets\?page=2>; rel="next"/);
    assert.match(link, /[?&]page=5>; rel="last"/);
    const seen: string[] = [];
    let next: string | undefined = `/repos/${r.name}/releases/${rel.id}/assets?per_page=500`;
    let pages = 0;
    while (next) {
      const res = await call(svc, next);
      const page = (await res.json()) as Asset[];
      assert.ok(page.length <= 100);
      seen.push(...page.map((a) => a.name));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      pages++;
    }
    assert.equal(pages, 2);
    assert.equal(new Set(seen).size, 150);
    const releasesPage = await call(svc, `/repos/${r.name}/releases?per_page=1`);
    assert.equal(releasesPage.headers.get('link'), null, 'one release: one page, no Link');
  });

  test('uploads: only on upload_url’s host, Content-Length required, GitHub’s asset JSON and 422s', async () => {
    const r = repo();
    const rel = await createDraft(svc, r.name, r.write, 'v1');
    assert.equal(rel.upload_url, `${svc.uploadsOrigin}/repos/${r.name}/releases/${rel.id}/assets{?name,label}`);
    assert.notEqual(new URL(svc.uploadsOrigin).host, new URL(svc.apiUrl).host);
    const bytes = Buffer.from('zstd frames would be here');
    const asset = await ok<Asset>(upload(rel, 'app.db.zst', bytes, r.write, 'application/zstd'), 201);
    assert.deepEqual(
      [asset.name, asset.state, asset.size, asset.content_type, asset.digest, asset.label],
      ['app.db.zst', 'uploaded', bytes.length, 'application/zstd', sha(bytes), ''],
    );
    assert.equal(asset.url, `${svc.apiUrl}/repos/${r.name}/releases/assets/${asset.id}`);
    assert.deepEqual(svc.assetBytes(r.name, asset.id), bytes);
    // The API host takes no uploads: a client must use upload_url, never build it.
    const onApi = await fetch(`${svc.apiUrl}/repos/${r.name}/releases/${rel.id}/assets?name=x.zst`, { method: 'POST', headers: { authorization: `Bearer ${r.write}`, 'content-type': 'application/zstd' }, body: bytes });
    assert.equal(onApi.status, 404);

    const dup = await refused(upload(rel, 'app.db.zst', bytes, r.write), 422);
    assert.deepEqual([dup['message'], dup['errors']], ['Validation Failed', ALREADY_EXISTS_ASSET]);
    const empty = await refused(upload(rel, 'empty.zst', Buffer.alloc(0), r.write), 422);
    assert.deepEqual(empty['errors'], [{ resource: 'ReleaseAsset', code: 'custom', field: 'size', message: 'size must be greater than or equal to 1' }]);
    const chunked = await fetch(uploadUrl(rel, 'chunked.zst'), {
      method: 'POST',
      headers: { authorization: `Bearer ${r.write}`, 'content-type': 'application/zstd' },
      body: new Blob([bytes]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 400);
    assert.deepEqual(await chunked.json(), { message: 'Bad Content-Length: ' });
    const huge = await declaredUpload(uploadUrl(rel, 'huge.zst'), r.write, 2 ** 31 + 1);
    assert.equal(huge.status, 422);
    assert.deepEqual((JSON.parse(huge.body) as Record<string, unknown>)['errors'], [{ resource: 'ReleaseAsset', code: 'custom', field: 'size', message: 'size must be less than or equal to 2147483648' }]);
    await refused(upload(rel, 'by-reader.zst', bytes, r.read), 403);
    assert.deepEqual(
      svc.releases(r.name)[0]?.assets.map((a) => a.name),
      ['app.db.zst'],
    );
  });

  test('asset names are renamed silently, and the 201 carries the stored name', async () => {
    const r = repo();
    const rel = await createDraft(svc, r.name, r.write, 'names');
    const cases: [sent: string, stored: string][] = [
      ['my app.db.zst', 'my.app.db.zst'],
      ['.env', 'default.env'],
      ['trailing.', 'trailing'],
      ['v1+build.zst', 'v1.build.zst'], // a raw + is a space in a query
      ['v1%2Bbuild.zst', 'v1+build.zst'],
      ['caf%C3%A9.db', 'cafe.db'],
      ['app(x64)_1.msi', 'app.x64._1.msi'],
    ];
    for (const [sent, stored] of cases) {
      const res = await fetch(uploadUrl(rel, sent), { method: 'POST', headers: { authorization: `Bearer ${r.write}`, 'content-type': 'application/octet-stream' }, body: Buffer.from(sent) });
      assert.equal(((await ok<Asset>(res, 201)) as Asset).name, stored, sent);
    }
    // The renamed name is what clashes: a second `my app.db.zst` is already there.
    await refused(upload(rel, 'my app.db.zst', Buffer.from('again'), r.write), 422);
  });

  test('a 502 that leaves a starter: a blind retry gets already_exists; deleting the starter lets it through', async () => {
    const r = repo();
    const rel = await createDraft(svc, r.name, r.write, 'v1');
    const bytes = Buffer.alloc(200_000, 7);
    svc.fault({ on: 'upload', kind: '502-starter', match: 'app.db.zst' });
    assert.equal((await upload(rel, 'app.db.zst', bytes, r.write)).status, 502);
    const [starter] = await assetsOf(svc, r.name, r.write, rel.id);
    assert.deepEqual([starter?.name, starter?.state, starter?.size], ['app.db.zst', 'starter', 0]);
    assert.deepEqual((await refused(upload(rel, 'app.db.zst', bytes, r.write), 422))['errors'], ALREADY_EXISTS_ASSET);
    await ok(call(svc, `/repos/${r.name}/releases/assets/${starter?.id}`, { method: 'DELETE', token: r.write }), 204);
    const asset = await ok<Asset>(upload(rel, 'app.db.zst', bytes, r.write), 201);
    assert.deepEqual([asset.state, asset.size, asset.digest], ['uploaded', bytes.length, sha(bytes)]);
    assert.equal(svc.pendingFaults, 0);
  });

  test('other upload faults: a 502 after a whole upload, a reset mid-body, rate limits with retry-after', async () => {
    const r = repo();
    const rel = await createDraft(svc, r.name, r.write, 'v1');
    const bytes = Buffer.alloc(1 << 20, 1);
    svc.fault({ on: 'upload', kind: '502-after-upload', match: 'whole' });
    assert.equal((await upload(rel, 'whole.zst', bytes, r.write)).status, 502);
    svc.fault({ on: 'upload', kind: 'reset', match: 'reset' });
    await assert.rejects(upload(rel, 'reset.zst', bytes, r.write));
    const byName = new Map((await assetsOf(svc, r.name, r.write, rel.id)).map((a) => [a.name, a]));
    assert.deepEqual([byName.get('whole.zst')?.state, byName.get('whole.zst')?.digest], ['uploaded', sha(bytes)]);
    assert.deepEqual([byName.get('reset.zst')?.state, byName.get('reset.zst')?.size], ['starter', 0]);
    svc.fault({ on: 'upload', kind: '429' });
    svc.fault({ on: 'upload', kind: '403-rate-limit' });
    svc.fault({ on: 'upload', kind: '503' });
    for (const status of [429, 403, 503]) {
      const res = await upload(rel, 'limited.zst', bytes, r.write);
      assert.equal(res.status, status);
      if (status !== 503) assert.equal(res.headers.get('retry-after'), '1');
      await res.body?.cancel();
    }
    assert.equal((await assetsOf(svc, r.name, r.write, rel.id)).length, 2, 'refusals store nothing');
    // Another job's upload of the name completed first: its bytes hold the name, ours get 422.
    svc.fault({ on: 'upload', kind: 'taken-by-other', match: 'raced' });
    const raced = await refused(upload(rel, 'raced.zst', bytes, r.write), 422);
    assert.deepEqual(raced['errors'], [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }]);
    const theirs = (await assetsOf(svc, r.name, r.write, rel.id)).find((a) => a.name === 'raced.zst');
    assert.equal(theirs?.state, 'uploaded');
    assert.notEqual(theirs?.digest, sha(bytes), 'the asset holding the name is the other upload, not ours');
    assert.deepEqual(
      svc.requests.filter((q) => q.server === 'uploads' && q.path.includes(`/${r.name}/`) && q.fault).map((q) => q.fault),
      ['502-after-upload', 'reset', '429', '403-rate-limit', '503', 'taken-by-other'],
    );
  });

  test('the asset cap: file_count limited (maxAssets lowers GitHub’s 1000)', async () => {
    const s = await service({ maxAssets: 2 });
    const r = repo(s);
    const rel = await createDraft(s, r.name, r.write, 'v1');
    for (const n of ['a', 'b']) await ok(upload(rel, n, Buffer.from(n), r.write), 201);
    const full = await refused(upload(rel, 'c', Buffer.from('c'), r.write), 422);
    assert.deepEqual(full['errors'], [{ resource: 'ReleaseAsset', code: 'custom', field: 'file_count', message: 'file_count limited to 2 assets' }]);
  });

  test('immutable releases: the draft flow works, a published one is frozen, its tag is never reused', async () => {
    const r = repo(svc, { immutableReleases: true });
    const draft = await createDraft(svc, r.name, r.write, 'v1');
    const asset = await ok<Asset>(upload(draft, 'app.db.zst', Buffer.from('db'), r.write), 201);
    const published = await ok<Release>(call(svc, `/repos/${r.name}/releases/${draft.id}`, { method: 'PATCH', token: r.write, body: { draft: false, make_latest: 'false' } }));
    assert.equal(published.immutable, true);
    assert.deepEqual(await refused(upload(published, 'late.zst', Buffer.from('x'), r.write), 422), {
      message: 'Cannot upload assets to an immutable release.',
      documentation_url: 'https://docs.github.com/rest/releases',
      status: '422',
    });
    await refused(call(svc, `/repos/${r.name}/releases/assets/${asset.id}`, { method: 'DELETE', token: r.write }), 422);
    await refused(call(svc, `/repos/${r.name}/releases/${draft.id}`, { method: 'PATCH', token: r.write, body: { tag_name: 'v1b' } }), 422);
    await ok(call(svc, `/repos/${r.name}/releases/${draft.id}`, { method: 'PATCH', token: r.write, body: { name: 'Version 1' } }));
    await ok(call(svc, `/repos/${r.name}/releases/${draft.id}`, { method: 'DELETE', token: r.write }), 204);
    const reuse = await refused(call(svc, `/repos/${r.name}/releases`, { method: 'POST', token: r.write, body: { tag_name: 'v1', draft: true } }), 422);
    assert.deepEqual(reuse['errors'], [{ resource: 'Release', code: 'custom', field: 'tag_name', message: 'tag_name was used by an immutable release' }]);
    // Releases published before the setting was turned on stay mutable.
    const m = repo();
    const old = svc.createRelease(m.name, { tag: 'v0' });
    svc.setImmutableReleases(m.name, true);
    await ok(upload(old, 'later.zst', Buffer.from('x'), m.write), 201);
  });

  test('downloads: a 302 to signed storage, which refuses Authorization and serves bytes and ranges without it', async () => {
    const r = repo(svc, { private: true });
    const rel = svc.createRelease(r.name, { tag: 'v1' });
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const asset = svc.addAsset(r.name, rel.id, 'app.db.zst', bytes);
    const octet = { token: r.read, headers: { accept: 'application/octet-stream' } };
    const redirect = await call(svc, `/repos/${r.name}/releases/assets/${asset.id}`, { ...octet, redirect: 'manual' });
    assert.equal(redirect.status, 302);
    const location = redirect.headers.get('location') ?? '';
    assert.ok(location.startsWith(`${svc.storageOrigin}/`), location);
    const withAuth = await fetch(location, { headers: { authorization: `Bearer ${r.read}` } });
    assert.equal(withAuth.status, 400);
    assert.match(await withAuth.text(), /<Code>InvalidArgument<\/Code><Message>Only one auth mechanism allowed/);
    const plain = await fetch(location);
    assert.deepEqual(Buffer.from(await plain.arrayBuffer()), bytes);
    const part = await fetch(location, { headers: { range: 'bytes=10-19' } });
    assert.deepEqual([part.status, part.headers.get('content-range')], [206, 'bytes 10-19/1000']);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(10, 20));
    // fetch drops Authorization on a cross-origin redirect by itself, so following works.
    const followed = await call(svc, `/repos/${r.name}/releases/assets/${asset.id}`, octet);
    assert.deepEqual(Buffer.from(await followed.arrayBuffer()), bytes);
    const tampered = new URL(location);
    tampered.searchParams.set('X-Amz-Expires', '999999');
    assert.equal((await fetch(tampered)).status, 403);
    const expired = await fetch(svc.signedUrl(r.name, asset.id, -1));
    assert.match(await expired.text(), /Request has expired/);
    const json = await ok<Asset>(call(svc, `/repos/${r.name}/releases/assets/${asset.id}`, { token: r.read }));
    assert.deepEqual([json.download_count, json.digest, json.browser_download_url], [2, sha(bytes), `https://github.com/${r.name}/releases/download/v1/app.db.zst`]);
    await refused(call(svc, `/repos/${r.name}/releases/assets/${asset.id}`, { headers: { accept: 'application/octet-stream' } }), 404);
  });

  test('@actions/http-client: a credential handler re-sends the token after the redirect and is refused; a per-request header is not', async () => {
    const r = repo(svc, { private: true });
    const rel = svc.createRelease(r.name, { tag: 'v1' });
    const asset = svc.addAsset(r.name, rel.id, 'app.db.zst', Buffer.from('the bytes'));
    const url = `${svc.apiUrl}/repos/${r.name}/releases/assets/${asset.id}`;
    const withHandler = await new HttpClient('test', [new BearerCredentialHandler(r.read)]).get(url, { accept: 'application/octet-stream' });
    assert.equal(withHandler.message.statusCode, 400);
    assert.match(await withHandler.readBody(), /InvalidArgument/);
    const perRequest = await new HttpClient('test').get(url, { accept: 'application/octet-stream', authorization: `Bearer ${r.read}` });
    assert.deepEqual([perRequest.message.statusCode, await perRequest.readBody()], [200, 'the bytes']);
  });

  test('damaged downloads: a flipped byte, a cut connection, an HTML page with status 200; direct bytes from the API', async () => {
    const s = await service({ downloads: 'direct' });
    const r = repo(s);
    const rel = s.createRelease(r.name, { tag: 'v1' });
    const bytes = Buffer.alloc(300_000, 0x5a);
    const asset = s.addAsset(r.name, rel.id, 'app.db.zst', bytes);
    const get = (): Promise<Response> => call(s, `/repos/${r.name}/releases/assets/${asset.id}`, { token: r.read, headers: { accept: 'application/octet-stream' }, redirect: 'manual' });
    const direct = await get();
    assert.equal(direct.status, 200);
    assert.deepEqual(Buffer.from(await direct.arrayBuffer()), bytes);
    s.fault({ on: 'download', kind: 'flip-byte' });
    const flipped = Buffer.from(await (await get()).arrayBuffer());
    assert.equal(flipped.length, bytes.length);
    assert.equal(flipped.filter((b, i) => b !== bytes[i]).length, 1);
    s.fault({ on: 'download', kind: 'cut' });
    const cut = await get();
    assert.equal(cut.headers.get('content-length'), String(bytes.length));
    await assert.rejects(cut.arrayBuffer());
    s.fault({ on: 'download', kind: 'html-200' });
    const html = await get();
    assert.deepEqual([html.status, html.headers.get('content-type')], [200, 'text/html; charset=utf-8']);
    assert.match(await html.text(), /^<!DOCTYPE html>/);
    s.setAssetDigest(r.name, asset.id, `sha256:${'0'.repeat(64)}`);
    assert.equal((await ok<Asset>(call(s, `/repos/${r.name}/releases/assets/${asset.id}`, { token: r.read }))).digest, `sha256:${'0'.repeat(64)}`);
  });

  test('a release just made is missing from the list, by tag and as latest while listLagMs lasts; by id it is there', async () => {
    const s = await service({ listLagMs: 600_000 });
    const r = repo(s);
    const rel = await ok<Release>(call(s, `/repos/${r.name}/releases`, { method: 'POST', token: r.write, body: { tag_name: 'v1' } }), 201);
    assert.deepEqual(await ok<Release[]>(call(s, `/repos/${r.name}/releases`, { token: r.write })), []);
    await refused(call(s, `/repos/${r.name}/releases/tags/v1`), 404);
    await refused(call(s, `/repos/${r.name}/releases/latest`), 404);
    assert.equal((await ok<Release>(call(s, `/repos/${r.name}/releases/${rel.id}`))).tag_name, 'v1');
  });

  test('API faults: a 502, and a lost answer to a call that was carried out', async () => {
    const r = repo();
    svc.fault({ on: 'api', kind: '502', match: `GET /repos/${r.name}/releases` });
    assert.equal((await call(svc, `/repos/${r.name}/releases`)).status, 502);
    svc.fault({ on: 'api', kind: 'lost', match: `POST /repos/${r.name}/releases` });
    await assert.rejects(call(svc, `/repos/${r.name}/releases`, { method: 'POST', token: r.write, body: { tag_name: 'v1', draft: true } }));
    assert.deepEqual(
      svc.releases(r.name).map((x) => [x.tag_name, x.draft]),
      [['v1', true]],
      'the draft exists though its creator never heard back: a retry makes a second one',
    );
  });

  test('pacing: transfers share the link’s rate, a late one catches up, an idle link saves up no burst', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const link = new Pacer(1000, { now: () => now, sleep: async (ms) => void sleeps.push(ms) });
    link.begin();
    await link.take(500);
    now = 100;
    await link.take(1500);
    // Behind by 4 s (a loaded machine): the next 4000 bytes go without waiting.
    now = 6000;
    await link.take(1000);
    await link.take(3000);
    await link.take(1000);
    link.end();
    // Idle, then two transfers at once: the second chunk's slice comes after the first one's.
    now = 20_000;
    link.begin();
    link.begin();
    await Promise.all([link.take(1000), link.take(1000)]);
    assert.deepEqual(sleeps, [500, 1900, 1000, 1000, 2000]);
    const unpaced = new Pacer(undefined, { now: () => 0, sleep: async () => assert.fail('no limit, no wait') });
    unpaced.begin();
    await unpaced.take(1 << 30);
  });
});

/** An upload that declares `length` and sends none of it: the answer to the headers alone. */
function declaredUpload(url: string, token: string, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': length } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

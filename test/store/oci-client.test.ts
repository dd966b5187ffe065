import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { SnapshotError } from '../../src/engine/common/errors.ts';
import { RegistryClient } from '../../src/store/oci/client.ts';
import { parseRegistryRef } from '../../src/store/oci/reference.ts';
import { readAll } from '../../src/store/oci/http.ts';
import { type Registry, startRegistry } from '../e2e/helpers/registry.ts';
import { type RegistryProxy, startRegistryProxy } from '../e2e/helpers/registry-proxy.ts';
import { tempDir } from '../helpers/db.ts';

const USER = 'snapper';
const PASSWORD = 'pa55-word-not-for-output';
let open: Registry;
let locked: Registry;
let proxy: RegistryProxy;

before(async () => {
  [open, locked] = await Promise.all([startRegistry(), startRegistry({ users: { [USER]: PASSWORD } })]);
  proxy = await startRegistryProxy(open.url);
});
after(async () => {
  await proxy?.stop();
  await open?.stop();
  await locked?.stop();
});

/** An env with no credentials from the machine running the tests. */
function cleanEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { HOME: dir, DOCKER_CONFIG: path.join(dir, 'docker'), ...extra };
}

function client(host: string, repo: string, env: NodeJS.ProcessEnv, pageSize?: number): RegistryClient {
  return new RegistryClient(parseRegistryRef(new URL(`oci://${host}/${repo}`)), { env, ...(pageSize ? { pageSize } : {}) });
}

const digestOf = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function imageManifest(layer: { digest: string; size: number }): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.sqlite-snapshot.test',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: digestOf(Buffer.from('{}')), size: 2 },
      layers: [{ mediaType: 'application/octet-stream', ...layer }],
    }),
  );
}

async function pushArtifact(c: RegistryClient, tag: string, data: Buffer): Promise<string> {
  await c.pushBlob(digestOf(Buffer.from('{}')), 2, () => Buffer.from('{}'));
  await c.pushBlob(digestOf(data), data.length, () => data);
  return c.putManifest(tag, imageManifest({ digest: digestOf(data), size: data.length }));
}

test('blobs: a blob already in the repository is not sent again; GET returns the bytes', async (t) => {
  const c = client(open.host, 'client/blobs', cleanEnv(tempDir(t)));
  const data = Buffer.alloc(300_000, 7);
  assert.equal(await c.hasBlob(digestOf(data)), false);
  assert.equal(await c.pushBlob(digestOf(data), data.length, () => data), 'uploaded');
  assert.equal(await c.pushBlob(digestOf(data), data.length, () => data), 'present');
  assert.deepEqual({ up: c.stats.blobsUploaded, skipped: c.stats.blobsSkipped, bytes: c.stats.bytesUploaded }, { up: 1, skipped: 1, bytes: 300_000 });
  assert.ok((await readAll((await c.blob(digestOf(data))).res, 1 << 20)).equals(data));
});

test('manifests: PUT by tag, GET, HEAD and DELETE by digest; tags listed across pages', async (t) => {
  const c = client(open.host, 'client/manifests', cleanEnv(tempDir(t)), 2);
  const digests: string[] = [];
  for (const tag of ['a', 'b', 'c', 'd', 'e']) digests.push(await pushArtifact(c, tag, Buffer.from(`layer ${tag}`)));
  assert.deepEqual((await c.tags()).sort(), ['a', 'b', 'c', 'd', 'e']);
  const got = await c.manifest('c');
  assert.equal(got?.digest, digests[2]);
  assert.equal(digestOf(got?.body as Buffer), digests[2]);
  assert.equal(await c.manifestDigest('c'), digests[2]);
  assert.equal(await c.deleteManifest(digests[2] as string), true);
  assert.equal(await c.manifestDigest('c'), undefined);
  assert.equal(await c.deleteManifest(digests[2] as string), false);
  assert.deepEqual((await c.tags()).sort(), ['a', 'b', 'd', 'e']);
  assert.deepEqual(await client(open.host, 'client/never-pushed', cleanEnv(tempDir(t))).tags(), []);
});

test('token auth: credentials from our variables, docker config (auth or username/password), GITHUB_TOKEN only for ghcr.io', async (t) => {
  const dir = tempDir(t);
  const fromEnv = client(locked.host, 'auth/env', cleanEnv(dir, { SQLITE_SNAPSHOT_OCI_USERNAME: USER, SQLITE_SNAPSHOT_OCI_PASSWORD: PASSWORD }));
  await pushArtifact(fromEnv, 'v1', Buffer.from('one'));
  assert.deepEqual(await fromEnv.tags(), ['v1']);

  for (const entry of [{ auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') }, { username: USER, password: PASSWORD }]) {
    const home = tempDir(t);
    mkdirSync(path.join(home, 'docker'));
    writeFileSync(path.join(home, 'docker', 'config.json'), JSON.stringify({ auths: { [`http://${locked.host}`]: entry } }));
    assert.deepEqual(await client(locked.host, 'auth/env', cleanEnv(home)).tags(), ['v1']);
  }
  // GITHUB_TOKEN is for GHCR only: here it is not sent, so the registry still asks.
  await assert.rejects(client(locked.host, 'auth/env', cleanEnv(dir, { GITHUB_TOKEN: PASSWORD })).tags(), /asks for credentials \(401\) and none were found; set SQLITE_SNAPSHOT_OCI_USERNAME and SQLITE_SNAPSHOT_OCI_PASSWORD, or run "docker login/);
});

test('an expired token is fetched anew, not taken for refused credentials', async (t) => {
  const front = await startRegistryProxy(locked.url);
  t.after(() => front.stop());
  const c = client(front.host, 'auth/expiry', cleanEnv(tempDir(t), { SQLITE_SNAPSHOT_OCI_USERNAME: USER, SQLITE_SNAPSHOT_OCI_PASSWORD: PASSWORD }));
  await pushArtifact(c, 'v1', Buffer.from('expiry'));
  const granted = locked.tokens.granted;
  front.inject('expire', 'GET', /\/tags\/list$/);
  assert.deepEqual(await c.tags(), ['v1']);
  assert.equal(front.pending(), 0);
  assert.equal(locked.tokens.granted, granted + 1);
});

test('wrong or missing credentials: one line naming what to set, never the secret', async (t) => {
  const dir = tempDir(t);
  const wrong = 'wrong-secret-value';
  const err = await client(locked.host, 'auth/wrong', cleanEnv(dir, { SQLITE_SNAPSHOT_OCI_USERNAME: USER, SQLITE_SNAPSHOT_OCI_PASSWORD: wrong })).tags().catch((e: unknown) => e);
  assert.ok(err instanceof SnapshotError);
  assert.equal(err.kind, 'bad-input');
  assert.match(err.message, /refused the credentials from SQLITE_SNAPSHOT_OCI_USERNAME \(401 from the token service\)/);
  assert.doesNotMatch(err.message, new RegExp(wrong));
  assert.doesNotMatch(err.message, /\n/);

  await assert.rejects(client(locked.host, 'auth/wrong', cleanEnv(dir, { SQLITE_SNAPSHOT_OCI_USERNAME: USER })).tags(), /set both/);

  const home = tempDir(t);
  mkdirSync(path.join(home, 'docker'));
  writeFileSync(path.join(home, 'docker', 'config.json'), JSON.stringify({ auths: {}, credsStore: 'desktop' }));
  await assert.rejects(client(locked.host, 'auth/wrong', cleanEnv(home)).tags(), /keeps the credentials for 127\.0\.0\.1:\d+ in the credential helper "docker-credential-desktop", which sqlite-snapshot does not run; set SQLITE_SNAPSHOT_OCI_USERNAME/);
});

test('faults: 503, 429 and resets are retried, on uploads and downloads alike', async (t) => {
  const c = client(proxy.host, 'client/faults', cleanEnv(tempDir(t)));
  const data = Buffer.alloc(200_000, 3);
  proxy.inject('503', 'POST', /\/blobs\/uploads\/$/);
  proxy.inject('reset', 'PUT', /\/blobs\/uploads\//);
  proxy.inject('429', 'HEAD', /\/blobs\//);
  await pushArtifact(c, 'faulty', data);
  assert.equal(proxy.pending(), 0);
  assert.ok(c.stats.retries >= 3, `retries: ${c.stats.retries}`);
  proxy.inject('503', 'GET', /\/tags\/list$/);
  assert.deepEqual(await c.tags(), ['faulty']);
  assert.equal(proxy.pending(), 0);
});

test('plain HTTP only for loopback registries or when asked', () => {
  assert.equal(parseRegistryRef(new URL('oci://127.0.0.1:5000/a/b')).origin, 'http://127.0.0.1:5000');
  assert.equal(parseRegistryRef(new URL('oci://localhost:5000/a')).origin, 'http://localhost:5000');
  assert.equal(parseRegistryRef(new URL('oci://ghcr.io/o/r')).origin, 'https://ghcr.io');
  assert.equal(parseRegistryRef(new URL('oci://registry.lan:5000/o/r'), '--store', { SQLITE_SNAPSHOT_OCI_PLAIN_HTTP: '1' }).origin, 'http://registry.lan:5000');
  assert.equal(parseRegistryRef(new URL('oci://docker.io/me/snaps')).origin, 'https://registry-1.docker.io');
  assert.throws(() => parseRegistryRef(new URL('oci://ghcr.io/Owner/Snaps')), /not a valid repository name/);
  assert.throws(() => parseRegistryRef(new URL('oci://ghcr.io')), /names no repository/);
  assert.throws(() => parseRegistryRef(new URL('oci://user:secret@ghcr.io/o/r')), (e: Error) => /must not hold credentials/.test(e.message) && !e.message.includes('secret'));
});

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, mock, test } from 'node:test';
import { SnapshotError } from '../../src/engine/common/errors.ts';
import { HOST_TAG } from '../../src/engine/common/process-tag.ts';
import { restoreSnapshot, restoreStreamed } from '../../src/engine/restore/restore.ts';
import { createSnapshot, type SnapshotOptions } from '../../src/engine/snapshot/snapshot.ts';
import { OciStore, ociStore } from '../../src/store/oci/oci.ts';
import { ARTIFACT_TYPE, EMPTY_CONFIG, TITLE } from '../../src/store/oci/layout.ts';
import { type Registry, startRegistry } from '../e2e/helpers/registry.ts';
import { type RegistryProxy, startRegistryProxy } from '../e2e/helpers/registry-proxy.ts';
import { ACCOUNTS, START_BALANCE, bankTotal, makeBank, sha256File, tempDir } from '../helpers/db.ts';

let registry: Registry;
let proxy: RegistryProxy;

before(async () => {
  registry = await startRegistry();
  proxy = await startRegistryProxy(registry.url);
});
after(async () => {
  await proxy?.stop();
  await registry?.stop();
});

/** A store as one CLI process would have it: its own client, so its upload counts are its own. */
function storeAt(t: { after: (fn: () => void) => void }, repo: string, host = registry.host): OciStore {
  return ociStore(new URL(`oci://${host}/${repo}`), '--store', { env: { HOME: tempDir(t) }, tempRoot: tempDir(t) });
}

async function snapshotTo(store: OciStore, name: string, db: string, opts: SnapshotOptions = {}) {
  const staging = await store.begin(name);
  try {
    await createSnapshot([db], staging.dir, name, opts);
    return await staging.commit();
  } catch (err) {
    await staging.abort();
    throw err;
  }
}

function blobFile(digest: string): string {
  const hex = digest.replace('sha256:', '');
  return path.join(registry.storage, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}

async function registryJson(repo: string, ref: string): Promise<{ artifactType: string; config: { digest: string }; layers: { digest: string; size: number; mediaType: string; annotations: Record<string, string> }[] }> {
  const res = await fetch(`${registry.url}/v2/${repo}/manifests/${ref}`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
  return (await res.json()) as never;
}

test('a generation is an OCI artifact oras can pull: empty config, one titled layer per file, tagged <name>_<generation>', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 300 });
  const published = await snapshotTo(storeAt(t, 'store/layout'), 'app', db);
  assert.match(published.location, new RegExp(`^oci://${registry.host}/store/layout:app_\\d{8}T\\d{6}\\.\\d{3}Z$`));
  const m = await registryJson('store/layout', `app_${published.generation}`);
  assert.equal(m.artifactType, ARTIFACT_TYPE);
  assert.equal(m.config.digest, EMPTY_CONFIG.digest);
  assert.deepEqual(m.layers.map((l) => l.annotations[TITLE]), ['manifest.json', 'bank.db.zst']);
  assert.equal(m.layers[1]?.mediaType, 'application/vnd.sqlite-snapshot.database.v1+zstd');
  // What `oras pull` would write: each layer's blob under its title.
  const snapshot = JSON.parse(readFileSync(blobFile(m.layers[0]?.digest as string), 'utf8'));
  assert.equal(snapshot.databases[0].storedSha256, (m.layers[1]?.digest as string).slice(7));
});

test('round trip: list, open to files, and a restore that decodes while it downloads', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 800, walTransfers: 50 });
  const store = storeAt(t, 'store/roundtrip');
  const first = await snapshotTo(store, 'bank', db);
  const gens = await store.list('bank');
  assert.deepEqual(gens.map((g) => g.generation), [first.generation]);

  const opened = await store.open('bank');
  const fromFiles = path.join(dir, 'files.db');
  await restoreSnapshot(opened.dir, [fromFiles]);
  await opened.close();
  assert.equal(existsSync(opened.dir), false);

  const stream = await store.openStream('bank');
  assert.ok(stream);
  const streamed = path.join(dir, 'streamed.db');
  await restoreStreamed(stream.snapshot, [streamed]);
  await stream.close();
  assert.equal(sha256File(streamed), sha256File(fromFiles));
  assert.equal(bankTotal(streamed).total, ACCOUNTS * START_BALANCE);

  // gzip is decoded only from files: openStream says so, and open() serves it.
  await snapshotTo(store, 'gz', db, { compression: 'gzip' });
  assert.equal(await store.openStream('gz'), undefined);
});

test('content addressing: a snapshot of an unchanged database uploads its manifest and nothing else', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 2000 });
  const first = await snapshotTo(storeAt(t, 'store/dedup'), 'bank', db);
  assert.equal(first.details?.['blobsUploaded'], 3, 'config, manifest.json and the database');
  const second = await snapshotTo(storeAt(t, 'store/dedup'), 'bank', db);
  assert.equal(second.details?.['blobsUploaded'], 1, 'only manifest.json, whose time differs');
  assert.equal(second.details?.['blobsSkipped'], 2);
  assert.ok(Number(second.details?.['bytesUploaded']) < 4096);
});

test('prune deletes manifests only; after the registry\'s garbage collection every kept generation still restores', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 500 });
  const store = storeAt(t, 'store/prune');
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    if (i === 2) makeBank(path.join(dir, 'other.db'));
    ids.push((await snapshotTo(store, 'bank', i < 2 ? db : path.join(dir, 'other.db'))).generation);
  }
  const plan = await store.prune('bank', { keep: 2 });
  assert.deepEqual(plan.remove.map((r) => r.generation), ids.slice(0, 2));
  assert.deepEqual((await store.list('bank')).map((g) => g.generation), ids.slice(2));
  await registry.garbageCollect();
  for (const generation of ids.slice(2)) {
    const opened = await store.open('bank', { generation });
    await restoreSnapshot(opened.dir, [path.join(dir, `back-${generation}.db`)]);
    await opened.close();
  }
});

test('a download cut a few times resumes where it broke; one damaged or cut for good is refused, the target untouched', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 3000 });
  const store = storeAt(t, 'store/damaged', proxy.host);
  const published = await snapshotTo(store, 'bank', db);
  const target = path.join(dir, 'target.db');
  const restoreWith = async (...faults: ('corrupt' | 'reset' | 'truncate' | 'norange')[]): Promise<void> => {
    const opened = await store.openStream('bank');
    assert.ok(opened);
    // Injected once the stream is open: the next blob GETs are the database's.
    for (const f of faults) proxy.inject(f, 'GET', /\/blobs\/sha256:/);
    try {
      await restoreStreamed(opened.snapshot, [target], { force: true });
    } finally {
      await opened.close();
      while (proxy.pending() > 0) await fetch(`http://${proxy.host}/v2/store/damaged/blobs/${EMPTY_CONFIG.digest}`);
    }
  };

  await restoreWith('reset', 'truncate');
  assert.equal(bankTotal(target).total, ACCOUNTS * START_BALANCE);
  // Resumed from a registry that ignores the range: the blob comes whole again, its start is skipped.
  await restoreWith('reset', 'norange');
  assert.equal(bankTotal(target).total, ACCOUNTS * START_BALANCE);
  writeFileSync(target, 'old bytes, not a database');
  const before = sha256File(target);

  await assert.rejects(restoreWith('corrupt'), (e: Error) => e instanceof SnapshotError && e.kind === 'corrupt' && /damaged/.test(e.message));
  assert.equal(sha256File(target), before);
  await assert.rejects(restoreWith(...Array<'reset'>(7).fill('reset')), /cut short or failed/);
  assert.equal(sha256File(target), before);

  // A blob damaged in the registry's own storage is refused just the same, streamed or to files.
  const layer = (await registryJson('store/damaged', `bank_${published.generation}`)).layers[1] as { digest: string };
  const bytes = readFileSync(blobFile(layer.digest));
  const mid = Math.floor(bytes.length / 2);
  bytes.writeUInt8((bytes.readUInt8(mid) ^ 0xff) & 0xff, mid);
  writeFileSync(blobFile(layer.digest), bytes);
  await assert.rejects(restoreWith(), /damaged/);
  await assert.rejects(store.open('bank'), /do not match the layer's digest/);
  assert.equal(sha256File(target), before);
});

test('two writers committing in the same millisecond both keep their generation', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 200 });
  const stagings = await Promise.all([storeAt(t, 'store/race').begin('bank'), storeAt(t, 'store/race').begin('bank')]);
  for (const s of stagings) await createSnapshot([db], s.dir, 'bank');
  mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-12-01T10:00:00.000Z') });
  let published;
  try {
    published = await Promise.all(stagings.map((s) => s.commit()));
  } finally {
    mock.timers.reset();
  }
  assert.deepEqual(published.map((p) => p.generation).sort(), ['20261201T100000.000Z', '20261201T100000.000Z-1']);
  assert.equal((await storeAt(t, 'store/race').list('bank')).length, 2);
});

/**
 * A bank snapshotted through the proxy, which refuses the first PUT to `at` (of at least `minBytes`)
 * with 400 DIGEST_INVALID; what was published, and the bank's total restored from it.
 */
async function publishedThroughRefusal(t: { after: (fn: () => void) => void }, repo: string, at: RegExp, minBytes = 0) {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 300 });
  const store = storeAt(t, repo, proxy.host);
  proxy.inject('digest-invalid', 'PUT', at, minBytes);
  const published = await snapshotTo(store, 'bank', db);
  assert.equal(proxy.pending(), 0, 'the refusal was served');
  const target = path.join(dir, 'target.db');
  const opened = await store.open('bank', { generation: published.generation });
  await restoreSnapshot(opened.dir, [target]);
  await opened.close();
  return { store, published, total: bankTotal(target).total };
}

test('a blob upload refused as DIGEST_INVALID is tried again; the generation is whole', async (t) => {
  // The first PUT that closes an upload of more than a few KiB: the database's blob.
  const { total } = await publishedThroughRefusal(t, 'store/digest-race', /\/blobs\/uploads\//, 4096);
  assert.equal(total, ACCOUNTS * START_BALANCE);
});

test('a manifest refused as DIGEST_INVALID (another writer\'s PUT to the same tag at once) takes the next tag; the generation is whole', async (t) => {
  const { store, published, total } = await publishedThroughRefusal(t, 'store/tag-race', /\/manifests\//);
  assert.match(published.generation, /-1$/, 'the next id of the same millisecond');
  assert.deepEqual((await store.list('bank')).map((g) => g.generation), [published.generation]);
  assert.equal(total, ACCOUNTS * START_BALANCE);
});

test('verification records, summaries and leftovers of crashed runs', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 100 });
  const temp = tempDir(t);
  const store = ociStore(new URL(`oci://${registry.host}/store/summary`), '--store', { env: { HOME: dir }, tempRoot: temp });
  const p = await snapshotTo(store, 'bank', db);
  await store.recordVerification('bank', p.generation, { ok: true, check: 'full', verifiedAt: new Date().toISOString(), by: 'verify', problems: [] });
  const [s] = await store.summarize('bank');
  assert.equal(s?.verified?.check, 'full');
  assert.equal(s?.databases[0]?.name, 'bank.db');
  assert.equal(s?.rawSize, readFileSync(db).length);
  // A crashed process's staging directory (pid 2^22+1 is never alive here) is swept.
  const dead = path.join(temp, 'sqlite-snapshot-oci', `.staging-${HOST_TAG}-4194305-x`);
  mkdirSync(dead, { recursive: true });
  assert.deepEqual(await store.sweep('bank'), [path.basename(dead)]);
  assert.deepEqual(readdirSync(path.dirname(dead)), []);
});

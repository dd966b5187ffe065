import assert from 'node:assert/strict';
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { takeGeneration } from '../../../src/api/take.ts';
import { SnapshotError } from '../../../src/engine/common/errors.ts';
import { MANIFEST_FILE } from '../../../src/engine/manifest/manifest.ts';
import { restoreStreamed } from '../../../src/engine/restore/restore.ts';
import { createSnapshot } from '../../../src/engine/snapshot/snapshot.ts';
import type { HistoryStore, Staging } from '../../../src/store/store.ts';
import { ACCOUNTS, START_BALANCE, bankTotal, tempDir } from '../../helpers/db.ts';
import { waitFor } from '../../helpers/history.ts';
import { makeBigBank } from './big-bank.ts';
import { FaultProxy } from './fault-proxy.ts';

type Req = { method: string; url: string };

/** A real server, reached through a FaultProxy, and what its requests of a streamed upload look like. */
export interface StreamingServer {
  origin: string;
  /** A store at a fresh prefix (or repository), reached at `via` (the proxy's URL), staging under `tempRoot`. */
  store(via: string, prefix: string, tempRoot: string): HistoryStore;
  /** Every object (or tag) under the prefix, as the service lists them. */
  visible(prefix: string): Promise<string[]>;
  /** The first part of a streamed data file: its size and the request that sends a part. */
  partSize: number;
  isPart(r: Req): boolean;
  /** The request that makes the parts one visible object (`before`: the requests before it). */
  isComplete(r: Req, before: Req[]): boolean;
  /** The request that drops a streamed upload (S3's AbortMultipartUpload, the registry's DELETE); none for Azure, whose uncommitted blocks are invisible and expire. */
  isAbort?(r: Req): boolean;
  throttleBody(status: number): string;
  /** The store reserves a generation with an in-flight marker that a sweep reads (object stores; not OCI, whose tags need no sweep). */
  markers: boolean;
  stop(): Promise<void>;
}

/**
 * A stored file written into a staging as the engine writes one, step by step at the test's
 * pace: appended under a temp name (the store told at once), renamed whole, then `done`; the
 * snapshot's manifest (from `snap`) beside it, as createSnapshot writes it last.
 */
function writeAsTheEngine(staging: Staging, snap: string, file: string): { write(bytes: Buffer, position: number): void; whole(): void } {
  const writing = path.join(staging.dir, `.${file}.writing`);
  const final = path.join(staging.dir, file);
  let finish = (): void => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const fd = openSync(writing, 'wx');
  // Object stores upload as the file grows and never wait for `copied`.
  const copied = new Promise<never>(() => undefined);
  staging.onStoredFile?.({ file, compression: 'zstd', path: final, writing, sourceSize: 0, copied, done });
  return {
    write: (bytes, position) => void writeSync(fd, bytes, 0, bytes.length, position),
    whole: () => {
      closeSync(fd);
      renameSync(writing, final);
      finish();
      copyFileSync(path.join(snap, MANIFEST_FILE), path.join(staging.dir, MANIFEST_FILE));
    },
  };
}

/** The generation restores, decoded as it downloads, to a bank whose books balance. */
async function restoresWhole(store: HistoryStore, generation: string, target: string): Promise<void> {
  const opened = await store.openStream?.('bank', { generation });
  assert.ok(opened);
  try {
    await restoreStreamed(opened.snapshot, [target]);
  } finally {
    await opened.close();
  }
  assert.equal(bankTotal(target).total, ACCOUNTS * START_BALANCE);
}

/** Every file under a directory, however deep: a temp root must hold none after a run. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * Issue 23's streaming guarantee for one backend: a data file is uploaded while the engine writes
 * it, and a snapshot that fails once its upload has begun leaves nothing visible and nothing in
 * the temp root. Each test makes the order of events certain instead of timing it: the test
 * writes the growing file itself and waits for the server to see a part before finishing it, or
 * it withholds commit() until the server has the whole file.
 */
export function streamingSuite(label: string, start: () => Promise<StreamingServer>): void {
  let server: StreamingServer;
  let proxy: FaultProxy;
  let n = 0;
  before(async () => {
    server = await start();
    proxy = await FaultProxy.start(server.origin, (s) => server.throttleBody(s));
  });
  after(async () => {
    await proxy?.stop();
    await server?.stop();
  });
  const fresh = (t: { after: (fn: () => void) => void }): { store: HistoryStore; prefix: string; tempRoot: string } => {
    const prefix = `s${process.pid}-${++n}`;
    const tempRoot = tempDir(t);
    return { store: server.store(proxy.url, prefix, tempRoot), prefix, tempRoot };
  };
  const count = (pick: (r: Req, before: Req[]) => boolean): number => proxy.requests.filter((r, i) => pick(r, proxy.requests.slice(0, i))).length;

  /** A bank stored as three parts and more (random bytes do not compress), and its snapshot made by the engine into `snap`. */
  const bank = async (t: { after: (fn: () => void) => void }): Promise<{ dir: string; db: string; snap: string; file: string; bytes: Buffer }> => {
    const dir = tempDir(t);
    const db = path.join(dir, 'bank.db');
    makeBigBank(db, Math.ceil((3 * server.partSize) / (1 << 20)));
    const snap = path.join(dir, 'snap');
    mkdirSync(snap);
    await createSnapshot([db], snap, 'bank');
    const file = 'bank.db.zst';
    const bytes = readFileSync(path.join(snap, file));
    assert.ok(bytes.length > 2 * server.partSize, `stored ${bytes.length} bytes: more than two parts`);
    return { dir, db, snap, file, bytes };
  };

  test(`${label}: a data file is uploaded as it grows: the server has its first part before the file is whole`, async (t) => {
    const src = await bank(t);
    const { bytes } = src;
    const { store, prefix, tempRoot } = fresh(t);
    proxy.reset();
    const staging = await store.begin('bank');
    assert.ok(staging.onStoredFile, 'the store uploads while the engine writes');
    const w = writeAsTheEngine(staging, src.snap, src.file);
    const firstCut = server.partSize + 4096;
    w.write(bytes.subarray(0, firstCut), 0);
    await waitFor('the first part at the server', () => count(server.isPart) >= 1);
    assert.equal(count(server.isComplete), 0);
    w.write(bytes.subarray(firstCut), firstCut);
    w.whole();
    const published = await staging.commit();
    // Each part sent once, and no second, whole copy at commit.
    assert.equal(count(server.isPart), Math.ceil(bytes.length / server.partSize));
    assert.equal(count(server.isComplete), 1);
    assert.deepEqual(filesUnder(tempRoot), [], 'the staging directory is gone');

    await restoresWhole(store, published.generation, path.join(src.dir, 'restored.db'));
    assert.ok((await server.visible(prefix)).length > 0);
  });

  test(`${label}: the engine's snapshot is in the store before commit(), which then sends only the manifest`, async (t) => {
    const src = await bank(t);
    const { store, tempRoot } = fresh(t);
    proxy.reset();
    const staging = await store.begin('bank');
    const manifest = await createSnapshot([src.db], staging.dir, 'bank', { durable: false, ...(staging.onStoredFile ? { onStoredFile: staging.onStoredFile.bind(staging) } : {}) });
    // Not committed yet: had the upload waited for commit(), no part would ever arrive here.
    await waitFor('the whole data file at the server', () => count(server.isComplete) >= 1);
    const parts = count(server.isPart);
    assert.equal(parts, Math.ceil((manifest.databases[0]?.storedSize ?? 0) / server.partSize));
    const published = await staging.commit();
    assert.equal(count(server.isPart), parts, 'commit sent no data again');
    await restoresWhole(store, published.generation, path.join(src.dir, 'restored.db'));
    assert.deepEqual(filesUnder(tempRoot), []);
  });

  test(`${label}: a sweep that lists an upload in flight and reads its marker only after the upload committed leaves the new generation whole`, async (t) => {
    if (!server.markers) return t.skip('no in-flight markers: nothing for a sweep to race');
    const src = await bank(t);
    const { store } = fresh(t);
    proxy.reset();
    const staging = await store.begin('bank');
    await createSnapshot([src.db], staging.dir, 'bank', { durable: false, ...(staging.onStoredFile ? { onStoredFile: staging.onStoredFile.bind(staging) } : {}) });
    await waitFor('the data file at the server', () => count(server.isComplete) >= 1);
    // Another run's sweep (every snapshot sweeps first) sees the data and the marker; its read of
    // the marker arrives only after this upload committed, which removed the marker.
    let committed = (): void => {};
    proxy.add({ match: (req) => req.method === 'GET' && (req.url ?? '').includes('.upload.json'), fault: { kind: 'wait', until: new Promise<void>((resolve) => (committed = resolve)) } });
    const sweeping = store.sweep('bank');
    await waitFor("the sweep's read of the marker", () => proxy.injected.some((i) => i.fault === 'wait'));
    const published = await staging.commit();
    committed();
    assert.deepEqual(await sweeping, [], 'nothing swept');
    await restoresWhole(store, published.generation, path.join(src.dir, 'restored.db'));
  });

  test(`${label}: bytes that changed after the upload read them (not what the manifest records) are sent again whole at commit`, async (t) => {
    const src = await bank(t);
    const { bytes } = src;
    const { store } = fresh(t);
    proxy.reset();
    const staging = await store.begin('bank');
    const w = writeAsTheEngine(staging, src.snap, src.file);
    // The first 4 KiB left as a hole of zeros, as a write landing out of order would leave it.
    const firstCut = server.partSize + 4096;
    w.write(bytes.subarray(4096, firstCut), 4096);
    await waitFor('the part with the hole at the server', () => count(server.isPart) >= 1);
    w.write(bytes.subarray(0, 4096), 0);
    w.write(bytes.subarray(firstCut), firstCut);
    w.whole();
    const published = await staging.commit();
    // The streamed object held zeros: only the copy sent again from the staged file restores.
    await restoresWhole(store, published.generation, path.join(src.dir, 'restored.db'));
  });

  test(`${label}: a snapshot that fails once its upload has begun publishes nothing and leaves no temp files`, async (t) => {
    const src = await bank(t);
    const { bytes } = src;
    const { store, prefix, tempRoot } = fresh(t);
    proxy.reset();
    // The second part is held: the failure lands while the upload is under way.
    proxy.add({ match: (req) => server.isPart({ method: req.method ?? '', url: req.url ?? '' }), fault: { kind: 'hold' }, times: 100 });
    const staging = await store.begin('bank');
    const writing = path.join(staging.dir, `.${src.file}.writing`);
    let fail = (_err: Error): void => {};
    const done = new Promise<void>((_resolve, reject) => (fail = reject));
    writeFileSync(writing, bytes.subarray(0, 2 * server.partSize + 4096));
    staging.onStoredFile?.({ file: src.file, compression: 'zstd', path: path.join(staging.dir, src.file), writing, sourceSize: bytes.length, copied: new Promise<never>(() => undefined), done });
    await waitFor('a part held at the server', () => proxy.holding >= 1);
    // What the engine does when the source fails its check: the file goes, `done` rejects, the caller aborts.
    fail(new Error('the source failed its integrity check'));
    await staging.abort();
    // A parted upload that can be dropped was dropped; Azure's uncommitted blocks are invisible and expire.
    if (server.isAbort) assert.equal(count(server.isAbort), 1, JSON.stringify(proxy.requests));
    proxy.reset();
    assert.deepEqual(await server.visible(prefix), []);
    assert.deepEqual(await store.list('bank'), []);
    assert.deepEqual(filesUnder(tempRoot), []);
  });

  test(`${label}: a source that fails its integrity check while its upload runs: nothing visible, no temp files`, async (t) => {
    const src = await bank(t);
    // A b-tree page of the bank's tables damaged: the copy (and its upload) runs while the check
    // reads, and the check refuses it; how far the upload got by then is not fixed, what is left is.
    const fd = openSync(src.db, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, 5 * 4096 + 8);
    closeSync(fd);
    const { store, prefix, tempRoot } = fresh(t);
    proxy.reset();
    await assert.rejects(
      takeGeneration(store, 'bank', [src.db], { snapshot: { check: 'full' }, verify: false, retention: {}, lockTimeoutMs: 0, by: 'test' }),
      (e: unknown) => e instanceof SnapshotError && e.kind === 'corrupt',
    );
    assert.deepEqual(await server.visible(prefix), []);
    assert.deepEqual(filesUnder(tempRoot), []);
  });
}

// A caller's own Store through the API: one that streams its generations (openStream), one that
// reads again when a download arrives damaged (retryDamaged), one that reports details when it
// publishes; and restore's targets as a function of the manifest. Real databases and files; the
// store wraps a real LocalStore, and damage is a flipped byte on the way.
import assert from 'node:assert/strict';
import { promises as fsp, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CorruptError, LocalStore, type Manifest, type OpenedStream, type Selector, type Store, list, restore, snapshot } from '../../src/api/index.ts';
import { ACCOUNTS, START_BALANCE, bankTotal, makeBank, sha256File, tempDir } from '../helpers/db.ts';

const TOTAL = ACCOUNTS * START_BALANCE;

/** A LocalStore whose generations are read as streams; the first `damaged` reads flip a byte of each file in the middle. */
class StreamingStore implements Store {
  readonly description = 'a streaming test store';
  opens = 0;
  private readonly local: LocalStore;
  private damaged: number;
  constructor(local: LocalStore, damaged = 0) {
    this.local = local;
    this.damaged = damaged;
  }
  begin(name: string) {
    return this.local.begin(name);
  }
  open(name: string, select?: Selector) {
    return this.local.open(name, select);
  }
  list(name?: string) {
    return this.local.list(name);
  }
  async openStream(name: string, select?: Selector): Promise<OpenedStream> {
    this.opens++;
    const opened = await this.local.open(name, select);
    const manifest = JSON.parse(readFileSync(path.join(opened.dir, 'manifest.json'), 'utf8')) as Manifest;
    const flip = this.damaged-- > 0;
    const handles: fsp.FileHandle[] = [];
    const files = async function* () {
      for (const e of manifest.databases) {
        const fh = await fsp.open(path.join(opened.dir, e.file), 'r');
        handles.push(fh);
        let pos = 0;
        const middle = Math.floor(e.storedSize / 2);
        const source = {
          read: async (buf: Buffer, offset: number, length: number): Promise<number> => {
            const { bytesRead } = await fh.read(buf, offset, length, pos);
            if (flip && middle >= pos && middle < pos + bytesRead) buf.writeUInt8(buf.readUInt8(offset + middle - pos) ^ 0xff, offset + middle - pos);
            pos += bytesRead;
            return bytesRead;
          },
        };
        yield { file: e.file, source };
      }
    };
    return {
      name,
      generation: opened.generation,
      snapshot: { manifest, label: `generation ${opened.generation} of ${name}`, files: files() },
      close: async () => {
        for (const fh of handles) await fh.close();
        await opened.close();
      },
    };
  }
}

/** The same store, reading once more when a read fails as corrupt, as ReleaseStore does. */
class RetryingStore extends StreamingStore {
  async retryDamaged<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof CorruptError)) throw err;
      return read();
    }
  }
}

async function bankIn(t: { after: (fn: () => void) => void }): Promise<{ dir: string; db: string; local: LocalStore }> {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 2000, walTransfers: 20 });
  const local = new LocalStore(path.join(dir, 'store'));
  await snapshot(db, { store: local, name: 'bank' });
  return { dir, db, local };
}

test('restore() decodes a store that offers openStream as it reads, with targets chosen from the manifest', async (t) => {
  const { dir, local } = await bankIn(t);
  const store = new StreamingStore(local);
  const seen: string[] = [];
  const done = await restore({
    store,
    name: 'bank',
    to: (m) => {
      seen.push(...m.databases.map((d) => d.name));
      return m.databases.map((d) => `${d.name}=${path.join(dir, 'restored', d.name)}`);
    },
  });
  assert.equal(done.streamed, true, 'read through openStream');
  assert.equal(store.opens, 1);
  assert.deepEqual(seen, ['bank.db'], 'the function was given the manifest');
  assert.deepEqual(done.manifest.databases.map((d) => d.name), ['bank.db']);
  assert.equal(bankTotal(path.join(dir, 'restored', 'bank.db')).total, TOTAL);
  // A LocalStore has no openStream: the same restore reads files.
  const plain = await restore({ store: local, name: 'bank', to: path.join(dir, 'plain.db') });
  assert.equal(plain.streamed, false);
  assert.deepEqual(plain.manifest, done.manifest);
});

test('a download damaged once is read again through retryDamaged; without it, the restore fails and the target stays', async (t) => {
  const { dir, db, local } = await bankIn(t);
  const target = path.join(dir, 'target.db');
  makeBank(target, { fillerRows: 10 });
  const before = sha256File(target);

  const plain = new StreamingStore(local, 1);
  await assert.rejects(restore({ store: plain, name: 'bank', to: target }), CorruptError);
  assert.equal(plain.opens, 1);
  assert.equal(sha256File(target), before, 'a failed restore leaves the target untouched');

  const retrying = new RetryingStore(local, 1);
  const done = await restore({ store: retrying, name: 'bank', to: target });
  assert.equal(retrying.opens, 2, 'read once more');
  assert.equal(done.streamed, true);
  assert.deepEqual(bankTotal(target), bankTotal(db));

  const twice = new RetryingStore(local, 2);
  await assert.rejects(restore({ store: twice, name: 'bank', to: target }), CorruptError);
  assert.equal(twice.opens, 2, 'no third read');
});

test("snapshot() returns the store's details and, with retention, what was kept; by names the verification's author", async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { fillerRows: 10 });
  const local = new LocalStore(path.join(dir, 'store'));
  // A store of our own that reports what it published (as the artifact store reports an id and a digest).
  const reporting: Store = {
    description: 'a reporting test store',
    begin: async (name) => {
      const staging = await local.begin(name);
      return { dir: staging.dir, abort: () => staging.abort(), commit: async () => ({ ...(await staging.commit()), details: { uploadId: 42 } }) };
    },
    open: (name, select) => local.open(name, select),
    list: (name) => local.list(name),
  };
  const reported = await snapshot(db, { store: reporting, name: 'bank' });
  assert.deepEqual(reported.details, { uploadId: 42 });
  assert.equal(reported.kept, undefined, 'no retention, nothing said about what was kept');

  const second = await snapshot(db, { store: local, name: 'bank', by: 'nightly-job' });
  const third = await snapshot(db, { store: local, name: 'bank', keep: 2, by: 'nightly-job', verify: 'checksums' });
  assert.deepEqual(third.kept, [second.generation, third.generation]);
  assert.deepEqual(third.pruned.map((p) => p.generation), [reported.generation]);
  assert.equal(third.verification?.by, 'nightly-job');
  assert.equal((await list({ store: local, name: 'bank' })).generations.at(-1)?.verified?.by, 'nightly-job');
});

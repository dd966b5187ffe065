import { createReadStream, promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import { SnapshotError } from '../../engine/common/errors.ts';
import type { ObjectBackend, ObjectBody, ObjectInfo } from './backend.ts';
import { withRetries } from './retry.ts';

/** A manifest or record is a few KB; anything this big in its place is not one. */
const MAX_SMALL_OBJECT = 16 << 20;

/**
 * The operations the object stores (generations: store.ts, seeds: seeds.ts) make of a backend,
 * each retried with back-off (retry.ts) and named in messages by the store's URL.
 */
export class ObjectIO {
  readonly backend: ObjectBackend;

  constructor(backend: ObjectBackend) {
    this.backend = backend;
  }

  get description(): string {
    return this.backend.description;
  }

  list(prefix: string): Promise<ObjectInfo[]> {
    return withRetries(`listing ${this.description}`, () => this.backend.list(prefix));
  }

  /** A small object's text, or undefined when there is none. */
  async getText(key: string): Promise<string | undefined> {
    return withRetries(`reading ${this.description}/${key}`, async () => {
      let got;
      try {
        got = await this.backend.get(key);
      } catch (err) {
        if (err instanceof SnapshotError && err.kind === 'not-found') return undefined;
        throw err;
      }
      if (got.size > MAX_SMALL_OBJECT) {
        got.body.destroy();
        throw new SnapshotError('corrupt', `${this.description}/${key}: is ${got.size} bytes, too big for what it should hold; the store holds something else there`);
      }
      const chunks: Buffer[] = [];
      for await (const c of got.body as AsyncIterable<Buffer>) chunks.push(c);
      const body = Buffer.concat(chunks);
      if (body.length !== got.size) throw Object.assign(new Error(`the response ended at byte ${body.length} of ${got.size}`), { code: 'ECONNRESET' });
      return body.toString('utf8');
    });
  }

  /**
   * One small object in one request. `signal` stops the retries, never a request in flight: the
   * service may still store what a request cut on our side carried, after the delete that was to
   * discard it (seen with Azurite: a marker back after its snapshot had failed and been discarded).
   */
  async putSmall(key: string, text: string, opts: { ifNoneMatch?: boolean; signal?: AbortSignal } = {}): Promise<'ok' | 'exists'> {
    const buf = Buffer.from(text);
    const put = opts.ifNoneMatch ? { ifNoneMatch: true } : {};
    return withRetries(`writing ${this.description}/${key}`, () => this.backend.put(key, { size: buf.length, open: () => Readable.from([buf]) }, put), opts.signal);
  }

  async putFile(key: string, file: string, signal?: AbortSignal): Promise<void> {
    const { size } = await fsp.stat(file);
    const body: ObjectBody = { size, open: () => createReadStream(file, { highWaterMark: 1 << 20 }) };
    await withRetries(`uploading ${this.description}/${key}`, () => this.backend.put(key, body, signal ? { signal } : {}), signal);
  }

  async deleteKeys(keys: readonly string[]): Promise<void> {
    for (const key of keys) await withRetries(`deleting ${this.description}/${key}`, () => this.backend.delete(key));
  }
}

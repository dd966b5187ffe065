import type http from 'node:http';
import { SnapshotError, corrupt, oneLine } from '../../engine/common/errors.ts';
import type { ByteSource } from '../../engine/restore/zstd-restore.ts';
import type { RegistryClient } from './client.ts';

/** Times a download may break and resume before the read is given up. */
const RESUMES = 5;

/**
 * A blob read front to back as it downloads, for a restore that decodes while the data arrives
 * (restoreStreamed), or for a file being fetched. A connection that drops or a response that ends
 * early is resumed from the byte reached (a ranged GET; a registry that ignores the range sends
 * the blob from the start and the bytes already had are skipped), a few times, so a long download
 * survives a flaky network without starting over. Never more than `size` bytes are handed on;
 * what they are is proven downstream (the snapshot manifest's sha256, or the blob's digest).
 */
export class BlobReader implements ByteSource {
  private pos = 0;
  private res: http.IncomingMessage | undefined;
  private chunks: AsyncIterator<Buffer> | undefined;
  private skip = 0;
  private pending: Buffer = Buffer.alloc(0);
  private breaks = 0;
  private readonly client: RegistryClient;
  private readonly digest: string;
  private readonly size: number;
  private readonly label: string;

  constructor(client: RegistryClient, digest: string, size: number, label: string) {
    this.client = client;
    this.digest = digest;
    this.size = size;
    this.label = label;
  }

  async read(buf: Buffer, offset: number, length: number): Promise<number> {
    while (this.pending.length === 0) {
      if (this.pos >= this.size) return 0;
      await this.fill();
    }
    const n = Math.min(length, this.pending.length);
    this.pending.copy(buf, offset, 0, n);
    this.pending = this.pending.subarray(n);
    return n;
  }

  /** Stops the download, if it is still running. */
  close(): void {
    this.res?.destroy();
    this.res = undefined;
    this.chunks = undefined;
  }

  private async fill(): Promise<void> {
    try {
      if (!this.chunks) await this.open();
      const next = await (this.chunks as AsyncIterator<Buffer>).next();
      if (next.done) throw new Error(`the response ended at byte ${this.pos} of ${this.size}`);
      let chunk = next.value;
      if (this.skip > 0) {
        const drop = Math.min(this.skip, chunk.length);
        this.skip -= drop;
        chunk = chunk.subarray(drop);
      }
      // Never past the size the manifest gives: a blob that is longer is damage, caught downstream.
      if (chunk.length > this.size - this.pos) chunk = chunk.subarray(0, this.size - this.pos);
      this.pending = chunk;
      this.pos += chunk.length;
    } catch (err) {
      this.close();
      // The registry's own refusals (a blob gone, credentials) were already retried as they deserve.
      if (err instanceof SnapshotError) throw err;
      if (++this.breaks > RESUMES) {
        throw corrupt(`${this.label}: the download was cut short ${this.breaks} times (${oneLine(err)}); nothing was restored, try again`);
      }
    }
  }

  private async open(): Promise<void> {
    const { res, partial } = await this.client.blob(this.digest, this.pos);
    this.skip = partial ? 0 : this.pos;
    this.res = res;
    this.chunks = (res as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }
}

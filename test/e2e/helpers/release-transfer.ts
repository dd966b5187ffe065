import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { DownloadFault } from './release-faults.ts';
import { parseRange, type Pacer } from './release-wire.ts';

/**
 * How asset bytes move in the Releases emulator: kept on disk (a bench's 256 MiB asset must not
 * sit in the test's memory), received from an upload body and sent as a download, both streamed
 * and paced, and the signed storage URLs GitHub redirects downloads to.
 */

/** The emulator's storage: one file per asset, under a temp directory removed on close. */
export class AssetFiles {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'release-assets-'));

  path(key: string): string {
    return path.join(this.dir, key);
  }

  write(key: string, bytes: Buffer): void {
    writeFileSync(this.path(key), bytes);
  }

  read(key: string): Buffer {
    return readFileSync(this.path(key));
  }

  remove(key: string): void {
    rmSync(this.path(key), { force: true });
  }

  removeAll(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Resolves when `stream` can take more, or is gone (a reset client never drains). */
function drained(stream: NodeJS.WritableStream & { destroyed: boolean }): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Streams an upload body into `dest` at the pacer's rate, hashing it as it goes. `dropAfter`
 * drops the connection once that many bytes have arrived. Undefined when the body did not arrive
 * whole (dropped, aborted by the client, or not the declared length); the partial file is removed.
 */
export async function receiveBody(req: http.IncomingMessage, dest: string, declared: number, pacer: Pacer, dropAfter?: number): Promise<{ size: number; digest: string } | undefined> {
  const hash = createHash('sha256');
  const out = createWriteStream(dest);
  let got = 0;
  let whole = true;
  pacer.begin();
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      hash.update(chunk);
      got += chunk.length;
      if (!out.write(chunk)) await drained(out);
      if (dropAfter !== undefined && got >= dropAfter) {
        req.socket.destroy();
        whole = false;
        break;
      }
      await pacer.take(chunk.length);
    }
  } catch {
    whole = false;
  } finally {
    pacer.end();
  }
  await new Promise((resolve) => out.end(resolve));
  if (!whole || got !== declared) {
    rmSync(dest, { force: true });
    return undefined;
  }
  return { size: got, digest: `sha256:${hash.digest('hex')}` };
}

/** An S3-style XML error, what GitHub's signed storage answers with. */
export function sendS3Error(res: http.ServerResponse, status: number, code: string, message: string, headers: http.OutgoingHttpHeaders = {}): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml), ...headers });
  res.end(xml);
}

/** The page GitHub has been seen to serve, status 200, in place of an asset. */
const UNICORN = '<!DOCTYPE html>\n<html><head><title>Unicorn! &middot; GitHub</title></head><body><p>No server is currently available to service your request.</p></body></html>\n';

export interface StoredBytes {
  file: string;
  size: number;
  name: string;
  etag: string;
  lastModified: Date;
}

/**
 * Sends an asset's bytes (a `Range` honoured: 206, or 416) at the pacer's rate, damaged as `fault`
 * says. Reads the file a chunk at a time, after the previous chunk has gone out.
 */
export async function sendBytes(req: http.IncomingMessage, res: http.ServerResponse, b: StoredBytes, pacer: Pacer, fault: DownloadFault | undefined): Promise<void> {
  if (fault === 'html-200') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(UNICORN) });
    return void res.end(UNICORN);
  }
  if (fault === '503') return sendS3Error(res, 503, 'SlowDown', 'Please reduce your request rate.', { 'retry-after': '1' });
  const range = parseRange(req.headers.range, b.size);
  if (range === 'unsatisfiable') return sendS3Error(res, 416, 'InvalidRange', 'The requested range is not satisfiable', { 'content-range': `bytes */${b.size}` });
  const start = range?.start ?? 0;
  const end = range?.end ?? b.size - 1;
  const length = end - start + 1;
  res.writeHead(range ? 206 : 200, {
    'content-type': 'application/octet-stream',
    'content-length': length,
    'accept-ranges': 'bytes',
    'content-disposition': `attachment; filename=${b.name}`,
    etag: b.etag,
    'last-modified': b.lastModified.toUTCString(),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${b.size}` } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  const stop = fault === 'cut' ? Math.floor(length / 2) : length;
  const flipAt = fault === 'flip-byte' ? Math.floor(length / 2) : -1;
  let sent = 0;
  pacer.begin();
  try {
    for await (const chunk of createReadStream(b.file, { start, end, highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      if (res.destroyed) return;
      let piece = chunk.subarray(0, stop - sent);
      if (flipAt >= sent && flipAt < sent + piece.length) {
        piece = Buffer.from(piece);
        piece[flipAt - sent] = (piece[flipAt - sent] as number) ^ 0xff;
      }
      if (!res.write(piece)) await drained(res);
      sent += piece.length;
      await pacer.take(piece.length);
      if (sent >= stop) break;
    }
  } catch {
    // The file went (its asset was deleted mid-download): the head is out, so the connection drops.
    return void res.destroy();
  } finally {
    pacer.end();
  }
  // A cut connection: what was written is flushed first, so the client sees a short body, not nothing.
  if (fault === 'cut') return void res.write(Buffer.alloc(0), () => res.socket?.destroy());
  res.end();
}

const AMZ_DATE = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Signed storage URLs in S3's query form: the path and every parameter but the signature are
 * signed, so a changed byte anywhere is refused; each URL lives `ttlSec` from when it was made.
 */
export class StorageSigner {
  private readonly key = randomBytes(32);
  /** Every signature handed out: none may reach a step's log. */
  readonly signatures: string[] = [];

  url(origin: string, objectPath: string, filename: string, ttlSec: number, at = new Date()): string {
    const u = new URL(objectPath, origin);
    u.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
    u.searchParams.set('X-Amz-Credential', `RELEASEEMULATOR/${AMZ_DATE(at).slice(0, 8)}/us-east-1/s3/aws4_request`);
    u.searchParams.set('X-Amz-Date', AMZ_DATE(at));
    u.searchParams.set('X-Amz-Expires', String(ttlSec));
    u.searchParams.set('X-Amz-SignedHeaders', 'host');
    u.searchParams.set('response-content-disposition', `attachment; filename=${filename}`);
    u.searchParams.set('response-content-type', 'application/octet-stream');
    const sig = this.sign(u);
    this.signatures.push(sig);
    u.searchParams.set('X-Amz-Signature', sig);
    return u.href;
  }

  /** Why a storage URL is refused, or undefined when it is good and unexpired. */
  check(u: URL, now = Date.now()): { code: string; message: string } | undefined {
    const sig = u.searchParams.get('X-Amz-Signature');
    if (!sig) return { code: 'AccessDenied', message: 'Access Denied' };
    const unsigned = new URL(u);
    unsigned.searchParams.delete('X-Amz-Signature');
    if (this.sign(unsigned) !== sig) return { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(u.searchParams.get('X-Amz-Date') ?? '');
    const made = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : 0;
    if (now > made + Number(u.searchParams.get('X-Amz-Expires')) * 1000) return { code: 'AccessDenied', message: 'Request has expired' };
    return undefined;
  }

  private sign(u: URL): string {
    const params = [...u.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return createHmac('sha256', this.key).update(`${u.pathname}\n${new URLSearchParams(params).toString()}`).digest('hex');
  }
}

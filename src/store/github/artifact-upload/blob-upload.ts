import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { Readable } from 'node:stream';
import { discard, readAll, send } from '../../oci/http.ts';
import { agentFor } from './agents.ts';
import { ArtifactNetworkError, asNetworkError, errnoCode } from './errors.ts';

/**
 * The zip sent to the signed upload URL the artifact service hands out (Azure Blob Storage's REST
 * API, what @azure/storage-blob's uploadStream speaks for the toolkit): a zip that ends within its
 * first block as one Put Blob, a larger one as blocks (Put Block, a few at a time) and then the
 * list that makes them the blob (Put Block List). Memory: the blocks in flight and the one
 * filling, whatever the zip's size. Each request is tried as the storage SDK tries it
 * (StorageRetryPolicy: 4 tries, 0 s, 4 s and 12 s apart) on a dropped or failed connection or a
 * 5xx answer; the content type is the blob's, which the download reads to decide to unzip.
 */

/** The toolkit's chunk size (getUploadChunkSize). */
const BLOCK_SIZE = 8 << 20;
/** Blocks sent at once: the toolkit's default concurrency. */
const IN_FLIGHT = 5;
/** The API version @azure/storage-blob 12.33 sends. */
const API_VERSION = '2026-06-06';
const TRIES = 4;
const RETRY_DELAY_MS = 4000;
const MAX_RETRY_DELAY_MS = 120_000;
const RETRIED_STATUS = new Set([500, 502, 503, 504]);

export interface BlobUploadOptions {
  contentType: string;
  /** Tests use smaller blocks to reach the block path with small files. */
  blockSize?: number;
}

export interface BlobUploaded {
  /** Bytes sent. */
  size: number;
  /** Hex sha256 of those bytes. */
  sha256: string;
}

/** Sends `data` as the blob at `url` (a SAS URL), hashing it on the way. */
export async function uploadBlob(url: string, data: AsyncIterable<Buffer>, opts: BlobUploadOptions): Promise<BlobUploaded> {
  const blockSize = opts.blockSize ?? BLOCK_SIZE;
  const hash = createHash('sha256');
  // Block ids: base64 of strings of one length, unique to this upload.
  const prefix = randomUUID();
  const ids: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let size = 0;
  // A block is the zip's chunks as they came (views where a chunk spans two blocks): copying
  // them into a block buffer first cost a first touch of fresh memory per page (~20 ms for an
  // 8 MiB snapshot's zip on this VM, profiled), for bytes that are sent once.
  let parts: Buffer[] = [];
  let fill = 0;

  const sendBlock = async (bytes: Buffer[]): Promise<void> => {
    const id = Buffer.from(`${prefix}-${String(ids.length).padStart(6, '0')}`).toString('base64');
    ids.push(id);
    const p = putBlock(url, id, bytes).catch((err: unknown) => void (failure ??= err));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    while (inFlight.size >= IN_FLIGHT && failure === undefined) await Promise.race(inFlight);
  };

  try {
    for await (const chunk of data) {
      hash.update(chunk);
      size += chunk.length;
      for (let at = 0; at < chunk.length; ) {
        const n = Math.min(chunk.length - at, blockSize - fill);
        parts.push(n === chunk.length ? chunk : chunk.subarray(at, at + n));
        fill += n;
        at += n;
        if (fill === blockSize) {
          await sendBlock(parts);
          parts = [];
          fill = 0;
        }
      }
      // Leaving the loop closes the zip stream, and with it the file it was reading.
      if (failure !== undefined) break;
    }
  } catch (err) {
    // The zip failed (a file unreadable): the blocks under way end before the error is reported.
    failure ??= err;
  }
  if (failure === undefined) {
    if (ids.length === 0) {
      await request('Put Blob', url, { 'x-ms-blob-type': 'BlockBlob', 'x-ms-blob-content-type': opts.contentType }, parts);
    } else {
      if (fill > 0) await sendBlock(parts);
      await Promise.all(inFlight);
      if (failure === undefined) await request('Put Block List', withQuery(url, 'comp=blocklist'), { 'x-ms-blob-content-type': opts.contentType, 'content-type': 'application/xml' }, [blockList(ids)]);
    }
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return { size, sha256: hash.digest('hex') };
}

function putBlock(url: string, id: string, bytes: Buffer[]): Promise<void> {
  return request('Put Block', withQuery(url, `comp=block&blockid=${encodeURIComponent(id)}`), {}, bytes);
}

function blockList(ids: string[]): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`);
}

/** The SAS URL with more query parameters, the SAS ones left exactly as signed. */
function withQuery(url: string, query: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/**
 * One PUT of `body` (buffers sent one after another), tried again as the storage SDK would. A URL
 * never reaches an error: it holds the signature.
 */
async function request(op: string, url: string, headers: Record<string, string>, body: Buffer[]): Promise<void> {
  const length = body.reduce((n, b) => n + b.length, 0);
  for (let attempt = 1; ; attempt++) {
    let failure: Error;
    let retry: boolean;
    try {
      const target = new URL(url);
      const res = await send({
        method: 'PUT',
        url: target,
        headers: { 'x-ms-version': API_VERSION, 'content-length': String(length), ...headers },
        body: () => (body.length === 1 ? (body[0] as Buffer) : Readable.from(body, { objectMode: false })),
        agent: agentFor(target),
      });
      if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) {
        discard(res);
        return;
      }
      failure = await statusError(op, res);
      retry = RETRIED_STATUS.has(res.statusCode ?? 0);
    } catch (err) {
      const code = errnoCode(err);
      failure = asNetworkError(err) ?? (code ? new ArtifactNetworkError(code, { cause: err }) : (err as Error));
      retry = true;
    }
    if (!retry || attempt >= TRIES) throw failure;
    await new Promise((r) => setTimeout(r, Math.min((2 ** (attempt - 1) - 1) * RETRY_DELAY_MS, MAX_RETRY_DELAY_MS)));
  }
}

/** The storage service's own words: its error code header and the message in its XML body. */
async function statusError(op: string, res: http.IncomingMessage): Promise<Error> {
  const text = (await readAll(res).catch(() => Buffer.alloc(0))).toString('utf8');
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]?.split('\n')[0];
  const code = res.headers['x-ms-error-code'];
  return new Error(`${op} answered ${res.statusCode ?? 0}${code ? ` ${String(code)}` : ''}${message ? `: ${message}` : ''}`);
}

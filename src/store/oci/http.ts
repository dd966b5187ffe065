import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

/** A request to a registry (or its token service, or where it redirects a blob download). */
export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  /** A fresh body for each attempt: a retry cannot re-read a stream that was half sent. */
  body?: () => Readable | Buffer;
  /** Cuts the request (a snapshot abandoned while its upload runs). */
  signal?: AbortSignal;
  /** Another connection pool than the shared keep-alive one (one that goes through a proxy, say). */
  agent?: http.Agent;
}

/**
 * A connection that neither sends nor receives for this long is cut (and the request retried):
 * a stalled registry must not hold a snapshot until the kernel gives up. Uploads of large blobs
 * keep the socket busy, and the registry answers as soon as it has the last byte.
 */
export const IDLE_TIMEOUT_MS = 120_000;

/** Network failures that are worth another try: the request may not have reached the registry. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** Sends one request and resolves with the response head; the caller reads or discards the body. */
export function send(req: HttpRequest): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const isHttps = req.url.protocol === 'https:';
    const body = req.body?.();
    const headers: Record<string, string> = { 'user-agent': 'sqlite-snapshot', ...req.headers };
    if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
    else if (!body && (req.method === 'PUT' || req.method === 'POST' || req.method === 'PATCH')) headers['content-length'] = '0';
    const r = (isHttps ? https : http).request(req.url, { method: req.method, headers, agent: req.agent ?? (isHttps ? agents.https : agents.http) });
    r.setTimeout(IDLE_TIMEOUT_MS, () => r.destroy(new NetworkError(`no answer for ${IDLE_TIMEOUT_MS / 1000} s`)));
    if (req.signal) {
      const signal = req.signal;
      const cut = (): void => void r.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (signal.aborted) cut();
      signal.addEventListener('abort', cut, { once: true });
      r.on('close', () => signal.removeEventListener('abort', cut));
    }
    r.on('response', resolve);
    r.on('error', (err: NodeJS.ErrnoException) => {
      if (body && !Buffer.isBuffer(body)) body.destroy();
      reject(err instanceof NetworkError ? err : new NetworkError(`${err.code ?? err.name}: ${err.message}`, { cause: err }));
    });
    if (!body) r.end();
    else if (Buffer.isBuffer(body)) r.end(body);
    else {
      // A body that cannot be read (its file vanished) fails the request, not the process.
      body.on('error', (err) => r.destroy(err));
      body.pipe(r);
    }
  });
}

/** The whole body of a response as bytes, at most `limit` of them (more is a protocol error). */
export async function readAll(res: http.IncomingMessage, limit = 4 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.destroy();
      throw new NetworkError(`the answer is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Lets a response go without reading it, so its connection can be reused or closed. */
export function discard(res: http.IncomingMessage): void {
  res.resume();
}

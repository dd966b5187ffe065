import { BlobSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters } from '@azure/storage-blob';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_ACCOUNT, DEV_KEY, type Azurite } from './azurite.ts';

/**
 * What the artifact and cache emulators share about their blob storage (Azurite): signed URLs as
 * GitHub hands them out, and a forwarder that stands between a client and Azurite, passing each
 * request on and, when a fault is queued, damaging the response as a flaky network would.
 */

/** Blob GET faults: `corrupt` flips one byte mid-body; `truncate` sends the first half with a
 * matching Content-Length (a complete but short response); `reset` promises the full length,
 * sends half and then closes the connection. */
export type DownloadFault = 'corrupt' | 'truncate' | 'reset';

export class BlobSigner {
  /** Every signature handed out, plain and URL-encoded: none may reach a step's log. */
  readonly signatures: string[] = [];
  private readonly cred = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY);

  /** A SAS URL for one blob, valid for an hour, under `base` (the account URL a client is to use). */
  url(base: string, container: string, blob: string, perms: string): string {
    const q = generateBlobSASQueryParameters(
      { containerName: container, blobName: blob, permissions: BlobSASPermissions.parse(perms), startsOn: new Date(Date.now() - 60_000), expiresOn: new Date(Date.now() + 3_600_000) },
      this.cred,
    ).toString();
    const sig = new URLSearchParams(q).get('sig');
    if (sig) this.signatures.push(sig, encodeURIComponent(sig));
    return `${base}/${container}/${blob.split('/').map(encodeURIComponent).join('/')}?${q}`;
  }
}

/**
 * Sends `req` on to Azurite at `pathAndQuery` and its answer back, damaged by `fault` if one is
 * given (`onFault` is told the body's size first).
 */
export function forwardToAzurite(
  azurite: Azurite,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathAndQuery: string,
  fault: DownloadFault | undefined,
  onFault: (fault: DownloadFault, bytes: number) => void,
): void {
  forwardTo(azurite.accountUrl, req, res, pathAndQuery, fault, onFault);
}

/**
 * forwardToAzurite for any HTTP server at `target` (an origin; its path is ignored). `keepHost`
 * passes the client's Host header on unchanged, for services that sign it (S3's SigV4).
 */
export function forwardTo(
  target: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathAndQuery: string,
  fault: DownloadFault | undefined,
  onFault: (fault: DownloadFault, bytes: number) => void,
  opts: { keepHost?: boolean } = {},
): void {
  const to = new URL(target);
  const headers: http.OutgoingHttpHeaders = { ...req.headers, ...(opts.keepHost ? {} : { host: to.host }) };
  delete headers['proxy-connection'];
  const up = http.request({ host: to.hostname, port: to.port, method: req.method, path: pathAndQuery, headers }, (ur) => {
    if (!fault) {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    ur.on('data', (d: Buffer) => chunks.push(d));
    ur.on('end', () => {
      const body = Buffer.concat(chunks);
      const half = Math.floor(body.length / 2);
      onFault(fault, body.length);
      if (fault === 'corrupt') {
        body[half] = (body[half] as number) ^ 0xff;
        res.writeHead(ur.statusCode ?? 200, ur.headers);
        res.end(body);
      } else if (fault === 'truncate') {
        res.writeHead(ur.statusCode ?? 200, { ...ur.headers, 'content-length': String(half) });
        res.end(body.subarray(0, half));
      } else {
        res.writeHead(ur.statusCode ?? 200, ur.headers);
        res.write(body.subarray(0, half), () => res.socket?.destroy());
      }
    });
  });
  up.on('error', () => res.destroy());
  req.pipe(up);
}

/**
 * An HTTP server on a free loopback port (of `host`: 127.0.0.2 and up give a service another
 * origin, as GitHub's uploads and storage hosts are). A handler that fails answers 500 with a Twirp error body.
 */
export async function serve(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void,
  host = '127.0.0.1',
): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'internal', msg: err.message }));
      });
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return { server, url: `http://${host}:${(server.address() as AddressInfo).port}` };
}

/** Stops servers, cutting their open connections (keep-alive ones would hold close() forever). */
export async function closeServers(...servers: http.Server[]): Promise<void> {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
}

/** A request's whole body, as text. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (d: Buffer) => (s += d.toString()));
    req.on('end', () => resolve(s));
  });
}

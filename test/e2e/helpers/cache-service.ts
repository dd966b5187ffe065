import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import type { Duplex } from 'node:stream';
import { DEV_ACCOUNT, DEV_KEY, type Azurite } from './azurite.ts';
import { BlobSigner, closeServers, forwardToAzurite, readBody, serve, type DownloadFault } from './blob-host.ts';

/**
 * A small stand-in for GitHub's cache service (v2, what @actions/cache 6.x speaks): the three
 * Twirp methods of `github.actions.results.api.v1.CacheService`, with SAS URLs into a real
 * Azurite blob store. Nothing in @actions/cache is replaced: the client talks to this over HTTP.
 *
 * Signed URLs name the host `devstoreaccount1.blob.core.windows.net`, as GitHub's do, so the
 * client takes its real download path (the Azure SDK: HEAD, then ranged GETs; any other host gets
 * one plain GET). The step reaches that host through an HTTP proxy (HTTP_PROXY, see `env`) that
 * forwards to Azurite and can inject download faults.
 */
export const BLOB_HOST = `${DEV_ACCOUNT}.blob.core.windows.net`;
const CONTAINER = 'actions-cache';
const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';
/** The permission bits of a scope in the token's `ac` claim. */
const READ = 1;
const WRITE = 2;

export interface CacheScope {
  Scope: string;
  Permission: number;
}

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  scope: string;
  blob: string;
  size: number;
  createdAt: number;
  finalized: boolean;
}

export interface CacheFaults {
  /** Blob GETs, one fault per response (see DownloadFault). */
  download: DownloadFault[];
}

export class CacheService {
  readonly entries: CacheEntry[] = [];
  /** Every Twirp call as `Method key`, and every blob request through the proxy as `blob METHOD`. */
  readonly calls: string[] = [];
  readonly faults: CacheFaults = { download: [] };
  /** The runner's github.token (the runStep harness fills it into defaults); the cache never sees it. */
  readonly apiToken = `ghs_${randomUUID().replace(/-/g, '')}`;
  private readonly signer = new BlobSigner();
  /** Every SAS signature handed out, raw and URL-encoded: none may reach a log. */
  get signatures(): string[] {
    return this.signer.signatures;
  }
  url = '';
  proxyUrl = '';
  private nextId = 1;
  /** Entries created in the same millisecond still order by creation. */
  private clock = 0;
  private server!: http.Server;
  private proxy!: http.Server;
  private tunnels!: http.Server;
  private readonly cred = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY);
  private readonly azurite: Azurite;

  constructor(azurite: Azurite) {
    this.azurite = azurite;
  }

  async start(): Promise<void> {
    await new BlobServiceClient(this.azurite.accountUrl, this.cred).getContainerClient(CONTAINER).createIfNotExists();
    ({ server: this.server, url: this.url } = await serve((req, res) => this.handle(req, res)));
    const proxy = await serve((req, res) => this.forward(req, res));
    this.proxy = proxy.server;
    this.proxyUrl = proxy.url;
    // CONNECT, as clients built on @actions/http-client ask every proxy (even for http URLs): the
    // tunnel ends here, and the requests inside it are forwarded like the absolute-form ones.
    this.tunnels = http.createServer((req, res) => this.forward(req, res));
    this.proxy.on('connect', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const host = (req.url ?? '').replace(/:\d+$/, '');
      this.calls.push(`blob CONNECT`);
      if (host !== BLOB_HOST) {
        this.calls.push(`proxy refused ${host}`);
        socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.unshift(head);
      this.tunnels.emit('connection', socket);
    });
  }

  async stop(): Promise<void> {
    this.tunnels.closeAllConnections();
    await closeServers(this.server, this.proxy);
  }

  /**
   * What a step needs besides the runner's usual variables: the v2 switch the runner sets, and
   * the proxy for the blob host (the service itself is on loopback, which stays direct).
   */
  env(): Record<string, string> {
    return { ACTIONS_CACHE_SERVICE_V2: 'True', HTTP_PROXY: this.proxyUrl, NO_PROXY: '127.0.0.1,localhost' };
  }

  /** What a bare @actions/cache client (a script, not an action step) needs to run in `job`. */
  clientEnv(job: { workspace: string; temp: string; runtimeToken: string }): Record<string, string> {
    return {
      PATH: process.env['PATH'] ?? '',
      HOME: os.homedir(),
      GITHUB_WORKSPACE: job.workspace,
      RUNNER_TEMP: job.temp,
      GITHUB_SERVER_URL: 'https://github.com',
      ACTIONS_RUNTIME_TOKEN: job.runtimeToken,
      ACTIONS_RESULTS_URL: `${this.url}/`,
      ...this.env(),
    };
  }

  /** The scopes GitHub gives a run on `branch`: write its own ref; read it, then the base or default branch. */
  static scopes(branch: string, base = 'main'): CacheScope[] {
    const own = { Scope: `refs/heads/${branch}`, Permission: READ | WRITE };
    return branch === base ? [own] : [own, { Scope: `refs/heads/${base}`, Permission: READ }];
  }

  /** A pull request's run: writes the merge ref's scope, reads it and then the base branch. */
  static prScopes(number: number, base = 'main'): CacheScope[] {
    return [
      { Scope: `refs/pull/${number}/merge`, Permission: READ | WRITE },
      { Scope: `refs/heads/${base}`, Permission: READ },
    ];
  }

  /** The entry's archive as stored in Azurite. */
  async blobBytes(e: CacheEntry): Promise<Buffer> {
    return new BlobServiceClient(this.azurite.accountUrl, this.cred).getContainerClient(CONTAINER).getBlobClient(e.blob).downloadToBuffer();
  }

  /** Replaces an entry's stored archive (damage at rest). */
  async putBlobBytes(e: CacheEntry, bytes: Buffer): Promise<void> {
    await new BlobServiceClient(this.azurite.accountUrl, this.cred).getContainerClient(CONTAINER).getBlockBlobClient(e.blob).upload(bytes, bytes.length);
  }

  finalized(key?: string): CacheEntry[] {
    return this.entries.filter((e) => e.finalized && (key === undefined || e.key === key));
  }

  private sas(blob: string, perms: string): string {
    return this.signer.url(`http://${BLOB_HOST}`, CONTAINER, blob, perms);
  }

  /**
   * The HTTP proxy: a request for the blob host arrives in absolute form (or inside a CONNECT
   * tunnel, in origin form with its Host header) and goes to Azurite,
   * whose path-style URLs carry the account name first. Anything else is refused: a step must
   * not reach the network.
   */
  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '', `http://${req.headers.host ?? ''}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.hostname !== BLOB_HOST) {
      this.calls.push(`proxy refused ${url.hostname}`);
      res.writeHead(502).end();
      return;
    }
    this.calls.push(`blob ${req.method}`);
    const fault = req.method === 'GET' ? this.faults.download.shift() : undefined;
    forwardToAzurite(this.azurite, req, res, `/${DEV_ACCOUNT}${url.pathname}${url.search}`, fault, (f, bytes) => this.calls.push(`fault: download ${f} (${bytes} bytes)`));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    const json = (status: number, data: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    if (req.method !== 'POST' || !url.pathname.startsWith(TWIRP)) return json(404, { code: 'bad_route', msg: `no route ${req.method} ${url.pathname}` });
    const scopes = scopesOf(req.headers.authorization ?? '');
    if (!scopes) return json(401, { code: 'unauthenticated', msg: 'no valid runtime token' });
    const method = url.pathname.slice(TWIRP.length);
    const b = JSON.parse(body || '{}') as Record<string, unknown>;
    const key = String(b['key'] ?? '');
    const version = String(b['version'] ?? '');
    this.calls.push(`${method} ${key}`);
    const writable = scopes.find((s) => (s.Permission & WRITE) !== 0)?.Scope;
    switch (method) {
      case 'CreateCacheEntry': {
        if (!writable) return json(403, { code: 'permission_denied', msg: 'no writable cache scope' });
        // GitHub refuses a second reservation of a key, finished or not, in the same scope and version.
        if (this.entries.some((e) => e.key === key && e.version === version && e.scope === writable)) {
          return json(409, { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' });
        }
        const id = this.nextId++;
        const blob = `${writable.replace(/\//g, '_')}/${id}`;
        this.entries.push({ id, key, version, scope: writable, blob, size: 0, createdAt: ++this.clock, finalized: false });
        return json(200, { ok: true, signed_upload_url: this.sas(blob, 'cw') });
      }
      case 'FinalizeCacheEntryUpload': {
        const e = this.entries.find((x) => x.key === key && x.version === version && x.scope === writable && !x.finalized);
        if (!e) return json(404, { code: 'not_found', msg: 'no reserved cache entry' });
        e.finalized = true;
        e.size = Number(b['size_bytes'] ?? 0);
        e.createdAt = ++this.clock;
        return json(200, { ok: true, entry_id: String(e.id) });
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(b['restore_keys']) ? (b['restore_keys'] as unknown[]).map(String) : [];
        const e = this.match(scopes, key, restoreKeys, version);
        if (!e) return json(200, { ok: false, signed_download_url: '', matched_key: '' });
        return json(200, { ok: true, signed_download_url: this.sas(e.blob, 'r'), matched_key: e.key });
      }
      default:
        return json(404, { code: 'bad_route', msg: `no method ${method}` });
    }
  }

  /**
   * GitHub's documented order: in each readable scope (the run's own first): the exact key, then
   * the key as a prefix, then each restore key as a prefix; among prefix matches the newest wins.
   * The version must match exactly.
   */
  private match(scopes: CacheScope[], key: string, restoreKeys: string[], version: string): CacheEntry | undefined {
    for (const scope of scopes.filter((s) => (s.Permission & READ) !== 0)) {
      const here = this.entries.filter((e) => e.finalized && e.scope === scope.Scope && e.version === version);
      const exact = here.find((e) => e.key === key);
      if (exact) return exact;
      for (const prefix of [key, ...restoreKeys]) {
        const newest = here.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.createdAt - a.createdAt)[0];
        if (newest) return newest;
      }
    }
    return undefined;
  }
}

/** The cache scopes of a runtime token, from its `ac` claim (a JSON string, as the runner issues it). */
function scopesOf(authorization: string): CacheScope[] | undefined {
  const m = /^Bearer ([^.]+)\.([^.]+)\.[^.]*$/.exec(authorization);
  if (!m) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(m[2] as string, 'base64url').toString()) as { ac?: unknown };
    return typeof claims.ac === 'string' ? (JSON.parse(claims.ac) as CacheScope[]) : [];
  } catch {
    return undefined;
  }
}

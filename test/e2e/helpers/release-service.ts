import { createHash } from 'node:crypto';
import type http from 'node:http';
import { closeServers, readBody, serve } from './blob-host.ts';
import { Access, type Perm } from './release-access.ts';
import { BAD_JSON, RepoCall } from './release-api.ts';
import { FaultQueue, sendFailure, type Fault, type FaultKinds } from './release-faults.ts';
import { ReleaseBook, repoPath, sanitiseAssetName, type Asset, type AssetRecord, type Release, type ReleaseRecord, type ReleaseServiceOptions, type RepoRecord } from './release-model.ts';
import { AssetFiles, receiveBody, sendBytes, sendS3Error, StorageSigner, type StoredBytes } from './release-transfer.ts';
import { BAD_CREDENTIALS, errorBody, NOT_FOUND, Pacer, sendJson, validationFailed } from './release-wire.ts';

export type { Asset, Release, ReleaseServiceOptions } from './release-model.ts';
export type { Fault } from './release-faults.ts';

/**
 * A stand-in for GitHub's Releases REST API (version 2022-11-28) on three loopback origins, as
 * GitHub has three hosts: the API (`apiUrl`, what GITHUB_API_URL is set to), uploads
 * (`uploadsOrigin`, reached only through a release's `upload_url`) and the signed storage that
 * asset downloads redirect to (`storageOrigin`, which refuses any request carrying
 * Authorization). Every fact of shared/github-releases.md is a behaviour here; the tests in
 * test/e2e/release-service.test.ts hold it to them with plain fetch.
 */

export interface RequestRecord {
  method: string;
  server: 'api' | 'uploads' | 'storage';
  origin: string;
  /** Path and query, as sent. */
  path: string;
  /** Whether an Authorization header came with it. */
  auth: boolean;
  /** The JSON body, when one came. */
  body?: unknown;
  /** An upload's body size, when it arrived whole. */
  bytes?: number;
  /** The status answered; 0 while unanswered, and for a connection dropped before any answer. */
  status: number;
  /** The fault injected into this request. */
  fault?: string;
}

const GIB2 = 2 ** 31;
const STORAGE_TTL_SEC = 300;
const ONE_AUTH = 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export class ReleaseService {
  readonly apiUrl: string;
  readonly uploadsOrigin: string;
  readonly storageOrigin: string;
  readonly requests: RequestRecord[] = [];
  private readonly book: ReleaseBook;
  private readonly files = new AssetFiles();
  private readonly signer = new StorageSigner();
  private readonly faults = new FaultQueue();
  private readonly holds: { match: string; gate: Promise<void>; onArrival: () => void }[] = [];
  private readonly access = new Access();
  private readonly opts: ReleaseServiceOptions;
  private readonly servers: http.Server[];
  /** The runner's link, one way each: every upload shares one pace, every download the other. */
  private readonly upLink: Pacer;
  private readonly downLink: Pacer;

  private constructor(opts: ReleaseServiceOptions, servers: { api: { server: http.Server; url: string }; uploads: { server: http.Server; url: string }; storage: { server: http.Server; url: string } }) {
    this.opts = opts;
    this.apiUrl = servers.api.url;
    this.uploadsOrigin = servers.uploads.url;
    this.storageOrigin = servers.storage.url;
    this.servers = [servers.api.server, servers.uploads.server, servers.storage.server];
    this.upLink = new Pacer(opts.paceBytesPerSec);
    this.downLink = new Pacer(opts.paceBytesPerSec);
    this.book = new ReleaseBook({ api: this.apiUrl, uploads: this.uploadsOrigin, html: 'https://github.com' });
  }

  static async start(opts: ReleaseServiceOptions = {}): Promise<ReleaseService> {
    // The handlers reach the instance once it exists; until start() resolves nobody knows the ports.
    const at: { svc?: ReleaseService } = {};
    const api = await serve((req, res) => at.svc?.api(req, res));
    const uploads = await serve((req, res) => at.svc?.upload(req, res), '127.0.0.2');
    const storage = await serve((req, res) => at.svc?.storage(req, res), '127.0.0.3');
    // A paced upload of a large asset takes longer than Node's default 5-minute request timeout.
    uploads.server.requestTimeout = 0;
    storage.server.requestTimeout = 0;
    at.svc = new ReleaseService(opts, { api, uploads, storage });
    return at.svc;
  }

  async close(): Promise<void> {
    await closeServers(...this.servers);
    this.files.removeAll();
  }

  // --- Test setup and inspection, without HTTP ---

  addRepo(fullName: string, opts: { private?: boolean; immutableReleases?: boolean } = {}): void {
    this.book.addRepo(fullName, opts);
  }

  /** A token for a repository ('*': all of them) with contents read or write permission. */
  token(fullName: string, perm: Perm): string {
    return this.access.issue(fullName, perm);
  }

  /** What runStep (runner.ts) takes: the API base and the token a step's github.token becomes. */
  service(token: string): { url: string; apiToken: string } {
    return { url: this.apiUrl, apiToken: token };
  }

  /**
   * A release as if made on GitHub earlier: no lag, published unless `draft` (frozen if the
   * repository has immutable releases on), made Latest as `makeLatest` says (default true).
   * `createdAt` is GitHub's created_at, the commit's date.
   */
  createRelease(repo: string, r: { tag: string; draft?: boolean; prerelease?: boolean; createdAt?: string; publishedAt?: string; name?: string; makeLatest?: boolean }): Release {
    const rr = this.book.repo(repo);
    const rel = this.book.create(rr, {
      tag: r.tag,
      draft: r.draft ?? false,
      prerelease: r.prerelease ?? false,
      ...(r.name !== undefined ? { name: r.name } : {}),
      ...(r.createdAt ? { createdAt: new Date(r.createdAt) } : {}),
      ...(r.publishedAt ? { publishedAt: new Date(r.publishedAt) } : {}),
      makeLatest: r.makeLatest === false ? 'false' : 'true',
    });
    return this.book.releaseJson(rr, rel);
  }

  /**
   * An asset as if uploaded earlier (allowed on an immutable release too: its assets were attached
   * while it was a draft). The name is sanitised as GitHub would. `digest` overrides GitHub's
   * sha256 (null: an asset from before digests); a `starter` keeps no bytes.
   */
  addAsset(repo: string, releaseId: number, name: string, bytes: Buffer, opts: { state?: 'uploaded' | 'starter'; contentType?: string; digest?: string | null; label?: string } = {}): Asset {
    const rr = this.book.repo(repo);
    const rel = this.setupRelease(rr, releaseId);
    const starter = opts.state === 'starter';
    if (!starter && bytes.length === 0) throw new Error('test bug: GitHub holds no empty uploaded asset');
    const asset = this.book.addAsset(rel, {
      name: sanitiseAssetName(name),
      ...(opts.label !== undefined ? { label: opts.label } : {}),
      contentType: opts.contentType ?? 'application/octet-stream',
      state: starter ? 'starter' : 'uploaded',
      size: starter ? 0 : bytes.length,
      digest: starter ? null : opts.digest !== undefined ? opts.digest : `sha256:${sha256(bytes)}`,
    });
    if (!starter) this.files.write(asset.key, bytes);
    return this.book.assetJson(rr, rel, asset);
  }

  /** Every release of the repository, drafts included, newest commit date first, with assets. */
  releases(repo: string): Release[] {
    const rr = this.book.repo(repo);
    return this.book.listed(rr, true, Number.POSITIVE_INFINITY).map((r) => this.book.releaseJson(rr, r));
  }

  assetBytes(repo: string, assetId: number): Buffer {
    const found = this.book.asset(this.book.repo(repo), assetId);
    if (!found) throw new Error(`test bug: no asset ${assetId} in ${repo}`);
    return found.asset.state === 'uploaded' ? this.files.read(found.asset.key) : Buffer.alloc(0);
  }

  /** GitHub's "Latest" (what GET …/releases/latest answers once any lag is over). */
  latestReleaseId(repo: string): number | undefined {
    return this.book.latest(this.book.repo(repo))?.id;
  }

  /** Turns immutable releases on or off: releases published from now on follow it; earlier ones keep their state. */
  setImmutableReleases(repo: string, on: boolean): void {
    this.book.repo(repo).immutableReleases = on;
  }

  /** The date of the commit a tag points at: created_at of releases later made on it over HTTP. */
  setCommitDate(repo: string, tag: string, iso: string): void {
    this.book.repo(repo).commitDates.set(tag, new Date(iso));
  }

  /** Changes the digest GitHub reports for an asset (a digest that differs from the bytes). */
  setAssetDigest(repo: string, assetId: number, digest: string | null): void {
    const found = this.book.asset(this.book.repo(repo), assetId);
    if (!found) throw new Error(`test bug: no asset ${assetId} in ${repo}`);
    found.asset.digest = digest;
  }

  /** A signed storage URL for an asset's bytes, as the API's 302 gives (`ttlSec` < 0: already expired). */
  signedUrl(repo: string, assetId: number, ttlSec = STORAGE_TTL_SEC): string {
    const rr = this.book.repo(repo);
    const found = this.book.asset(rr, assetId);
    if (!found) throw new Error(`test bug: no asset ${assetId} in ${repo}`);
    return this.storageUrl(rr, found.asset, ttlSec);
  }

  /** Every storage signature handed out: none may reach a step's log. */
  get signatures(): readonly string[] {
    return this.signer.signatures;
  }

  /** Queues a fault; faults are consumed in order by the requests they match. */
  fault(f: Fault): void {
    this.faults.add(f);
  }

  /**
   * Holds the next API request whose `METHOD /path?query` contains `match` until `release()`: a
   * test sees what a step does while GitHub has not answered yet.
   */
  hold(match: string): { arrived: Promise<void>; release: () => void } {
    let arrived = (): void => undefined;
    let release = (): void => undefined;
    const h = { match, arrived: new Promise<void>((r) => (arrived = r)), gate: new Promise<void>((r) => (release = r)) };
    this.holds.push({ match, gate: h.gate, onArrival: arrived });
    return { arrived: h.arrived, release };
  }

  /** Faults queued and not yet used: a test's faults should all have fired. */
  get pendingFaults(): number {
    return this.faults.pending;
  }

  private setupRelease(rr: RepoRecord, id: number): ReleaseRecord {
    const rel = this.book.release(rr, id);
    if (!rel) throw new Error(`test bug: no release ${id} in ${rr.fullName}`);
    return rel;
  }

  // --- HTTP ---

  private record(req: http.IncomingMessage, res: http.ServerResponse, server: RequestRecord['server'], origin: string): RequestRecord {
    const rec: RequestRecord = { method: req.method ?? 'GET', server, origin, path: req.url ?? '/', auth: req.headers.authorization !== undefined, status: 0 };
    this.requests.push(rec);
    // The status is noted as the head goes out, so a test that has its answer sees it recorded.
    const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => http.ServerResponse;
    res.writeHead = ((...a: unknown[]) => {
      rec.status = a[0] as number;
      return writeHead(...a);
    }) as typeof res.writeHead;
    return rec;
  }

  private storageUrl(rr: RepoRecord, asset: AssetRecord, ttlSec: number): string {
    return this.signer.url(this.storageOrigin, `/github-production-release-asset/${rr.id}/${asset.key}`, asset.name, ttlSec);
  }

  private stored(asset: AssetRecord): StoredBytes {
    return { file: this.files.path(asset.key), size: asset.size, name: asset.name, etag: `"${asset.key}"`, lastModified: asset.updatedAt };
  }

  private async api(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiUrl);
    const method = req.method ?? 'GET';
    const rec = this.record(req, res, 'api', this.apiUrl);
    const text = await readBody(req);
    // Parsed here for the record; a route that takes a body answers bad JSON itself.
    let body: unknown;
    try {
      body = text.trim() ? JSON.parse(text) : undefined;
      rec.body = body;
    } catch {
      body = BAD_JSON;
    }
    const held = this.holds.findIndex((h) => `${method} ${url.pathname}${url.search}`.includes(h.match));
    if (held >= 0) {
      const [h] = this.holds.splice(held, 1);
      h?.onArrival();
      await h?.gate;
    }
    const fault = this.takeFault(rec, 'api', `${method} ${url.pathname}${url.search}`);
    if (fault === 'reset') return void req.socket.destroy();
    if (fault && fault !== 'lost') return sendFailure(res, fault);
    // A lost answer: the call is carried out, then the connection drops before the client hears back.
    const json = (status: number, data: unknown, headers: http.OutgoingHttpHeaders = {}): void => {
      if (fault === 'lost') return void req.socket.destroy();
      sendJson(res, status, data, headers);
    };
    const caller = this.access.caller(req);
    if (caller.kind === 'bad') return json(401, BAD_CREDENTIALS);
    const m = repoPath(url.pathname);
    const repo = m && this.book.find(m.repo);
    if (!m || !repo) return json(404, NOT_FOUND);
    const ctx = {
      book: this.book,
      access: this.access,
      files: this.files,
      opts: this.opts,
      storageUrl: (r: RepoRecord, a: AssetRecord) => this.storageUrl(r, a, STORAGE_TTL_SEC),
      stored: (a: AssetRecord) => this.stored(a),
      downLink: this.downLink,
      downloadFault: (name: string) => this.takeFault(rec, 'download', name),
    };
    await new RepoCall(ctx, { repo, caller, method, url, body, req, res, lost: fault === 'lost' }).dispatch(m.rest);
  }

  /** The fault for this request, noted in its record. */
  private takeFault<O extends keyof FaultKinds>(rec: RequestRecord, on: O, subject: string): FaultKinds[O] | undefined {
    const f = this.faults.take(on, subject);
    if (f) rec.fault = f;
    return f;
  }

  /** Uploads (the host of `upload_url`): POST /repos/{o}/{r}/releases/{id}/assets?name=&label=. */
  private async upload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.uploadsOrigin);
    const rec = this.record(req, res, 'uploads', this.uploadsOrigin);
    const m = repoPath(url.pathname);
    const releaseId = /^releases\/(\d+)\/assets$/.exec(m?.rest ?? '')?.[1];
    const repo = m && this.book.find(m.repo);
    const caller = this.access.caller(req);
    if (caller.kind === 'bad') return sendJson(res, 401, BAD_CREDENTIALS);
    if (req.method !== 'POST' || !releaseId || !repo) return sendJson(res, 404, NOT_FOUND);
    const refused = this.access.refusal(repo, caller, 'write');
    if (refused) return sendJson(res, refused.status, refused.body);
    const rel = this.book.release(repo, Number(releaseId));
    if (!rel) return sendJson(res, 404, NOT_FOUND);
    const name = url.searchParams.get('name');
    const fault = this.takeFault(rec, 'upload', name ?? '');
    if (fault === '429' || fault === '403-rate-limit' || fault === '503') return sendFailure(res, fault);
    if (rel.immutable) return sendJson(res, 422, errorBody(422, 'Cannot upload assets to an immutable release.'));
    const length = req.headers['content-length'];
    if (length === undefined || req.headers['transfer-encoding'] !== undefined) return sendJson(res, 400, { message: 'Bad Content-Length: ' });
    const size = Number(length);
    if (!name) return sendJson(res, 422, validationFailed('ReleaseAsset', { code: 'missing_field', field: 'name' }));
    // Content-Type is required by GitHub's documentation; an upload without one is refused here, the strict reading.
    const contentType = req.headers['content-type'];
    if (!contentType) return sendJson(res, 422, validationFailed('ReleaseAsset', { code: 'missing_field', field: 'content_type' }));
    if (size < 1) return sendJson(res, 422, validationFailed('ReleaseAsset', { code: 'custom', field: 'size', message: 'size must be greater than or equal to 1' }));
    const max = this.opts.maxAssetBytes ?? GIB2;
    if (size > max) {
      // Refused on the declared length: the connection closes rather than read gigabytes first.
      return sendJson(res, 422, validationFailed('ReleaseAsset', { code: 'custom', field: 'size', message: `size must be less than or equal to ${max}` }), { connection: 'close' });
    }
    const clean = sanitiseAssetName(name);
    if (fault === 'taken-by-other') {
      const other = Buffer.from(`another job's ${clean}\n`);
      const theirs = this.book.addAsset(rel, { name: clean, contentType, state: 'uploaded', size: other.length, digest: `sha256:${createHash('sha256').update(other).digest('hex')}` });
      this.files.write(theirs.key, other);
    }
    if (rel.assets.some((a) => a.name === clean)) return sendJson(res, 422, validationFailed('ReleaseAsset', { code: 'already_exists', field: 'name' }));
    if (rel.assets.length >= (this.opts.maxAssets ?? 1000)) {
      return sendJson(res, 422, validationFailed('ReleaseAsset', { code: 'custom', field: 'file_count', message: `file_count limited to ${this.opts.maxAssets ?? 1000} assets` }));
    }
    // The name is held from the first byte: a `starter` until the body has arrived whole.
    const label = url.searchParams.get('label');
    const asset = this.book.addAsset(rel, { name: clean, ...(label ? { label } : {}), contentType, state: 'starter', size: 0, digest: null });
    if (fault === '502-starter') {
      for await (const _ of req) void _;
      return sendFailure(res, '502');
    }
    const got = await receiveBody(req, this.files.path(asset.key), size, this.upLink, fault === 'reset' ? Math.ceil(size / 2) : undefined);
    if (!got) return; // dropped or cut short: the starter stays, as on GitHub
    Object.assign(asset, { state: 'uploaded', size: got.size, digest: got.digest, updatedAt: new Date() });
    rec.bytes = got.size;
    if (fault === '502-after-upload') return sendFailure(res, '502');
    sendJson(res, 201, this.book.assetJson(repo, rel, asset));
  }

  /** Signed storage: the bytes for a good, unexpired URL that comes without Authorization. */
  private async storage(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.storageOrigin);
    const rec = this.record(req, res, 'storage', this.storageOrigin);
    if (req.headers.authorization !== undefined) return sendS3Error(res, 400, 'InvalidArgument', ONE_AUTH);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendS3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    const bad = this.signer.check(url);
    if (bad) return sendS3Error(res, 403, bad.code, bad.message);
    const m = /^\/github-production-release-asset\/(\d+)\/([\w-]+)$/.exec(url.pathname);
    const found = m ? this.book.assetByKey(Number(m[1]), m[2] as string) : undefined;
    if (!found || found.state !== 'uploaded') return sendS3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const fault = this.takeFault(rec, 'download', found.name);
    await sendBytes(req, res, this.stored(found), this.downLink, fault);
  }
}

import type http from 'node:http';
import type { Readable } from 'node:stream';
import { SnapshotError, oneLine } from '../../engine/common/errors.ts';
import { Authorizer } from './auth.ts';
import { type HttpRequest, NetworkError, discard, readAll, send } from './http.ts';
import type { RegistryRef } from './reference.ts';

/**
 * A small client for the OCI distribution API (v1.1 of the spec), the part a store needs: blobs
 * (HEAD, monolithic and chunked upload, GET), manifests (PUT, GET, HEAD, DELETE) and tag listing.
 *
 * Written here rather than taken from npm: the registry clients published there either only pull
 * or are no longer maintained, and the subset needed is small and fixed by the spec.
 */

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** Tries per request: faults of the registry (5xx), its throttling (429) and dropped connections. */
const ATTEMPTS = 6;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 8_000;
/** A Retry-After longer than this is not waited for in full: the caller's own retry policy takes over. */
const MAX_RETRY_AFTER_MS = 30_000;
const TAGS_PAGE = 1000;
/** Manifests are small; registries refuse those over 4 MiB. */
const MAX_MANIFEST = 4 << 20;

/** What this client sent, for reports and tests: the blob uploads skipped are the point of content addressing. */
export interface ClientStats {
  blobsUploaded: number;
  bytesUploaded: number;
  blobsSkipped: number;
  retries: number;
}

/** A registry answer that is not what the call needed. */
export class RegistryError extends Error {
  readonly status: number;
  /** The spec's error code (`NAME_UNKNOWN`, `DENIED`…), or '' when the body held none. */
  readonly code: string;
  /** The registry's Retry-After, when it sent one. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, status: number, code: string, retryAfterMs?: number) {
    super(message);
    this.name = 'RegistryError';
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface ClientOptions {
  /** Where credentials and settings are read from (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** Told of each retry, in one line. */
  log?: (line: string) => void;
  /** Tags asked for per page of the tag list. */
  pageSize?: number;
}

interface Call extends Omit<HttpRequest, 'url' | 'headers'> {
  /** A path under the repository (`/blobs/…`), or an absolute URL the registry gave (an upload location). */
  path: string;
  headers?: Record<string, string>;
  /** What the call does, for messages: "uploading blob sha256:…". */
  what: string;
}

/** A blob upload in chunks (RegistryClient.startChunkedUpload): chunks in order, one at a time. */
export interface ChunkedUpload {
  chunk(data: Buffer, signal?: AbortSignal): Promise<void>;
  /** Closes the upload as the blob of this digest, which the registry checks against the bytes it got. */
  finish(digest: string): Promise<void>;
  /** Drops the upload (the registry would expire it anyway). */
  cancel(): Promise<void>;
}

export class RegistryClient {
  readonly stats: ClientStats = { blobsUploaded: 0, bytesUploaded: 0, blobsSkipped: 0, retries: 0 };
  readonly ref: RegistryRef;
  private readonly auth: Authorizer;
  private readonly log: (line: string) => void;

  private readonly pageSize: number;

  constructor(ref: RegistryRef, opts: ClientOptions = {}) {
    this.ref = ref;
    this.auth = new Authorizer(ref, opts.env ?? process.env);
    this.log = opts.log ?? (() => undefined);
    this.pageSize = opts.pageSize ?? TAGS_PAGE;
  }

  /** Whether the repository holds this blob: then an upload is skipped. */
  async hasBlob(digest: string, idempotent = true): Promise<boolean> {
    const res = await this.call({ method: 'HEAD', path: `/blobs/${digest}`, what: `looking up blob ${digest}` }, [200, 404], idempotent);
    discard(res);
    return res.statusCode === 200;
  }

  /**
   * Uploads a blob of known digest and size unless the repository has it: POST opens an upload,
   * one PUT with `?digest=` sends the whole body and closes it. A failure part way starts over
   * with a new upload (the registry expires the abandoned one).
   */
  async pushBlob(digest: string, size: number, open: () => Readable | Buffer): Promise<'uploaded' | 'present'> {
    return this.retrying(`uploading blob ${digest}`, async () => {
      // Each step once: this whole sequence is what is retried.
      if (await this.hasBlob(digest, false)) {
        this.stats.blobsSkipped++;
        return 'present';
      }
      const started = await this.call({ method: 'POST', path: '/blobs/uploads/', what: `starting the upload of blob ${digest}` }, [202], false);
      discard(started);
      const location = started.headers.location;
      if (!location) throw new RegistryError(`${this.ref.display}: the registry started an upload but gave no Location`, 202, 'PROTOCOL');
      const url = new URL(location, this.ref.origin);
      url.searchParams.set('digest', digest);
      const done = await this.call(
        { method: 'PUT', path: url.href, headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) }, body: open, what: `uploading blob ${digest}` },
        [201],
        false,
      );
      discard(done);
      this.stats.blobsUploaded++;
      this.stats.bytesUploaded += size;
      return 'uploaded';
    }, digestInvalid);
  }

  /**
   * Opens an upload sent in chunks while the blob is still being produced, its digest known only
   * at the end (the spec's chunked upload: POST, a PATCH per chunk with Content-Range, PUT with
   * `?digest=`). Its steps are not retried: a chunk that may have half arrived cannot simply be sent
   * again, so the caller pushes the whole blob instead (pushBlob), and the registry expires the
   * upload left open.
   */
  async startChunkedUpload(): Promise<ChunkedUpload> {
    const started = await this.call({ method: 'POST', path: '/blobs/uploads/', what: 'starting a chunked blob upload' }, [202]);
    discard(started);
    let location = this.uploadLocation(started);
    let sent = 0;
    return {
      chunk: async (data, signal) => {
        const res = await this.call(
          {
            method: 'PATCH',
            path: location,
            headers: { 'content-type': 'application/octet-stream', 'content-range': `${sent}-${sent + data.length - 1}` },
            body: () => data,
            ...(signal ? { signal } : {}),
            what: `uploading bytes ${sent}-${sent + data.length - 1} of a blob`,
          },
          [202],
          false,
        );
        discard(res);
        // Each answer names where the next chunk goes.
        location = this.uploadLocation(res);
        sent += data.length;
      },
      finish: async (digest) => {
        const url = new URL(location);
        url.searchParams.set('digest', digest);
        const res = await this.call({ method: 'PUT', path: url.href, what: `finishing the upload of blob ${digest}` }, [201], false);
        discard(res);
        this.stats.blobsUploaded++;
        this.stats.bytesUploaded += sent;
      },
      cancel: async () => {
        const res = await this.call({ method: 'DELETE', path: location, what: 'cancelling a blob upload' }, [204, 404], false);
        discard(res);
      },
    };
  }

  private uploadLocation(res: http.IncomingMessage): string {
    const location = res.headers.location;
    if (!location) throw new RegistryError(`${this.ref.display}: the registry answered an upload step without a Location`, res.statusCode ?? 0, 'PROTOCOL');
    return new URL(location, this.ref.origin).href;
  }

  /**
   * A blob's bytes as they arrive (redirects to the registry's storage followed), from byte `from`
   * on when it is given: `partial` says whether the registry honoured the range (206) or sent the
   * whole blob again (200), which the spec allows.
   */
  async blob(digest: string, from = 0): Promise<{ res: http.IncomingMessage; partial: boolean }> {
    const headers: Record<string, string> = from > 0 ? { range: `bytes=${from}-` } : {};
    const res = await this.call({ method: 'GET', path: `/blobs/${digest}`, headers, what: `downloading blob ${digest}` }, from > 0 ? [200, 206] : [200]);
    return { res, partial: res.statusCode === 206 };
  }

  /** Stores a manifest under a tag (or its digest); resolves with the digest the registry computed. */
  async putManifest(reference: string, body: Buffer, mediaType = OCI_MANIFEST): Promise<string> {
    const res = await this.call({ method: 'PUT', path: `/manifests/${reference}`, headers: { 'content-type': mediaType }, body: () => body, what: `storing manifest ${reference}` }, [201]);
    discard(res);
    return String(res.headers['docker-content-digest'] ?? '');
  }

  /** A manifest's bytes and digest, or undefined when the tag or digest is unknown. */
  async manifest(reference: string): Promise<{ digest: string; body: Buffer } | undefined> {
    const res = await this.call({ method: 'GET', path: `/manifests/${reference}`, headers: { accept: OCI_MANIFEST }, what: `reading manifest ${reference}` }, [200, 404]);
    if (res.statusCode === 404) {
      discard(res);
      return undefined;
    }
    const body = await readAll(res, MAX_MANIFEST).catch((err: unknown) => {
      throw new NetworkError(`reading manifest ${reference}: ${oneLine(err)}`);
    });
    return { digest: String(res.headers['docker-content-digest'] ?? ''), body };
  }

  /** The digest a tag points at, or undefined when it points nowhere. */
  async manifestDigest(reference: string): Promise<string | undefined> {
    const res = await this.call({ method: 'HEAD', path: `/manifests/${reference}`, headers: { accept: OCI_MANIFEST }, what: `looking up manifest ${reference}` }, [200, 404]);
    discard(res);
    if (res.statusCode === 404) return undefined;
    const digest = res.headers['docker-content-digest'];
    if (typeof digest !== 'string' || digest === '') throw new RegistryError(`${this.ref.display}: the registry gave no digest for ${reference}`, 200, 'PROTOCOL');
    return digest;
  }

  /** Deletes a manifest by digest (every tag on it goes with it); false when it was already gone. */
  async deleteManifest(digest: string): Promise<boolean> {
    const res = await this.call({ method: 'DELETE', path: `/manifests/${digest}`, what: `deleting manifest ${digest}` }, [200, 202, 404]);
    discard(res);
    return res.statusCode !== 404;
  }

  /** Every tag of the repository, page by page as the registry's Link headers lead; none when the repository does not exist yet. */
  async tags(): Promise<string[]> {
    const out: string[] = [];
    let path = `/tags/list?n=${this.pageSize}`;
    for (;;) {
      const res = await this.call({ method: 'GET', path, what: 'listing tags' }, [200, 404]);
      if (res.statusCode === 404) {
        const err = await this.errorOf(res, 'listing tags');
        if (err.code === 'NAME_UNKNOWN' || err.code === 'NOT_FOUND' || err.code === '') return out;
        throw err;
      }
      const reply = JSON.parse((await readAll(res)).toString('utf8')) as { tags?: string[] | null };
      out.push(...(reply.tags ?? []));
      const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(String(res.headers.link ?? ''));
      if (!next) return out;
      path = new URL(next[1] as string, this.ref.origin).href;
    }
  }

  /**
   * One call with the retries it deserves: `idempotent` calls are sent again after a fault (5xx,
   * 429, a dropped connection); the others (an upload's steps) are retried by their caller, from
   * the start. A 401 is answered with fresh authorization; when there is none better, it is the credentials' fault.
   */
  private async call(c: Call, ok: number[], idempotent = true): Promise<http.IncomingMessage> {
    const once = async (): Promise<http.IncomingMessage> => {
      // A 401 is answered with better authorization (a token for a wider scope, then credentials) until the authorizer has none.
      for (let rounds = 0; ; rounds++) {
        const res = await this.followRedirects(c);
        const status = res.statusCode ?? 0;
        if (ok.includes(status)) return res;
        if (status === 401 && rounds < 3) {
          discard(res);
          await this.auth.answer(headerText(res.headers['www-authenticate']), status, rounds > 0);
          continue;
        }
        throw await this.errorOf(res, c.what);
      }
    };
    return idempotent ? this.retrying(c.what, once) : once();
  }

  /** GET and HEAD follow redirects (blob storage); authorization goes only to the registry's own origin. */
  private async followRedirects(c: Call): Promise<http.IncomingMessage> {
    let url = /^https?:\/\//.test(c.path) ? new URL(c.path) : new URL(`/v2/${this.ref.repository}${c.path}`, this.ref.origin);
    for (let hops = 0; ; hops++) {
      const headers: Record<string, string> = { ...c.headers };
      const authorization = url.origin === this.ref.origin ? this.auth.header() : undefined;
      if (authorization) headers['authorization'] = authorization;
      const res = await send({ method: c.method, url, headers, ...(c.body ? { body: c.body } : {}), ...(c.signal ? { signal: c.signal } : {}) });
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (!(status >= 301 && status <= 308 && status !== 304) || !location || (c.method !== 'GET' && c.method !== 'HEAD') || hops === 5) return res;
      discard(res);
      url = new URL(location, url);
    }
  }

  /** Runs `attempt` until it succeeds or fails for good, backing off between tries. */
  async retrying<T>(what: string, attempt: () => Promise<T>, alsoTransient: (err: unknown) => boolean = () => false): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        const transient = err instanceof NetworkError || (err instanceof RegistryError && isTransient(err.status)) || alsoTransient(err);
        if (!transient || n === ATTEMPTS) throw this.final(err, what, n);
        const wait = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (n - 1)) * (0.5 + Math.random() / 2);
        const after = err instanceof RegistryError ? err.retryAfterMs : undefined;
        this.stats.retries++;
        this.log(`${this.ref.display}: ${what}: ${oneLine(err)}; trying again (${n}/${ATTEMPTS - 1})`);
        await new Promise((r) => setTimeout(r, after !== undefined ? Math.min(after, MAX_RETRY_AFTER_MS) : wait));
      }
    }
  }

  private final(err: unknown, what: string, attempts: number): unknown {
    if (err instanceof SnapshotError) return err;
    const tries = attempts > 1 ? ` after ${attempts} tries` : '';
    if (err instanceof NetworkError) {
      return new SnapshotError('failed', `${this.ref.display}: ${what}: the connection failed${tries} (${oneLine(err)}); check that ${this.ref.host} is reachable`, { cause: err });
    }
    if (err instanceof RegistryError) {
      if (err.status === 403) {
        return new SnapshotError('failed', `${err.message}; the credentials may not ${/delet/.test(what) ? 'delete from' : /upload|storing/.test(what) ? 'push to' : 'read'} ${this.ref.repository}`, { cause: err });
      }
      return new SnapshotError(isTransient(err.status) ? 'failed' : err.status === 404 ? 'not-found' : 'failed', `${err.message}${tries}`, { cause: err });
    }
    return err;
  }

  /** The registry's error body, as `CODE: message`, in one RegistryError. */
  private async errorOf(res: http.IncomingMessage, what: string): Promise<RegistryError> {
    const status = res.statusCode ?? 0;
    const text = await readAll(res, 64 << 10).then((b) => b.toString('utf8'), () => '');
    let code = '';
    let detail = '';
    try {
      const first = (JSON.parse(text) as { errors?: { code?: string; message?: string }[] }).errors?.[0];
      code = first?.code ?? '';
      detail = [first?.code, first?.message].filter(Boolean).join(': ');
    } catch {
      detail = oneLine(text).slice(0, 160);
    }
    const after = Number(headerText(res.headers['retry-after']) ?? NaN);
    return new RegistryError(`${this.ref.display}: ${what}: the registry answered ${status}${detail ? ` (${detail})` : ''}`, status, code, after >= 0 ? after * 1000 : undefined);
  }
}

/**
 * 400 DIGEST_INVALID, directly or as the cause of our error. distribution (filesystem storage)
 * answers it to one of two writers' PUTs of a manifest to one tag at once (seen in the suite: the
 * two writers of one millisecond), though the bytes each sent were right. A blob upload refused so
 * is tried again, and the retry's HEAD finds the blob if another upload stored it; a manifest
 * refused so lost its tag to the other writer (oci.ts takes the next one).
 */
export function digestInvalid(err: unknown): boolean {
  const e = err instanceof SnapshotError ? err.cause : err;
  return e instanceof RegistryError && e.status === 400 && e.code === 'DIGEST_INVALID';
}

function isTransient(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505);
}

function headerText(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

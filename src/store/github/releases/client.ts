import type http from 'node:http';
import { SnapshotError, oneLine } from '../../../engine/common/errors.ts';
import { type ThreadError, fromThreadError } from '../../../engine/threads/thread-job.ts';
import type { Repo } from '../rest.ts';
import { type PostAnswer, type PostFile, postFile } from './post-file.ts';
import { UPLOAD_THREAD_MIN, startUploadThread } from './upload-thread-start.ts';
import { httpModule } from './http-module.ts';

/**
 * The Releases REST calls (API version 2022-11-28) spoken over node:http(s): it has no 5-minute
 * header timeout to cut a large upload that GitHub answers only once it has stored it, it lets a
 * redirect to signed storage be followed without the token (that storage refuses a request
 * carrying Authorization), and it is loaded already: the first call through Node's fetch compiles
 * its undici first, ~40 ms of a release step's start here (first request 55 ms against 16).
 * Hosts come from GitHub's answers (`upload_url`, `Location`), never from a built string.
 */
export interface Release {
  id: number;
  tag_name: string;
  name: string | null;
  /** The release notes (Markdown). */
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  immutable?: boolean;
  created_at: string;
  published_at: string | null;
  upload_url: string;
  html_url: string;
  assets: Asset[];
}

export interface Asset {
  id: number;
  name: string;
  state: string;
  size: number;
  content_type: string;
  /** `sha256:<hex>`; null on assets uploaded before GitHub recorded digests (June 2025). */
  digest?: string | null;
  url: string;
  browser_download_url: string;
}

export interface RepoInfo {
  full_name: string;
  private: boolean;
}

/** A non-2xx answer, with GitHub's own message and error codes kept for the caller to decide on. */
export class GitHubHttpError extends SnapshotError {
  readonly status: number;
  readonly body: string;
  constructor(status: number, body: string, message: string) {
    super(status === 404 ? 'not-found' : status === 401 || status === 403 || status === 422 ? 'bad-input' : 'failed', message);
    this.status = status;
    this.body = body;
  }

  /** GitHub's `errors[].code` values (422 answers): `already_exists`, `custom`, … */
  get codes(): string[] {
    try {
      const parsed = JSON.parse(this.body) as { errors?: { code?: string; field?: string; message?: string }[]; message?: string };
      return (parsed.errors ?? []).map((e) => `${e.code ?? ''}:${e.field ?? ''}`);
    } catch {
      return [];
    }
  }

  get githubMessage(): string {
    try {
      const parsed = JSON.parse(this.body) as { errors?: { message?: string }[]; message?: string };
      return [parsed.message, ...(parsed.errors ?? []).map((e) => e.message)].filter(Boolean).join(': ');
    } catch {
      return oneLine(this.body).slice(0, 200);
    }
  }
}

export interface RetryPolicy {
  attempts: number;
  /** Back-off before attempt n+1 when GitHub names no wait: base · 2^(n-1) ms. */
  baseDelayMs: number;
  /** A `retry-after` longer than this is not waited for. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxWaitMs: 120_000 };
const USER_AGENT = 'sqlite-snapshot';
const API_VERSION = '2022-11-28';

/** One answer, read whole (JSON calls are small). */
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export class ReleasesClient {
  readonly base: string;
  readonly repo: Repo;
  private readonly token: string | undefined;
  private readonly retry: RetryPolicy;
  private readonly log: (line: string) => void;

  constructor(repo: Repo, opts: { token?: string; base?: string; retry?: RetryPolicy; log?: (line: string) => void } = {}) {
    this.repo = repo;
    this.token = opts.token || undefined;
    this.base = (opts.base ?? (process.env['GITHUB_API_URL'] || 'https://api.github.com')).replace(/\/+$/, '');
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.log = opts.log ?? (() => undefined);
  }

  get repoName(): string {
    return `${this.repo.owner}/${this.repo.repo}`;
  }

  get hasToken(): boolean {
    return this.token !== undefined;
  }

  private get root(): string {
    return `${this.base}/repos/${encodeURIComponent(this.repo.owner)}/${encodeURIComponent(this.repo.repo)}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'User-Agent': USER_AGENT,
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': API_VERSION,
      ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      ...extra,
    };
  }

  async repoInfo(): Promise<RepoInfo> {
    return this.json<RepoInfo>('GET', this.root);
  }

  async releaseByTag(tag: string): Promise<Release | undefined> {
    return this.json<Release>('GET', `${this.root}/releases/tags/${encodeURIComponent(tag)}`).catch(notFoundAsUndefined);
  }

  async release(id: number): Promise<Release | undefined> {
    return this.json<Release>('GET', `${this.root}/releases/${id}`).catch(notFoundAsUndefined);
  }

  /** Every release the token may see (drafts only with push access), in no promised order. */
  async releases(): Promise<Release[]> {
    return this.pages<Release>(`${this.root}/releases?per_page=100`);
  }

  async assets(releaseId: number): Promise<Asset[]> {
    return this.pages<Asset>(`${this.root}/releases/${releaseId}/assets?per_page=100`);
  }

  async createRelease(body: Record<string, unknown>): Promise<Release> {
    return this.json<Release>('POST', `${this.root}/releases`, body);
  }

  async updateRelease(id: number, body: Record<string, unknown>): Promise<Release> {
    return this.json<Release>('PATCH', `${this.root}/releases/${id}`, body);
  }

  async deleteRelease(id: number): Promise<void> {
    await this.json<unknown>('DELETE', `${this.root}/releases/${id}`).catch(notFoundAsUndefined);
  }

  async deleteAsset(id: number): Promise<void> {
    await this.json<unknown>('DELETE', `${this.root}/releases/assets/${id}`).catch(notFoundAsUndefined);
  }

  /**
   * POSTs a file (or a byte range of it) to the release's upload URL, once: the caller decides
   * what a failure means, since a failed upload may have left a `starter` asset or completed.
   * `file`: a path, or names to try in order (a file being renamed into place). A small file is
   * opened before this returns its promise; a large one is sent from a thread of its own
   * (upload-thread.ts), which opens it as it starts, so that its bytes keep flowing while this
   * thread is busy. `onSent`: how long the request took, timed where it was sent.
   */
  async uploadOnce(release: Release, name: string, file: string | string[], range: { start: number; size: number }, contentType: string, onSent?: (ms: number) => void): Promise<Asset> {
    const url = new URL(release.upload_url.replace(/\{[^}]*\}$/, ''));
    url.searchParams.set('name', name);
    const job: PostFile = { url: url.href, headers: this.headers({ 'Content-Type': contentType, 'Content-Length': String(range.size) }), names: typeof file === 'string' ? [file] : file, start: range.start, size: range.size };
    const res = range.size >= UPLOAD_THREAD_MIN ? await postOnThread(job) : await postFile(job);
    onSent?.(res.ms);
    if (res.status < 200 || res.status >= 300) throw this.httpError(res.status, res.text, `uploading ${name}`, res.headers);
    return JSON.parse(res.text) as Asset;
  }

  /**
   * The asset's bytes as they arrive: GitHub answers 200, or a 302 to signed storage that is
   * followed without the token. The caller checks size and digest.
   */
  async download(asset: Asset): Promise<http.IncomingMessage> {
    let url = new URL(asset.url);
    let headers: Record<string, string> = this.headers({ Accept: 'application/octet-stream' });
    for (let hops = 0; hops < 5; hops++) {
      const res = await request(url, 'GET', headers);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        const next = new URL(res.headers.location, url);
        // The signed URL carries its own authority; a token beside it is refused (and would leak).
        headers = { 'User-Agent': USER_AGENT, Accept: 'application/octet-stream' };
        url = next;
        continue;
      }
      if (status !== 200) {
        const text = await readAll(res).catch(() => '');
        throw this.httpError(status, text, `downloading ${asset.name}`, res.headers);
      }
      return res;
    }
    throw new SnapshotError('failed', `downloading ${asset.name}: too many redirects; retry later`);
  }

  private async pages<T>(first: string): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = first;
    while (next) {
      const answer = await this.call('GET', next);
      out.push(...(JSON.parse(answer.text) as T[]));
      next = /<([^>]+)>;\s*rel="next"/.exec(header(answer.headers, 'link') ?? '')?.[1];
    }
    return out;
  }

  private async json<T>(method: string, url: string, body?: unknown): Promise<T> {
    const answer = await this.call(method, url, body);
    return (answer.text ? JSON.parse(answer.text) : undefined) as T;
  }

  /** A JSON call with retries on 5xx, rate limits and dropped connections. */
  private async call(method: string, url: string, body?: unknown): Promise<Answer> {
    return this.withRetries(`${method} ${new URL(url).pathname}`, async () => {
      const json = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const extra: Record<string, string> = json ? { 'Content-Type': 'application/json', 'Content-Length': String(json.length) } : {};
      const res = await request(new URL(url), method, this.headers(extra), json);
      const text = await readAll(res);
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) throw this.httpError(status, text, `${method} ${new URL(url).pathname}`, res.headers);
      return { status, headers: res.headers, text };
    });
  }

  /** Runs `attempt` until it succeeds, fails for good, or the attempts run out. */
  async withRetries<T>(what: string, attempt: (n: number) => Promise<T>, onRetry?: (err: unknown) => Promise<void>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt(n);
      } catch (err) {
        const wait = retryWait(err, n, this.retry);
        if (wait === undefined || n >= this.retry.attempts) throw err;
        this.log(`${what}: ${describeTransient(err)}; retrying in ${Math.round(wait / 100) / 10} s (attempt ${n + 1} of ${this.retry.attempts})`);
        await new Promise((r) => setTimeout(r, wait));
        if (onRetry) await onRetry(err);
      }
    }
  }

  private httpError(status: number, text: string, what: string, headers: http.IncomingHttpHeaders): GitHubHttpError {
    const err = new GitHubHttpError(status, text, `GitHub API ${what}: ${status}`);
    rateLimitWaits.set(err, rateLimitWait(status, headers, text));
    return err;
  }
}

/** How long GitHub asked us to wait, for 403/429 answers that are rate limits; undefined otherwise. */
const rateLimitWaits = new WeakMap<object, number | undefined>();

function rateLimitWait(status: number, headers: http.IncomingHttpHeaders, text: string): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const after = header(headers, 'retry-after');
  if (after && /^\d+$/.test(after)) return Number(after) * 1000;
  if (header(headers, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return Math.max(1000, reset * 1000 - Date.now());
  }
  if (status === 429 || /rate limit/i.test(text)) return 60_000;
  return undefined;
}

/** The wait before another attempt, or undefined when this failure will not change by retrying. */
export function retryWait(err: unknown, attempt: number, policy: RetryPolicy): number | undefined {
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  if (err instanceof GitHubHttpError) {
    if (rateLimitWaits.has(err)) {
      const asked = rateLimitWaits.get(err);
      if (asked !== undefined) return asked > policy.maxWaitMs ? undefined : Math.max(asked, 100);
    }
    return err.status >= 500 ? backoff : undefined;
  }
  if (err instanceof SnapshotError) return undefined;
  // Socket errors: the connection dropped, reset or never opened.
  return backoff;
}

function describeTransient(err: unknown): string {
  if (err instanceof GitHubHttpError) return `GitHub answered ${err.status}${err.githubMessage ? ` (${err.githubMessage})` : ''}`;
  const cause = (err as { cause?: { code?: string } } | undefined)?.cause?.code;
  return `the connection failed (${cause ?? (err as NodeJS.ErrnoException | undefined)?.code ?? oneLine(err)})`;
}

function notFoundAsUndefined(err: unknown): undefined {
  if (err instanceof GitHubHttpError && err.status === 404) return undefined;
  throw err;
}

/** A response header as one string (node:http lowercases the names). */
function header(h: http.IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** One request over node:http(s), with its body, if any, in one buffer. */
function request(url: URL, method: string, headers: Record<string, string>, body?: Buffer): Promise<http.IncomingMessage> {
  const lib = httpModule(url);
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

function postOnThread(job: PostFile): Promise<PostAnswer> {
  const worker = startUploadThread(job);
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { answer?: PostAnswer; error?: ThreadError }) => (m.answer ? resolve(m.answer) : reject(fromThreadError(m.error ?? { message: 'the upload thread answered nothing' }))));
    worker.once('error', reject);
    // After its answer, the thread's exit settles nothing.
    worker.once('exit', (code) => reject(new Error(`the upload thread stopped (exit code ${code}) before it answered`)));
  });
}

async function readAll(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

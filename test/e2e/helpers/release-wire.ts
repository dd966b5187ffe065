import type http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The HTTP side of GitHub's REST API that the Releases emulator needs beside its routes: error
 * bodies, per-page pagination with `Link`, byte ranges, credentials and transfer pacing.
 */

const DOCS = 'https://docs.github.com/rest/releases';

export function sendJson(res: http.ServerResponse, status: number, data: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(data);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** GitHub's error body: `message`, anything more it carries, then the two fields GitHub adds to every error. */
export function errorBody(status: number, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { message, ...extra, documentation_url: DOCS, status: String(status) };
}

/** A 422 "Validation Failed" with one item in `errors`, e.g. `{resource:'Release', code:'already_exists', field:'tag_name'}`. */
export function validationFailed(resource: 'Release' | 'ReleaseAsset', error: { code: string; field: string; message?: string }): Record<string, unknown> {
  return errorBody(422, 'Validation Failed', { errors: [{ resource, ...error }] });
}

/** The answers GitHub gives to a caller it won't serve. */
export const NOT_FOUND = errorBody(404, 'Not Found');
export const BAD_CREDENTIALS = errorBody(401, 'Bad credentials');
export const NEEDS_AUTH = errorBody(401, 'Requires authentication');
export const NOT_ACCESSIBLE = errorBody(403, 'Resource not accessible by integration');

/**
 * The token in an Authorization header (`Bearer <t>` or `token <t>`): undefined without a header,
 * '' for a header in another form (GitHub answers that as bad credentials).
 */
export function tokenOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  return /^(?:Bearer|token)\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? '';
}

/**
 * One page of `items` as `per_page` (default 30, at most 100) and `page` (from 1) ask, and the
 * `Link` header GitHub sends with it: absolute URLs, the request's other parameters kept.
 */
export function paginate<T>(items: readonly T[], url: URL): { page: T[]; link: string | undefined } {
  const asked = Number.parseInt(url.searchParams.get('per_page') ?? '', 10);
  const perPage = asked > 0 ? Math.min(asked, 100) : 30;
  const pageNo = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '', 10) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  if (last === 1 && pageNo === 1) return { page, link: undefined };
  const at = (n: number, rel: string): string => {
    const u = new URL(url);
    u.searchParams.set('page', String(n));
    return `<${u.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (pageNo > 1) links.push(at(Math.min(pageNo - 1, last), 'prev'));
  if (pageNo < last) links.push(at(pageNo + 1, 'next'), at(last, 'last'));
  if (pageNo > 1) links.push(at(1, 'first'));
  return { page, link: links.join(', ') };
}

/**
 * A `Range: bytes=…` header over `size` bytes: one range, 'unsatisfiable', or undefined for the
 * whole body (no header, a malformed one, or several ranges, which S3 answers whole).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start >= size || end < start ? 'unsatisfiable' : { start, end };
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

const realClock: Clock = { now: () => performance.now(), sleep: (ms) => delay(ms) };

/**
 * A link of `bytesPerSec` (none: no limit) that transfers share, as a runner's connection is
 * shared. While any transfer is on (begin…end) the link runs one schedule: each chunk books the
 * next slice of the link's time and waits until that slice is over. A transfer that falls behind
 * (timers overrun, a loaded machine) catches up with shorter waits, so a transfer takes
 * max(its bytes at the rate, what it would take unpaced); an idle link saves up no burst. Memory
 * stays bounded because the caller reads or writes the next chunk only after the wait.
 */
export class Pacer {
  /** When the link has sent what it was given (clock ms). */
  private freeAt = 0;
  private active = 0;
  private readonly bytesPerSec: number | undefined;
  private readonly clock: Clock;

  constructor(bytesPerSec: number | undefined, clock: Clock = realClock) {
    this.bytesPerSec = bytesPerSec;
    this.clock = clock;
  }

  begin(): void {
    if (this.active++ === 0) this.freeAt = this.clock.now();
  }

  end(): void {
    this.active--;
  }

  async take(bytes: number): Promise<void> {
    if (!this.bytesPerSec) return;
    this.freeAt += (bytes / this.bytesPerSec) * 1000;
    // Waits under a millisecond add up in freeAt instead: a timer can't be that short.
    const wait = this.freeAt - this.clock.now();
    if (wait >= 1) await this.clock.sleep(wait);
  }
}

import type http from 'node:http';
import { errorBody, sendJson } from './release-wire.ts';

/**
 * Faults the Releases emulator injects, as GitHub and its storage have been seen to fail
 * (shared/github-releases.md). Each is consumed by the first `times` requests it matches, in the
 * order the faults were queued.
 */

/** Answers that come instead of carrying a request out: nothing is stored or changed. */
export type Refusal = '429' | '403-rate-limit' | '503';

/**
 * Uploads: `502-starter` keeps an empty `starter` asset holding the name, then answers 502;
 * `502-after-upload` stores the asset whole (`uploaded`), then answers 502; `reset` reads part of
 * the body, then drops the connection (a `starter` stays); `taken-by-other` is another job's upload
 * of the same name completing first: an `uploaded` asset of other bytes takes the name, and the
 * request gets GitHub's `422 already_exists`.
 */
export type UploadFault = Refusal | '502-starter' | '502-after-upload' | 'reset' | 'taken-by-other';
/**
 * Asset bytes, wherever they are served (storage, or the API with `downloads: 'direct'`):
 * `flip-byte` changes the middle byte in transit; `cut` promises every byte, sends half, then drops
 * the connection; `html-200` answers 200 with an HTML error page; `503` is storage's SlowDown.
 */
export type DownloadFault = 'flip-byte' | 'cut' | 'html-200' | '503';
/** REST calls: `reset` drops the connection unanswered; `lost` carries the call out, then drops the answer. */
export type ApiFault = Refusal | '502' | 'reset' | 'lost';

/** The kinds of fault, by where they strike. */
export interface FaultKinds {
  upload: UploadFault;
  download: DownloadFault;
  api: ApiFault;
}

export type Fault = { [O in keyof FaultKinds]: { on: O; kind: FaultKinds[O]; match?: string; times?: number } }[keyof FaultKinds];

export class FaultQueue {
  private readonly queued: { fault: Fault; left: number }[] = [];

  add(fault: Fault): void {
    this.queued.push({ fault, left: fault.times ?? 1 });
  }

  /**
   * The first queued fault for `on` whose `match` is a substring of `subject` (an asset name, or
   * for api faults `METHOD /path?query`), used up by this request.
   */
  take<O extends keyof FaultKinds>(on: O, subject: string): FaultKinds[O] | undefined {
    const i = this.queued.findIndex((q) => q.fault.on === on && subject.includes(q.fault.match ?? ''));
    const q = this.queued[i];
    if (!q) return undefined;
    if (--q.left <= 0) this.queued.splice(i, 1);
    return q.fault.kind as FaultKinds[O];
  }

  /** Faults queued and not yet used up. */
  get pending(): number {
    return this.queued.length;
  }
}

const SECONDARY_LIMIT = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

/** Sends the answer for a refusal or a 502: GitHub's rate-limit answers carry `retry-after: 1`. */
export function sendFailure(res: http.ServerResponse, kind: Refusal | '502'): void {
  if (kind === '429' || kind === '403-rate-limit') {
    const status = kind === '429' ? 429 : 403;
    return sendJson(res, status, errorBody(status, SECONDARY_LIMIT), { 'retry-after': '1' });
  }
  const status = Number(kind);
  sendJson(res, status, errorBody(status, status === 502 ? 'Server Error' : 'Service Unavailable'));
}

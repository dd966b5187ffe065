import { NetworkError as HttpNetworkError } from '../../oci/http.ts';

/**
 * The errors @actions/artifact throws (lib/internal/shared/errors.js), with its texts: the
 * artifact store's messages (artifacts.ts: toolkitText, the quota and 409 checks) read them, and
 * stay the same whichever client made the call.
 */

/** The connection failures the toolkit reports as such instead of retrying (NetworkError.isNetworkErrorCode). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH']);

export class ArtifactNetworkError extends Error {
  readonly code: string;
  constructor(code: string, options?: { cause?: unknown }) {
    super(
      `Unable to make request: ${code}\nIf you are using self-hosted runners, please make sure your runner has access to all GitHub endpoints: https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#communication-between-self-hosted-runners-and-github`,
      options,
    );
    this.name = 'NetworkError';
    this.code = code;
  }
}

export class UsageError extends Error {
  constructor() {
    super(
      'Artifact storage quota has been hit. Unable to upload any new artifacts.\nMore info on storage limits: https://docs.github.com/en/billing/managing-billing-for-github-actions/about-billing-for-github-actions#calculating-minute-and-storage-spending',
    );
    this.name = 'UsageError';
  }

  /** What the service's Twirp error says when the account's storage is used up. */
  static is(msg: unknown): boolean {
    return typeof msg === 'string' && msg.includes('insufficient usage');
  }
}

/**
 * The system error code of a failed request (ECONNRESET…); our HTTP layer's idle timer, which the
 * toolkit does not have, counts as ETIMEDOUT.
 */
export function errnoCode(err: unknown): string | undefined {
  const own = (err as NodeJS.ErrnoException | undefined)?.code;
  if (own) return own;
  const cause = (err as { cause?: NodeJS.ErrnoException } | undefined)?.cause?.code;
  if (cause) return cause;
  return err instanceof HttpNetworkError && err.message.startsWith('no answer') ? 'ETIMEDOUT' : undefined;
}

/** The toolkit's NetworkError for a connection failure it gives up on at once, else undefined. */
export function asNetworkError(err: unknown): ArtifactNetworkError | undefined {
  const code = errnoCode(err);
  return code && NETWORK_CODES.has(code) ? new ArtifactNetworkError(code, { cause: err }) : undefined;
}

import { ObjectStoreError, redact, retriableNetwork } from './backend.ts';
import { SnapshotError, oneLine } from '../../engine/common/errors.ts';

/** Tries of one operation in all, above what the SDK itself retries (see docs/stores.md). */
export const ATTEMPTS = 5;
const FIRST_PAUSE_MS = 250;
const MAX_PAUSE_MS = 8_000;

/**
 * Runs an object-store operation again while it fails with something worth another try
 * (throttling, 5xx, a dropped connection), pausing longer each time (exponential back-off with
 * jitter, so that processes throttled together do not come back together). The SDKs retry some
 * of these themselves; this covers what they leave (Azure's SDK gives up on 429, 502 and 504,
 * and neither resumes a download cut midway: see reader.ts) and what outlasts their few tries.
 */
export async function withRetries<T>(what: string, op: (attempt: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (signal?.aborted) throw err;
      const retriable = err instanceof ObjectStoreError ? err.retriable : !(err instanceof SnapshotError) && retriableNetwork(err);
      if (!retriable || attempt >= ATTEMPTS) {
        if (err instanceof SnapshotError) throw err;
        throw new ObjectStoreError('failed', `${what}: ${redact(oneLine(err))}`, false, err);
      }
      await pause(backoff(attempt), signal);
    }
  }
}

export function backoff(attempt: number): number {
  const ceiling = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

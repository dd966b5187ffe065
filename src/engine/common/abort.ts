/**
 * Cancelling with an AbortSignal. Work that runs off the main thread (the copy and write threads)
 * is stopped when the signal fires; the rest checks the signal between its steps. Either way the
 * operation then cleans up as for any failure and rejects with the signal's reason, as Node's own
 * APIs do, rather than with whatever error the stopped work left behind.
 */

/** Runs `stop` when `signal` aborts (at once if it already has); returns what stops listening. */
export function onAbort(signal: AbortSignal | undefined, stop: () => void): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    stop();
    return () => {};
  }
  signal.addEventListener('abort', stop, { once: true });
  return () => signal.removeEventListener('abort', stop);
}

/** After a failure: the signal's reason if it aborted (the failure was the abort), else the failure. */
export function abortedOr(signal: AbortSignal | undefined, err: unknown): unknown {
  return signal?.aborted ? signal.reason : err;
}

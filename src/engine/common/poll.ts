/**
 * The one polling loop (the engine's SQLITE_BUSY poll, restore's back-off before a swap, the
 * history lock): try, pause, try again, until a try succeeds or the time is up. The pause before the
 * last try is cut short so that try lands on the limit, not a pause earlier or later.
 */

/** What an attempt returns when it did not succeed this time and may be tried again. */
export const AGAIN: unique symbol = Symbol('again');

export interface PollOptions {
  /** Milliseconds from the first try to the last. 0: one try. */
  timeoutMs: number;
  /** The pause after a failed try, given the milliseconds since the first: 0 means the next event-loop turn. */
  pauseMs: (elapsedMs: number) => number;
}

/** The first result of `attempt` that is not AGAIN, or AGAIN when the last try (at `timeoutMs`) still gave AGAIN. */
export async function poll<T>(attempt: () => T | typeof AGAIN | Promise<T | typeof AGAIN>, opts: PollOptions): Promise<T | typeof AGAIN> {
  const nextPause = schedule(opts);
  for (;;) {
    const result = await attempt();
    if (result !== AGAIN) return result;
    const pause = nextPause();
    if (pause === undefined) return AGAIN;
    await new Promise((resolve) => (pause <= 0 ? setImmediate(resolve) : setTimeout(resolve, pause)));
  }
}

/**
 * poll for a caller that cannot wait asynchronously (opening a database): the same tries at the
 * same times, but each pause blocks the thread, as SQLite's own busy handler does.
 */
export function pollSync<T>(attempt: () => T | typeof AGAIN, opts: PollOptions): T | typeof AGAIN {
  const nextPause = schedule(opts);
  for (;;) {
    const result = attempt();
    if (result !== AGAIN) return result;
    const pause = nextPause();
    if (pause === undefined) return AGAIN;
    if (pause > 0) Atomics.wait(SLEEPER, 0, 0, pause);
  }
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

/** After each failed try: the pause before the next, or undefined when no try is left. Time counts from the call. */
function schedule(opts: PollOptions): () => number | undefined {
  const start = performance.now();
  let last = false;
  return () => {
    if (last) return undefined;
    const elapsed = performance.now() - start;
    const left = opts.timeoutMs - elapsed;
    if (left <= 0) return undefined;
    const asked = opts.pauseMs(elapsed);
    // A timer may fire a fraction of a millisecond early: the try after a pause cut to the limit is the last whatever the clock says.
    last = asked >= left;
    return last ? left : asked;
  };
}

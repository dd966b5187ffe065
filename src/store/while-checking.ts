/**
 * Runs `run` (a snapshot into a store) while that store's publishing checks (`ready`: a round trip
 * to GitHub) are under way: `signal` is aborted if they fail, and the snapshot's failure then reads
 * as the checks' own error. The store's upload waits for `ready` itself.
 */
export async function whileChecking<T>(ready: Promise<unknown>, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  ready.catch(() => controller.abort());
  try {
    return await run(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) await ready;
    throw err;
  }
}

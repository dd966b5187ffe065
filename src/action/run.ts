import * as core from '@actions/core';
import { SnapshotError, oneLine } from '../engine/common/errors.ts';

/**
 * The one place an entry's failure becomes the step's result: a single actionable line through
 * core.setFailed (an annotation on the run page), never a stack trace.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  // Bundled dependencies (unzip-stream's Buffer()) emit deprecation warnings a user cannot act on.
  process.noDeprecation = true;
  try {
    await main();
  } catch (err) {
    const message = oneLine(err);
    core.setFailed(err instanceof SnapshotError ? message : `unexpected error: ${message}; please report it with the step's log`);
    if (!(err instanceof SnapshotError) && err instanceof Error && err.stack) core.debug(err.stack);
  }
}

/**
 * Progress lines at most every `everyMs`, the first once `everyMs` has passed: a long snapshot
 * shows life without flooding the log, and a short one (most are) prints none.
 */
export function throttled(everyMs: number): (line: string) => void {
  let last = Date.now();
  return (line) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    core.info(line);
  };
}

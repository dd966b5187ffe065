/**
 * `--priority low|normal` for the commands that take snapshots beside a running application
 * (snapshot, watch). A snapshot is background work: on a machine whose cores the application
 * keeps busy, full-speed snapshot threads took a third of a WAL writer's commit rate. At `low`
 * every thread of this process runs at nice 10, so the scheduler gives the application's
 * threads most of the CPU whenever both want it, and the snapshot the idle rest.
 *
 * Why 10 and not 19: at 19, on a machine whose cores the application kept busy, a snapshot took
 * ~70× as long, and the application's WAL grew all that time (our read transaction stops its
 * checkpoints from recycling it). At 10 the writer kept 88-99 % of its rate (bench/README.md).
 *
 * Default: low, except where the `CI` variable is set (GitHub Actions and the other CI systems
 * set it): a CI job's snapshot is the job's own work, nothing else waits for the CPU. The
 * Action never lowers its priority.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { type Parsed, choice, str } from './args.ts';

export type Priority = 'low' | 'normal';
export const PRIORITIES: readonly Priority[] = ['low', 'normal'];

/** The nice value of `low`; a higher value (lower priority) that the process already has is kept. */
export const LOW_NICE = 10;

export const PRIORITY_OPTION = { priority: { type: 'string' } } as const;

export const PRIORITY_HELP = `  --priority <p>          low (default) | normal: low runs every thread at nice 10 and
                            compresses on one lane fewer than the cores, so the
                            application beside it keeps its CPU; normal is the default
                            where the CI variable is set`;

/**
 * Compression lanes at a priority: at `low`, one fewer than the cores (at least one), so one
 * core is never asked to run two of our threads beside the application's. nice 10 alone weighs
 * each of our threads at a ninth of the application's, but with three lanes and a check on two
 * cores the writer still shared its core with two of them: it kept 76 % of its rate (R11). At
 * `normal`: the engine's default (one more than the cores).
 */
export function lanesFor(priority: Priority): number | undefined {
  return priority === 'low' ? Math.max(1, os.availableParallelism() - 1) : undefined;
}

/** True when the environment says this is a CI job (GitHub Actions sets CI=true). */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

export function priorityFrom(p: Parsed, env: NodeJS.ProcessEnv = process.env): Priority {
  return choice(str(p, 'priority'), PRIORITIES, 'priority', inCi(env) ? 'normal' : 'low');
}

/**
 * Lowers this process to `priority` (normal: leaves it as it is; never raises a priority).
 * On Linux a priority belongs to one thread, and worker threads and libuv's pool are threads of
 * their own, some already started (warm-up.ts): each is lowered by its thread id. Threads started
 * afterwards inherit the value of the thread that starts them. Elsewhere the call applies to the
 * whole process. Returns how many threads were lowered. Failing to lower costs only speed for
 * the application, so errors are ignored.
 */
export function applyPriority(priority: Priority): number {
  if (priority === 'normal') return 0;
  if (process.platform !== 'linux') return lower(0) ? 1 : 0;
  let lowered = 0;
  const seen = new Set<number>();
  // A thread may be started while we walk the list by one not yet lowered: walk until none is new.
  for (let pass = 0; pass < 5; pass++) {
    const tids = threadIds().filter((t) => !seen.has(t));
    if (tids.length === 0) break;
    for (const tid of tids) {
      seen.add(tid);
      if (lower(tid)) lowered++;
    }
  }
  return lowered;
}

function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [0];
  }
}

function lower(tid: number): boolean {
  try {
    if (os.getPriority(tid) >= LOW_NICE) return false;
    os.setPriority(tid, LOW_NICE);
    return true;
  } catch {
    // The thread ended meanwhile, or the system refuses: nothing to do either way.
    return false;
  }
}

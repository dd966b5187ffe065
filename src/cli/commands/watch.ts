import { type SnapshotResult, SnapshotError, snapshot } from '../../api/index.ts';
import { badInput, oneLine } from '../../engine/common/errors.ts';
import { formatBytes, formatDuration } from '../../engine/common/format.ts';
import { checkSource } from '../../engine/snapshot/source.ts';
import { LockBusyError } from '../../store/local/lock.ts';
import { validateName } from '../../store/names.ts';
import { storeFor } from '../../store/resolve.ts';
import { type Parsed, required } from '../args.ts';
import { parseDuration } from '../duration.ts';
import type { Out } from '../output.ts';
import { applyPriority, priorityFrom } from '../priority.ts';
import { RETENTION_HELP, SNAPSHOT_OPTIONS, retentionFrom, snapshotOptionsFrom } from './snapshot.ts';

const { 'lock-timeout': _lockTimeout, verify: _verify, ...snapshotOnly } = SNAPSHOT_OPTIONS;
export const WATCH_OPTIONS = { ...snapshotOnly, every: { type: 'string' } } as const;

export const WATCH_HELP = `Usage: sqlite-snapshot watch <db>... --store <dir> --name <name> --every <d> [options]

Takes a hot snapshot of the databases now and then every <d>, as new generations of <name>,
while other processes keep writing to them; one line per snapshot. Every generation is
verified before it is published, and retention prunes only after that.

Never two at once: a tick that finds another snapshot of <name> running (another watch, a
manual snapshot, a prune) is skipped with a message; a snapshot that outlasts <d> makes the
ticks it overlapped be skipped. A failed snapshot is logged and the next tick tries again.

SIGINT/SIGTERM: the snapshot in progress is finished and published, then watch exits 0;
a second signal discards it instead (its staging directory is removed) and exits at once.

Options:
  --every <d>             interval between snapshots (30s, 15m, 1h, 1d)
${RETENTION_HELP}
  and the options of "snapshot": --method, --compression, --level, --check,
  --busy-timeout, --allow-corrupt, --raw-sha256, --priority (low by default outside CI: every thread
  at nice 10, so the application keeps its CPU while a snapshot runs)
  --json                  one JSON object per line (event: snapshot | skipped | error | stopped)
  -q, --quiet             log only skips and errors`;

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export async function watchCommand(p: Parsed, out: Out): Promise<void> {
  const sources = p.positionals;
  const store = await storeFor(required(p, 'store', 'watch', './snapshots'));
  const name = validateName(required(p, 'name', 'watch', 'hourly'), '--name');
  const everyMs = parseDuration(required(p, 'every', 'watch', '1h'), 'every') as number;
  const priority = priorityFrom(p);
  const options = snapshotOptionsFrom(p, priority);
  const retention = retentionFrom(p);
  if (sources.length === 0) throw badInput('watch: no database given; name at least one database file (sqlite-snapshot watch app.db --store ./snapshots --name hourly --every 1h)');
  applyPriority(priority);
  // Caught now rather than logged at every tick forever.
  for (const s of sources) await checkSource(s);

  const log = (event: string, human: string, fields: Record<string, unknown> = {}, toStderr = false): void => {
    const at = new Date().toISOString();
    if (out.json) process.stdout.write(JSON.stringify({ at, event, name, ...fields }) + '\n');
    else if (toStderr) process.stderr.write(`${at} ${name}: ${human}\n`);
    else if (!out.quiet) process.stdout.write(`${at} ${name}: ${human}\n`);
  };

  // The snapshot in flight, and what aborts it: a second signal discards it.
  let inFlight: AbortController | undefined;
  let discardedBy: NodeJS.Signals | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (!stopping) {
      stopping = true;
      if (inFlight) log('stopping', `${sig}: finishing the snapshot in progress, then stopping (${sig} again discards it)`, { signal: sig }, true);
      wake?.();
      return;
    }
    if (!inFlight || discardedBy) return;
    log('stopping', `${sig}: discarding the snapshot in progress`, { signal: sig }, true);
    // The API removes everything of an aborted snapshot (its staging directory with every file in
    // it) and releases the lock before it rejects; past publishing, the abort is not taken.
    discardedBy = sig;
    inFlight.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let next = Date.now();
  let count = 0;
  try {
    while (!stopping) {
      inFlight = new AbortController();
      const t0 = performance.now();
      try {
        const taken = await snapshot(sources, {
          store,
          name,
          ...options,
          ...retention,
          // Proven by checksums: watch runs beside the application, and a second decoded copy of every generation took its I/O.
          verify: 'checksums',
          lockTimeoutMs: 0,
          by: 'watch',
          signal: inFlight.signal,
        });
        count++;
        for (const note of taken.notes) process.stderr.write(note + '\n');
        log('snapshot', describeTaken(taken, performance.now() - t0), {
          generation: taken.generation,
          databases: taken.manifest.databases.length,
          rawSize: taken.manifest.databases.reduce((a, e) => a + e.rawSize, 0),
          storedSize: taken.manifest.databases.reduce((a, e) => a + e.storedSize, 0),
          copy: taken.manifest.databases.map((e) => e.copy),
          ms: Math.round(performance.now() - t0),
          pruned: taken.pruned.map((r) => r.generation),
        });
      } catch (err) {
        if (discardedBy) process.exit(SIGNAL_EXIT[discardedBy] ?? 1);
        const kind = err instanceof SnapshotError ? err.kind : 'failed';
        if (err instanceof LockBusyError) log('skipped', `skipped this tick: ${oneLine(err)}`, { reason: oneLine(err) }, true);
        else log('error', `snapshot failed, next tick tries again: ${oneLine(err)}`, { kind, message: oneLine(err) }, true);
      } finally {
        inFlight = undefined;
      }
      next += everyMs;
      const now = Date.now();
      if (next <= now) {
        const missed = Math.floor((now - next) / everyMs) + 1;
        next += missed * everyMs;
        log('skipped', `the snapshot took ${formatDuration(performance.now() - t0)}, longer than --every; skipped ${missed} tick(s)`, { missed }, true);
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, next - Date.now());
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    log('stopped', `stopped after ${count} snapshot(s)`, { snapshots: count }, true);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function describeTaken(t: SnapshotResult, ms: number): string {
  const raw = t.manifest.databases.reduce((a, e) => a + e.rawSize, 0);
  const stored = t.manifest.databases.reduce((a, e) => a + e.storedSize, 0);
  const copies = [...new Set(t.manifest.databases.map((e) => `${e.method}/${e.copy}`))].join(',');
  const pruned = t.pruned.length ? `; pruned ${t.pruned.map((r) => r.generation).join(', ')}` : '';
  return `generation ${t.generation}: ${t.manifest.databases.length} database(s), ${formatBytes(raw)} -> ${formatBytes(stored)}, ${copies}, verified ${t.verification?.check ?? 'no'}, ${formatDuration(ms)}${pruned}`;
}

import { restore } from '../../api/index.ts';
import { badInput } from '../../engine/common/errors.ts';
import { formatDuration } from '../../engine/common/format.ts';
import { JOURNAL_MODES } from '../../engine/restore/restore.ts';
import { type Parsed, choice, flag, integer, list, str } from '../args.ts';
import { print, type Out } from '../output.ts';
import { ProgressLine } from '../progress.ts';
import { SELECT_HELP, SELECT_OPTIONS, selectionFrom } from './open.ts';

export const RESTORE_OPTIONS = {
  ...SELECT_OPTIONS,
  to: { type: 'string', multiple: true },
  'keep-previous': { type: 'boolean', default: false },
  'previous-name': { type: 'string' },
  'journal-mode': { type: 'string' },
  check: { type: 'string' },
  force: { type: 'boolean', default: false },
  'busy-timeout': { type: 'string' },
} as const;

export const RESTORE_HELP = `Usage: sqlite-snapshot restore --store <dir> --name <name> --to <path>... [options]
       sqlite-snapshot restore --release <owner/repo@tag|latest> --name <name> --to <path>...

Verifies a snapshot (checksums, header, integrity) into a temp file beside each target, then
atomically replaces the target and removes its stale -wal, -shm and -journal files. A target
that is in use (an open transaction or a lock) is refused unless --force.

Targets (--to, repeatable):
  one database in the snapshot:   every --to gets its own copy (fan-out)
  several databases:              --to app.db=./data/app.db pairs, one --to per database in
                                  snapshot order, or one directory ending in /
  a missing parent directory is created.

Options:
${SELECT_HELP}
  --to <path>             where to restore (repeatable)
  --keep-previous         keep the replaced database as <target>.pre-restore
  --previous-name <path>  keep it under this name instead (one target only)
  --journal-mode <m>      keep (default: as snapshotted) | wal | delete
  --check <c>             auto (default) | quick | full | off: SQLite's integrity check before
                          replacing; auto runs quick_check only if the snapshot did not pass one
                          (checksums prove the bytes are the ones it checked)
  --force                 replace a target that is in use or is not a SQLite database
  --busy-timeout <ms>     wait this long for a transaction on the target (default 1000)
  --json, -q/--quiet`;

export async function restoreCommand(p: Parsed, out: Out): Promise<void> {
  const to = list(p, 'to');
  const journalMode = choice(str(p, 'journal-mode'), JOURNAL_MODES, 'journal-mode', 'keep');
  const check = choice(str(p, 'check'), ['auto', 'quick', 'full', 'off'] as const, 'check', 'auto');
  const busyTimeoutMs = integer(str(p, 'busy-timeout'), 'busy-timeout', 0, 3_600_000) ?? 1000;
  const previousName = str(p, 'previous-name');
  const selection = await selectionFrom(p, 'restore', out);
  if (to.length === 0) throw badInput('restore: no target given; name at least one path to restore to (--to <path>)');
  const progress = new ProgressLine(!out.quiet && !out.json);
  const t0 = performance.now();
  try {
    // A store that downloads (an object store, a registry, a release) is decoded as it arrives.
    const done = await restore({
      ...selection,
      to,
      journalMode,
      check,
      busyTimeoutMs,
      force: flag(p, 'force'),
      keepPrevious: previousName ?? flag(p, 'keep-previous'),
      onProgress: (e) => progress.update(`${e.database} restore`, e.done, e.total),
    });
    progress.clear();
    const results = done.restored;
    print(
      out,
      () =>
        [
          // A release's tag stands where a store's generation would.
          `restored ${done.name} ${selection.release ? 'from release' : 'generation'} ${done.generation} to ${results.length} target(s) in ${formatDuration(performance.now() - t0)}`,
          ...results.map(
            (r) =>
              `  ${r.entry} -> ${r.path} (${r.replaced ? 'replaced' : 'new'}, journal ${r.journalMode}${r.sha256 ? `, sha256 ${r.sha256.slice(0, 16)}…` : ''})` +
              (r.previous ? `\n    previous kept as ${r.previous}` : '') +
              (r.removedSideFiles.length ? `\n    removed stale ${r.removedSideFiles.map((f) => f.slice(f.lastIndexOf('-'))).join(', ')}` : ''),
          ),
        ].join('\n'),
      () => ({ name: done.name, generation: done.generation, restored: results }),
    );
  } finally {
    progress.clear();
  }
}

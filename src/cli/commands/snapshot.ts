import { parseCompression, resolveLevel } from '../../engine/compression.ts';
import { createSnapshot, METHODS } from '../../engine/snapshot.ts';
import { LocalStore } from '../../store/local.ts';
import { validateName } from '../../store/names.ts';
import { badInput } from '../../engine/errors.ts';
import { checkSource } from '../../engine/source.ts';
import { type Parsed, choice, flag, integer, required, str } from '../args.ts';
import { entryLine, print, type Out } from '../output.ts';
import { ProgressLine } from '../progress.ts';
import { formatBytes, formatDuration } from '../../engine/format.ts';

export const SNAPSHOT_OPTIONS = {
  store: { type: 'string' },
  name: { type: 'string' },
  method: { type: 'string' },
  compression: { type: 'string' },
  level: { type: 'string' },
  check: { type: 'string' },
  'busy-timeout': { type: 'string' },
  'allow-corrupt': { type: 'boolean', default: false },
} as const;

export const SNAPSHOT_HELP = `Usage: sqlite-snapshot snapshot <db>... --store <dir> --name <name> [options]

Takes a consistent snapshot of one or more SQLite databases, even while other processes write
to them, and stores it as a new generation of <name> in the store directory.

Options:
  --store <dir>           store directory (created if missing)
  --name <name>           snapshot name: letters, digits, ".", "_", "-"
  --method <m>            auto (default) | backup | vacuum
                            backup: page-exact copy; vacuum: VACUUM INTO, compacted;
                            auto: backup, or vacuum when >= 25% of the pages are free
  --compression <c>       zstd (default) | gzip | none
  --level <n>             compression level (zstd -7..22, default 3; gzip 1..9, default 6)
  --check <c>             quick (default) | full | off: integrity check of the snapshot
  --busy-timeout <ms>     wait this long for another process's lock (default 5000)
  --allow-corrupt         keep a snapshot of a database that fails its check (marked in the manifest)
  --json                  print the manifest as JSON
  -q, --quiet             print nothing on success`;

export async function snapshotCommand(p: Parsed, out: Out): Promise<void> {
  const sources = p.positionals;
  const storeDir = required(p, 'store', 'snapshot', './snapshots');
  const name = validateName(required(p, 'name', 'snapshot', 'seed-db'), '--name');
  const compression = parseCompression(str(p, 'compression') ?? 'zstd', '--compression');
  const level = resolveLevel(compression, integer(str(p, 'level'), 'level', -7, 22), '--level');
  const method = choice(str(p, 'method'), METHODS, 'method', 'auto');
  const check = choice(str(p, 'check'), ['quick', 'full', 'off'] as const, 'check', 'quick');
  const busyTimeoutMs = integer(str(p, 'busy-timeout'), 'busy-timeout', 0, 3_600_000) ?? 5000;
  if (sources.length === 0) {
    throw badInput('snapshot: no database given; name at least one database file (sqlite-snapshot snapshot app.db --store ./snapshots --name seed)');
  }

  // Every source is checked before the store is touched, so bad input writes nothing at all.
  for (const source of sources) await checkSource(source);
  const store = new LocalStore(storeDir);
  const staging = await store.begin(name);
  const progress = new ProgressLine(!out.quiet && !out.json);
  const t0 = performance.now();
  try {
    const manifest = await createSnapshot(sources, staging.dir, name, {
      method,
      compression,
      level,
      check,
      busyTimeoutMs,
      allowCorrupt: flag(p, 'allow-corrupt'),
      onProgress: (e) => progress.update(`${e.database} ${e.phase}`, e.done, e.total),
    });
    const published = await staging.commit();
    progress.clear();
    const raw = manifest.databases.reduce((a, e) => a + e.rawSize, 0);
    const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
    print(
      out,
      () =>
        [
          `snapshot ${name} generation ${published.generation}: ${manifest.databases.length} database(s), ${formatBytes(raw)} -> ${formatBytes(stored)} in ${formatDuration(performance.now() - t0)}`,
          ...manifest.databases.map(entryLine),
          `  stored in ${published.location}`,
        ].join('\n'),
      () => ({ generation: published.generation, location: published.location, manifest }),
    );
  } catch (err) {
    progress.clear();
    await staging.abort();
    throw err;
  }
}

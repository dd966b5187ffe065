import { type ReleaseStore, type SnapshotOptions, snapshot } from '../../api/index.ts';
import { badInput } from '../../engine/common/errors.ts';
import { formatBytes, formatDuration } from '../../engine/common/format.ts';
import { parseCompression, resolveLevel } from '../../engine/manifest/compression.ts';
import { METHODS } from '../../engine/snapshot/snapshot.ts';
import type { PublishedRelease } from '../../store/github/releases/publish.ts';
import { validateName } from '../../store/names.ts';
import { storeFor } from '../../store/resolve.ts';
import { type RetentionPolicy, checkPolicy } from '../../store/retention.ts';
import { type Parsed, choice, flag, integer, required, str } from '../args.ts';
import { parseDuration } from '../duration.ts';
import { entryLine, print, type Out } from '../output.ts';
import { PRIORITY_HELP, PRIORITY_OPTION, applyPriority, lanesFor, priorityFrom, type Priority } from '../priority.ts';
import { ProgressLine } from '../progress.ts';
import { RELEASE_PUBLISH_HELP, RELEASE_PUBLISH_OPTIONS, releaseToPublish } from '../release.ts';

/** What `snapshot` and `watch` take from the flags for the snapshot itself. */
export type EngineOptions = Pick<SnapshotOptions, 'method' | 'compression' | 'level' | 'check' | 'busyTimeoutMs' | 'allowCorrupt' | 'rawSha256' | 'lanes'>;

export const SNAPSHOT_OPTIONS = {
  store: { type: 'string' },
  name: { type: 'string' },
  method: { type: 'string' },
  compression: { type: 'string' },
  level: { type: 'string' },
  check: { type: 'string' },
  'busy-timeout': { type: 'string' },
  'allow-corrupt': { type: 'boolean', default: false },
  'raw-sha256': { type: 'boolean', default: false },
  keep: { type: 'string' },
  'max-age': { type: 'string' },
  verify: { type: 'boolean', default: false },
  'lock-timeout': { type: 'string' },
  ...RELEASE_PUBLISH_OPTIONS,
  ...PRIORITY_OPTION,
} as const;

/** Waiting a minute covers a previous run finishing; a cron job stuck longer should fail loudly. */
const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

export const RETENTION_HELP = `  --keep <n>              keep the n newest generations of <name>, prune older ones
  --max-age <d>           prune generations older than d (30m, 12h, 7d, 1h30m)
                            either limit prunes; the newest generation always stays, and
                            nothing is pruned unless the new generation verified`;

export const SNAPSHOT_HELP = `Usage: sqlite-snapshot snapshot <db>... --store <dir> --name <name> [options]
       sqlite-snapshot snapshot <db>... --release <owner/repo@tag> --name <name> [options]

Takes a consistent snapshot of one or more SQLite databases, even while other processes write
to them, and stores it as a new generation of <name> in the store directory.

Options:
  --store <dir|url>       store directory (created if missing), or s3://bucket/prefix,
                            abs://account@container/prefix, oci://host/repository
                            (see docs/stores.md)
  --name <name>           snapshot name: letters, digits, ".", "_", "-"
  --method <m>            auto (default) | backup | vacuum
                            backup: page-exact copy; vacuum: VACUUM INTO, compacted;
                            auto: backup, or vacuum when >= 25% of the pages are free
  --compression <c>       zstd (default) | gzip | none
  --level <n>             compression level (zstd -7..22, default 3; gzip 1..9, default 6)
  --check <c>             quick (default) | full | off: integrity check of the snapshot
  --busy-timeout <ms>     wait this long for another process's lock (default 5000)
  --allow-corrupt         keep a snapshot of a database that fails its check (marked in the manifest)
  --raw-sha256            also record the database's own sha256 in the manifest, to check a
                            restore with sha256sum (~1 s of CPU per GiB; always recorded
                            with --compression none)
${PRIORITY_HELP}
${RETENTION_HELP}
  --verify                verify the new generation before publishing it (implied by
                            --keep/--max-age; shows as verified in "list")
  --lock-timeout <d>      wait this long for another snapshot of <name> to finish (default 60s;
                            0 fails at once with exit code 4)
${RELEASE_PUBLISH_HELP}
  --json                  print the manifest as JSON
  -q, --quiet             print nothing on success`;

/** The snapshot options both `snapshot` and `watch` take. */
export function snapshotOptionsFrom(p: Parsed, priority: Priority): EngineOptions {
  const compression = parseCompression(str(p, 'compression') ?? 'zstd', '--compression');
  const lanes = lanesFor(priority);
  return {
    compression,
    level: resolveLevel(compression, integer(str(p, 'level'), 'level', -7, 22), '--level'),
    method: choice(str(p, 'method'), METHODS, 'method', 'auto'),
    check: choice(str(p, 'check'), ['quick', 'full', 'off'] as const, 'check', 'quick'),
    busyTimeoutMs: integer(str(p, 'busy-timeout'), 'busy-timeout', 0, 3_600_000) ?? 5000,
    allowCorrupt: flag(p, 'allow-corrupt'),
    ...(flag(p, 'raw-sha256') ? { rawSha256: true } : {}),
    ...(lanes ? { lanes } : {}),
  };
}

export function retentionFrom(p: Parsed): RetentionPolicy {
  const keep = integer(str(p, 'keep'), 'keep', 1, 1_000_000);
  const maxAgeMs = parseDuration(str(p, 'max-age'), 'max-age');
  return checkPolicy({ ...(keep !== undefined ? { keep } : {}), ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) });
}

export async function snapshotCommand(p: Parsed, out: Out): Promise<void> {
  const sources = p.positionals;
  const release = releaseToPublish(p, out);
  if (release) return snapshotToRelease(p, out, release);
  const store = await storeFor(required(p, 'store', 'snapshot', './snapshots'));
  const name = validateName(required(p, 'name', 'snapshot', 'seed-db'), '--name');
  const priority = priorityFrom(p);
  const options = snapshotOptionsFrom(p, priority);
  const retention = retentionFrom(p);
  const lockTimeoutMs = parseDuration(str(p, 'lock-timeout'), 'lock-timeout', { allowZero: true }) ?? DEFAULT_LOCK_TIMEOUT_MS;
  if (sources.length === 0) {
    throw badInput('snapshot: no database given; name at least one database file (sqlite-snapshot snapshot app.db --store ./snapshots --name seed)');
  }
  applyPriority(priority);

  const progress = new ProgressLine(!out.quiet && !out.json);
  const t0 = performance.now();
  try {
    // Every source is checked before the store is touched, so bad input writes nothing at all.
    const taken = await snapshot(sources, {
      store,
      name,
      ...options,
      ...retention,
      verify: flag(p, 'verify'),
      lockTimeoutMs,
      by: 'snapshot',
      onProgress: (e) => progress.update(`${e.database} ${e.phase}`, e.done, e.total),
    });
    progress.clear();
    for (const note of taken.notes) process.stderr.write(note + '\n');
    const { manifest, generation, location, verification, pruned, kept } = taken;
    const raw = manifest.databases.reduce((a, e) => a + e.rawSize, 0);
    const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
    print(
      out,
      () =>
        [
          `snapshot ${name} generation ${generation}: ${manifest.databases.length} database(s), ${formatBytes(raw)} -> ${formatBytes(stored)} in ${formatDuration(performance.now() - t0)}`,
          ...manifest.databases.map(entryLine),
          `  stored in ${location}`,
          ...(verification ? [`  verified (${verification.check} check, checksums match)`] : []),
          ...(kept ? [`  pruned ${pruned.length} generation(s)${pruned.map((r) => `\n    ${r.generation} (${r.why})`).join('')}; ${kept.length} kept`] : []),
        ].join('\n'),
      () => ({ generation, location, manifest, verification: verification ?? null, pruned }),
    );
  } finally {
    progress.clear();
  }
}

/** `snapshot --release`: the API's snapshot into a ReleaseStore, which attaches the generation to the release (see publish.ts). */
async function snapshotToRelease(p: Parsed, out: Out, release: ReleaseStore): Promise<void> {
  const sources = p.positionals;
  const name = validateName(required(p, 'name', 'snapshot', 'seed-db'), '--name');
  const priority = priorityFrom(p);
  const options = snapshotOptionsFrom(p, priority);
  if (sources.length === 0) throw badInput('snapshot: no database given; name at least one database file (sqlite-snapshot snapshot app.db --release owner/repo@v1.2.0 --name app)');
  applyPriority(priority);
  const progress = new ProgressLine(!out.quiet && !out.json);
  const t0 = performance.now();
  try {
    // GitHub is asked whether publishing can work while the snapshot is taken, which stops if not.
    const { manifest, generation, location } = await release.whileChecking((signal) =>
      snapshot(sources, { store: release, name, ...options, signal, onProgress: (e) => progress.update(`${e.database} ${e.phase}`, e.done, e.total) }),
    );
    progress.clear();
    // Asked of GitHub once, beside the snapshot, and kept.
    const { isPublic } = await release.checkCanPublish();
    const done = release.lastPublished as PublishedRelease;
    const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
    print(
      out,
      () =>
        [
          `snapshot ${name} attached to release ${generation} of ${release.client.repoName}: ${manifest.databases.length} database(s), ${formatBytes(stored)} in ${done.assets.length} asset(s), in ${formatDuration(performance.now() - t0)}`,
          ...manifest.databases.map(entryLine),
          `  release ${done.published ? 'published' : 'draft'}: ${location}`,
          ...done.assets.map((a) => `  ${a.name}: ${a.browser_download_url}`),
          ...(isPublic && done.published ? [`  ${release.client.repoName} is public: anyone can download these assets`] : []),
        ].join('\n'),
      () => ({ release: { id: done.release.id, tag: done.release.tag_name, url: done.release.html_url, draft: done.release.draft }, assets: done.assets.map((a) => ({ id: a.id, name: a.name, url: a.browser_download_url, size: a.size, digest: a.digest })), manifest }),
    );
  } finally {
    progress.clear();
  }
}

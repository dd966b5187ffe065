import { type SeedResult, SnapshotError, seed } from '../../api/index.ts';
import { badInput } from '../../engine/common/errors.ts';
import { formatBytes, formatDuration } from '../../engine/common/format.ts';
import { resolveLevel } from '../../engine/manifest/compression.ts';
import { METHODS } from '../../engine/snapshot/snapshot.ts';
import { seedStoreFor } from '../../store/resolve.ts';
import { runCommand } from '../../store/seed/command.ts';
import { CommandFailed, SEED_ZSTD_LEVEL } from '../../store/seed/seed.ts';
import { validateKey, validateRestoreKeys } from '../../store/seed/store.ts';
import { type Parsed, choice, integer, list, required, str } from '../args.ts';
import { print, type Out } from '../output.ts';

export const SEED_OPTIONS = {
  store: { type: 'string' },
  key: { type: 'string' },
  'restore-key': { type: 'string', multiple: true },
  method: { type: 'string' },
  level: { type: 'string' },
  check: { type: 'string' },
} as const;

export const SEED_HELP = `Usage: sqlite-snapshot seed <db>... --store <dir> --key <key> [--restore-key <prefix>]... [-- <command> <args>...]

Seeds databases once per change of whatever builds them. Seeds live in <store>/.seeds/, one per
key; a key is never overwritten (the first save wins).
  exact hit (a seed under --key):   restore it; the command does not run
  partial hit (a --restore-key, or --key as a prefix, matched; the newest wins):
                                    restore it, run the command on top, snapshot, save under --key
  miss:                             run the command, snapshot, save under --key
Restores are verified (checksums) before any database is replaced, atomically, stale -wal/-shm
removed. Without a command, seed only restores (a miss exits 5). A failing command saves nothing
and seed exits with its status.

Options:
  --store <dir|url>       store directory (created if missing), or an object store's URL
                            (seeds under its .seeds/; see docs/stores.md)
  --key <key>             the seed's key, e.g. seed-$(cat migrations/* | sha256sum | cut -c1-16)
                            up to 512 characters, no commas
  --restore-key <prefix>  a key prefix tried when --key misses (repeatable, in order)
  --method <m>            auto (default) | backup | vacuum: how the seed is snapshotted
  --level <n>             zstd level of the seed (-7..22, default ${SEED_ZSTD_LEVEL})
  --check <c>             quick (default) | full | off: integrity check of the new seed
  --json                  {hit: exact|partial|miss, matchedKey, ran, restored, saved}; the
                            command's output goes to stderr
  -q, --quiet             print nothing on success`;

export async function seedCommand(p: Parsed, out: Out): Promise<void> {
  const databases = p.positionals;
  const store = await seedStoreFor(required(p, 'store', 'seed', './snapshots'));
  const key = validateKey(required(p, 'key', 'seed', 'seed-v1'), '--key');
  const restoreKeys = validateRestoreKeys(list(p, 'restore-key'), '--restore-key');
  const method = choice(str(p, 'method'), METHODS, 'method', 'auto');
  const given = integer(str(p, 'level'), 'level', -7, 22);
  const level = given === undefined ? undefined : resolveLevel('zstd', given, '--level');
  const check = choice(str(p, 'check'), ['quick', 'full', 'off'] as const, 'check', 'quick');
  if (databases.length === 0) throw badInput('seed: no database given; name the database file(s) the seed holds (sqlite-snapshot seed app.db --store ./snapshots --key k -- ./migrate)');
  const argv = p.command;
  if (argv !== undefined && argv.length === 0) throw badInput('seed: nothing after --; give the command that builds the databases, or leave -- out to only restore');
  const t0 = performance.now();
  const outcome = await seed({
    store,
    key,
    restoreKeys,
    paths: databases,
    // The command's output is the user's; with --json it goes to stderr, so stdout stays one JSON document.
    ...(argv ? { run: () => runOrFail(argv, out) } : {}),
    method,
    level,
    check,
    log: (line) => process.stderr.write(`sqlite-snapshot: note: ${line}\n`),
  });
  if (outcome.hit === 'miss' && !argv) {
    throw new SnapshotError('not-found', `seed: no seed in ${store.description} matches key ${key}${restoreKeys.length ? ' or a restore key' : ''}; give the command that builds it after --`);
  }
  const saved = outcome.saved;
  if (saved && !saved.saved) process.stderr.write(`sqlite-snapshot: note: seed ${key} not saved: ${saved.message}\n`);
  print(out, () => human(key, outcome, performance.now() - t0), () => json(outcome));
}

/** Runs the command after `--`; a non-zero status fails the seed, and becomes the CLI's exit code (see main.ts). */
async function runOrFail(argv: string[], out: Out): Promise<void> {
  const status = await runCommand(argv, { cwd: process.cwd(), env: process.env, stdio: ['inherit', out.json ? 2 : 'inherit', 'inherit'], label: 'the command' });
  if (status !== 0) throw new CommandFailed(status, `the command (${argv.join(' ')})`);
}

function human(key: string, s: SeedResult, ms: number): string {
  const how = s.hit === 'exact' ? 'exact hit' : s.hit === 'partial' ? `partial hit on ${s.matchedKey}` : 'miss';
  const lines = [`seed ${key}: ${how}${s.ran ? ', ran the command' : ''} in ${formatDuration(ms)}`];
  for (const r of s.restored) lines.push(`  restored ${r.path} (${r.replaced ? 'replaced' : 'new'}${r.sha256 ? `, sha256 ${r.sha256.slice(0, 16)}…` : ''})`);
  const saved = s.saved;
  if (saved) {
    const raw = saved.manifest.databases.reduce((a, e) => a + e.rawSize, 0);
    const stored = saved.manifest.databases.reduce((a, e) => a + e.storedSize, 0);
    lines.push(saved.saved ? `  saved ${saved.manifest.databases.length} database(s), ${formatBytes(raw)} -> ${formatBytes(stored)}, in ${saved.details['location']}` : `  not saved: ${saved.reason}`);
  }
  return lines.join('\n');
}

function json(s: SeedResult): unknown {
  const o = s.saved;
  return {
    hit: s.hit,
    matchedKey: s.matchedKey ?? null,
    ran: s.ran,
    restored: s.restored,
    saved: o ? (o.saved ? { saved: true, ...o.details } : { saved: false, reason: o.reason, message: o.message }) : null,
    manifest: o?.manifest ?? null,
  };
}

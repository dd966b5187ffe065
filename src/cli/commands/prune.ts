import { prune } from '../../api/index.ts';
import { badInput } from '../../engine/common/errors.ts';
import { storeFor } from '../../store/resolve.ts';
import { validateName } from '../../store/names.ts';
import { hasRetention } from '../../store/retention.ts';
import { type Parsed, flag, required, str } from '../args.ts';
import { parseDuration } from '../duration.ts';
import { print, type Out } from '../output.ts';
import { RETENTION_HELP, retentionFrom } from './snapshot.ts';

export const PRUNE_OPTIONS = {
  store: { type: 'string' },
  name: { type: 'string' },
  keep: { type: 'string' },
  'max-age': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'lock-timeout': { type: 'string' },
} as const;

export const PRUNE_HELP = `Usage: sqlite-snapshot prune --store <dir> --name <name> [--keep <n>] [--max-age <d>] [--dry-run]

Removes old generations of <name>. Only complete generations are removed, never the newest;
each is first renamed out of sight, then deleted, so a restore that already opened it finishes.
Holds the name's writer lock meanwhile, like snapshot and watch.

Options:
  --store <dir|url>       store directory, or s3://bucket/prefix, abs://account@container/prefix,
                            oci://host/repository
  --name <name>           snapshot name
${RETENTION_HELP}
  --dry-run               print what would be removed, remove nothing
  --lock-timeout <d>      wait this long for a running snapshot of <name> (default 60s)
  --json, -q/--quiet`;

export async function pruneCommand(p: Parsed, out: Out): Promise<void> {
  const store = await storeFor(required(p, 'store', 'prune', './snapshots'));
  const name = validateName(required(p, 'name', 'prune', 'nightly'), '--name');
  const policy = retentionFrom(p);
  if (!hasRetention(policy)) throw badInput('prune: give --keep <n> and/or --max-age <duration>, for example --keep 7 or --max-age 7d');
  const lockTimeoutMs = parseDuration(str(p, 'lock-timeout'), 'lock-timeout', { allowZero: true }) ?? 60_000;
  const dryRun = flag(p, 'dry-run');
  const plan = await prune({ store, name, ...policy, dryRun, lockTimeoutMs });
  // The newest generation always stays: nothing kept means there was nothing.
  if (plan.kept.length === 0) {
    print(out, () => `no generations of "${name}" in ${store.description}; nothing to prune`, () => plan);
    return;
  }
  const verb = dryRun ? 'would remove' : 'removed';
  print(
    out,
    () =>
      [
        `${name}: ${verb} ${plan.removed.length} generation(s), ${plan.kept.length} kept (newest ${plan.kept.at(-1)})`,
        ...plan.removed.map((r) => `  ${verb} ${r.generation} (${r.why})`),
      ].join('\n'),
    () => plan,
  );
}

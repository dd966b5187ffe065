import { badInput } from '../../engine/common/errors.ts';
import { storeFor } from '../../store/resolve.ts';
import { validateName } from '../../store/names.ts';
import type { ReleaseStore, SnapshotSelection, Store } from '../../api/index.ts';
import { type Parsed, required, str } from '../args.ts';
import type { Out } from '../output.ts';
import { RELEASE_READ_HELP, RELEASE_READ_OPTIONS, releaseToRead } from '../release.ts';

export const SELECT_OPTIONS = {
  ...RELEASE_READ_OPTIONS,
  store: { type: 'string' },
  name: { type: 'string' },
  generation: { type: 'string' },
  at: { type: 'string' },
} as const;

export const SELECT_HELP = `  --store <dir|url>       store directory, or s3://bucket/prefix, abs://account@container/prefix,
                            oci://host/repository
  --name <name>           snapshot name
  --generation <id>       a given generation (default: the newest)
  --at <time>             the newest generation taken at or before this ISO 8601 time
${RELEASE_READ_HELP}`;

/** A snapshot selection as the API takes it, from the flags; `release` set when --release names the store. */
export interface Selection extends SnapshotSelection {
  store: Store;
  name: string;
  release?: ReleaseStore;
}

/** The snapshot a restore/verify/inspect command names: the newest of a name, or as --generation/--at select. */
export async function selectionFrom(p: Parsed, command: string, out: Out): Promise<Selection> {
  const release = releaseToRead(p, command, out);
  // A release is chosen by its tag or @latest, as --release says; nothing else selects within it.
  if (release) return { store: release, name: validateName(required(p, 'name', command, 'seed-db'), '--name'), release };
  const store = await storeFor(required(p, 'store', command, './snapshots'));
  const name = validateName(required(p, 'name', command, 'seed-db'), '--name');
  const selection: Selection = { store, name };
  const generation = str(p, 'generation');
  if (generation !== undefined) selection.generation = generation;
  const at = str(p, 'at');
  if (at !== undefined) {
    const t = new Date(at);
    if (Number.isNaN(t.getTime())) throw badInput(`--at: "${at}" is not a time; use ISO 8601, for example 2026-11-25T12:00:00Z`);
    selection.at = t;
  }
  return selection;
}

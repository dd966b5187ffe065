import { readManifest, type Manifest } from '../engine/manifest/manifest.ts';
import { type EntryReport, verifySnapshot } from '../engine/restore/verify.ts';
import type { CheckLevel } from '../engine/sqlite/facts.ts';
import { isManaged } from './managed.ts';
import { intIn, oneOf } from './options.ts';
import { type SnapshotSelection, manifestOf, withReadOnce, withSnapshot } from './open.ts';

export type { EntryReport } from '../engine/restore/verify.ts';

export interface VerifyOptions extends SnapshotSelection {
  /** SQLite's check of each decompressed database: full (default), quick, off. */
  check?: CheckLevel;
  /** Frames decoded at once (default: one per core, at most 4). */
  lanes?: number;
  signal?: AbortSignal;
  onProgress?: (p: { database: string; phase: 'verify'; done: number; total: number }) => void;
}

export interface VerifyResult {
  ok: boolean;
  name: string;
  generation?: string;
  check: CheckLevel;
  /** One report per database, with everything found wrong (nothing stops at the first problem). */
  databases: EntryReport[];
  manifest: Manifest;
}

/**
 * Recomputes every checksum and size, decompresses each database to a temp copy and checks it
 * with SQLite, then compares schema, page count and row counts with the manifest. A damaged
 * snapshot is a result (`ok: false`), not an error; the result is recorded in the generation
 * (shown by `list`). Maps to `sqlite-snapshot verify`, which exits 3 when `ok` is false.
 */
export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const opts = options ?? ({} as VerifyOptions);
  const check = oneOf(opts.check, ['full', 'quick', 'off'] as const, 'check', 'full');
  const lanes = intIn(opts.lanes, 'lanes', 1, 64);
  return withSnapshot(opts, 'verify', async (opened) => {
    const sizes = new Map((await readManifest(opened.dir)).databases.map((d) => [d.name, d.rawSize]));
    const report = await verifySnapshot(opened.dir, check, {
      onBytes: (database, done) => opts.onProgress?.({ database, phase: 'verify', done, total: sizes.get(database) ?? done }),
      ...(lanes ? { lanes } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (opened.store && opened.generation && isManaged(opened.store)) {
      await opened.store.recordVerification(opened.name, opened.generation, {
        ok: report.ok,
        check,
        verifiedAt: new Date().toISOString(),
        by: 'verify',
        problems: report.databases.flatMap((d) => d.problems),
      });
    }
    return { ok: report.ok, name: opened.name, ...(opened.generation ? { generation: opened.generation } : {}), check, databases: report.databases, manifest: report.manifest };
  });
}

export interface InspectResult {
  name: string;
  generation?: string;
  manifest: Manifest;
}

/**
 * A snapshot's manifest: each database's method, sizes, checksums, tables and rows. A store that
 * downloads (see Store.openStream) sends the manifest first, and no data is fetched. Maps to
 * `sqlite-snapshot inspect`.
 */
export async function inspect(options: SnapshotSelection): Promise<InspectResult> {
  return withReadOnce(options ?? {}, 'inspect', async (opened) => ({
    name: opened.name,
    ...(opened.generation ? { generation: opened.generation } : {}),
    manifest: await manifestOf(opened),
  }));
}

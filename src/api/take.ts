import { SnapshotError, badInput, oneLine } from '../engine/common/errors.ts';
import type { Manifest } from '../engine/manifest/manifest.ts';
import { createSnapshot, type SnapshotOptions } from '../engine/snapshot/snapshot.ts';
import { checkSource } from '../engine/snapshot/source.ts';
import type { CheckLevel } from '../engine/sqlite/facts.ts';
import { verifySnapshot } from '../engine/restore/verify.ts';
import type { LockOwner, NameLock } from '../store/local/lock.ts';
import { type PrunePlan, type RetentionPolicy, hasRetention } from '../store/retention.ts';
import type { Published, Staging, Store } from '../store/store.ts';
import { type Verification, writeVerification } from '../store/local/verification.ts';
import { type ManagedStore, isManaged } from './managed.ts';

export interface TakeOptions {
  snapshot: SnapshotOptions;
  /**
   * Verify the staged generation before publishing it; forced on when retention may prune.
   * 'checksums': prove each database by its checksums where they suffice (see verifySnapshot).
   */
  verify: boolean | 'checksums';
  retention: RetentionPolicy;
  lockTimeoutMs: number;
  /** "snapshot", "watch", "api": recorded as the lock's purpose and the verification's author. */
  by: string;
}

export interface Taken {
  published: Published;
  manifest: Manifest;
  verification?: Verification;
  pruned?: PrunePlan;
  /** A lock the previous holder left when it died. */
  recovered?: LockOwner;
  /** Leftovers of crashed runs removed before starting. */
  swept: string[];
}

/** What a signal handler needs to discard the snapshot in flight. */
export interface InFlight {
  lock?: NameLock;
  staging?: Staging;
}

/**
 * One generation, start to finish, under the name's writer lock: sweep crashed runs' leftovers,
 * snapshot into a staging directory, verify it there (decompressed copies inside the staging
 * directory, so an abort removes them too), publish it, and only then prune older generations.
 * A store that cannot lock, sweep or prune (see managed.ts) gets the same steps without those.
 */
export async function takeGeneration(store: Store, name: string, sources: readonly string[], opts: TakeOptions, inFlight: InFlight = {}): Promise<Taken> {
  // Bad input is refused before the store is touched: no lock file, no directory for a typo.
  for (const s of sources) await checkSource(s);
  if (!isManaged(store)) {
    if (hasRetention(opts.retention)) throw badInput(`keep/max-age: the store ${store.description} cannot prune; leave retention out, or prune it with its own tools`);
    return takeStaged(store, name, sources, opts, inFlight);
  }
  const lock = await store.lock(name, { timeoutMs: opts.lockTimeoutMs, purpose: opts.by });
  inFlight.lock = lock;
  let published: Published | undefined;
  try {
    return await takeLocked(store, name, sources, opts, inFlight, lock, (p) => (published = p));
  } finally {
    inFlight.lock = undefined;
    await lock.release();
    // A refused first snapshot leaves no store behind, not even a lock file.
    if (!published && lock.createdDir) await store.discardCreatedLockDir?.(lock.createdDir);
  }
}

async function takeLocked(
  store: ManagedStore,
  name: string,
  sources: readonly string[],
  opts: TakeOptions,
  inFlight: InFlight,
  lock: NameLock,
  onPublished: (p: Published) => void,
): Promise<Taken> {
  const swept = await store.sweep(name);
  const taken = await takeStaged(store, name, sources, opts, inFlight, onPublished);
  const { published } = taken;
  let pruned: PrunePlan | undefined;
  try {
    pruned = hasRetention(opts.retention) ? await store.prune(name, opts.retention) : undefined;
  } catch (err) {
    throw new SnapshotError(err instanceof SnapshotError ? err.kind : 'failed', `generation ${published.generation} of ${name} was published, but pruning failed: ${oneLine(err)}`, { cause: err });
  }
  return { ...taken, swept, ...(pruned ? { pruned } : {}), ...(lock.recovered ? { recovered: lock.recovered } : {}) };
}

/** Snapshot into the store's staging directory, verify it there if asked, publish it. */
async function takeStaged(store: Store, name: string, sources: readonly string[], opts: TakeOptions, inFlight: InFlight, onPublished: (p: Published) => void = () => {}): Promise<Taken> {
  const staging = await store.begin(name);
  inFlight.staging = staging;
  let manifest: Manifest;
  let verification: Verification | undefined;
  let published: Published;
  try {
    const onStoredFile = staging.onStoredFile?.bind(staging);
    manifest = await createSnapshot(sources, staging.dir, name, {
      ...opts.snapshot,
      durable: !staging.scratch,
      ...(onStoredFile ? { onStoredFile } : {}),
      ...(staging.checkAfterCopy ? { checkAfterCopy: true } : {}),
    });
    if (opts.verify || hasRetention(opts.retention)) {
      const check: CheckLevel = opts.snapshot.check ?? 'quick';
      // watch proves each generation by its checksums: it runs beside the application, and writing
      // and checking a second copy of every generation took its I/O and CPU (see verifySnapshot).
      const report = await verifySnapshot(staging.dir, check, {
        workRoot: staging.dir,
        ...(opts.snapshot.lanes ? { lanes: opts.snapshot.lanes } : {}),
        ...(opts.snapshot.signal ? { signal: opts.snapshot.signal } : {}),
        byChecksums: opts.verify === 'checksums',
      });
      const problems = report.databases.flatMap((d) => d.problems);
      if (!report.ok) {
        throw new SnapshotError('corrupt', `snapshot ${name}: the new generation failed verification (${problems[0] ?? 'unknown'}); it was not kept and nothing was pruned`);
      }
      verification = { ok: true, check, verifiedAt: new Date().toISOString(), by: opts.by, problems };
      await writeVerification(staging.dir, verification);
    }
    // The last point where an abort is taken: a published generation stays published.
    opts.snapshot.signal?.throwIfAborted();
    published = await staging.commit();
    onPublished(published);
  } catch (err) {
    await staging.abort();
    throw err;
  } finally {
    inFlight.staging = undefined;
  }
  return { published, manifest, swept: [], ...(verification ? { verification } : {}) };
}

/** Notes for stderr about what the run found left by crashed ones. */
export function crashNotes(name: string, t: Taken): string[] {
  const notes: string[] = [];
  if (t.recovered) notes.push(recoveredNote(name, t.recovered));
  if (t.swept.length > 0) notes.push(`sqlite-snapshot: note: removed what crashed runs left in "${name}": ${t.swept.join(', ')}`);
  return notes;
}

function recoveredNote(name: string, o: LockOwner): string {
  return `sqlite-snapshot: note: took over the lock of "${name}" left by pid ${o.pid} on ${o.host} (${o.purpose}, since ${o.since}), which ended without releasing it`;
}

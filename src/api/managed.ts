import type { LockOptions, NameLock } from '../store/local/lock.ts';
import type { Verification } from '../store/local/verification.ts';
import type { PrunePlan, RetentionPolicy } from '../store/retention.ts';
import type { Store } from '../store/store.ts';

/**
 * What a store offers beyond the Store interface so that snapshots of a name take turns (a
 * writer lock), crashed runs' leftovers are swept, old generations pruned and verifications
 * recorded: LocalStore has all of it. A store without it (a backend that has not grown these yet)
 * still snapshots, restores and lists; the API then skips the lock and the sweep, and refuses
 * retention with one line rather than pretending to prune.
 */
export interface ManagedStore extends Store {
  lock(name: string, opts: LockOptions): Promise<NameLock>;
  sweep(name: string): Promise<string[]>;
  prune(name: string, policy: RetentionPolicy, opts?: { dryRun?: boolean; now?: Date }): Promise<PrunePlan>;
  /** Stores whose lock needs no directory of its own (object stores, registries) leave it out. */
  discardCreatedLockDir?(createdDir: string): Promise<void>;
  recordVerification(name: string, generation: string, v: Verification): Promise<void>;
}

export function isManaged(store: Store): store is ManagedStore {
  const s = store as Partial<ManagedStore>;
  return [s.lock, s.sweep, s.prune, s.recordVerification].every((f) => typeof f === 'function');
}

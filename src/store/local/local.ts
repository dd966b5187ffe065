import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { SnapshotError, describeIoError } from '../../engine/common/errors.ts';
import { fsyncDir, isTempName, makeDirs, removeQuietly } from '../../engine/common/files.ts';
import { MANIFEST_FILE } from '../../engine/manifest/manifest.ts';
import { type LockOptions, type NameLock, acquireLock } from './lock.ts';
import { generationId, generationTime, isGenerationId, validateName } from '../names.ts';
import { isAbandoned, processTag } from '../../engine/common/process-tag.ts';
import { type PrunePlan, type RetentionPolicy, planPrune } from '../retention.ts';
import type { GenerationInfo, GenerationSummary, HistoryStore, Opened, Published, Selector, Staging } from '../store.ts';
import { pickGeneration } from '../select.ts';
import { summarize } from './history.ts';
import { type Verification, writeVerification } from './verification.ts';

export const LOCKS_DIR = '.locks';

/** Link errors that mean "this filesystem has no hard links here", not "the generation is gone". */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS']);

/**
 * A directory of snapshots: `<root>/<name>/<generation>/{manifest.json, <db files>}`.
 * A generation is written under a dot-named staging directory and renamed into place in one
 * step, so a reader sees either no generation or a complete one, never half of one.
 * Pruning renames a generation to a dot-named trash directory before deleting it, and readers
 * pin what they open (hard links, see open), so a restore never sees a generation vanish midway.
 * Writers of one name serialise on a lock (lock.ts); dot-named entries are never generations.
 */
export class LocalStore implements HistoryStore {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get description(): string {
    return this.root;
  }

  async checkExists(): Promise<void> {
    if (!(await fsp.stat(this.root).catch(() => undefined))) {
      throw new SnapshotError('not-found', `store ${this.root}: no such directory; check --store`);
    }
  }

  summarize(name?: string): Promise<GenerationSummary[]> {
    return summarize(this, name);
  }

  async begin(name: string): Promise<Staging> {
    validateName(name);
    const nameDir = path.join(this.root, name);
    // What this call created, so that a failed snapshot leaves the store exactly as it found it.
    let created: string | undefined;
    let dir: string | undefined;
    while (!dir) {
      const made = await makeDirs(nameDir).catch((err: unknown) => {
        throw describeIoError(err, `store ${this.root}: cannot create ${nameDir}`);
      });
      created ??= made;
      // A concurrent failed snapshot may remove the empty name directory between mkdir and here.
      dir = await fsp.mkdtemp(path.join(nameDir, `.staging-${processTag()}-`)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw describeIoError(err, `store ${this.root}: cannot create a staging directory in ${nameDir}`);
      });
    }
    const staging = dir;
    let done = false;
    return {
      dir: staging,
      commit: async (): Promise<Published> => {
        // Two snapshots in the same millisecond get distinct ids rather than one replacing the other.
        const base = generationId(new Date());
        for (let i = 0; ; i++) {
          const id = i === 0 ? base : `${base}-${i}`;
          const final = path.join(nameDir, id);
          try {
            await fsp.mkdir(final);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
            throw err;
          }
          // mkdir then rename-over: rename(2) replaces an empty directory atomically, and the
          // mkdir reserved the id so a concurrent commit cannot take it.
          await fsp.rename(staging, final).catch(async (err: NodeJS.ErrnoException) => {
            // Windows cannot rename onto an existing directory, even an empty one.
            if (process.platform !== 'win32') throw err;
            await fsp.rmdir(final);
            await fsp.rename(staging, final);
          });
          await fsyncDir(nameDir);
          done = true;
          return { name, generation: id, location: final };
        }
      },
      abort: async (): Promise<void> => {
        if (done) return;
        await removeQuietly(staging);
        // Only directories this call created, and only while empty: rmdir refuses anything else.
        if (created) {
          for (let d = nameDir; d.startsWith(created); d = path.dirname(d)) {
            if (!(await fsp.rmdir(d).then(() => true, () => false))) break;
          }
        }
      },
    };
  }

  async list(name?: string): Promise<GenerationInfo[]> {
    const names = name ? [validateName(name)] : await this.names();
    const out: GenerationInfo[] = [];
    for (const n of names) {
      const entries = await fsp.readdir(path.join(this.root, n)).catch(() => [] as string[]);
      for (const id of entries.filter(isGenerationId).sort()) {
        const dir = path.join(this.root, n, id);
        // A generation directory without a manifest is not a snapshot (see begin/commit).
        if (!(await fsp.stat(path.join(dir, MANIFEST_FILE)).catch(() => undefined))) continue;
        out.push({ name: n, generation: id, createdAt: (generationTime(id) as Date).toISOString(), dir });
      }
    }
    return out;
  }

  private async names(): Promise<string[]> {
    const entries = await fsp.readdir(this.root, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  }

  async open(name: string, select: Selector = {}, attempt = 0): Promise<Opened> {
    validateName(name);
    await this.checkExists();
    const pick = pickGeneration(await this.list(name), name, select, this.root);
    const pinned = await this.pin(name, pick.dir);
    if (pinned === 'gone') {
      // Pruned between listing and pinning: choose again, unless a vanished generation was asked for by id.
      if (attempt < 5) return this.open(name, select, attempt + 1);
      throw new SnapshotError('not-found', `snapshot ${name}: generation ${pick.generation} was removed while opening it; retry`);
    }
    const dir = pinned ?? pick.dir;
    return { name, generation: pick.generation, dir, close: async () => (pinned ? removeQuietly(pinned) : undefined) };
  }

  /**
   * Hard-links a generation's files into a private directory, so that its data outlives a prune
   * that runs while we read it: a generation's files never change once published, so links made
   * one by one still form one complete generation. 'gone' when it vanished meanwhile; undefined
   * when the store is not writable or cannot link (then the reader uses the generation in place,
   * and a concurrent prune makes it fail with "data file missing" rather than read half of one).
   */
  private async pin(name: string, genDir: string): Promise<string | 'gone' | undefined> {
    let pinDir: string;
    try {
      pinDir = await fsp.mkdtemp(path.join(this.root, name, `.reader-${processTag()}-`));
    } catch {
      // A store we may read but not write (a read-only mount, another user's directory): read in place.
      return undefined;
    }
    try {
      const files = (await fsp.readdir(genDir)).filter((f) => !isTempName(f));
      for (const f of files) await fsp.link(path.join(genDir, f), path.join(pinDir, f));
      if (!files.includes(MANIFEST_FILE)) throw Object.assign(new Error('no manifest'), { code: 'ENOENT' });
      return pinDir;
    } catch (err) {
      await removeQuietly(pinDir);
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOENT') return 'gone';
      if (NO_LINKS.has(code)) return undefined;
      throw describeIoError(err, `store ${this.root}: cannot open ${genDir}`);
    }
  }

  /** Takes the writer lock of a name: snapshot, watch and prune hold it; readers never need it. */
  async lock(name: string, opts: LockOptions): Promise<NameLock> {
    validateName(name);
    // Beside the names, not inside one: a name's directory holds its generations and nothing else.
    const locks = path.join(this.root, LOCKS_DIR);
    const created = await makeDirs(locks).catch((err: unknown) => {
      throw describeIoError(err, `store ${this.root}: cannot create ${locks}`);
    });
    const lock = await acquireLock(path.join(locks, name), `snapshot "${name}" in ${this.root}`, opts);
    return created ? { ...lock, createdDir: created } : lock;
  }

  /**
   * After a failed first snapshot, removes the lock directory that run created (and the store
   * root, if it created that too and it is now empty), so a refused snapshot leaves no trace.
   * Only for directories the failed run created itself: a lock file another process may already
   * be waiting on is never deleted.
   */
  async discardCreatedLockDir(createdDir: string): Promise<void> {
    const locks = path.join(this.root, LOCKS_DIR);
    if (!locks.startsWith(createdDir)) return;
    await fsp.rm(locks, { recursive: true, force: true });
    for (let d = this.root; d.startsWith(createdDir) && d !== path.dirname(d); d = path.dirname(d)) {
      if (!(await fsp.rmdir(d).then(() => true, () => false))) break;
    }
  }

  /**
   * Removes what crashed runs left in a name's directory: trash, staging and reader directories
   * of dead processes on this host, temp files, and generation ids reserved but never filled.
   * Call with the name's lock held, so no live writer of this store is mid-commit.
   */
  async sweep(name: string): Promise<string[]> {
    const nameDir = path.join(this.root, validateName(name));
    const removed: string[] = [];
    for (const e of await fsp.readdir(nameDir).catch(() => [] as string[])) {
      const p = path.join(nameDir, e);
      if (e.startsWith('.trash-') || isAbandoned(e) || isTempName(e)) {
        await removeQuietly(p);
        removed.push(e);
      } else if (isGenerationId(e) && !(await fsp.stat(path.join(p, MANIFEST_FILE)).catch(() => undefined))) {
        // rmdir only succeeds on an empty directory: a commit's id reservation that was never filled.
        if (await fsp.rmdir(p).then(() => true, () => false)) removed.push(e);
      }
    }
    const locks = path.join(this.root, LOCKS_DIR);
    for (const e of await fsp.readdir(locks).catch(() => [] as string[])) {
      if (isTempName(e) && e.startsWith(`.${name}.owner.json.`)) await removeQuietly(path.join(locks, e));
    }
    return removed;
  }

  /**
   * Applies a retention policy to a name's complete generations (call with the name's lock held).
   * Each doomed generation is first renamed to a dot-named trash directory, one atomic step that
   * takes it out of every listing, and only then deleted.
   */
  async prune(name: string, policy: RetentionPolicy, opts: { dryRun?: boolean; now?: Date } = {}): Promise<PrunePlan> {
    const gens = await this.list(name);
    const plan = planPrune(gens.map((g) => g.generation), policy, opts.now ?? new Date());
    if (opts.dryRun || plan.remove.length === 0) return plan;
    const nameDir = path.join(this.root, name);
    for (const { generation } of plan.remove) {
      const trash = path.join(nameDir, `.trash-${generation}-${processTag()}`);
      try {
        await fsp.rename(path.join(nameDir, generation), trash);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw describeIoError(err, `store ${this.root}: cannot remove generation ${generation} of ${name}`);
      }
      await fsyncDir(nameDir);
      await removeQuietly(trash);
    }
    return plan;
  }

  /** Records a verification result in a published generation; a generation pruned meanwhile is skipped. */
  async recordVerification(name: string, generation: string, v: Verification): Promise<void> {
    const dir = path.join(this.root, validateName(name), generation);
    if (!isGenerationId(generation) || !(await fsp.stat(dir).catch(() => undefined))) return;
    await writeVerification(dir, v).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw describeIoError(err, `store ${this.root}: cannot record verification of ${generation}`);
    });
  }
}

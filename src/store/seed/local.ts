import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describeIoError } from '../../engine/common/errors.ts';
import { fsyncDir, fsyncFile, makeDirs, removeQuietly } from '../../engine/common/files.ts';
import { MANIFEST_FILE, readManifest } from '../../engine/manifest/manifest.ts';
import { isAbandoned, processTag } from '../../engine/common/process-tag.ts';
import { type FoundSeed, type SaveOutcome, type SeedStaging, type SeedStore, matchKey } from './store.ts';

/** Seeds live beside a store's names, dot-named so they never count as a snapshot name. */
export const SEEDS_DIR = '.seeds';
/** Each seed directory's record of its key (keys can hold any character; directory names cannot). */
export const SEED_KEY_FILE = 'seed.json';

export interface SeedInfo {
  key: string;
  createdAt: string;
  dir: string;
}

/**
 * Seeds in a directory: `<store>/.seeds/<readable key>-<hash>/{seed.json, manifest.json, data}`.
 * A seed is written in a dot-named staging directory and published by one rename, which fails
 * when the key's directory exists: the first save of a key wins and entries never change, as in
 * GitHub's cache. Readers use an entry in place.
 */
export class LocalSeedStore implements SeedStore {
  readonly root: string;
  readonly dir: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.dir = path.join(this.root, SEEDS_DIR);
  }

  get description(): string {
    return this.dir;
  }

  async list(): Promise<SeedInfo[]> {
    const out: SeedInfo[] = [];
    for (const e of await fsp.readdir(this.dir).catch(() => [] as string[])) {
      if (e.startsWith('.')) continue;
      const dir = path.join(this.dir, e);
      const rec = await fsp.readFile(path.join(dir, SEED_KEY_FILE), 'utf8').then((t) => JSON.parse(t) as Partial<SeedInfo>, () => undefined);
      if (typeof rec?.key !== 'string' || typeof rec.createdAt !== 'string') continue;
      out.push({ key: rec.key, createdAt: rec.createdAt, dir });
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  async find(key: string, restoreKeys: readonly string[]): Promise<FoundSeed | undefined> {
    const hit = matchKey(await this.list(), key, restoreKeys);
    return hit ? { key: hit.key, snapshot: { dir: hit.dir }, close: async () => undefined } : undefined;
  }

  damagedAdvice(found: FoundSeed): string {
    return `the seed is damaged on disk; delete ${'dir' in found.snapshot ? found.snapshot.dir : found.key} (or change the key) so that it is built again`;
  }

  async stage(): Promise<SeedStaging> {
    await makeDirs(this.dir).catch((err: unknown) => {
      throw describeIoError(err, `store ${this.root}: cannot create ${this.dir}`);
    });
    await this.sweep();
    const staging = await fsp.mkdtemp(path.join(this.dir, `.staging-${processTag()}-`)).catch((err: unknown) => {
      throw describeIoError(err, `store ${this.root}: cannot create a staging directory in ${this.dir}`);
    });
    return {
      dir: staging,
      save: async (key) => {
        try {
          return await this.publish(staging, key);
        } finally {
          await removeQuietly(staging);
        }
      },
      discard: () => removeQuietly(staging),
    };
  }

  private async publish(staging: string, key: string): Promise<SaveOutcome> {
    // The manifest must be there: a staging directory without one is not a seed.
    await readManifest(staging);
    const record = path.join(staging, SEED_KEY_FILE);
    await fsp.writeFile(record, JSON.stringify({ key, createdAt: new Date().toISOString() }, null, 2) + '\n', { flag: 'wx' });
    await fsyncFile(record);
    await fsyncDir(staging);
    const final = path.join(this.dir, dirName(key));
    try {
      // rename(2) onto an existing non-empty directory fails, so a second save of a key cannot replace the first.
      await fsp.rename(staging, final);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') {
        if (await fsp.stat(path.join(final, MANIFEST_FILE)).catch(() => undefined)) {
          return { saved: false, reason: 'taken', message: `a seed with key ${key} already exists in ${this.dir} (another run saved it first); entries never change, so it stays` };
        }
      }
      throw describeIoError(err, `store ${this.root}: cannot publish seed ${key}`);
    }
    await fsyncDir(this.dir);
    return { saved: true, details: { location: final } };
  }

  /** Staging directories of processes that died on this host. */
  private async sweep(): Promise<void> {
    for (const e of await fsp.readdir(this.dir).catch(() => [] as string[])) {
      if (e.startsWith('.staging-') && isAbandoned(e)) await removeQuietly(path.join(this.dir, e));
    }
  }
}

/** A readable, portable directory name for a key, made unique by a hash of the whole key. */
export function dirName(key: string): string {
  const readable = key.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]+/, '_').slice(0, 80);
  return `${readable}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

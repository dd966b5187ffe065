import * as cache from '@actions/cache';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotError, corrupt, oneLine } from '../engine/common/errors.ts';
import { removeQuietly } from '../engine/common/files.ts';
import { MANIFEST_FILE } from '../engine/manifest/manifest.ts';
import type { FoundSeed, SaveOutcome, SeedStaging, SeedStore } from './seed-store.ts';

/**
 * The one path the cache client is given, relative to a private directory. The entry's version is
 * a hash of the paths (and compression method): one fixed relative path makes it the same on every
 * runner and for every database layout, so a key is all that finds a seed. Bump the suffix if what
 * an entry holds ever changes incompatibly.
 */
export const ENTRY_PATH = 'sqlite-snapshot-seed-v1';

export interface CacheClient {
  restoreCache: typeof cache.restoreCache;
  saveCache: typeof cache.saveCache;
}

export interface GitHubCacheOptions {
  /** Where private directories go (RUNNER_TEMP on a runner). */
  tempRoot?: string;
  client?: CacheClient;
  log?: (line: string) => void;
}

/**
 * Seeds in GitHub's cache service through @actions/cache. The client verifies nothing it downloads
 * and extracts with tar straight into the paths it is given, so it only ever sees a private
 * directory: a download lands there, and restore verifies every checksum before any target is
 * touched. A download that fails to unpack is fetched once more, then refused.
 */
export class GitHubCacheSeedStore implements SeedStore {
  private readonly tempRoot: string;
  private readonly client: CacheClient;
  private readonly log: (line: string) => void;

  constructor(opts: GitHubCacheOptions = {}) {
    this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? os.tmpdir();
    this.client = opts.client ?? cache;
    this.log = opts.log ?? (() => undefined);
  }

  get description(): string {
    return "GitHub's cache";
  }

  async find(key: string, restoreKeys: readonly string[]): Promise<FoundSeed | undefined> {
    let failure = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      const root = await this.privateDir();
      let matched: string | undefined;
      let log: ClientLog;
      try {
        ({ result: matched, log } = await inPrivateDir(root, () => this.client.restoreCache([ENTRY_PATH], key, [...restoreKeys], {}, true)));
      } catch (err) {
        await removeQuietly(root);
        throw clientError(err, `looking up seed ${key}`);
      }
      const dir = path.join(root, ENTRY_PATH);
      if (matched !== undefined) {
        if (await fsp.stat(path.join(dir, MANIFEST_FILE)).catch(() => undefined)) return { key: matched, dir, close: () => removeQuietly(root) };
        failure = `cache entry ${matched} holds no ${MANIFEST_FILE}`;
      } else if (!log.hit) {
        await removeQuietly(root);
        return undefined;
      } else {
        // The client found an entry but reports a miss: the download or its unpacking failed.
        failure = `cache entry ${log.hit}: ${log.failure || 'the download failed'}`;
      }
      await removeQuietly(root);
      if (attempt === 1) this.log(`${failure}; fetching it once more`);
    }
    throw corrupt(`seed ${key}: ${failure} (twice); nothing was restored and the databases are as they were; re-run the job, or change the key so that a new seed is built`);
  }

  async stage(): Promise<SeedStaging> {
    const root = await this.privateDir();
    const dir = path.join(root, ENTRY_PATH);
    await fsp.mkdir(dir);
    return {
      dir,
      save: async (key) => {
        try {
          return await this.save(root, key);
        } finally {
          await removeQuietly(root);
        }
      },
      discard: () => removeQuietly(root),
    };
  }

  private async save(root: string, key: string): Promise<SaveOutcome> {
    let id: number;
    let log: ClientLog;
    try {
      ({ result: id, log } = await inPrivateDir(root, () => this.client.saveCache([ENTRY_PATH], key, {}, true)));
    } catch (err) {
      return { saved: false, reason: 'failed', message: oneLine(err) };
    }
    if (id !== -1) return { saved: true, details: { cacheId: id } };
    // The client says so only in its log: saveCache returns -1 for every failure.
    if (log.reserved) return { saved: false, reason: 'taken', message: `another job reserved key ${key} first (the client: "${log.reserved}"); cache entries never change, so that job's seed stands` };
    return { saved: false, reason: 'failed', message: log.failure || 'the cache client could not save it' };
  }

  private async privateDir(): Promise<string> {
    await fsp.mkdir(this.tempRoot, { recursive: true });
    return fsp.mkdtemp(path.join(this.tempRoot, 'sqlite-snapshot-seed-'));
  }
}

interface ClientLog {
  /** The key the client said it hit ("Cache hit for…"). */
  hit: string;
  /** The client's "Failed to restore/save" text. */
  failure: string;
  /** Its "Unable to reserve cache" text: another job holds the key. */
  reserved: string;
}

/**
 * Runs a cache client call with the private directory as its workspace (it resolves paths, and
 * runs tar, relative to GITHUB_WORKSPACE or else the working directory), and reads its log as it
 * goes: the client reports a failed unpack or a lost reservation only there. Its warnings about
 * failures we handle ourselves become plain lines, so the run page shows our one message.
 */
async function inPrivateDir<T>(root: string, call: () => Promise<T>): Promise<{ result: T; log: ClientLog }> {
  const log: ClientLog = { hit: '', failure: '', reserved: '' };
  const cwd = process.cwd();
  const workspace = process.env['GITHUB_WORKSPACE'];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const hit = /^Cache hit for(?: restore-key)?: (.*)$/m.exec(text);
    if (hit) log.hit = (hit[1] as string).trim();
    const failed = /^(?:::(?:warning|error)::)?Failed to (?:restore|save): (.*)$/m.exec(text);
    if (failed) {
      log.failure = (failed[1] as string).replace(/%0A/g, ' ').trim();
      text = text.replace(/^::(?:warning|error)::(Failed to (?:restore|save): )/m, '$1');
    }
    const reserved = /(Unable to reserve cache[^\r\n]*)/.exec(text);
    if (reserved) log.reserved = (reserved[1] as string).trim();
    return (write as (c: string, ...r: unknown[]) => boolean)(text, ...rest);
  }) as typeof process.stdout.write;
  process.chdir(root);
  process.env['GITHUB_WORKSPACE'] = root;
  try {
    return { result: await call(), log };
  } finally {
    process.stdout.write = write;
    process.chdir(cwd);
    if (workspace === undefined) delete process.env['GITHUB_WORKSPACE'];
    else process.env['GITHUB_WORKSPACE'] = workspace;
  }
}

function clientError(err: unknown, what: string): SnapshotError {
  const text = oneLine(err);
  if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|Cache Service Url not found/i.test(text)) {
    return new SnapshotError('failed', `${what}: ${text}; run this action as a step of a GitHub Actions job (uses: …), where the runner provides the cache service`, { cause: err });
  }
  if ((err as Error | undefined)?.name === 'ValidationError') return new SnapshotError('bad-input', `${what}: ${text}`, { cause: err });
  return new SnapshotError('failed', `${what}: ${text}; re-run the job`, { cause: err });
}

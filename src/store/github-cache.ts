import * as cache from '@actions/cache';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotError, corrupt, oneLine } from '../engine/common/errors.ts';
import { removeQuietly } from '../engine/common/files.ts';
import { MANIFEST_FILE, parseManifest } from '../engine/manifest/manifest.ts';
import { download, entryVersion, locate, streamable } from './cache-download.ts';
import type { FoundSeed, SaveOutcome, SeedStaging, SeedStore } from './seed-store.ts';
import { tarMembers, type TarMember } from './tar-stream.ts';

/**
 * Where an entry's files sit, relative to a private directory. The entry's version is a hash of
 * the paths given to the cache client (and its compression): fixed relative paths make it the same
 * on every runner and for every database layout, so a key is all that finds a seed. Bump the
 * suffix if what an entry holds ever changes incompatibly.
 */
export const ENTRY_PATH = 'sqlite-snapshot-seed-v2';
/** The snapshot's data files: a directory of their own, so that the manifest can be archived first. */
const DATA_DIR = `${ENTRY_PATH}/data`;
const MANIFEST_PATH = `${ENTRY_PATH}/${MANIFEST_FILE}`;
/**
 * The paths, in this order: tar archives them as listed, so the manifest comes first and a restore
 * that reads the archive as it downloads knows every database before its data arrives.
 */
export const ENTRY_PATHS = [MANIFEST_PATH, DATA_DIR];
/** A manifest is a few KB; anything this big in its place is not one. */
const MAX_MANIFEST = 16 << 20;

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
 * Seeds in GitHub's cache service. Saved through @actions/cache. Restored, on the v2 service that
 * github.com serves, by reading the archive as it downloads (cache-download.ts): each database is
 * decoded into a temp file beside its target while the rest arrives, then verified, then swapped
 * in, so an exact hit costs about the download alone. Elsewhere (GHES's v1 service) through
 * @actions/cache, which verifies nothing it downloads and extracts with tar straight into the paths
 * it is given, so it only ever sees a private directory; restore verifies there before any target
 * is touched. Either way a damaged download is fetched once more, then refused.
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
    return streamable() ? this.findStreamed(key, restoreKeys) : this.findWithClient(key, restoreKeys);
  }

  private async findStreamed(key: string, restoreKeys: readonly string[]): Promise<FoundSeed | undefined> {
    for (let attempt = 1; ; attempt++) {
      const hit = await locate(key, restoreKeys, entryVersion(ENTRY_PATHS));
      if (!hit) return undefined;
      const what = `cache entry ${hit.matchedKey}`;
      const members = tarMembers(download(hit.url, what), what);
      try {
        const manifest = await readFirstManifest(members, what);
        const files = async function* (): AsyncGenerator<{ file: string; source: TarMember['source'] }> {
          for await (const m of members) {
            if (m.type === 'file' && m.name.startsWith(`${DATA_DIR}/`)) yield { file: m.name.slice(DATA_DIR.length + 1), source: m.source };
          }
        };
        return { key: hit.matchedKey, snapshot: { manifest, label: what, files: files() }, close: async () => void (await members.return(undefined)) };
      } catch (err) {
        await members.return(undefined);
        if (!(err instanceof SnapshotError) || err.kind !== 'corrupt') throw err;
        if (attempt === 2) throw corrupt(`seed ${key}: ${err.message} (twice); nothing was restored and the databases are as they were; re-run the job, or change the key so that a new seed is built`);
        this.log(`${err.message}; fetching it once more`);
      }
    }
  }

  private async findWithClient(key: string, restoreKeys: readonly string[]): Promise<FoundSeed | undefined> {
    let failure = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      const root = await this.privateDir();
      let matched: string | undefined;
      let log: ClientLog;
      try {
        ({ result: matched, log } = await inPrivateDir(root, () => this.client.restoreCache([...ENTRY_PATHS], key, [...restoreKeys], {}, true)));
      } catch (err) {
        await removeQuietly(root);
        throw clientError(err, `looking up seed ${key}`);
      }
      const dir = path.join(root, DATA_DIR);
      if (matched !== undefined) {
        // The manifest goes back beside the data files, where a snapshot directory keeps it.
        if (await fsp.rename(path.join(root, MANIFEST_PATH), path.join(dir, MANIFEST_FILE)).then(() => true, () => false)) {
          return { key: matched, snapshot: { dir }, close: () => removeQuietly(root) };
        }
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
    const dir = path.join(root, DATA_DIR);
    await fsp.mkdir(dir, { recursive: true });
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
      await fsp.rename(path.join(root, DATA_DIR, MANIFEST_FILE), path.join(root, MANIFEST_PATH));
      ({ result: id, log } = await inPrivateDir(root, () => this.client.saveCache([...ENTRY_PATHS], key, {}, true)));
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

/** The archive's first member must be the manifest (see ENTRY_PATHS). */
async function readFirstManifest(members: AsyncGenerator<TarMember>, what: string) {
  const first = await members.next();
  const m = first.done ? undefined : first.value;
  if (!m || m.type !== 'file' || m.name !== MANIFEST_PATH || m.size > MAX_MANIFEST) {
    throw corrupt(`${what}: does not begin with ${MANIFEST_PATH}; it was not written by this version of sqlite-snapshot seed, change the key so that a new seed is built`);
  }
  const buf = Buffer.alloc(m.size);
  for (let got = 0; got < m.size; ) got += await m.source.read(buf, got, m.size - got);
  return parseManifest(buf.toString('utf8'), `${what}: ${MANIFEST_FILE}`);
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

import type * as cache from '@actions/cache';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotError, corrupt, oneLine } from '../../engine/common/errors.ts';
import { removeQuietly } from '../../engine/common/files.ts';
import { MANIFEST_FILE, parseManifest } from '../../engine/manifest/manifest.ts';
import { download, entryVersion, locate, serviceMissing } from './cache-download.ts';
import { damagedTwice, type FoundSeed, type SaveOutcome, type SeedStaging, type SeedStore } from '../seed/store.ts';
import { tarMembers, type TarMember } from '../seed/tar-stream.ts';

/**
 * Where an entry's files sit, relative to a private directory. The entry's version is a hash of
 * the paths given to the cache client (and its compression): fixed relative paths make it the same
 * on every runner and for every database layout, so a key is all that finds a seed. Bump the
 * suffix if what an entry holds ever changes incompatibly: v3 entries may hold uncompressed data
 * files (SeedStore.compresses), which v2's readers refused, so those never find them.
 */
export const ENTRY_PATH = 'sqlite-snapshot-seed-v3';
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
  saveCache: typeof cache.saveCache;
}

/**
 * @actions/cache and the Azure SDK under it are ~3.5 MB of bundled code, needed only to save: loaded
 * once a save is known to come, so that a restore (an exact hit, most runs) never compiles them,
 * and a save compiles them while its command runs or its snapshot is taken.
 */
let loading: Promise<CacheClient> | undefined;
function toolkit(): Promise<CacheClient> {
  loading ??= import('@actions/cache');
  // Loaded ahead of use: a failure is reported where the client is awaited.
  loading.catch(() => undefined);
  return loading;
}

export interface GitHubCacheOptions {
  /** Where private directories go (RUNNER_TEMP on a runner). */
  tempRoot?: string;
  client?: CacheClient;
  log?: (line: string) => void;
}

/**
 * Seeds in GitHub's cache service (v2, as github.com serves it). Saved through @actions/cache, from
 * a private directory. Restored by reading the archive as it downloads (cache-download.ts) rather
 * than through @actions/cache, which downloads the whole archive to a file, verifies nothing and
 * unpacks it with tar: here each database is decoded into a temp file beside its target while the
 * rest arrives, then verified, then swapped in, so an exact hit costs about the download alone. A
 * damaged download is fetched once more, then refused.
 */
export class GitHubCacheSeedStore implements SeedStore {
  private readonly tempRoot: string;
  private readonly client: CacheClient | undefined;
  private readonly log: (line: string) => void;
  /** The cache client archives an entry with tar and zstd (or gzip): see SeedStore.compresses. */
  readonly compresses = true;

  constructor(opts: GitHubCacheOptions = {}) {
    this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? os.tmpdir();
    this.client = opts.client;
    this.log = opts.log ?? (() => undefined);
  }

  get description(): string {
    return "GitHub's cache";
  }

  async find(key: string, restoreKeys: readonly string[]): Promise<FoundSeed | undefined> {
    const missing = serviceMissing();
    if (missing) throw new SnapshotError('failed', `looking up seed ${key}: ${missing}`);
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
        if (attempt === 2) throw damagedTwice(key, err.message);
        this.log(`${err.message}; fetching it once more`);
      }
    }
  }

  willSave(): void {
    if (!this.client) void toolkit();
  }

  async stage(): Promise<SeedStaging> {
    this.willSave();
    const root = await this.privateDir();
    const dir = path.join(root, DATA_DIR);
    await fsp.mkdir(dir, { recursive: true });
    return {
      dir,
      scratch: true,
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
      const client = this.client ?? (await toolkit());
      ({ result: id, log } = await inPrivateDir(root, () => client.saveCache([...ENTRY_PATHS], key, {}, true)));
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
  /** The client's "Failed to save" text. */
  failure: string;
  /** Its "Unable to reserve cache" text: another job holds the key. */
  reserved: string;
}

/**
 * Runs a cache client call with the private directory as its workspace (it resolves paths, and
 * runs tar, relative to GITHUB_WORKSPACE or else the working directory), and reads its log as it
 * goes: the client reports a failed upload or a lost reservation only there. Its warnings about
 * failures we handle ourselves become plain lines, so the run page shows our one message.
 */
async function inPrivateDir<T>(root: string, call: () => Promise<T>): Promise<{ result: T; log: ClientLog }> {
  const log: ClientLog = { failure: '', reserved: '' };
  const cwd = process.cwd();
  const workspace = process.env['GITHUB_WORKSPACE'];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const failed = /^(?:::(?:warning|error)::)?Failed to save: (.*)$/m.exec(text);
    if (failed) {
      log.failure = (failed[1] as string).replace(/%0A/g, ' ').trim();
      text = text.replace(/^::(?:warning|error)::(Failed to save: )/m, '$1');
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

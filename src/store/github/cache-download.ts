import { HttpClient } from '@actions/http-client';
import { BearerCredentialHandler } from '@actions/http-client/lib/auth';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { SnapshotError, corrupt, oneLine } from '../../engine/common/errors.ts';
import { freeNow } from '../../engine/common/free-buffer.ts';

/**
 * The two calls of GitHub's cache service (v2) a streamed restore needs, spoken as @actions/cache
 * 6.x speaks them (its cacheTwirpClient and restoreCacheV2): look a key up, then GET the entry's
 * signed URL. @actions/cache offers only a restore that downloads the whole archive to a file and
 * then unpacks it; reading the archive as it arrives lets a seed be decoded while it downloads.
 * Saving stays with @actions/cache, so what is looked up here must be named exactly as it names it.
 */

const SERVICE = 'github.actions.results.api.v1.CacheService';
const USER_AGENT = 'sqlite-snapshot';
/** The client's salt, the last part of every entry's version. */
const VERSION_SALT = '1.0';
const ATTEMPTS = 3;
const LOOKUP_TIMEOUT_MS = 30_000;
/** A download that sends nothing for this long is cut (and then fetched once more): a stalled connection must not hold the job until its timeout. */
const STALL_TIMEOUT_MS = 120_000;

/** Why the v2 service cannot be reached from here (what to do included), or undefined when it can. */
export function serviceMissing(): string | undefined {
  if (!process.env['ACTIONS_RUNTIME_TOKEN'] || !process.env['ACTIONS_RESULTS_URL']) {
    return 'ACTIONS_RUNTIME_TOKEN or ACTIONS_RESULTS_URL is not set; run this action as a step of a GitHub Actions job (uses: …), where the runner provides the cache service';
  }
  // The runner sets it wherever it serves v2; GHES serves only the retired v1 protocol.
  if (!process.env['ACTIONS_CACHE_SERVICE_V2']) return "this runner offers only the v1 cache service (ACTIONS_CACHE_SERVICE_V2 is not set): seeds need GitHub's v2 cache service, as github.com serves it";
  return undefined;
}

/**
 * The entry version @actions/cache computes for these paths (cacheUtils.getCacheVersion): the
 * paths, the compression it will use (zstd when a `zstd` command answers, else gzip, which adds
 * nothing), and its salt. Cross-OS archives are asked for, so no "windows-only" part.
 */
export function entryVersion(paths: readonly string[]): string {
  const components = [...paths];
  if (zstdOnPath()) components.push('zstd-without-long');
  components.push(VERSION_SALT);
  return createHash('sha256').update(components.join('|')).digest('hex');
}

let zstdAnswered: boolean | undefined;
function zstdOnPath(): boolean {
  // As the client's getCompressionMethod: any output from `zstd --quiet --version` means zstd.
  zstdAnswered ??= (() => {
    const r = spawnSync('zstd', ['--quiet', '--version'], { encoding: 'utf8', timeout: 10_000 });
    return !r.error && `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() !== '';
  })();
  return zstdAnswered;
}

export interface Located {
  matchedKey: string;
  url: string;
}

/** GetCacheEntryDownloadURL: the exact key, else the newest entry under a prefix; undefined on a miss. */
export async function locate(key: string, restoreKeys: readonly string[], version: string): Promise<Located | undefined> {
  const base = process.env['ACTIONS_RESULTS_URL'] as string;
  const client = new HttpClient(USER_AGENT, [new BearerCredentialHandler(process.env['ACTIONS_RUNTIME_TOKEN'] as string)], { socketTimeout: LOOKUP_TIMEOUT_MS });
  const url = new URL(`/twirp/${SERVICE}/GetCacheEntryDownloadURL`, base).href;
  const body = JSON.stringify({ key, restore_keys: restoreKeys, version });
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const res = await client.post(url, body, { 'Content-Type': 'application/json' });
      const status = res.message.statusCode ?? 0;
      const text = await res.readBody();
      if (status >= 200 && status < 300) {
        const reply = JSON.parse(text) as { ok?: boolean; signed_download_url?: string; matched_key?: string };
        if (!reply.ok || !reply.signed_download_url) return undefined;
        return { matchedKey: reply.matched_key ?? key, url: reply.signed_download_url };
      }
      last = `(${status}) ${oneLine(text).slice(0, 200)}`;
      if (status < 500) break;
    } catch (err) {
      last = oneLine(err);
    }
    if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, 1000 * attempt));
  }
  throw new SnapshotError('failed', `looking up seed ${key} in GitHub's cache: ${last}; re-run the job`);
}

/**
 * The entry's archive as it downloads, decompressed as the saving runner compressed it: its version
 * names the compression, so an entry found under entryVersion() is zstd exactly when `zstd` is on
 * this runner's PATH too. Any failure on the way (a cut connection, damaged data) is a `corrupt`
 * error, which the seed flow answers by fetching once more. Each chunk is valid only until the
 * next is asked for (its memory is then reused).
 */
export async function* download(url: string, what: string): AsyncGenerator<Buffer> {
  const res = await new HttpClient(USER_AGENT, [], { socketTimeout: STALL_TIMEOUT_MS }).get(url).catch((err: unknown) => {
    throw corrupt(`${what}: the download failed (${oneLine(err)})`);
  });
  const status = res.message.statusCode ?? 0;
  if (status !== 200) {
    const text = await res.readBody().catch(() => '');
    throw corrupt(`${what}: the download failed (${status} ${oneLine(text).slice(0, 120)})`);
  }
  const decoder = zstdOnPath()
    ? // The client compresses with `zstd -T0` (no --long); a wider window is allowed all the same.
      zlib.createZstdDecompress({ chunkSize: CHUNK, params: { [zlib.constants.ZSTD_d_windowLogMax]: 31 } })
    : zlib.createGunzip({ chunkSize: CHUNK });
  const out = pipeline(res.message, decoder, () => undefined);
  let last: ArrayBufferLike | undefined;
  try {
    for await (const chunk of out as AsyncIterable<Buffer>) {
      // The decoder fills each output buffer before it takes a new one, and the caller has used up
      // every chunk before it asks for the next: a chunk from a new buffer means the one before is
      // no one's. Freed now, its memory serves the next buffer; left to a GC, each buffer was fresh
      // memory, and an uncompressed seed of 256 MiB cost ~65,000 page faults to decode.
      if (last && chunk.buffer !== last) freeNow(last);
      last = chunk.buffer;
      yield chunk;
    }
  } catch (err) {
    throw corrupt(`${what}: the download was cut short or damaged (${oneLine(err)})`);
  } finally {
    decoder.destroy();
    res.message.destroy();
  }
}

/** Decoded bytes handed on at once: the tar reader copies out of them. */
const CHUNK = 1 << 20;

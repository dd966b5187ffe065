import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotError, badInput, corrupt } from '../../../engine/common/errors.ts';
import { removeQuietly } from '../../../engine/common/files.ts';
import { readManifest } from '../../../engine/manifest/manifest.ts';
import { validateName } from '../../names.ts';
import type { GenerationInfo, Opened, OpenedStream, Published, Selector, Staging, Store } from '../../store.ts';
import type { Repo } from '../rest.ts';
import { stagedUpload } from '../../staging.ts';
import { DEFAULT_PART_SIZE, MANIFEST_ASSET_SUFFIX } from './assets.ts';
import { type Release, ReleasesClient } from './client.ts';
import { API_WORDS, type ReleaseWords, describeReleaseError } from './errors.ts';
import { type PublishOptions, type PublishedRelease, immutableRefused, lookUpTag, publishSnapshot } from './publish.ts';
import { EarlyUpload } from './early-upload.ts';
import { type ReleaseRef, chooseRelease, downloadTo, readReleaseSnapshot, streamed } from './read.ts';
import { whileChecking } from '../../while-checking.ts';

export interface ReleaseStoreOptions {
  repository: Repo;
  /** Anonymous without one: public repositories can be read, nothing can be published. */
  token?: string;
  /** Which release `open` reads, and (with a tag) which one `begin` publishes to. */
  ref: ReleaseRef;
  publish?: Partial<Omit<PublishOptions, 'tag' | 'words' | 'log'>>;
  /** How messages name the settings (the Action's inputs, the CLI's flags); the API's option names by default. */
  words?: ReleaseWords;
  /** Where staging and downloads go (RUNNER_TEMP on a runner). */
  tempRoot?: string;
  log?: (line: string) => void;
  /** API base; GITHUB_API_URL or api.github.com when absent. */
  apiUrl?: string;
}

/**
 * Snapshots as GitHub release assets: kept as long as the release, not 90 days. A generation is a
 * release (its tag); several snapshot names share one release. See publish.ts for the draft flow
 * that immutable releases need, and read.ts for how `latest` is chosen.
 */
export class ReleaseStore implements Store {
  readonly client: ReleasesClient;
  private readonly opts: ReleaseStoreOptions & { words: ReleaseWords };
  private readonly tempRoot: string;
  private readonly log: (line: string) => void;
  /** What the last commit published, for front doors to report. */
  lastPublished: PublishedRelease | undefined;

  constructor(opts: ReleaseStoreOptions) {
    this.opts = { ...opts, words: opts.words ?? API_WORDS };
    this.log = opts.log ?? (() => undefined);
    this.client = new ReleasesClient(opts.repository, { ...(opts.token ? { token: opts.token } : {}), ...(opts.apiUrl ? { base: opts.apiUrl } : {}), log: this.log });
    this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? os.tmpdir();
  }

  get description(): string {
    const r = this.opts.ref;
    return `${'tag' in r ? `release ${r.tag}` : `the latest release${r.prereleases ? ' (prereleases included)' : ''}`} of ${this.client.repoName}`;
  }

  private canPublish: Promise<{ isPublic: boolean }> | undefined;
  /** What checkCanPublish learnt: the tag's published release, if any, is where publishing starts. */
  private asked: Promise<{ isPublic: boolean; published: Release | undefined }> | undefined;

  /**
   * Fails when publishing cannot work: no token, no such repository, or a published immutable
   * release for the tag. Asked of GitHub once; `begin` starts it and the upload waits for it, so
   * the round trips run beside the snapshot. A front door that wants the snapshot stopped as soon
   * as it fails takes the snapshot through `whileChecking`.
   */
  checkCanPublish(): Promise<{ isPublic: boolean }> {
    if (this.canPublish) return this.canPublish;
    this.refuseUnpublishable();
    this.asked = this.askCanPublish();
    this.canPublish = this.asked.then(({ isPublic }) => ({ isPublic }));
    // Awaited by the upload, which may come after it failed: not an unhandled rejection meanwhile.
    this.canPublish.catch(() => undefined);
    return this.canPublish;
  }

  /**
   * Runs `run` (a snapshot into this store) while the publishing checks run: `signal` is aborted
   * if they fail, and the snapshot's failure then reads as the checks' own error.
   */
  whileChecking<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return whileChecking(this.checkCanPublish(), run);
  }

  /** What needs no request: refused before anything starts. */
  private refuseUnpublishable(): void {
    if (!('tag' in this.opts.ref)) throw badInput(`${this.opts.words.release}: "latest" names a release to read; give the tag to publish to`);
    if (!this.client.hasToken) throw badInput(`${this.opts.words.token}: is empty; publishing to a release needs a token with contents: write`);
  }

  private async askCanPublish(): Promise<{ isPublic: boolean; published: Release | undefined }> {
    const ref = this.opts.ref as { tag: string };
    const info = await this.client.repoInfo().catch((err: unknown) => {
      throw describeReleaseError(err, `reading repository ${this.client.repoName}`, this.client.repoName, this.opts.words);
    });
    // Refused before anything is uploaded: nothing can be attached to it (publish.ts checks again).
    const published = await this.client.releaseByTag(ref.tag).catch(() => undefined);
    if (published?.immutable) throw immutableRefused(ref.tag, this.client.repoName, this.opts.words);
    return { isPublic: !info.private, published };
  }

  async begin(name: string): Promise<Staging> {
    validateName(name);
    const ready = this.checkCanPublish();
    const ref = this.opts.ref as { tag: string };
    // The release and drafts for the tag, looked up beside the snapshot too (read only: a draft is
    // created only once a copy has started, by the early upload).
    const looked = (this.asked as NonNullable<typeof this.asked>).then(({ published }) => lookUpTag(this.client, ref.tag, this.opts.words, published ?? null));
    looked.catch(() => undefined);
    const p = this.opts.publish ?? {};
    const publishOpts: PublishOptions = {
      tag: ref.tag,
      snapshot: name,
      draft: p.draft ?? false,
      prerelease: p.prerelease ?? false,
      makeLatest: p.makeLatest ?? false,
      overwrite: p.overwrite ?? false,
      partSize: p.partSize ?? DEFAULT_PART_SIZE,
      ...(p.targetCommitish ? { targetCommitish: p.targetCommitish } : {}),
      words: this.opts.words,
      log: this.log,
    };
    const early = new EarlyUpload(this.client, name, publishOpts, ready.then(() => looked.catch(() => undefined)));
    return stagedUpload(
      this.tempRoot,
      async (dir): Promise<Published> => {
        const committing = performance.now();
        await ready;
        // A failed look is taken again by publishSnapshot, which reports what failed.
        const tagState = await looked.catch(() => undefined);
        const manifest = await readManifest(dir);
        const resolved = await early.settled(this.log);
        const done = await publishSnapshot(this.client, dir, manifest, publishOpts, tagState, resolved);
        this.lastPublished = done;
        return {
          name,
          generation: done.release.tag_name,
          location: done.release.html_url,
          details: {
            releaseId: done.release.id,
            releaseUrl: done.release.html_url,
            size: done.assets.reduce((n, a) => n + a.size, 0),
            uploaded: done.uploadedBytes,
            // From the first byte sent, which may be well before the commit (early-upload.ts).
            uploadMs: Math.round(performance.now() - Math.min(committing, early.sendingSince ?? committing)),
          },
        };
      },
      { onStoredFile: (w) => early.follow(w), discard: () => early.discard(this.log) },
    );
  }

  /** The chosen release's snapshot, downloaded into a temp directory with every digest checked. */
  async open(name: string, select: Selector = {}): Promise<Opened> {
    const snap = await this.find(name, select);
    await fsp.mkdir(this.tempRoot, { recursive: true });
    const dir = await fsp.mkdtemp(path.join(this.tempRoot, 'sqlite-snapshot-download-'));
    try {
      await downloadTo(this.client, snap.snap, dir, this.opts.words, this.log);
    } catch (err) {
      await removeQuietly(dir);
      throw err;
    }
    return { name, generation: snap.tag, dir, close: async () => removeQuietly(dir) };
  }

  /**
   * The chosen release's snapshot read as it downloads (the API's restore decodes it as it
   * arrives); undefined when a database is not zstd (only zstd frames are decoded from a stream),
   * for which `open` serves.
   */
  async openStream(name: string, select: Selector = {}): Promise<OpenedStream | undefined> {
    const found = await this.find(name, select);
    if (!found.snap.manifest.databases.every((e) => e.compression === 'zstd')) return undefined;
    // Nothing to end: each asset is fetched only as the decoder asks for it.
    return { name, generation: found.tag, snapshot: streamed(this.client, found.snap, this.opts.words), close: async () => undefined };
  }

  /** A release asset damaged on the way is fetched once more (GitHub's digest or our checksums caught it); twice is the asset itself. */
  retryDamaged<T>(read: () => Promise<T>): Promise<T> {
    return twiceOnDamage(read, this.log);
  }

  private cached: { key: string; value: { tag: string; snap: Awaited<ReturnType<typeof readReleaseSnapshot>> } } | undefined;

  private async find(name: string, select: Selector): Promise<{ tag: string; snap: Awaited<ReturnType<typeof readReleaseSnapshot>> }> {
    validateName(name);
    if (select.at) throw badInput(`${this.opts.words.release}: release snapshots are chosen by tag or latest, not by time`);
    const ref: ReleaseRef = select.generation ? { tag: select.generation } : this.opts.ref;
    const key = `${name}\n${JSON.stringify(ref)}`;
    if (this.cached?.key === key) return this.cached.value;
    const chosen = await chooseRelease(this.client, name, ref, this.opts.words);
    this.log(chosen.why);
    this.log(`  assets: ${chosen.assets.filter((a) => a.name.startsWith(`${name}.`)).map((a) => a.name).join(', ')}`);
    const value = { tag: chosen.release.tag_name, snap: await readReleaseSnapshot(this.client, chosen, name, this.opts.words) };
    this.cached = { key, value };
    return value;
  }

  /** Releases holding a snapshot of this name (or any), newest published first. */
  async list(name?: string): Promise<GenerationInfo[]> {
    const all = await this.client.releases().catch((err: unknown) => {
      throw describeReleaseError(err, 'listing the releases', this.client.repoName, this.opts.words);
    });
    const out: GenerationInfo[] = [];
    for (const r of all) {
      for (const a of r.assets) {
        if (!a.name.endsWith(MANIFEST_ASSET_SUFFIX)) continue;
        const n = a.name.slice(0, -MANIFEST_ASSET_SUFFIX.length);
        if (name === undefined || n === name) out.push({ name: n, generation: r.tag_name, createdAt: r.published_at ?? r.created_at, dir: '' });
      }
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }
}

/** `owner/repo@tag` or `owner/repo@latest` (the CLI's --release). */
export function parseReleaseSpec(value: string, flag: string): { repository: Repo; ref: string } {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)@(.+)$/.exec(value.trim());
  if (!m) throw badInput(`${flag}: "${value}" is not owner/repo@tag; give it as, for example, octo-org/app@v1.2.0 or octo-org/app@latest`);
  return { repository: { owner: m[1] as string, repo: m[2] as string }, ref: m[3] as string };
}

/** A tag as git allows it, without the characters that would need escaping in a URL path. */
export function validateTag(tag: string, input: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._/+-]{0,199}$/.test(tag) || tag.includes('..') || tag.endsWith('/') || tag.endsWith('.lock')) {
    throw badInput(`${input}: "${tag}" is not a tag this tool publishes to; use letters, digits and . _ - / +, for example v1.2.0`);
  }
  return tag;
}

/** A download that failed its checks once is fetched once more; twice is the asset itself. */
export async function twiceOnDamage<T>(run: () => Promise<T>, log: (line: string) => void): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof SnapshotError) || err.kind !== 'corrupt') throw err;
    log(`${err.message}; downloading once more`);
    try {
      return await run();
    } catch (again) {
      if (again instanceof SnapshotError && again.kind === 'corrupt') throw corrupt(`${again.message} (twice; the asset itself is damaged: publish the snapshot again)`);
      throw again;
    }
  }
}

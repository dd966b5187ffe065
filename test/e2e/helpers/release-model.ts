import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The state of the Releases emulator (release-service.ts) and GitHub's rules over it, without
 * HTTP: repositories, releases, assets, which release is "Latest", and the JSON GitHub renders.
 * Facts: shared/github-releases.md (REST API version 2022-11-28).
 */

/** An asset as GitHub's REST API renders it. */
export interface Asset {
  url: string;
  browser_download_url: string;
  id: number;
  node_id: string;
  name: string;
  label: string | null;
  uploader: { login: string } | null;
  content_type: string;
  state: 'uploaded' | 'starter';
  size: number;
  digest: string | null;
  download_count: number;
  created_at: string;
  updated_at: string;
}

/** A release as GitHub's REST API renders it. */
export interface Release {
  url: string;
  html_url: string;
  assets_url: string;
  upload_url: string;
  tarball_url: string | null;
  zipball_url: string | null;
  id: number;
  node_id: string;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  immutable: boolean;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  author: { login: string };
  assets: Asset[];
}

export type MakeLatest = 'true' | 'false' | 'legacy';

export interface AssetRecord {
  id: number;
  /** The storage object holding the bytes: a name of its own, as GitHub's storage keys are. */
  key: string;
  name: string;
  label: string;
  contentType: string;
  state: 'uploaded' | 'starter';
  size: number;
  digest: string | null;
  downloads: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReleaseRecord {
  id: number;
  tag: string;
  target: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  immutable: boolean;
  /** GitHub's created_at: the date of the release's commit, not when the release was made. */
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  /** What make_latest said when it was published: 'false' keeps it out of the date-ordered fallback. */
  makeLatest: MakeLatest;
  /** A draft's html_url names `untagged-<hex>` instead of its tag. */
  untagged: string;
  assets: AssetRecord[];
  /** Epoch ms from which list calls show it, and get-by-tag and latest find it (listLagMs). */
  listedFrom: number;
  taggedFrom: number;
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  immutableReleases: boolean;
  releases: ReleaseRecord[];
  /** The release made Latest explicitly (make_latest "true"); see ReleaseBook.latest. */
  latestId: number | undefined;
  /** Tags that an immutable release has held: they can never be used again. */
  immutableTags: Set<string>;
  /** Commit dates by tag (setCommitDate): what created_at becomes for releases made over HTTP. */
  commitDates: Map<string, Date>;
}

/** Where the JSON's URLs point. */
export interface Origins {
  api: string;
  uploads: string;
  /** github.com itself (html_url, browser_download_url): not served by the emulator. */
  html: string;
}

/** How the emulated GitHub behaves (ReleaseService.start). */
export interface ReleaseServiceOptions {
  /**
   * The runner's link: upload bodies are read, and asset bytes sent, at this rate, all uploads
   * sharing it and all downloads sharing it (none: as fast as loopback goes).
   */
  paceBytesPerSec?: number;
  /** A release made over HTTP is missing from lists, and 404 by tag and as latest, for this long. */
  listLagMs?: number;
  /** GitHub's cap on assets per release: 1000. */
  maxAssets?: number;
  /** GitHub's per-asset limit, 2 GiB: lower it to see the 422 on small uploads. */
  maxAssetBytes?: number;
  /** Asset bytes through the API: a 302 to signed storage (GitHub's usual answer), or 200 with the bytes. */
  downloads?: 'redirect' | 'direct';
}

/** `/repos/{owner}/{repo}/rest` split: the repository's full name and what follows it. */
export function repoPath(pathname: string): { repo: string; rest: string } | undefined {
  const m = /^\/repos\/([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(pathname);
  return m ? { repo: `${decodeURIComponent(m[1] as string)}/${decodeURIComponent(m[2] as string)}`, rest: m[3] ?? '' } : undefined;
}

/** GitHub's timestamps: ISO 8601 in UTC, whole seconds. */
export const stamp = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Newest first by created_at (the commit date), then by id: GitHub's list order. */
const newestFirst = (a: ReleaseRecord, b: ReleaseRecord): number => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;

const nodeId = (kind: string, id: number): string => Buffer.from(`${kind}:${id}`).toString('base64url');

/**
 * The name GitHub stores for an uploaded asset: characters outside `[A-Za-z0-9._+-]` become `.`
 * (a `+` only survives when it was sent as `%2B`: a raw one decodes to a space), accented letters
 * lose their accents, a leading dot gets `default` in front, trailing dots go.
 */
export function sanitiseAssetName(raw: string): string {
  const plain = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const dotted = plain.replace(/[^A-Za-z0-9._+-]/g, '.');
  const led = dotted.startsWith('.') ? `default${dotted}` : dotted;
  return led.replace(/\.+$/, '');
}

export class ReleaseBook {
  private readonly repos = new Map<string, RepoRecord>();
  // Release and asset ids come from ranges far apart, so a client that mixes them up gets a 404.
  private nextRelease = 180_000_001;
  private nextAsset = 260_000_001;
  private nextRepo = 880_000_001;
  private readonly origins: Origins;

  constructor(origins: Origins) {
    this.origins = origins;
  }

  addRepo(fullName: string, opts: { private?: boolean; immutableReleases?: boolean } = {}): RepoRecord {
    const [owner, name, extra] = fullName.split('/');
    if (!owner || !name || extra !== undefined) throw new Error(`test bug: a repository is owner/name, not ${fullName}`);
    const repo: RepoRecord = {
      id: this.nextRepo++,
      owner,
      name,
      fullName,
      private: opts.private ?? false,
      immutableReleases: opts.immutableReleases ?? false,
      releases: [],
      latestId: undefined,
      immutableTags: new Set(),
      commitDates: new Map(),
    };
    // GitHub's repository names are case-insensitive in URLs.
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  find(fullName: string): RepoRecord | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  /** For test setup: a repository that must exist. */
  repo(fullName: string): RepoRecord {
    const repo = this.find(fullName);
    if (!repo) throw new Error(`test bug: no repository ${fullName} (addRepo first)`);
    return repo;
  }

  release(repo: RepoRecord, id: number): ReleaseRecord | undefined {
    return repo.releases.find((r) => r.id === id);
  }

  /** The asset and its release, by the asset's id. */
  asset(repo: RepoRecord, id: number): { rel: ReleaseRecord; asset: AssetRecord } | undefined {
    for (const rel of repo.releases) {
      const asset = rel.assets.find((a) => a.id === id);
      if (asset) return { rel, asset };
    }
    return undefined;
  }

  /** An asset by its storage key, in the repository with this id. */
  assetByKey(repoId: number, key: string): AssetRecord | undefined {
    const repo = [...this.repos.values()].find((r) => r.id === repoId);
    return repo?.releases.flatMap((r) => r.assets).find((a) => a.key === key);
  }

  /** What list calls show at `now`, newest commit date first; drafts only for writers. */
  listed(repo: RepoRecord, withDrafts: boolean, now: number): ReleaseRecord[] {
    return repo.releases.filter((r) => r.listedFrom <= now && (withDrafts || !r.draft)).sort(newestFirst);
  }

  /** Get-by-tag: published releases only, a draft is not found. */
  byTag(repo: RepoRecord, tag: string, now: number): ReleaseRecord | undefined {
    return repo.releases.find((r) => !r.draft && r.tag === tag && r.taggedFrom <= now);
  }

  /**
   * GitHub's Latest: the release last published with make_latest "true" while it stays published
   * and not a prerelease; otherwise (none, or it was deleted or unpublished) the newest by commit
   * date among published non-prereleases not published with make_latest "false".
   */
  latest(repo: RepoRecord, now = Number.POSITIVE_INFINITY): ReleaseRecord | undefined {
    const eligible = (r: ReleaseRecord): boolean => !r.draft && !r.prerelease && r.taggedFrom <= now;
    const pinned = repo.releases.find((r) => r.id === repo.latestId && eligible(r));
    return pinned ?? repo.releases.filter((r) => eligible(r) && r.makeLatest !== 'false').sort(newestFirst)[0];
  }

  /** The 422 GitHub gives a tag that can't take a new (or newly published) release, if any. */
  tagRefusal(repo: RepoRecord, tag: string, except?: ReleaseRecord): { code: string; message?: string } | undefined {
    if (repo.releases.some((r) => r !== except && !r.draft && r.tag === tag)) return { code: 'already_exists' };
    if (repo.immutableTags.has(tag)) return { code: 'custom', message: 'tag_name was used by an immutable release' };
    return undefined;
  }

  create(
    repo: RepoRecord,
    r: { tag: string; target?: string; name?: string | null; body?: string | null; draft?: boolean; prerelease?: boolean; createdAt?: Date; publishedAt?: Date; makeLatest?: MakeLatest },
    lagMs = 0,
  ): ReleaseRecord {
    const now = new Date();
    const rel: ReleaseRecord = {
      id: this.nextRelease++,
      tag: r.tag,
      target: r.target ?? 'main',
      name: r.name ?? null,
      body: r.body ?? null,
      draft: true,
      prerelease: r.prerelease ?? false,
      immutable: false,
      createdAt: r.createdAt ?? repo.commitDates.get(r.tag) ?? now,
      updatedAt: now,
      publishedAt: null,
      makeLatest: 'true',
      untagged: randomBytes(10).toString('hex'),
      assets: [],
      listedFrom: now.getTime() + lagMs,
      taggedFrom: now.getTime() + lagMs,
    };
    repo.releases.push(rel);
    if (!r.draft) this.publish(repo, rel, r.makeLatest ?? 'true', lagMs, r.publishedAt);
    return rel;
  }

  /**
   * Publishing: frozen if the repository has immutable releases on at this moment (its tag then
   * can never be reused), and made Latest as make_latest says (prereleases never are).
   */
  publish(repo: RepoRecord, rel: ReleaseRecord, makeLatest: MakeLatest, lagMs = 0, at = new Date()): void {
    rel.draft = false;
    rel.publishedAt = at;
    rel.updatedAt = new Date();
    rel.taggedFrom = Date.now() + lagMs;
    rel.makeLatest = makeLatest;
    if (repo.immutableReleases) {
      rel.immutable = true;
      repo.immutableTags.add(rel.tag);
    }
    this.applyMakeLatest(repo, rel, makeLatest);
  }

  applyMakeLatest(repo: RepoRecord, rel: ReleaseRecord, makeLatest: MakeLatest): void {
    rel.makeLatest = makeLatest;
    if (rel.draft || rel.prerelease) return;
    if (makeLatest === 'true') repo.latestId = rel.id;
    else if (makeLatest === 'legacy') repo.latestId = undefined;
    else if (repo.latestId === rel.id) repo.latestId = undefined;
  }

  unpublish(repo: RepoRecord, rel: ReleaseRecord): void {
    if (repo.latestId === rel.id) repo.latestId = undefined;
    rel.draft = true;
    rel.publishedAt = null;
    rel.updatedAt = new Date();
  }

  deleteRelease(repo: RepoRecord, rel: ReleaseRecord): AssetRecord[] {
    repo.releases.splice(repo.releases.indexOf(rel), 1);
    if (repo.latestId === rel.id) repo.latestId = undefined;
    return rel.assets;
  }

  /** A new asset record in `rel` (the caller stores its bytes under `key`). */
  addAsset(rel: ReleaseRecord, a: { name: string; label?: string; contentType: string; state: 'uploaded' | 'starter'; size: number; digest: string | null }): AssetRecord {
    const now = new Date();
    const asset: AssetRecord = { id: this.nextAsset++, key: randomUUID(), label: '', downloads: 0, createdAt: now, updatedAt: now, ...a };
    rel.assets.push(asset);
    return asset;
  }

  deleteAsset(rel: ReleaseRecord, asset: AssetRecord): void {
    rel.assets.splice(rel.assets.indexOf(asset), 1);
  }

  assetJson(repo: RepoRecord, rel: ReleaseRecord, a: AssetRecord): Asset {
    const tag = rel.draft ? `untagged-${rel.untagged}` : rel.tag;
    return {
      url: `${this.origins.api}/repos/${repo.fullName}/releases/assets/${a.id}`,
      browser_download_url: `${this.origins.html}/${repo.fullName}/releases/download/${encodeURIComponent(tag)}/${encodeURIComponent(a.name)}`,
      id: a.id,
      node_id: nodeId('ReleaseAsset', a.id),
      name: a.name,
      label: a.label,
      uploader: { login: 'github-actions[bot]' },
      content_type: a.contentType,
      state: a.state,
      size: a.size,
      digest: a.digest,
      download_count: a.downloads,
      created_at: stamp(a.createdAt),
      updated_at: stamp(a.updatedAt),
    };
  }

  releaseJson(repo: RepoRecord, rel: ReleaseRecord): Release {
    const base = `${this.origins.api}/repos/${repo.fullName}`;
    return {
      url: `${base}/releases/${rel.id}`,
      html_url: `${this.origins.html}/${repo.fullName}/releases/tag/${rel.draft ? `untagged-${rel.untagged}` : encodeURIComponent(rel.tag)}`,
      assets_url: `${base}/releases/${rel.id}/assets`,
      upload_url: `${this.origins.uploads}/repos/${repo.fullName}/releases/${rel.id}/assets{?name,label}`,
      tarball_url: rel.draft ? null : `${base}/tarball/${encodeURIComponent(rel.tag)}`,
      zipball_url: rel.draft ? null : `${base}/zipball/${encodeURIComponent(rel.tag)}`,
      id: rel.id,
      node_id: nodeId('Release', rel.id),
      tag_name: rel.tag,
      target_commitish: rel.target,
      name: rel.name,
      body: rel.body,
      draft: rel.draft,
      prerelease: rel.prerelease,
      immutable: rel.immutable,
      created_at: stamp(rel.createdAt),
      updated_at: stamp(rel.updatedAt),
      published_at: rel.publishedAt ? stamp(rel.publishedAt) : null,
      author: { login: 'github-actions[bot]' },
      assets: rel.assets.map((a) => this.assetJson(repo, rel, a)),
    };
  }
}

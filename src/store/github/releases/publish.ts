import path from 'node:path';
import { SnapshotError, badInput, oneLine } from '../../../engine/common/errors.ts';
import { formatBytes } from '../../../engine/common/format.ts';
import { MANIFEST_FILE, type Manifest, parseManifest } from '../../../engine/manifest/manifest.ts';
import { promises as fsp } from 'node:fs';
import {
  MANIFEST_ASSET_SUFFIX,
  type PlannedAsset,
  contentTypeFor,
  dataAssetName,
  digestHex,
  isSafeAssetName,
  manifestAssetName,
  partAssetName,
  planRanges,
  sha256Of,
} from './assets.ts';
import { type Asset, GitHubHttpError, type Release, type ReleasesClient, retryWait } from './client.ts';
import { type ReleaseWords, describeReleaseError } from './errors.ts';
import { markedPublisher, publisherMark, withoutPublisherMark } from './publisher-mark.ts';
import { assetChunks } from './read.ts';

export interface PublishOptions {
  tag: string;
  /** The snapshot's name: the publisher a draft created here names (publisher-mark.ts). */
  snapshot: string;
  /** Leave a release this call creates as a draft (a later step attaches more and publishes). */
  draft: boolean;
  /** Mark a release this call creates as a prerelease. */
  prerelease: boolean;
  /** Let the release become the repository's Latest; otherwise `make_latest: "false"` is sent. */
  makeLatest: boolean;
  /** Replace an asset of the same name with other content (never on an immutable release). */
  overwrite: boolean;
  /** The commit a new tag is made at when the release is published (the Action: GITHUB_SHA). */
  targetCommitish?: string;
  partSize: number;
  words: ReleaseWords;
  log: (line: string) => void;
}

export interface PublishedRelease {
  release: Release;
  /** The snapshot's assets, data first and the manifest last. */
  assets: Asset[];
  /** This call created the release (as a draft). */
  created: boolean;
  /** The release is published now (by this call or before it). */
  published: boolean;
  uploadedBytes: number;
  skipped: number;
}

/**
 * Attaches a snapshot directory to a release the way GitHub's immutable releases allow: to a
 * published release only while it is mutable, otherwise to a draft (found by listing, since a
 * draft is invisible by tag, or created), with every asset checked against GitHub's digest before
 * a draft this call created is published. The manifest goes last: its presence means the snapshot
 * is whole. A re-run finds its assets already there and uploads nothing again.
 */
export async function publishSnapshot(client: ReleasesClient, dir: string, manifest: Manifest, opts: PublishOptions, early?: TagState, resolved?: ResolvedRelease): Promise<PublishedRelease> {
  const planned = await planAssets(dir, manifest, opts.partSize);
  for (let round = 1; ; round++) {
    const { release, created, publishes, uploaded } = round === 1 && resolved ? resolved : { ...(await resolveRelease(client, opts, round === 1 ? early : undefined)), uploaded: [] };
    try {
      return await attach(client, { release, created, publishes }, planned, opts, uploaded);
    } catch (err) {
      // Another job published the tag first (from its own draft) or removed the draft we took:
      // the assets go to whichever release now holds the tag.
      if (round < 3 && err instanceof Moved) {
        opts.log(`release ${opts.tag}: ${err.message}; attaching to the release that now holds the tag`);
        if (created || publishes) await leaveDraft(client, release, planned, opts);
        continue;
      }
      if (created && !(err instanceof TakenBack)) await takeBackDraft(client, release, planned, opts);
      throw err;
    }
  }
}

class Moved extends Error {}

/**
 * Whether a release holds nothing but the assets named: a draft this call created may be deleted
 * whole only then, as other jobs of a matrix sharing the tag may have attached their snapshots.
 */
function holdsOnly(held: readonly Asset[], names: { has(name: string): boolean }): boolean {
  return held.every((a) => names.has(a.name));
}

/**
 * A draft this step created, deleted when it holds nothing but assets named in `ours`; otherwise
 * kept, and what it holds is returned (undefined: deleted).
 */
export async function deleteIfOnly(client: ReleasesClient, release: Release, ours: { has(name: string): boolean }): Promise<Asset[] | undefined> {
  const held = await client.assets(release.id);
  if (!holdsOnly(held, ours)) return held;
  await client.deleteRelease(release.id);
  return undefined;
}

/**
 * The draft this call created (or took over from an earlier run of this step, to publish it),
 * left for the release that took the tag first: deleted, unless other jobs attached their
 * snapshots to it meanwhile. Those stay where they are (GitHub moves no asset between releases),
 * and only this snapshot's assets go.
 */
async function leaveDraft(client: ReleasesClient, release: Release, planned: PlannedAsset[], opts: PublishOptions): Promise<void> {
  const ours = new Set(planned.map((p) => p.name));
  try {
    const kept = await deleteIfOnly(client, release, ours);
    if (!kept) return;
    for (const a of kept) if (ours.has(a.name)) await client.deleteAsset(a.id);
    opts.log(keptDraftLine(opts, release, kept, 're-run their steps to attach them to the release that now holds the tag'));
  } catch (err) {
    if (err instanceof GitHubHttpError && err.status === 404) return;
    opts.log(`release ${opts.tag}: could not take this snapshot off draft release id ${release.id}, which this step created (${oneLine(err)}); delete what is left of it by hand`);
  }
}

/** A failure whose snapshot checkAll has already taken back. */
class TakenBack extends SnapshotError {}

/**
 * After a failed upload, the draft this call created goes, when it holds nothing but this
 * snapshot's assets, so that a re-run starts afresh. One that other jobs of a matrix attached to
 * stays, for them, and a re-run of this step publishes it (publisher-mark.ts).
 */
async function takeBackDraft(client: ReleasesClient, release: Release, planned: PlannedAsset[], opts: PublishOptions): Promise<void> {
  try {
    const kept = await deleteIfOnly(client, release, new Set(planned.map((p) => p.name)));
    opts.log(kept ? keptDraftLine(opts, release, kept) : `release ${opts.tag}: deleted draft release id ${release.id}, which this step created, so that a re-run starts afresh`);
  } catch (err) {
    opts.log(`release ${opts.tag}: could not delete draft release id ${release.id}, which this step created (${oneLine(err)}); a re-run of this step attaches to it`);
  }
}

async function planAssets(dir: string, manifest: Manifest, partSize: number): Promise<PlannedAsset[]> {
  const out: PlannedAsset[] = [];
  for (const e of manifest.databases) {
    const file = path.join(dir, e.file);
    const base = dataAssetName(manifest.name, e.file);
    const ranges = await planRanges(file, e.storedSize, e.compression, partSize);
    for (const [i, r] of ranges.entries()) {
      out.push({
        name: ranges.length === 1 ? base : partAssetName(base, i),
        file,
        ...r,
        sha256: ranges.length === 1 ? e.storedSha256 : await sha256Of(file, r.start, r.size),
        contentType: contentTypeFor(e.compression),
      });
    }
  }
  const manifestFile = path.join(dir, MANIFEST_FILE);
  const { size } = await fsp.stat(manifestFile);
  out.push({ name: manifestAssetName(manifest.name), file: manifestFile, start: 0, size, sha256: await sha256Of(manifestFile, 0, size), contentType: contentTypeFor('manifest') });
  const seen = new Set<string>();
  for (const a of out) {
    if (!isSafeAssetName(a.name)) throw badInput(`name: "${manifest.name}" makes the asset name ${a.name}, which GitHub would rename; use letters, digits, "_" and "-" around the dots`);
    if (seen.has(a.name)) throw badInput(`name: two files of snapshot "${manifest.name}" would share the asset name ${a.name}; rename one database`);
    seen.add(a.name);
  }
  return out;
}

/** What GitHub holds for a tag: its published release, else its drafts, oldest first. */
export interface TagState {
  published: Release | undefined;
  drafts: Release[];
}

/**
 * Looks the tag up: `published` when the caller has already asked for the tag's release (a
 * front door's check, taken beside the snapshot), else asked here.
 */
export async function lookUpTag(client: ReleasesClient, tag: string, words: ReleaseWords, published?: Release | null): Promise<TagState> {
  const found =
    published !== undefined
      ? published
      : await client.releaseByTag(tag).catch((err: unknown) => {
          throw describeReleaseError(err, `reading release ${tag}`, client.repoName, words);
        });
  if (found) return { published: found, drafts: [] };
  return { published: undefined, drafts: await draftsOf(client, tag, words) };
}

/** The release a snapshot goes to, and whether this call created it or publishes it. */
export interface ReleaseChoice {
  release: Release;
  created: boolean;
  /** This call publishes the draft once checked: it created it, or an earlier run of this step did (publisher-mark.ts). */
  publishes: boolean;
}

/** The release a snapshot goes to, taken before the upload (early-upload.ts), with what is already on it. */
export interface ResolvedRelease extends ReleaseChoice {
  /** Assets of this snapshot uploaded already, each checked against its size and GitHub's digest. */
  uploaded: Asset[];
}

/** The log line for a draft this step created, kept because other snapshots are attached to it too. */
export function keptDraftLine(opts: PublishOptions, release: Release, held: readonly Asset[], then = 'a re-run of this step publishes it'): string {
  const others = held.map((a) => a.name).filter((n) => n.endsWith(MANIFEST_ASSET_SUFFIX) && n !== manifestAssetName(opts.snapshot));
  return `release ${opts.tag}: kept draft release id ${release.id}, which this step created: other snapshots are attached to it${others.length > 0 ? ` (${others.join(', ')})` : ''}; ${then}`;
}

/**
 * The release for the tag: published (if mutable), else the oldest draft, else a new draft.
 * `early`: the tag as looked up while the snapshot was taken; whatever changed since shows up
 * as a refusal that sends publishSnapshot round again with a fresh look.
 */
export async function resolveRelease(client: ReleasesClient, opts: PublishOptions, early?: TagState): Promise<ReleaseChoice> {
  const { tag, words } = opts;
  for (let attempt = 1; ; attempt++) {
    const { published, drafts } = attempt === 1 && early ? early : await lookUpTag(client, tag, words);
    if (published) {
      if (published.immutable) throw immutableRefused(tag, client.repoName, words);
      opts.log(`release ${tag}: published release id ${published.id} (${published.html_url}), mutable: attaching to it`);
      return { release: published, created: false, publishes: false };
    }
    if (drafts[0]) {
      const many = drafts.length > 1 ? ` (${drafts.length} drafts carry the tag; the oldest is used)` : '';
      // Left unpublished by an earlier run of this step, which created it and then failed.
      if (!opts.draft && markedPublisher(drafts[0].body) === opts.snapshot) {
        opts.log(`release ${tag}: draft release id ${drafts[0].id} exists for this tag, created by an earlier run of this step (its notes name snapshot "${opts.snapshot}" as its publisher): attaching to it, and publishing it${many}`);
        return { release: drafts[0], created: false, publishes: true };
      }
      opts.log(`release ${tag}: draft release id ${drafts[0].id} exists for this tag: attaching to it, not creating another${many}`);
      return { release: drafts[0], created: false, publishes: false };
    }
    let mine: Release;
    try {
      mine = await client.createRelease({
        tag_name: tag,
        name: tag,
        draft: true,
        prerelease: opts.prerelease,
        make_latest: 'false',
        ...(opts.targetCommitish ? { target_commitish: opts.targetCommitish } : {}),
        // A draft left for a later step to publish names no publisher.
        ...(opts.draft ? {} : { body: publisherMark(opts.snapshot) }),
      });
    } catch (err) {
      // A published release took the tag since we looked: go round and attach to it.
      if (err instanceof GitHubHttpError && err.status === 422 && /immutable/i.test(err.body)) throw immutableRefused(tag, client.repoName, words);
      if (attempt < 3 && err instanceof GitHubHttpError && err.status === 422 && err.codes.includes('already_exists:tag_name')) continue;
      throw describeReleaseError(err, `creating a draft release for ${tag}`, client.repoName, words);
    }
    // Two jobs that both found nothing each made a draft: the oldest is kept, the others deleted
    // by their makers (empty, so nothing is lost), and everyone attaches to the oldest.
    const oldest = (await draftsOf(client, tag, words))[0];
    if (oldest && oldest.id < mine.id) {
      await client.deleteRelease(mine.id);
      opts.log(`release ${tag}: another job created draft id ${oldest.id} for this tag at the same time: deleted ours (id ${mine.id}) and attaching to that one`);
      return { release: oldest, created: false, publishes: false };
    }
    opts.log(`release ${tag}: created draft release id ${mine.id} (make_latest: false)`);
    return { release: mine, created: true, publishes: !opts.draft };
  }
}

async function draftsOf(client: ReleasesClient, tag: string, words: ReleaseWords): Promise<Release[]> {
  const all = await client.releases().catch((err: unknown) => {
    throw describeReleaseError(err, `listing the releases`, client.repoName, words);
  });
  return all.filter((r) => r.draft && r.tag_name === tag).sort((a, b) => a.id - b.id);
}

async function attach(client: ReleasesClient, choice: ReleaseChoice, planned: PlannedAsset[], opts: PublishOptions, uploaded: Asset[]): Promise<PublishedRelease> {
  const { release, created, publishes } = choice;
  const tag = opts.tag;
  const where = `release ${tag} (id ${release.id})`;
  // A draft this call has just made holds nothing yet but what was uploaded to it early.
  let existing = created ? uploaded : await listAssets(client, release, opts);
  if (existing.length + planned.length > 1000) {
    const missing = planned.filter((p) => !existing.some((a) => a.name === p.name)).length;
    if (existing.length + missing > 1000) {
      throw badInput(`release: ${where} holds ${existing.length} assets and GitHub allows 1000; this snapshot needs ${missing} more; delete old assets or use another tag`);
    }
  }
  const assets: Asset[] = [];
  /** What each asset must be when listed at the end: ours, or the earlier manifest of the same snapshot. */
  const expected = new Map(planned.map((p) => [p.name, { size: p.size, sha256: p.sha256 }]));
  let uploadedBytes = 0;
  let skipped = 0;
  for (const p of planned) {
    const there = existing.find((a) => a.name === p.name);
    if (there && sameContent(there, p) && uploaded.some((a) => a.id === there.id)) {
      assets.push(there);
      uploadedBytes += p.size;
      continue;
    }
    if (there && sameContent(there, p)) {
      opts.log(`  ${p.name}: already attached with the same size and digest (a re-run): kept`);
      assets.push(there);
      skipped++;
      continue;
    }
    // A re-run's manifest differs from the first run's only in times when its databases are the
    // same bytes: that snapshot is attached already, and its manifest stands.
    if (there && p === planned.at(-1) && (await sameSnapshot(client, there, p, opts))) {
      opts.log(`  ${p.name}: the same snapshot is attached already (same databases, same checksums; taken earlier): kept`);
      expected.set(p.name, { size: there.size, sha256: digestHex(there.digest) ?? '' });
      assets.push(there);
      skipped++;
      continue;
    }
    if (there && there.state === 'uploaded') {
      if (!opts.overwrite) {
        throw badInput(`${opts.words.release}: ${where} already has an asset ${p.name} with other content (${formatBytes(there.size)}, ${there.digest ?? 'no digest'}); set ${opts.words.overwrite} to replace it, or choose another name`);
      }
      opts.log(`  ${p.name}: replacing the asset already there (${opts.words.overwrite})`);
    }
    if (there) await client.deleteAsset(there.id);
    const asset = await upload(client, release, p, opts);
    assets.push(asset);
    uploadedBytes += p.size;
    existing = existing.filter((a) => a.name !== p.name);
  }
  await checkAll(client, release, created, expected, planned.at(-1)?.name, opts);
  let final = release;
  let published = !release.draft;
  if (release.draft && publishes) {
    const body = withoutPublisherMark(release.body);
    try {
      final = await client.updateRelease(release.id, { draft: false, make_latest: opts.makeLatest ? 'true' : 'false', ...(body !== undefined ? { body } : {}) });
    } catch (err) {
      if (err instanceof GitHubHttpError && err.status === 422 && /already_exists|tag_name/i.test(err.body)) throw new Moved('another job published a release with this tag first');
      throw describeReleaseError(err, `publishing ${where}`, client.repoName, opts.words);
    }
    published = true;
    opts.log(`release ${tag}: published (make_latest: ${opts.makeLatest ? 'true' : 'false'}) at ${final.html_url}`);
  } else if (release.draft) {
    opts.log(`release ${tag}: left as a draft (${created ? opts.words.draft : 'another step created it; that step publishes it'})`);
  } else if (opts.makeLatest) {
    final = await client.updateRelease(release.id, { make_latest: 'true' });
  }
  // Download URLs name the tag only once the release is published: report them as they are now.
  // The release GitHub answered the publish with carries them, when it lists every one of ours.
  const listed = (a: Asset[] | undefined): boolean => planned.every((p) => a?.some((x) => x.name === p.name));
  const now = final === release ? assets : listed(final.assets) ? final.assets : await listAssets(client, final, opts);
  const ordered = planned.map((p) => now.find((a) => a.name === p.name) ?? (assets.find((a) => a.name === p.name) as Asset));
  return { release: final, assets: ordered, created, published, uploadedBytes, skipped };
}

async function listAssets(client: ReleasesClient, release: Release, opts: PublishOptions): Promise<Asset[]> {
  try {
    return await client.assets(release.id);
  } catch (err) {
    if (err instanceof GitHubHttpError && err.status === 404) throw new Moved(`release id ${release.id} is gone`);
    throw describeReleaseError(err, `listing the assets of release ${opts.tag}`, client.repoName, opts.words);
  }
}

/** The manifest asset there lists the same stored files, sizes and sha256s as ours. */
async function sameSnapshot(client: ReleasesClient, there: Asset, p: PlannedAsset, opts: PublishOptions): Promise<boolean> {
  if (there.state !== 'uploaded' || there.size > 16 << 20) return false;
  try {
    const chunks: Buffer[] = [];
    for await (const c of assetChunks(client, there, opts.words)) chunks.push(c);
    const theirs = parseManifest(Buffer.concat(chunks).toString('utf8'), there.name);
    const ours = parseManifest(await fsp.readFile(p.file, 'utf8'), p.file);
    const key = (m: Manifest): string => JSON.stringify(m.databases.map((e) => [e.name, e.file, e.storedSize, e.storedSha256]));
    return theirs.name === ours.name && key(theirs) === key(ours);
  } catch {
    // Not a manifest we can read: it is other content, which overwrite decides on.
    return false;
  }
}

function sameContent(a: Asset, p: PlannedAsset): boolean {
  return a.state === 'uploaded' && a.size === p.size && digestHex(a.digest) === p.sha256;
}

/**
 * One asset, retried on 5xx, rate limits and dropped connections. A failed upload may have left
 * a `starter` asset holding the name (a blind retry would get `already_exists`) or may in fact have
 * completed: after each failure the asset list decides between keeping, deleting and uploading again.
 */
async function upload(client: ReleasesClient, release: Release, p: PlannedAsset, opts: PublishOptions): Promise<Asset> {
  const what = `uploading ${p.name} (${formatBytes(p.size)})`;
  const attempts = 5;
  for (let n = 1; ; n++) {
    let failure: unknown;
    try {
      const asset = await client.uploadOnce(release, p.name, p.file, p, p.contentType);
      if (asset.name !== p.name) {
        await client.deleteAsset(asset.id);
        throw new SnapshotError('failed', `${what}: GitHub stored it as ${asset.name}; report this as a bug of sqlite-snapshot`);
      }
      if (storedAsSent(asset, p.size, p.sha256)) {
        opts.log(`  ${p.name}: uploaded, ${formatBytes(p.size)}, ${digestWords(asset)}`);
        return asset;
      }
      await client.deleteAsset(asset.id);
      failure = new GitHubHttpError(502, '', `GitHub stored ${asset.size} bytes with digest ${asset.digest ?? 'none'}, not ours`);
    } catch (err) {
      failure = err;
    }
    if (failure instanceof GitHubHttpError && failure.status === 422 && /immutable/i.test(failure.body)) throw immutableRefused(opts.tag, client.repoName, opts.words);
    if (failure instanceof GitHubHttpError && failure.status === 404) throw new Moved(`release id ${release.id} is gone`);
    const taken = failure instanceof GitHubHttpError && failure.status === 422 && failure.codes.includes('already_exists:name');
    const wait = taken ? 0 : retryWait(failure, n, { attempts, baseDelayMs: 1000, maxWaitMs: 120_000 });
    if (wait === undefined || n >= attempts) throw describeReleaseError(failure, what, client.repoName, opts.words);
    opts.log(`  ${p.name}: ${failureText(failure)}; checking the release's assets, then trying again${wait ? ` in ${(wait / 1000).toFixed(1)} s` : ''} (attempt ${n + 1} of ${attempts})`);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    const there = (await listAssets(client, release, opts)).find((a) => a.name === p.name);
    if (there?.state === 'uploaded' && storedAsSent(there, p.size, p.sha256)) {
      opts.log(`  ${p.name}: the interrupted upload had completed (state uploaded, ${digestWords(there)}): kept`);
      return there;
    }
    if (there) {
      // Uploaded bytes that are not ours are another job's, whether its upload completed before
      // ours began (422 already_exists) or while ours was failing: ours, had it completed, would
      // carry our digest. Only a `starter`, which holds no bytes, is the failed upload's leftover.
      if (there.state === 'uploaded') {
        if (!opts.overwrite) throw badInput(`${opts.words.release}: release ${opts.tag} got another asset ${p.name} while this one uploaded; set ${opts.words.overwrite} to replace it, or choose another name`);
        opts.log(`  ${p.name}: replacing the asset another upload put there meanwhile (id ${there.id}, ${opts.words.overwrite})`);
      } else {
        opts.log(`  ${p.name}: deleting the ${there.state} asset the failed upload left (id ${there.id})`);
      }
      await client.deleteAsset(there.id);
    }
  }
}

/** GitHub stored the bytes we sent: our size, and its digest ours (servers without digests: by size). */
export function storedAsSent(asset: Asset, size: number, sha256: string): boolean {
  const digest = digestHex(asset.digest);
  return asset.size === size && (digest === undefined || digest === sha256);
}

/** How an uploaded asset was checked, for the log (after storedAsSent). */
export function digestWords(asset: Asset): string {
  const digest = digestHex(asset.digest);
  return digest ? `digest sha256:${digest.slice(0, 12)}… matches` : 'GitHub gave no digest; checked by size';
}

export function failureText(err: unknown): string {
  if (err instanceof GitHubHttpError) return `GitHub answered ${err.status}${err.githubMessage ? ` (${err.githubMessage})` : ''}`;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return `the upload failed (${code ?? oneLine(err)})`;
}

/**
 * Every asset as GitHub now lists it: state `uploaded`, the size and GitHub's digest expected.
 * Should one differ, the snapshot is taken back before the step fails, so that a re-run uploads it
 * afresh instead of finding other content under its names: the draft this call created, whole,
 * when it holds nothing else; otherwise the manifest first (no reader may take a snapshot with a
 * part missing) and each asset that differs, while the assets that passed stay for a re-run to keep.
 */
async function checkAll(client: ReleasesClient, release: Release, created: boolean, expected: Map<string, { size: number; sha256: string }>, manifest: string | undefined, opts: PublishOptions): Promise<void> {
  const listed = await listAssets(client, release, opts);
  const wrong = [...expected].flatMap(([name, want]) => {
    const a = listed.find((x) => x.name === name);
    // GitHub Enterprise Server versions without digests: size and state are all there is to check.
    if (a && a.state === 'uploaded' && storedAsSent(a, want.size, want.sha256)) return [];
    return [{ name, want, a, found: a ? `${a.state}, ${a.size} bytes, ${a.digest ?? 'no digest'}` : 'missing' }];
  });
  if (wrong.length === 0) {
    opts.log(`release ${opts.tag}: all ${expected.size} assets checked (state uploaded, size and GitHub's sha256 digest equal to ours)`);
    return;
  }
  const first = wrong[0] as (typeof wrong)[number];
  const failure = `release ${opts.tag}: asset ${first.name} is ${first.found} after the upload, expected uploaded, ${first.want.size} bytes, sha256:${first.want.sha256}`;
  let taken: string;
  if (created && holdsOnly(listed, expected)) {
    taken = await client.deleteRelease(release.id).then(
      () => `deleted the draft release id ${release.id} this step created, so that a re-run starts afresh`,
      (err: unknown) => `could not delete the draft release id ${release.id} this step created (${oneLine(err)}): delete it by hand`,
    );
  } else {
    const doomed = [...listed.filter((a) => a.name === manifest && !wrong.some((w) => w.name === a.name)), ...wrong.flatMap((w) => (w.a ? [w.a] : []))];
    const left: string[] = [];
    for (const a of doomed) await client.deleteAsset(a.id).catch(() => left.push(a.name));
    const names = doomed.map((a) => a.name).join(' and ');
    taken = left.length > 0 ? `could not delete ${left.join(', ')}: delete them by hand` : doomed.length > 0 ? `deleted ${names}, so that a re-run uploads ${doomed.length > 1 ? 'them' : 'it'} again` : 'none of it is listed';
  }
  throw new TakenBack('failed', `${failure}; ${taken}; retry the job`);
}

export function immutableRefused(tag: string, repo: string, words: ReleaseWords): SnapshotError {
  return badInput(
    `${words.release}: ${tag} in ${repo} is a published immutable release, and GitHub accepts no new assets on one; attach the snapshot while the release is a draft: run this step before the release is published (${words.draft} here, and publish in a later step)`,
  );
}

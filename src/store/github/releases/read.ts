import { createHash } from 'node:crypto';
import { createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SnapshotError, corrupt, oneLine } from '../../../engine/common/errors.ts';
import { formatBytes } from '../../../engine/common/format.ts';
import { MANIFEST_FILE, type Manifest, type ManifestEntry, parseManifest } from '../../../engine/manifest/manifest.ts';
import type { StreamedSnapshot } from '../../../engine/restore/restore.ts';
import { ChunkReader } from '../../chunk-reader.ts';
import { dataAssetName, digestHex, manifestAssetName, partIndex } from './assets.ts';
import type { Asset, Release, ReleasesClient } from './client.ts';
import { type ReleaseWords, describeReleaseError } from './errors.ts';

/** `latest`, or a tag. */
export type ReleaseRef = { latest: true; prereleases: boolean } | { tag: string };

/** A manifest is a few KB; anything this big in its place is not one. */
const MAX_MANIFEST = 16 << 20;

export interface ChosenRelease {
  release: Release;
  assets: Asset[];
  /** The log line that says which release was taken and why. */
  why: string;
}

/**
 * The release a restore reads. A tag names one (published, or a draft the token can see); `latest`
 * is the newest *published* release, by publish time, that holds this snapshot name: not GitHub's
 * Latest (ordered by commit date, and meaning the product's release), never a draft, and a
 * prerelease only when asked for.
 */
export async function chooseRelease(client: ReleasesClient, name: string, ref: ReleaseRef, words: ReleaseWords): Promise<ChosenRelease> {
  const manifestName = manifestAssetName(name);
  const fail = (err: unknown, what: string): never => {
    throw describeReleaseError(err, what, client.repoName, words);
  };
  if ('tag' in ref) {
    let release = await client.releaseByTag(ref.tag).catch((err: unknown) => fail(err, `reading release ${ref.tag}`));
    let draft = false;
    if (!release && client.hasToken) {
      // A draft is invisible by tag; a token with push access sees it in the list.
      const all = await client.releases().catch((err: unknown) => fail(err, 'listing the releases'));
      release = all.filter((r) => r.draft && r.tag_name === ref.tag).sort((a, b) => a.id - b.id)[0];
      draft = release !== undefined;
    }
    if (!release) {
      throw new SnapshotError('not-found', `${words.release}: no release ${ref.tag} in ${client.repoName}; check the tag, and that ${words.token} can read the repository (drafts need push access)`);
    }
    const assets = await client.assets(release.id).catch((err: unknown) => fail(err, `listing the assets of release ${ref.tag}`));
    if (!assets.some((a) => a.name === manifestName)) {
      const ours = assets.filter((a) => a.name.endsWith('.manifest.json')).map((a) => a.name.slice(0, -'.manifest.json'.length));
      throw new SnapshotError(
        'not-found',
        `${words.release}: release ${ref.tag} in ${client.repoName} holds no snapshot named "${name}" (no asset ${manifestName})${ours.length ? `; it holds ${ours.map((n) => `"${n}"`).join(', ')}` : ''}; check name`,
      );
    }
    return { release, assets, why: `release ${ref.tag}: ${describe(release)}${draft ? ' (a draft, found by listing)' : ''}` };
  }

  const all = await client.releases().catch((err: unknown) => fail(err, 'listing the releases'));
  // published_at has whole seconds: within one second, the release made later (a higher id) wins.
  const published = all
    .filter((r) => !r.draft && r.published_at)
    .sort((a, b) => Date.parse(b.published_at as string) - Date.parse(a.published_at as string) || b.id - a.id);
  const passed: string[] = [];
  for (const r of published) {
    if (r.prerelease && !ref.prereleases) {
      passed.push(`${r.tag_name} (a prerelease; set ${words.prereleases} to take prereleases)`);
      continue;
    }
    // The list carries each release's assets; a release with very many is listed in full.
    const assets = r.assets.length >= 100 ? await client.assets(r.id).catch((err: unknown) => fail(err, `listing the assets of release ${r.tag_name}`)) : r.assets;
    if (!assets.some((a) => a.name === manifestName)) {
      passed.push(`${r.tag_name} (no snapshot named "${name}")`);
      continue;
    }
    const drafts = all.filter((x) => x.draft).length;
    const why =
      `release latest: ${r.tag_name}, ${describe(r)}: the newest published release with snapshot "${name}"` +
      (passed.length ? `; passed over, newer: ${passed.slice(0, 5).join(', ')}${passed.length > 5 ? `, and ${passed.length - 5} more` : ''}` : '') +
      (drafts ? `; drafts are never taken (${drafts} seen)` : '');
    return { release: r, assets: await complete(client, r, assets), why };
  }
  throw new SnapshotError(
    'not-found',
    `${words.release}: no published release in ${client.repoName} holds a snapshot named "${name}"${passed.length ? ` (passed over: ${passed.slice(0, 5).join(', ')})` : ''}; check name, or give a tag`,
  );
}

async function complete(client: ReleasesClient, r: Release, assets: Asset[]): Promise<Asset[]> {
  return assets.length > 0 ? assets : client.assets(r.id);
}

function describe(r: Release): string {
  return `id ${r.id}, ${r.published_at ? `published ${r.published_at}` : 'not published'}, ${r.prerelease ? 'a prerelease' : 'not a prerelease'}${r.immutable ? ', immutable' : ''}`;
}

export interface ReleaseSnapshot {
  manifest: Manifest;
  /** The manifest as uploaded, byte for byte. */
  manifestText: string;
  /** Each database's assets, in order: one, or its parts. */
  parts: Map<string, Asset[]>;
  /** Names the snapshot in messages. */
  label: string;
}

/** Reads the manifest asset (checked against GitHub's size and digest) and finds each database's assets. */
export async function readReleaseSnapshot(client: ReleasesClient, chosen: ChosenRelease, name: string, words: ReleaseWords): Promise<ReleaseSnapshot> {
  const label = `snapshot "${name}" of release ${chosen.release.tag_name}`;
  const manifestAsset = chosen.assets.find((a) => a.name === manifestAssetName(name)) as Asset;
  if (manifestAsset.state !== 'uploaded' || manifestAsset.size > MAX_MANIFEST) throw corrupt(`${label}: asset ${manifestAsset.name} is ${manifestAsset.state}, ${manifestAsset.size} bytes: not a manifest sqlite-snapshot wrote`);
  const chunks: Buffer[] = [];
  for await (const c of assetChunks(client, manifestAsset, words)) chunks.push(c);
  const manifestText = Buffer.concat(chunks).toString('utf8');
  const manifest = parseManifest(manifestText, `${label}: ${manifestAsset.name}`);
  const parts = new Map<string, Asset[]>();
  for (const e of manifest.databases) parts.set(e.file, assetsOf(chosen.assets, name, e, label));
  return { manifest, manifestText, parts, label };
}

function assetsOf(assets: Asset[], name: string, e: ManifestEntry, label: string): Asset[] {
  const base = dataAssetName(name, e.file);
  const whole = assets.find((a) => a.name === base);
  const found = whole
    ? [whole]
    : assets
        .map((a) => ({ a, i: partIndex(base, a.name) }))
        .filter((x): x is { a: Asset; i: number } => x.i !== undefined)
        .sort((x, y) => x.i - y.i)
        .map((x, k) => {
          if (x.i !== k) throw corrupt(`${label}: part ${k + 1} of ${base} is missing; the release's assets are incomplete`);
          return x.a;
        });
  if (found.length === 0) throw corrupt(`${label}: the release has no asset ${base} for database ${e.name}; its assets are incomplete`);
  const total = found.reduce((n, a) => n + a.size, 0);
  const notUploaded = found.find((a) => a.state !== 'uploaded');
  if (notUploaded) throw corrupt(`${label}: asset ${notUploaded.name} is ${notUploaded.state}, not uploaded; the snapshot was interrupted, publish it again`);
  if (total !== e.storedSize) throw corrupt(`${label}: the assets of ${e.name} hold ${total} bytes, the manifest says ${e.storedSize}; the release's assets are not this snapshot's`);
  return found;
}

/**
 * An asset's bytes as they arrive, checked at the end against GitHub's size and digest: the last
 * chunk is handed on only after both matched, so a reader never reaches a clean end of bad bytes.
 */
export async function* assetChunks(client: ReleasesClient, asset: Asset, words: ReleaseWords): AsyncGenerator<Buffer> {
  const what = `asset ${asset.name}`;
  let res;
  try {
    res = await client.withRetries(`downloading ${asset.name}`, () => client.download(asset));
  } catch (err) {
    throw describeReleaseError(err, `downloading ${what}`, client.repoName, words);
  }
  const hash = createHash('sha256');
  let got = 0;
  let held: Buffer | undefined;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      got += chunk.length;
      if (got > asset.size) throw corrupt(`${what}: the download is longer than the ${asset.size} bytes GitHub lists; refused`);
      hash.update(chunk);
      if (held) yield held;
      held = chunk;
    }
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    throw corrupt(`${what}: the download was cut short (${oneLine(err)})`);
  } finally {
    res.destroy();
  }
  if (got !== asset.size) throw corrupt(`${what}: the download ended after ${got} of ${asset.size} bytes`);
  const digest = digestHex(asset.digest);
  const ours = hash.digest('hex');
  if (digest !== undefined && digest !== ours) throw corrupt(`${what}: the download's sha256 is ${ours}, GitHub's digest says ${digest}; it was damaged on the way or the asset was changed`);
  if (held) yield held;
}

async function* entryChunks(client: ReleasesClient, assets: Asset[], words: ReleaseWords): AsyncGenerator<Buffer> {
  for (const a of assets) yield* assetChunks(client, a, words);
}

/** For restoreStreamed: each database decoded as its assets arrive (zstd snapshots only). */
export function streamed(client: ReleasesClient, snap: ReleaseSnapshot, words: ReleaseWords): StreamedSnapshot {
  const files = async function* (): AsyncGenerator<{ file: string; source: ChunkReader }> {
    for (const e of snap.manifest.databases) {
      const chunks = entryChunks(client, snap.parts.get(e.file) as Asset[], words);
      yield { file: e.file, source: new ChunkReader(chunks[Symbol.asyncIterator](), (where) => corrupt(`${snap.label}: ${e.file} ${where}`)) };
    }
  };
  return { manifest: snap.manifest, label: snap.label, files: files() };
}

/** Downloads every file of the snapshot into `dir`, as a snapshot directory the engine reads. */
export async function downloadTo(client: ReleasesClient, snap: ReleaseSnapshot, dir: string, words: ReleaseWords, log: (line: string) => void): Promise<void> {
  for (const e of snap.manifest.databases) {
    const assets = snap.parts.get(e.file) as Asset[];
    await pipeline(entryChunks(client, assets, words), createWriteStream(path.join(dir, e.file)));
    log(`  ${e.file}: ${formatBytes(e.storedSize)} from ${assets.length === 1 ? (assets[0] as Asset).name : `${assets.length} parts`}, GitHub's digest checked`);
  }
  await fsp.writeFile(path.join(dir, MANIFEST_FILE), snap.manifestText);
}

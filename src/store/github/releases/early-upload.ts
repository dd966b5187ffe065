import { formatBytes, formatDuration } from '../../../engine/common/format.ts';
import { oneLine } from '../../../engine/common/errors.ts';
import type { CopiedFile, StoredFileWrite } from '../../../engine/snapshot/options.ts';
import { contentTypeFor, dataAssetName } from './assets.ts';
import type { Asset, ReleasesClient } from './client.ts';
import { warmUploadThread } from './upload-thread-start.ts';
import { type PublishOptions, type ReleaseChoice, type ResolvedRelease, type TagState, deleteIfOnly, digestWords, failureText, keptDraftLine, resolveRelease, storedAsSent } from './publish.ts';

/**
 * Each stored file uploaded as soon as its bytes are whole, while the engine still checks the
 * snapshot (SnapshotOptions.checkAfterCopy): GitHub needs an asset's length before its first
 * byte, so nothing can go up while the file grows, but the integrity check need not come first.
 * 256 MiB text database, 100 MB/s: the check's ~0.25 s of CPU then runs during the 0.3 s upload
 * instead of taking a core from the compression.
 *
 * The release is found, or its draft created, once a copy starts (the snapshot got past opening
 * its databases), so the round trips run beside the copy. Nothing here is the snapshot until the
 * manifest follows at commit; a snapshot that fails first takes back what went up early
 * (`discard`): the draft this made (unless other jobs attached to it meanwhile), or the assets it
 * added to an existing release. Each early
 * upload is tried once; one that fails is left to the commit's upload, which retries and clears
 * what a failed attempt left. Log lines wait for the commit, to appear in its log group.
 */
export class EarlyUpload {
  private readonly client: ReleasesClient;
  private readonly opts: PublishOptions;
  private readonly name: string;
  private readonly ready: Promise<TagState | undefined>;
  /** The release, and the names of the assets it held before (none on a draft this made). */
  private release: Promise<ReleaseChoice & { held: Set<string> }> | undefined;
  private readonly uploads: Promise<Asset | undefined>[] = [];
  /** The asset names of the files followed: what a failed early upload may have left, too. */
  private readonly names = new Set<string>();
  private readonly lines: string[] = [];
  /** When the first early upload started (performance.now()), if one did. */
  sendingSince: number | undefined;

  /** `ready`: the tag as looked up beside the snapshot, once publishing is known to be allowed. */
  constructor(client: ReleasesClient, name: string, opts: PublishOptions, ready: Promise<TagState | undefined>) {
    this.client = client;
    this.name = name;
    this.opts = { ...opts, log: (line) => this.lines.push(line) };
    this.ready = ready;
    // Refused publishing fails the step through the store's own checks; here it only means no release.
    ready.catch(() => undefined);
  }

  /** For Staging.onStoredFile. */
  follow(w: StoredFileWrite): void {
    // Booted while the copy runs, it takes the bytes the moment they are whole.
    warmUploadThread(w.sourceSize);
    this.names.add(dataAssetName(this.name, w.file));
    this.release ??= this.ready.then(async (early) => {
      const choice = await resolveRelease(this.client, this.opts, early);
      return { ...choice, held: new Set(choice.created ? [] : (await this.client.assets(choice.release.id)).map((a) => a.name)) };
    });
    this.release.catch(() => undefined);
    const up = w.copied.then((bytes) => (bytes.size > this.opts.partSize ? undefined : this.uploadOne(w, bytes)));
    up.catch(() => undefined);
    this.uploads.push(up);
  }

  private async uploadOne(w: StoredFileWrite, bytes: CopiedFile): Promise<Asset | undefined> {
    const { release, held } = await (this.release as NonNullable<typeof this.release>);
    const name = dataAssetName(this.name, w.file);
    // A name taken already (a re-run, or other content that `overwrite` decides on): the commit's
    // upload knows what to do, and a re-run sends nothing.
    if (held.has(name)) return undefined;
    try {
      this.sendingSince ??= performance.now();
      let sentMs = 0;
      // The engine renames the file into place once the snapshot is checked (from a copy read
      // directly, some time after `copied`; from the backup API or VACUUM INTO, right after):
      // either name holds the same bytes.
      const asset = await this.client.uploadOnce(release, name, [w.writing, w.path], { start: 0, size: bytes.size }, contentTypeFor(w.compression), (ms) => (sentMs = ms));
      if (asset.name === name && asset.state === 'uploaded' && storedAsSent(asset, bytes.size, bytes.sha256)) {
        this.lines.push(`  ${name}: uploaded as soon as it was whole, ${formatBytes(bytes.size)} in ${formatDuration(sentMs)}, ${digestWords(asset)}`);
        return asset;
      }
      // Not what we sent: gone again, and uploaded by the commit.
      await this.client.deleteAsset(asset.id);
      return undefined;
    } catch (err) {
      this.lines.push(`  ${name}: ${failureText(err)} (uploading it as soon as it was whole); uploading it again`);
      return undefined;
    }
  }

  /** The release and what went up, for the commit; undefined when no release was resolved. Flushes the log lines held so far. */
  async settled(log: (line: string) => void): Promise<ResolvedRelease | undefined> {
    const uploaded = (await Promise.all(this.uploads.map((u) => u.catch(() => undefined)))).filter((a): a is Asset => a !== undefined);
    const resolved = await this.release?.catch(() => undefined);
    for (const line of this.lines.splice(0)) log(line);
    return resolved ? { release: resolved.release, created: resolved.created, publishes: resolved.publishes, uploaded } : undefined;
  }

  /** Takes back what went up for a snapshot that failed before its commit. */
  async discard(log: (line: string) => void): Promise<void> {
    const resolved = await this.settled(() => undefined);
    if (!resolved) return;
    try {
      // Other jobs of a matrix may have attached their snapshots to the draft this one created.
      if (resolved.created) {
        const kept = await deleteIfOnly(this.client, resolved.release, this.names);
        if (!kept) {
          log(`release ${this.opts.tag}: deleted draft release id ${resolved.release.id}, which this snapshot created before it failed`);
          return;
        }
        log(keptDraftLine(this.opts, resolved.release, kept));
      }
      for (const a of resolved.uploaded) {
        await this.client.deleteAsset(a.id);
        log(`release ${this.opts.tag}: deleted ${a.name}, uploaded before the snapshot failed`);
      }
    } catch (err) {
      log(`release ${this.opts.tag}: could not take back what this failed snapshot uploaded (${oneLine(err)}); delete it by hand`);
    }
  }
}

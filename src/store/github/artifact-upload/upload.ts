import { uploadBlob } from './blob-upload.ts';
import { readRuntime } from './runtime.ts';
import { ArtifactTwirp, type ListedArtifact } from './twirp.ts';
import { type ZipSource, zipStream } from './zip.ts';

/**
 * The upload side of GitHub's artifact service (v4), without @actions/artifact: loading the
 * toolkit, the Azure SDK and undici cost a snapshot step more time than its whole upload of a
 * small database. The same calls in the same order as the toolkit's uploadArtifact
 * (lib/internal/upload/upload-artifact.js): CreateArtifact, the zip streamed to the signed URL,
 * FinalizeArtifact with the zip's size and sha256.
 */

export interface UploaderOptions {
  /** Retry notices, as the toolkit logs them. */
  log?: (line: string) => void;
  /** The toolkit's warning when retention-days is above the repository's maximum. */
  warn?: (line: string) => void;
  /** Tests: smaller blob blocks, zip64 forced. */
  blockSize?: number;
  forceZip64?: boolean;
}

export interface UploadedArtifact {
  id: number;
  /** Bytes of the zip. */
  size: number;
  /** Hex sha256 of the zip (the service records it as `sha256:<hex>`). */
  digest: string;
}

export type { ListedArtifact, ZipSource };

/** What the toolkit's getMimeType gives `<name>.zip`: the download unzips blobs of this type. */
const ZIP_TYPE = 'application/zip';

export class ArtifactUploader {
  private readonly opts: UploaderOptions;
  private twirpClient: ArtifactTwirp | undefined;

  constructor(opts: UploaderOptions = {}) {
    this.opts = opts;
  }

  /** Read when first needed, so that a step outside a job fails inside a call that explains it. */
  private get twirp(): ArtifactTwirp {
    this.twirpClient ??= new ArtifactTwirp(readRuntime(), this.opts.log);
    return this.twirpClient;
  }

  /** This run's artifacts named `name`, newest (highest id) first. */
  async list(name: string): Promise<ListedArtifact[]> {
    const found = await this.twirp.list(name);
    return found.filter((a) => a.name === name).sort((a, b) => Number(b.database_id) - Number(a.database_id));
  }

  async delete(a: ListedArtifact): Promise<void> {
    await this.twirp.delete(a);
  }

  /** Uploads `files` as one zip, the artifact `name` of this run. */
  async upload(name: string, files: readonly ZipSource[], retentionDays = 0): Promise<UploadedArtifact> {
    const url = await this.twirp.create(name, ZIP_TYPE, this.expiration(retentionDays));
    const sent = await uploadBlob(url, zipStream(files, { forceZip64: this.opts.forceZip64 ?? false }), {
      contentType: ZIP_TYPE,
      ...(this.opts.blockSize ? { blockSize: this.opts.blockSize } : {}),
    });
    const id = await this.twirp.finalize(name, sent.size, sent.sha256);
    return { id, size: sent.size, digest: sent.sha256 };
  }

  /** The toolkit's getExpiration (upload/retention.js): none for 0, capped by GITHUB_RETENTION_DAYS. */
  private expiration(days: number): Date | undefined {
    if (!days) return undefined;
    const max = parseInt(process.env['GITHUB_RETENTION_DAYS'] ?? '', 10);
    if (max && max < days) {
      this.opts.warn?.(`Retention days cannot be greater than the maximum allowed retention set within the repository. Using ${max} instead.`);
      days = max;
    }
    const at = new Date();
    at.setDate(at.getDate() + days);
    return at;
  }
}

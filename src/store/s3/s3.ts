import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { badInput, oneLine } from '../../engine/common/errors.ts';
import { type ObjectBackend, type ObjectBody, type ObjectInfo, type ObjectRead, ObjectStoreError, type PartedUpload, redact, retriableNetwork, retriableStatus, unlessMissing } from '../object/backend.ts';
import { ObjectStore } from '../object/store.ts';
import { checkEndpoint, prefixed, refuseSecretInUrl, urlOptions, urlPrefix } from '../object/url.ts';

/**
 * Multipart parts of 5 MiB (S3's smallest), 2 in flight at once: an upload holds ~10 MiB of parts
 * whatever the file's size. Measured at 256 MiB (peak anonymous memory of snapshot, 3 runs each):
 * 8 MiB x 4 about 136-152 MiB, 5 MiB x 4 110-140, 5 MiB x 2 95-119, in the same time against a
 * local server. Files over 48 GiB get larger parts, as S3 allows 10,000 per upload.
 */
const MIN_PART_SIZE = 5 << 20;
const MAX_PARTS = 10_000;
const QUEUE_SIZE = 2;
/** A connection that sends nothing for this long is cut and the request retried (or the read resumed). */
const IDLE_TIMEOUT_MS = 120_000;
const CREDENTIALS_HINT = 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run where an instance role provides them';

/**
 * `s3://bucket/prefix` (docs/stores.md): AWS S3 and S3-compatible services. Credentials come from
 * the AWS SDK's own chain; the endpoint from `?endpoint=` or AWS_ENDPOINT_URL(_S3), addressed
 * path-style unless it is AWS's own; the region from `?region=`, AWS_REGION or AWS_DEFAULT_REGION.
 */
export function s3Store(url: URL, inputName: string): ObjectStore {
  return new ObjectStore(new S3Backend(url, inputName));
}

export class S3Backend implements ObjectBackend {
  readonly description: string;
  readonly parts = { size: MIN_PART_SIZE, max: MAX_PARTS };
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;
  private readonly endpoint: string | undefined;
  private bucketChecked: Promise<void> | undefined;

  constructor(url: URL, inputName: string) {
    refuseSecretInUrl(url, inputName, 'AWS_SECRET_ACCESS_KEY');
    if (url.username) throw badInput(`${inputName}: s3:// URLs name no user ("${decodeURIComponent(url.username)}@"); give s3://bucket/prefix, with credentials from AWS_ACCESS_KEY_ID or AWS_PROFILE`);
    const opts = urlOptions(url, inputName, ['endpoint', 'region', 'path-style']);
    this.bucket = url.hostname;
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(this.bucket)) throw badInput(`${inputName}: "${url.hostname}" is not an S3 bucket name; give s3://bucket/prefix`);
    this.prefix = urlPrefix(url);
    this.description = `s3://${this.bucket}${this.prefix ? `/${this.prefix}` : ''}`;
    const endpointFrom = opts.has('endpoint') ? `${inputName} ?endpoint=` : process.env['AWS_ENDPOINT_URL_S3'] ? 'AWS_ENDPOINT_URL_S3' : 'AWS_ENDPOINT_URL';
    const endpointValue = opts.get('endpoint') ?? process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL'];
    this.endpoint = endpointValue ? checkEndpoint(endpointValue, endpointFrom) : undefined;
    const region = opts.get('region') ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? (this.endpoint ? 'us-east-1' : undefined);
    if (!region) throw badInput(`${inputName}: no AWS region for ${this.description}; set AWS_REGION (for example AWS_REGION=eu-west-1) or add ?region=… to the URL`);
    // Virtual-host addressing (bucket.host) needs DNS for every bucket: only AWS's own endpoints have it.
    const pathStyle = opts.has('path-style') ? opts.get('path-style') !== 'false' : this.endpoint !== undefined && !/\.amazonaws\.com(\.cn)?$/.test(new URL(this.endpoint).hostname);
    this.client = new S3Client({
      region,
      ...(this.endpoint ? { endpoint: this.endpoint } : {}),
      forcePathStyle: pathStyle,
      // The SDK's default checksums frame a streamed body as aws-chunked, which S3 lookalikes (R2,
      // s3rver) reject or store as data; the manifest's sha256 proves every byte we read anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Standard retries: 3 tries on throttling (SlowDown, 429), 5xx and dropped connections; withRetries adds more.
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 15_000, requestTimeout: IDLE_TIMEOUT_MS },
    });
  }

  private key(key: string): string {
    return prefixed(this.prefix, key);
  }

  checkExists(): Promise<void> {
    this.bucketChecked ??= this.client.send(new HeadBucketCommand({ Bucket: this.bucket })).then(
      () => undefined,
      (err: unknown) => {
        this.bucketChecked = undefined;
        throw this.describe(err, 'checking the bucket', true);
      },
    );
    return this.bucketChecked;
  }

  async put(key: string, body: ObjectBody, opts: { ifNoneMatch?: boolean; signal?: AbortSignal } = {}): Promise<'ok' | 'exists'> {
    const abortController = new AbortController();
    const onAbort = (): void => abortController.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const stream = body.open();
    try {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: this.key(key), Body: stream, ContentLength: body.size, ...(opts.ifNoneMatch ? { IfNoneMatch: '*' } : {}) },
        partSize: Math.max(MIN_PART_SIZE, Math.ceil(body.size / MAX_PARTS / (1 << 20)) * (1 << 20)),
        queueSize: QUEUE_SIZE,
        leavePartsOnError: false,
        abortController,
      });
      await upload.done();
      return 'ok';
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const name = (err as { name?: string }).name;
      // 412: an object has the key; 409: another conditional write to it is in flight.
      if (opts.ifNoneMatch && (status === 412 || status === 409 || name === 'PreconditionFailed' || name === 'ConditionalRequestConflict')) return 'exists';
      throw this.describe(err, `uploading ${key}`);
    } finally {
      stream.destroy();
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A multipart upload: parts need no condition, as the generation's marker reserved its keys (../object/store.ts). */
  async startUpload(key: string): Promise<PartedUpload> {
    const target = { Bucket: this.bucket, Key: this.key(key) };
    const started = await this.call(`starting the upload of ${key}`, () => this.client.send(new CreateMultipartUploadCommand(target)));
    const UploadId = started.UploadId;
    if (!UploadId) throw new ObjectStoreError('failed', `${this.description}: starting the upload of ${key}: the service gave no upload id`, true);
    const etags: string[] = [];
    return {
      part: async (index, data, signal) => {
        const res = await this.call(`uploading part ${index + 1} of ${key}`, () =>
          this.client.send(new UploadPartCommand({ ...target, UploadId, PartNumber: index + 1, Body: data, ContentLength: data.length }), signal ? { abortSignal: signal } : {}),
        );
        etags[index] = res.ETag ?? '';
      },
      complete: async () => {
        const Parts = etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 }));
        await this.call(`finishing the upload of ${key}`, () => this.client.send(new CompleteMultipartUploadCommand({ ...target, UploadId, MultipartUpload: { Parts } })));
      },
      abort: async () => {
        await this.call(`abandoning the upload of ${key}`, () => this.client.send(new AbortMultipartUploadCommand({ ...target, UploadId })));
      },
    };
  }

  get(key: string, opts: { start?: number; etag?: string; signal?: AbortSignal } = {}): Promise<ObjectRead> {
    const start = opts.start ?? 0;
    return this.call(`reading ${key}`, async () => {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key), ...(start > 0 ? { Range: `bytes=${start}-` } : {}), ...(opts.etag ? { IfMatch: opts.etag } : {}) }),
        opts.signal ? { abortSignal: opts.signal } : {},
      );
      const total = /\/(\d+)$/.exec(res.ContentRange ?? '')?.[1];
      return { body: res.Body as Readable, size: total !== undefined ? Number(total) : (res.ContentLength ?? 0), ...(res.ETag ? { etag: res.ETag } : {}) };
    });
  }

  head(key: string): Promise<ObjectInfo | undefined> {
    return unlessMissing(() =>
      this.call(`reading ${key}`, async () => {
        const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
        return { key, size: res.ContentLength ?? 0, lastModified: res.LastModified ?? new Date(0) };
      }),
    );
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    const full = this.key(prefix);
    let token: string | undefined;
    do {
      const continuation = token;
      const res = await this.call('listing', () => this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: full, ...(continuation ? { ContinuationToken: continuation } : {}) })), true);
      for (const o of res.Contents ?? []) {
        if (!o.Key) continue;
        out.push({ key: this.prefix ? o.Key.slice(this.prefix.length + 1) : o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) });
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  async delete(key: string): Promise<void> {
    await unlessMissing(() => this.call(`deleting ${key}`, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }))));
  }

  private async call<T>(what: string, op: () => Promise<T>, bucketLevel = false): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw this.describe(err, what, bucketLevel);
    }
  }

  /** One line for an SDK failure: what to set or check, never a credential. `bucketLevel`: a 404 means the bucket is missing. */
  private describe(err: unknown, what: string, bucketLevel = false): ObjectStoreError {
    if (err instanceof ObjectStoreError) return err;
    const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    const name = e.name ?? '';
    const where = `${this.description}: ${what}`;
    if (name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) {
      return new ObjectStoreError('failed', `${this.description}: no AWS credentials found; ${CREDENTIALS_HINT}`, false, err);
    }
    if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken', 'ExpiredToken', 'Forbidden', 'AuthorizationHeaderMalformed'].includes(name) || status === 401 || status === 403) {
      return new ObjectStoreError('failed', `${where}: the credentials were refused (${name || status}); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and the bucket's permissions`, false, err);
    }
    if (name === 'NoSuchBucket' || (bucketLevel && status === 404)) {
      return new ObjectStoreError('not-found', `${this.description}: bucket "${this.bucket}" does not exist${this.endpoint ? ` at ${this.endpoint}` : ''}; create it, or check --store${this.endpoint ? '' : ' and AWS_REGION'}`, false, err);
    }
    if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) return new ObjectStoreError('not-found', `${where}: no such object`, false, err);
    const code = e.code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
      const endpoint = this.endpoint ?? 'AWS S3';
      return new ObjectStoreError('failed', `${where}: cannot reach ${endpoint} (${code}); check AWS_ENDPOINT_URL or ?endpoint=, and that the service is up`, true, err);
    }
    const retriable = retriableStatus(status) || retriableNetwork(err) || ['SlowDown', 'RequestTimeout', 'InternalError', 'ServiceUnavailable', 'TooManyRequests'].includes(name);
    return new ObjectStoreError('failed', `${where}: ${redact(oneLine(err)) || name || `HTTP ${status}`}${status ? ` (HTTP ${status})` : ''}`, retriable, err);
  }
}

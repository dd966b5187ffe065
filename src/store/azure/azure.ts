import { AnonymousCredential, BlobServiceClient, type ContainerClient, type StoragePipelineOptions, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { Readable } from 'node:stream';
import { badInput, oneLine } from '../../engine/common/errors.ts';
import { type ObjectBackend, type ObjectBody, type ObjectInfo, type ObjectRead, ObjectStoreError, type PartedUpload, redact, retriableNetwork, retriableStatus, unlessMissing } from '../object/backend.ts';
import { ObjectStore } from '../object/store.ts';
import { checkEndpoint, prefixed, refuseSecretInUrl, urlOptions, urlPrefix } from '../object/url.ts';

/** Blocks of a streamed upload: 4 MiB, 2 in flight, so an upload holds ~8-16 MiB whatever the file's size (50,000 blocks: up to 195 GiB); see s3.ts for the measurements. */
const BLOCK_SIZE = 4 << 20;
const CONCURRENCY = 2;
const MAX_BLOCKS = 50_000;
/** Bodies up to this size go in one Put Blob; larger ones as staged blocks and a block list. */
const SINGLE_PUT_MAX = 4 << 20;

/**
 * The SDK's own retries: 500, 503 and dropped connections, with exponential back-off. It gives up
 * on 429, 502 and 504, which withRetries (../object/retry.ts) adds; a download cut midway is
 * resumed by ObjectReader, so the SDK's own resumption is turned off (maxRetryRequests: 0).
 */
const PIPELINE: StoragePipelineOptions = { retryOptions: { maxTries: 4, retryDelayInMs: 500, maxRetryDelayInMs: 8_000 } };

/**
 * `abs://account@container/prefix` (docs/stores.md): Azure Blob Storage. Credentials from
 * AZURE_STORAGE_CONNECTION_STRING (which names the endpoint too: Azurite), else AZURE_STORAGE_KEY
 * or AZURE_STORAGE_SAS_TOKEN for the account in the URL, at `?endpoint=` or Azure's own.
 */
export function azureStore(url: URL, inputName: string): ObjectStore {
  return new ObjectStore(new AzureBackend(url, inputName));
}

export class AzureBackend implements ObjectBackend {
  readonly description: string;
  readonly parts = { size: BLOCK_SIZE, max: MAX_BLOCKS };
  private readonly container: ContainerClient;
  private readonly prefix: string;
  /** The variable the credentials came from, named when they are refused. */
  private readonly credentialsFrom: string;
  private containerChecked: Promise<void> | undefined;

  constructor(url: URL, inputName: string) {
    refuseSecretInUrl(url, inputName, 'AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN');
    const opts = urlOptions(url, inputName, ['endpoint']);
    const account = decodeURIComponent(url.username);
    const container = url.hostname;
    if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(container)) {
      throw badInput(`${inputName}: "${container}" is not an Azure container name (3-63 lower-case letters, digits and single hyphens); give abs://account@container/prefix`);
    }
    this.prefix = urlPrefix(url);
    this.description = `abs://${account ? `${account}@` : ''}${container}${this.prefix ? `/${this.prefix}` : ''}`;
    const endpointOpt = opts.get('endpoint');
    const endpoint = endpointOpt ? checkEndpoint(endpointOpt, `${inputName} ?endpoint=`) : account ? `https://${account}.blob.core.windows.net` : undefined;
    const env = process.env;
    let service: BlobServiceClient;
    if (env['AZURE_STORAGE_CONNECTION_STRING']) {
      this.credentialsFrom = 'AZURE_STORAGE_CONNECTION_STRING';
      const named = /(?:^|;)\s*AccountName=([^;]+)/i.exec(env['AZURE_STORAGE_CONNECTION_STRING'])?.[1];
      if (account && named && named !== account) {
        throw badInput(`${inputName}: the URL names account "${account}" but AZURE_STORAGE_CONNECTION_STRING is for "${named}"; make them agree, or leave the account out of the URL`);
      }
      try {
        service = BlobServiceClient.fromConnectionString(env['AZURE_STORAGE_CONNECTION_STRING'], PIPELINE);
      } catch (err) {
        throw badInput(`AZURE_STORAGE_CONNECTION_STRING: is not a connection string the Azure SDK takes (${redact(oneLine(err))}); copy it again from the storage account's "Access keys"`);
      }
    } else if (!account) {
      throw badInput(`${inputName}: no Azure account; give abs://account@${container}/… with AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN, or set AZURE_STORAGE_CONNECTION_STRING`);
    } else if (env['AZURE_STORAGE_KEY']) {
      this.credentialsFrom = 'AZURE_STORAGE_KEY';
      service = new BlobServiceClient(endpoint as string, new StorageSharedKeyCredential(account, env['AZURE_STORAGE_KEY']), PIPELINE);
    } else if (env['AZURE_STORAGE_SAS_TOKEN']) {
      this.credentialsFrom = 'AZURE_STORAGE_SAS_TOKEN';
      service = new BlobServiceClient(`${endpoint}?${env['AZURE_STORAGE_SAS_TOKEN'].replace(/^\?/, '')}`, new AnonymousCredential(), PIPELINE);
    } else {
      throw badInput(`${this.description}: no Azure credentials; set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN for account "${account}"`);
    }
    this.container = service.getContainerClient(container);
  }

  private blob(key: string): ReturnType<ContainerClient['getBlockBlobClient']> {
    return this.container.getBlockBlobClient(prefixed(this.prefix, key));
  }

  /** By listing one blob: a container-scoped SAS may list but not read the container's properties. */
  checkExists(): Promise<void> {
    this.containerChecked ??= this.call(
      'checking the container',
      async () => void (await this.container.listBlobsFlat({ prefix: prefixed(this.prefix, '') }).byPage({ maxPageSize: 1 }).next()),
      true,
    );
    this.containerChecked.catch(() => (this.containerChecked = undefined));
    return this.containerChecked;
  }

  async put(key: string, body: ObjectBody, opts: { ifNoneMatch?: boolean; signal?: AbortSignal } = {}): Promise<'ok' | 'exists'> {
    const conditions = opts.ifNoneMatch ? { ifNoneMatch: '*' } : undefined;
    const common = { ...(conditions ? { conditions } : {}), ...(opts.signal ? { abortSignal: opts.signal } : {}) };
    const stream = body.open();
    try {
      if (body.size <= SINGLE_PUT_MAX) {
        const chunks: Buffer[] = [];
        for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
        const buf = Buffer.concat(chunks);
        await this.blob(key).upload(buf, buf.length, common);
      } else {
        await this.blob(key).uploadStream(stream, BLOCK_SIZE, CONCURRENCY, common);
      }
      return 'ok';
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (opts.ifNoneMatch && (status === 409 || status === 412)) return 'exists';
      throw this.describe(err, `uploading ${key}`);
    } finally {
      stream.destroy();
    }
  }

  /**
   * Staged blocks, committed as one block list at the end. Uncommitted blocks are invisible (not
   * listed, not readable) and Azure drops them after 7 days, so abort has nothing to remove.
   */
  async startUpload(key: string): Promise<PartedUpload> {
    const blob = this.blob(key);
    const ids: string[] = [];
    return {
      part: async (index, data, signal) => {
        // Every id of a blob must have the same length.
        const id = Buffer.from(`block-${String(index).padStart(8, '0')}`).toString('base64');
        await this.call(`uploading block ${index + 1} of ${key}`, () => blob.stageBlock(id, data, data.length, signal ? { abortSignal: signal } : {}));
        ids[index] = id;
      },
      complete: async () => {
        await this.call(`finishing the upload of ${key}`, () => blob.commitBlockList(ids));
      },
      abort: async () => undefined,
    };
  }

  get(key: string, opts: { start?: number; etag?: string; signal?: AbortSignal } = {}): Promise<ObjectRead> {
    const start = opts.start ?? 0;
    return this.call(`reading ${key}`, async () => {
      const res = await this.blob(key).download(start, undefined, {
        maxRetryRequests: 0,
        ...(opts.etag ? { conditions: { ifMatch: opts.etag } } : {}),
        ...(opts.signal ? { abortSignal: opts.signal } : {}),
      });
      const total = /\/(\d+)$/.exec(res.contentRange ?? '')?.[1];
      return { body: res.readableStreamBody as Readable, size: total !== undefined ? Number(total) : (res.contentLength ?? 0), ...(res.etag ? { etag: res.etag } : {}) };
    });
  }

  head(key: string): Promise<ObjectInfo | undefined> {
    return unlessMissing(() =>
      this.call(`reading ${key}`, async () => {
        const p = await this.blob(key).getProperties();
        return { key, size: p.contentLength ?? 0, lastModified: p.lastModified ?? new Date(0) };
      }),
    );
  }

  list(prefix: string): Promise<ObjectInfo[]> {
    return this.call(
      'listing',
      async () => {
        const out: ObjectInfo[] = [];
        for await (const page of this.container.listBlobsFlat({ prefix: prefixed(this.prefix, prefix) }).byPage({ maxPageSize: 5000 })) {
          for (const b of page.segment.blobItems) {
            out.push({ key: this.prefix ? b.name.slice(this.prefix.length + 1) : b.name, size: b.properties.contentLength ?? 0, lastModified: b.properties.lastModified });
          }
        }
        return out;
      },
      true,
    );
  }

  async delete(key: string): Promise<void> {
    await this.call(`deleting ${key}`, () => this.blob(key).deleteIfExists());
  }

  private async call<T>(what: string, op: () => Promise<T>, containerLevel = false): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw this.describe(err, what, containerLevel);
    }
  }

  /** One line for an SDK failure: what to set or check, never a credential. `containerLevel`: a 404 means the container is missing. */
  private describe(err: unknown, what: string, containerLevel = false): ObjectStoreError {
    if (err instanceof ObjectStoreError) return err;
    const e = err as { statusCode?: number; code?: string; details?: { errorCode?: string } };
    const status = e.statusCode;
    const code = e.details?.errorCode ?? e.code ?? '';
    const where = `${this.description}: ${what}`;
    if (status === 401 || status === 403) {
      return new ObjectStoreError('failed', `${where}: the credentials were refused (${code || status}); check ${this.credentialsFrom} and the account name`, false, err);
    }
    if (code === 'ContainerNotFound' || (containerLevel && status === 404)) {
      return new ObjectStoreError('not-found', `${this.description}: container "${this.container.containerName}" does not exist at ${this.container.url.replace(/\?.*$/, '')}; create it, or check --store`, false, err);
    }
    if (status === 404) return new ObjectStoreError('not-found', `${where}: no such object`, false, err);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
      return new ObjectStoreError('failed', `${where}: cannot reach ${this.container.url.replace(/\?.*$/, '')} (${code}); check the endpoint and that the service is up`, true, err);
    }
    return new ObjectStoreError('failed', `${where}: ${redact(oneLine(err)) || code}${status ? ` (HTTP ${status})` : ''}`, retriableStatus(status) || retriableNetwork(err), err);
  }
}

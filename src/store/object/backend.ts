import type { Readable } from 'node:stream';
import { SnapshotError } from '../../engine/common/errors.ts';

/**
 * The little an object store must do for ObjectStore (store.ts here) to keep generations in it:
 * put, get, head, list and delete objects by key. One implementation per service (../s3/,
 * ../azure/), each over its official SDK. Keys are relative to the store's own prefix (the path of
 * the --store URL); the backend adds it.
 */
export interface ObjectBackend {
  /** The store as the user named it (s3://bucket/prefix), for messages: never holds a credential. */
  readonly description: string;
  /**
   * Stores an object from a stream of `size` bytes. `ifNoneMatch`: only if no object has this key
   * (If-None-Match: *), else 'exists' and nothing is written; services that ignore the header
   * (s3rver) overwrite instead. `open` may be called again for a retry: each call a fresh stream.
   */
  put(key: string, body: ObjectBody, opts?: { ifNoneMatch?: boolean; signal?: AbortSignal }): Promise<'ok' | 'exists'>;
  /** An object's bytes from `start` on; `etag` pins the version a resumed read continues. */
  get(key: string, opts?: { start?: number; etag?: string; signal?: AbortSignal }): Promise<ObjectRead>;
  /** The object's facts, or undefined when there is none. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /** Deletes an object; one already gone is not an error. */
  delete(key: string): Promise<void>;
  /** Throws a `not-found` error when the bucket or container does not exist. */
  checkExists(): Promise<void>;
  /**
   * Starts an object sent in parts of unknown number (a snapshot's data file while the engine
   * writes it: S3's multipart upload, Azure's staged blocks), invisible until complete().
   */
  startUpload(key: string): Promise<PartedUpload>;
  /** The parts such an upload takes: every part but the last at least `size` bytes, at most `max` parts. */
  readonly parts: { size: number; max: number };
}

/** An object being sent in parts; each call may be made again after a failure (withRetries). */
export interface PartedUpload {
  /** Sends part `index` (0-based, in order; at most a few at once). */
  part(index: number, data: Buffer, signal?: AbortSignal): Promise<void>;
  /** Makes the object of every part sent, in order, visible under its key. */
  complete(): Promise<void>;
  /** Drops the parts sent; what a service keeps anyway it expires (docs/stores.md). */
  abort(): Promise<void>;
}

export interface ObjectBody {
  size: number;
  open(): Readable;
}

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
}

export interface ObjectRead {
  body: Readable;
  /** The whole object's size (not only the part from `start`). */
  size: number;
  etag?: string;
}

/**
 * A backend's failure, already one line for a user (credentials redacted), with whether trying
 * again may help: throttling, 5xx and dropped connections may; refused credentials do not.
 */
export class ObjectStoreError extends SnapshotError {
  readonly retriable: boolean;
  constructor(kind: SnapshotError['kind'], message: string, retriable: boolean, cause?: unknown) {
    super(kind, message, cause === undefined ? undefined : { cause });
    this.retriable = retriable;
  }
}

/** undefined where the object is missing: for head and delete, where that is an answer, not a failure. */
export async function unlessMissing<T>(op: () => Promise<T>): Promise<T | undefined> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof SnapshotError && err.kind === 'not-found') return undefined;
    throw err;
  }
}

/** Connection errors worth another try: the service or the network dropped the request. */
const NETWORK_RETRIABLE = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);

/** HTTP statuses worth another try: throttling (429, 503 SlowDown) and server-side failures. */
export function retriableStatus(status: number | undefined): boolean {
  return status === 408 || status === 429 || (status !== undefined && status >= 500 && status !== 501 && status !== 505);
}

export function retriableNetwork(err: unknown): boolean {
  const e = err as { code?: string; name?: string; cause?: { code?: string } } | undefined;
  const code = e?.code ?? e?.cause?.code ?? '';
  return NETWORK_RETRIABLE.has(code) || e?.name === 'TimeoutError' || /socket hang up|ECONNRESET|premature close|aborted/i.test(String((err as Error | undefined)?.message ?? ''));
}

/**
 * Secrets that may reach an SDK's error text: query signatures of signed URLs and the values of
 * the variables that hold credentials. Every message of a backend goes through this.
 */
const SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AZURE_STORAGE_KEY', 'AZURE_STORAGE_SAS_TOKEN', 'AZURE_STORAGE_CONNECTION_STRING'];

export function redact(text: string): string {
  let out = text
    .replace(/([?&](?:sig|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature)=)[^&\s"']+/gi, '$1***')
    .replace(/(AccountKey=|SharedAccessSignature=)[^;\s"']+/gi, '$1***');
  for (const v of SECRET_VARIABLES) {
    const value = process.env[v];
    if (value && value.length >= 8) out = out.split(value).join('***');
    // A SAS token also appears without its leading "?".
    if (value && v === 'AZURE_STORAGE_SAS_TOKEN' && value.startsWith('?')) out = out.split(value.slice(1)).join('***');
  }
  return out;
}

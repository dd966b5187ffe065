export const id = 776;
export const ids = [776];
export const modules = {

/***/ 67776:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S3Backend: () => (/* binding */ S3Backend),
/* harmony export */   s3Store: () => (/* binding */ s3Store)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(53711);
/* harmony import */ var _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22358);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);
/* harmony import */ var _object_backend_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15129);
/* harmony import */ var _object_store_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77624);
/* harmony import */ var _object_url_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(93168);






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
function s3Store(url, inputName) {
    return new _object_store_js__WEBPACK_IMPORTED_MODULE_3__/* .ObjectStore */ .L(new S3Backend(url, inputName));
}
class S3Backend {
    description;
    parts = { size: MIN_PART_SIZE, max: MAX_PARTS };
    bucket;
    prefix;
    client;
    endpoint;
    bucketChecked;
    constructor(url, inputName) {
        (0,_object_url_js__WEBPACK_IMPORTED_MODULE_4__/* .refuseSecretInUrl */ .lb)(url, inputName, 'AWS_SECRET_ACCESS_KEY');
        if (url.username)
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`${inputName}: s3:// URLs name no user ("${decodeURIComponent(url.username)}@"); give s3://bucket/prefix, with credentials from AWS_ACCESS_KEY_ID or AWS_PROFILE`);
        const opts = (0,_object_url_js__WEBPACK_IMPORTED_MODULE_4__/* .urlOptions */ .s1)(url, inputName, ['endpoint', 'region', 'path-style']);
        this.bucket = url.hostname;
        if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(this.bucket))
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`${inputName}: "${url.hostname}" is not an S3 bucket name; give s3://bucket/prefix`);
        this.prefix = (0,_object_url_js__WEBPACK_IMPORTED_MODULE_4__/* .urlPrefix */ .Iw)(url);
        this.description = `s3://${this.bucket}${this.prefix ? `/${this.prefix}` : ''}`;
        const endpointFrom = opts.has('endpoint') ? `${inputName} ?endpoint=` : process.env['AWS_ENDPOINT_URL_S3'] ? 'AWS_ENDPOINT_URL_S3' : 'AWS_ENDPOINT_URL';
        const endpointValue = opts.get('endpoint') ?? process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL'];
        this.endpoint = endpointValue ? (0,_object_url_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEndpoint */ .q9)(endpointValue, endpointFrom) : undefined;
        const region = opts.get('region') ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? (this.endpoint ? 'us-east-1' : undefined);
        if (!region)
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`${inputName}: no AWS region for ${this.description}; set AWS_REGION (for example AWS_REGION=eu-west-1) or add ?region=… to the URL`);
        // Virtual-host addressing (bucket.host) needs DNS for every bucket: only AWS's own endpoints have it.
        const pathStyle = opts.has('path-style') ? opts.get('path-style') !== 'false' : this.endpoint !== undefined && !/\.amazonaws\.com(\.cn)?$/.test(new URL(this.endpoint).hostname);
        this.client = new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.S3Client({
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
    key(key) {
        return (0,_object_url_js__WEBPACK_IMPORTED_MODULE_4__/* .prefixed */ .gV)(this.prefix, key);
    }
    checkExists() {
        this.bucketChecked ??= this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.HeadBucketCommand({ Bucket: this.bucket })).then(() => undefined, (err) => {
            this.bucketChecked = undefined;
            throw this.describe(err, 'checking the bucket', true);
        });
        return this.bucketChecked;
    }
    async put(key, body, opts = {}) {
        const abortController = new AbortController();
        const onAbort = () => abortController.abort();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const stream = body.open();
        try {
            const upload = new _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_0__/* .Upload */ ._({
                client: this.client,
                params: { Bucket: this.bucket, Key: this.key(key), Body: stream, ContentLength: body.size, ...(opts.ifNoneMatch ? { IfNoneMatch: '*' } : {}) },
                partSize: Math.max(MIN_PART_SIZE, Math.ceil(body.size / MAX_PARTS / (1 << 20)) * (1 << 20)),
                queueSize: QUEUE_SIZE,
                leavePartsOnError: false,
                abortController,
            });
            await upload.done();
            return 'ok';
        }
        catch (err) {
            const status = err.$metadata?.httpStatusCode;
            const name = err.name;
            // 412: an object has the key; 409: another conditional write to it is in flight.
            if (opts.ifNoneMatch && (status === 412 || status === 409 || name === 'PreconditionFailed' || name === 'ConditionalRequestConflict'))
                return 'exists';
            throw this.describe(err, `uploading ${key}`);
        }
        finally {
            stream.destroy();
            opts.signal?.removeEventListener('abort', onAbort);
        }
    }
    /** A multipart upload: parts need no condition, as the generation's marker reserved its keys (../object/store.ts). */
    async startUpload(key) {
        const target = { Bucket: this.bucket, Key: this.key(key) };
        const started = await this.call(`starting the upload of ${key}`, () => this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.CreateMultipartUploadCommand(target)));
        const UploadId = started.UploadId;
        if (!UploadId)
            throw new _object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT('failed', `${this.description}: starting the upload of ${key}: the service gave no upload id`, true);
        const etags = [];
        return {
            part: async (index, data, signal) => {
                const res = await this.call(`uploading part ${index + 1} of ${key}`, () => this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.UploadPartCommand({ ...target, UploadId, PartNumber: index + 1, Body: data, ContentLength: data.length }), signal ? { abortSignal: signal } : {}));
                etags[index] = res.ETag ?? '';
            },
            complete: async () => {
                const Parts = etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 }));
                await this.call(`finishing the upload of ${key}`, () => this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.CompleteMultipartUploadCommand({ ...target, UploadId, MultipartUpload: { Parts } })));
            },
            abort: async () => {
                await this.call(`abandoning the upload of ${key}`, () => this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.AbortMultipartUploadCommand({ ...target, UploadId })));
            },
        };
    }
    get(key, opts = {}) {
        const start = opts.start ?? 0;
        return this.call(`reading ${key}`, async () => {
            const res = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.GetObjectCommand({ Bucket: this.bucket, Key: this.key(key), ...(start > 0 ? { Range: `bytes=${start}-` } : {}), ...(opts.etag ? { IfMatch: opts.etag } : {}) }), opts.signal ? { abortSignal: opts.signal } : {});
            const total = /\/(\d+)$/.exec(res.ContentRange ?? '')?.[1];
            return { body: res.Body, size: total !== undefined ? Number(total) : (res.ContentLength ?? 0), ...(res.ETag ? { etag: res.ETag } : {}) };
        });
    }
    head(key) {
        return (0,_object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .unlessMissing */ .F2)(() => this.call(`reading ${key}`, async () => {
            const res = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.HeadObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
            return { key, size: res.ContentLength ?? 0, lastModified: res.LastModified ?? new Date(0) };
        }));
    }
    async list(prefix) {
        const out = [];
        const full = this.key(prefix);
        let token;
        do {
            const continuation = token;
            const res = await this.call('listing', () => this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.ListObjectsV2Command({ Bucket: this.bucket, Prefix: full, ...(continuation ? { ContinuationToken: continuation } : {}) })), true);
            for (const o of res.Contents ?? []) {
                if (!o.Key)
                    continue;
                out.push({ key: this.prefix ? o.Key.slice(this.prefix.length + 1) : o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) });
            }
            token = res.IsTruncated ? res.NextContinuationToken : undefined;
        } while (token);
        return out;
    }
    async delete(key) {
        await (0,_object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .unlessMissing */ .F2)(() => this.call(`deleting ${key}`, () => this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }))));
    }
    async call(what, op, bucketLevel = false) {
        try {
            return await op();
        }
        catch (err) {
            throw this.describe(err, what, bucketLevel);
        }
    }
    /** One line for an SDK failure: what to set or check, never a credential. `bucketLevel`: a 404 means the bucket is missing. */
    describe(err, what, bucketLevel = false) {
        if (err instanceof _object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT)
            return err;
        const e = err;
        const status = e.$metadata?.httpStatusCode;
        const name = e.name ?? '';
        const where = `${this.description}: ${what}`;
        if (name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) {
            return new _object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT('failed', `${this.description}: no AWS credentials found; ${CREDENTIALS_HINT}`, false, err);
        }
        if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken', 'ExpiredToken', 'Forbidden', 'AuthorizationHeaderMalformed'].includes(name) || status === 401 || status === 403) {
            return new _object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT('failed', `${where}: the credentials were refused (${name || status}); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and the bucket's permissions`, false, err);
        }
        if (name === 'NoSuchBucket' || (bucketLevel && status === 404)) {
            return new _object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT('not-found', `${this.description}: bucket "${this.bucket}" does not exist${this.endpoint ? ` at ${this.endpoint}` : ''}; create it, or check --store${this.endpoint ? '' : ' and AWS_REGION'}`, false, err);
        }
        if (name === 'NoSuchKey' || name === 'NotFound' || status === 404)
            return new _object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT('not-found', `${where}: no such object`, false, err);
        const code = e.code ?? err.cause?.code;
        if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
            const endpoint = this.endpoint ?? 'AWS S3';
            return new _object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT('failed', `${where}: cannot reach ${endpoint} (${code}); check AWS_ENDPOINT_URL or ?endpoint=, and that the service is up`, true, err);
        }
        const retriable = (0,_object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .retriableStatus */ .l5)(status) || (0,_object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .retriableNetwork */ .bV)(err) || ['SlowDown', 'RequestTimeout', 'InternalError', 'ServiceUnavailable', 'TooManyRequests'].includes(name);
        return new _object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .ObjectStoreError */ .RT('failed', `${where}: ${(0,_object_backend_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)((0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(err)) || name || `HTTP ${status}`}${status ? ` (HTTP ${status})` : ''}`, retriable, err);
    }
}


/***/ })

};

export const id = 665;
export const ids = [665,46];
export const modules = {

/***/ 61665:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitHubArtifactStore: () => (/* binding */ GitHubArtifactStore),
  artifactUrl: () => (/* binding */ artifactUrl),
  describeToolkitError: () => (/* binding */ describeToolkitError),
  inArtifact: () => (/* binding */ inArtifact),
  normalizeDigest: () => (/* binding */ normalizeDigest),
  toolkitText: () => (/* binding */ toolkitText)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/files.js
var files = __webpack_require__(4933);
// EXTERNAL MODULE: ./lib/engine/manifest/manifest.js
var manifest_manifest = __webpack_require__(87925);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./lib/store/oci/http.js
var http = __webpack_require__(98591);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
;// CONCATENATED MODULE: ./lib/store/github/artifact-upload/agents.js


/**
 * Connections to the artifact service and its blob storage, through the proxy the runner's
 * environment names (https_proxy / HTTPS_PROXY, http_proxy / HTTP_PROXY, no_proxy / NO_PROXY), as
 * the toolkit's HTTP client and the Azure SDK both honour it: Node's own agents do this since
 * 24.5 (`proxyEnv`; https is tunnelled with CONNECT). An older Node ignores the option and
 * connects directly.
 */
const agents = {
    http: new external_node_http_.Agent({ keepAlive: true, proxyEnv: process.env }),
    https: new external_node_https_.Agent({ keepAlive: true, proxyEnv: process.env }),
};
/** The agent for a request to `url`. */
function agentFor(url) {
    return url.protocol === 'https:' ? agents.https : agents.http;
}

;// CONCATENATED MODULE: ./lib/store/github/artifact-upload/errors.js

/**
 * The errors @actions/artifact throws (lib/internal/shared/errors.js), with its texts: the
 * artifact store's messages (artifacts.ts: toolkitText, the quota and 409 checks) read them, and
 * stay the same whichever client made the call.
 */
/** The connection failures the toolkit reports as such instead of retrying (NetworkError.isNetworkErrorCode). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH']);
class ArtifactNetworkError extends Error {
    code;
    constructor(code, options) {
        super(`Unable to make request: ${code}\nIf you are using self-hosted runners, please make sure your runner has access to all GitHub endpoints: https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#communication-between-self-hosted-runners-and-github`, options);
        this.name = 'NetworkError';
        this.code = code;
    }
}
class UsageError extends Error {
    constructor() {
        super('Artifact storage quota has been hit. Unable to upload any new artifacts.\nMore info on storage limits: https://docs.github.com/en/billing/managing-billing-for-github-actions/about-billing-for-github-actions#calculating-minute-and-storage-spending');
        this.name = 'UsageError';
    }
    /** What the service's Twirp error says when the account's storage is used up. */
    static is(msg) {
        return typeof msg === 'string' && msg.includes('insufficient usage');
    }
}
/**
 * The system error code of a failed request (ECONNRESET…); our HTTP layer's idle timer, which the
 * toolkit does not have, counts as ETIMEDOUT.
 */
function errnoCode(err) {
    const own = err?.code;
    if (own)
        return own;
    const cause = err?.cause?.code;
    if (cause)
        return cause;
    return err instanceof http/* NetworkError */.Dr && err.message.startsWith('no answer') ? 'ETIMEDOUT' : undefined;
}
/** The toolkit's NetworkError for a connection failure it gives up on at once, else undefined. */
function asNetworkError(err) {
    const code = errnoCode(err);
    return code && NETWORK_CODES.has(code) ? new ArtifactNetworkError(code, { cause: err }) : undefined;
}

;// CONCATENATED MODULE: ./lib/store/github/artifact-upload/blob-upload.js





/**
 * The zip sent to the signed upload URL the artifact service hands out (Azure Blob Storage's REST
 * API, what @azure/storage-blob's uploadStream speaks for the toolkit): a zip that ends within its
 * first block as one Put Blob, a larger one as blocks (Put Block, a few at a time) and then the
 * list that makes them the blob (Put Block List). Memory: the blocks in flight and the one
 * filling, whatever the zip's size. Each request is tried as the storage SDK tries it
 * (StorageRetryPolicy: 4 tries, 0 s, 4 s and 12 s apart) on a dropped or failed connection or a
 * 5xx answer; the content type is the blob's, which the download reads to decide to unzip.
 */
/** The toolkit's chunk size (getUploadChunkSize). */
const BLOCK_SIZE = 8 << 20;
/** Blocks sent at once: the toolkit's default concurrency. */
const IN_FLIGHT = 5;
/** The API version @azure/storage-blob 12.33 sends. */
const API_VERSION = '2026-06-06';
const TRIES = 4;
const RETRY_DELAY_MS = 4000;
const MAX_RETRY_DELAY_MS = 120_000;
const RETRIED_STATUS = new Set([500, 502, 503, 504]);
/** Sends `data` as the blob at `url` (a SAS URL), hashing it on the way. */
async function uploadBlob(url, data, opts) {
    const blockSize = opts.blockSize ?? BLOCK_SIZE;
    const hash = (0,external_node_crypto_.createHash)('sha256');
    // Block ids: base64 of strings of one length, unique to this upload.
    const prefix = (0,external_node_crypto_.randomUUID)();
    const ids = [];
    const inFlight = new Set();
    let failure;
    let size = 0;
    // A block is the zip's chunks as they came (views where a chunk spans two blocks): copying
    // them into a block buffer first cost a first touch of fresh memory per page (~20 ms for an
    // 8 MiB snapshot's zip on this VM, profiled), for bytes that are sent once.
    let parts = [];
    let fill = 0;
    const sendBlock = async (bytes) => {
        const id = Buffer.from(`${prefix}-${String(ids.length).padStart(6, '0')}`).toString('base64');
        ids.push(id);
        const p = putBlock(url, id, bytes).catch((err) => void (failure ??= err));
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        while (inFlight.size >= IN_FLIGHT && failure === undefined)
            await Promise.race(inFlight);
    };
    try {
        for await (const chunk of data) {
            hash.update(chunk);
            size += chunk.length;
            for (let at = 0; at < chunk.length;) {
                const n = Math.min(chunk.length - at, blockSize - fill);
                parts.push(n === chunk.length ? chunk : chunk.subarray(at, at + n));
                fill += n;
                at += n;
                if (fill === blockSize) {
                    await sendBlock(parts);
                    parts = [];
                    fill = 0;
                }
            }
            // Leaving the loop closes the zip stream, and with it the file it was reading.
            if (failure !== undefined)
                break;
        }
    }
    catch (err) {
        // The zip failed (a file unreadable): the blocks under way end before the error is reported.
        failure ??= err;
    }
    if (failure === undefined) {
        if (ids.length === 0) {
            await request('Put Blob', url, { 'x-ms-blob-type': 'BlockBlob', 'x-ms-blob-content-type': opts.contentType }, parts);
        }
        else {
            if (fill > 0)
                await sendBlock(parts);
            await Promise.all(inFlight);
            if (failure === undefined)
                await request('Put Block List', withQuery(url, 'comp=blocklist'), { 'x-ms-blob-content-type': opts.contentType, 'content-type': 'application/xml' }, [blockList(ids)]);
        }
    }
    await Promise.all(inFlight);
    if (failure !== undefined)
        throw failure;
    return { size, sha256: hash.digest('hex') };
}
function putBlock(url, id, bytes) {
    return request('Put Block', withQuery(url, `comp=block&blockid=${encodeURIComponent(id)}`), {}, bytes);
}
function blockList(ids) {
    return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`);
}
/** The SAS URL with more query parameters, the SAS ones left exactly as signed. */
function withQuery(url, query) {
    return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
/**
 * One PUT of `body` (buffers sent one after another), tried again as the storage SDK would. A URL
 * never reaches an error: it holds the signature.
 */
async function request(op, url, headers, body) {
    const length = body.reduce((n, b) => n + b.length, 0);
    for (let attempt = 1;; attempt++) {
        let failure;
        let retry;
        try {
            const target = new URL(url);
            const res = await (0,http/* send */.tN)({
                method: 'PUT',
                url: target,
                headers: { 'x-ms-version': API_VERSION, 'content-length': String(length), ...headers },
                body: () => (body.length === 1 ? body[0] : external_node_stream_.Readable.from(body, { objectMode: false })),
                agent: agentFor(target),
            });
            if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) {
                (0,http/* discard */.vf)(res);
                return;
            }
            failure = await statusError(op, res);
            retry = RETRIED_STATUS.has(res.statusCode ?? 0);
        }
        catch (err) {
            const code = errnoCode(err);
            failure = asNetworkError(err) ?? (code ? new ArtifactNetworkError(code, { cause: err }) : err);
            retry = true;
        }
        if (!retry || attempt >= TRIES)
            throw failure;
        await new Promise((r) => setTimeout(r, Math.min((2 ** (attempt - 1) - 1) * RETRY_DELAY_MS, MAX_RETRY_DELAY_MS)));
    }
}
/** The storage service's own words: its error code header and the message in its XML body. */
async function statusError(op, res) {
    const text = (await (0,http/* readAll */.yw)(res).catch(() => Buffer.alloc(0))).toString('utf8');
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]?.split('\n')[0];
    const code = res.headers['x-ms-error-code'];
    return new Error(`${op} answered ${res.statusCode ?? 0}${code ? ` ${String(code)}` : ''}${message ? `: ${message}` : ''}`);
}

;// CONCATENATED MODULE: ./lib/store/github/artifact-upload/runtime.js
const INVALID_JWT = 'Failed to get backend IDs: The provided JWT token is invalid and/or missing claims';
function readRuntime(env = process.env) {
    const token = env['ACTIONS_RUNTIME_TOKEN'];
    if (!token)
        throw new Error('Unable to get the ACTIONS_RUNTIME_TOKEN env variable');
    const results = env['ACTIONS_RESULTS_URL'];
    if (!results)
        throw new Error('Unable to get the ACTIONS_RESULTS_URL env variable');
    return { token, resultsOrigin: new URL(results).origin, ...backendIds(token) };
}
/**
 * The token is a JWT that is decoded, never verified (the service does that): its `scp` claim
 * lists scopes separated by spaces, one of them `Actions.Results:<runBackendId>:<jobBackendId>`.
 */
function backendIds(token) {
    let scp;
    try {
        scp = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).scp;
    }
    catch {
        throw new Error(INVALID_JWT);
    }
    if (typeof scp !== 'string' || !scp)
        throw new Error(INVALID_JWT);
    for (const scope of scp.split(' ')) {
        const parts = scope.split(':');
        if (parts[0] !== 'Actions.Results')
            continue;
        if (parts.length !== 3)
            throw new Error(INVALID_JWT);
        return { runBackendId: parts[1], jobBackendId: parts[2] };
    }
    throw new Error(INVALID_JWT);
}

;// CONCATENATED MODULE: ./lib/store/github/artifact-upload/twirp.js




/**
 * The artifact service's Twirp JSON API, called as @actions/artifact calls it
 * (lib/internal/shared/artifact-twirp-client.js): POST `/twirp/<service>/<Method>` on the results
 * origin, a Bearer runtime token, the proto field names of lib/generated/results/api/v1/artifact.js
 * (int64 as strings, wrapper types as bare values, timestamps as RFC 3339), and the same retries:
 * 5 attempts on 429, 500, 502, 503, 504 or an unreadable answer, 3 s then ×1.5 with jitter (about
 * 30 s in all), a dropped connection not at all. Errors carry the toolkit's texts.
 */
const SERVICE = 'github.actions.results.api.v1.ArtifactService';
const MAX_ATTEMPTS = 5;
const FIRST_PAUSE_MS = 3000;
const MULTIPLIER = 1.5;
const RETRIED = new Set([429, 500, 502, 503, 504]);
class ArtifactTwirp {
    rt;
    log;
    constructor(rt, log = () => undefined) {
        this.rt = rt;
        this.log = log;
    }
    /** This run's finalized artifacts named `name` (the toolkit's name_filter, as getArtifact and deleteArtifact use it). */
    async list(name) {
        const res = await this.call('ListArtifacts', { ...this.ids(), ...(name === undefined ? {} : { name_filter: name }) });
        return res.artifacts ?? [];
    }
    /** Reserves the name in this run; the answer is where the zip goes. 409 when the name is taken. */
    async create(name, mimeType, expiresAt) {
        const res = await this.call('CreateArtifact', {
            ...this.ids(),
            name,
            ...(expiresAt ? { expires_at: timestamp(expiresAt) } : {}),
            version: 7,
            mime_type: mimeType,
        });
        if (!res.ok || !res.signed_upload_url)
            throw new Error('CreateArtifact: response from backend was not ok');
        return res.signed_upload_url;
    }
    /** Makes the uploaded zip the artifact; `sha256` is the hex digest of the zip's bytes. */
    async finalize(name, size, sha256) {
        const res = await this.call('FinalizeArtifact', { ...this.ids(), name, size: String(size), hash: `sha256:${sha256}` });
        if (!res.ok)
            throw new Error('FinalizeArtifact: response from backend was not ok');
        return Number(res.artifact_id);
    }
    /** Deletes an artifact as listed: the toolkit names it by the run and job that uploaded it. */
    async delete(a) {
        const res = await this.call('DeleteArtifact', {
            workflow_run_backend_id: a.workflow_run_backend_id,
            workflow_job_run_backend_id: a.workflow_job_run_backend_id,
            name: a.name,
        });
        return Number(res.artifact_id);
    }
    ids() {
        return { workflow_run_backend_id: this.rt.runBackendId, workflow_job_run_backend_id: this.rt.jobBackendId };
    }
    async call(method, body) {
        try {
            return (await this.retried(method, Buffer.from(JSON.stringify(body))));
        }
        catch (err) {
            throw new Error(`Failed to ${method}: ${err.message}`, { cause: err });
        }
    }
    async retried(method, body) {
        const url = new URL(`/twirp/${SERVICE}/${method}`, this.rt.resultsOrigin);
        let errorMessage = '';
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            let retryable;
            try {
                const res = await (0,http/* send */.tN)({ method: 'POST', url, headers: { 'content-type': 'application/json', authorization: `Bearer ${this.rt.token}` }, body: () => body, agent: agentFor(url) });
                const status = res.statusCode ?? 0;
                const parsed = JSON.parse((await (0,http/* readAll */.yw)(res)).toString('utf8'));
                if (status >= 200 && status < 300)
                    return parsed;
                retryable = RETRIED.has(status);
                errorMessage = `Failed request: (${status}) ${res.statusMessage ?? external_node_http_.STATUS_CODES[status] ?? ''}`;
                if (parsed.msg) {
                    if (UsageError.is(parsed.msg))
                        throw new UsageError();
                    errorMessage = `${errorMessage}: ${String(parsed.msg)}`;
                }
            }
            catch (err) {
                if (err instanceof UsageError)
                    throw err;
                const network = asNetworkError(err);
                if (network)
                    throw network;
                retryable = true;
                errorMessage = err.message;
            }
            if (!retryable)
                throw new Error(`Received non-retryable error: ${errorMessage}`);
            if (attempt + 1 === MAX_ATTEMPTS)
                break;
            const ms = pauseMs(attempt);
            this.log(`Attempt ${attempt + 1} of ${MAX_ATTEMPTS} failed with error: ${errorMessage}. Retrying request in ${ms} ms...`);
            await new Promise((r) => setTimeout(r, ms));
        }
        throw new Error(`Failed to make request after ${MAX_ATTEMPTS} attempts: ${errorMessage}`);
    }
}
/** 3 s, then a random time between 3 s × 1.5^n and 3 s × 1.5^(n+1). */
function pauseMs(attempt) {
    if (attempt === 0)
        return FIRST_PAUSE_MS;
    const min = FIRST_PAUSE_MS * MULTIPLIER ** attempt;
    return Math.trunc(Math.random() * (min * MULTIPLIER - min) + min);
}
/** google.protobuf.Timestamp in JSON: RFC 3339, milliseconds only when there are some. */
function timestamp(d) {
    return d.toISOString().replace('.000Z', 'Z');
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./lib/store/github/artifact-upload/zip.js


const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_END = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** Sizes and CRC follow the data (bit 3); names are UTF-8 (bit 11). */
const FLAGS = 0x0008 | 0x0800;
const VERSION_DESCRIPTOR = 20;
const VERSION_ZIP64 = 45;
/** Made on Unix (3), by a zip 4.5 writer: the mode in the external attributes is then honoured. */
const MADE_BY = (3 << 8) | VERSION_ZIP64;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const ZIP64_EXTRA = 0x0001;
const READ_CHUNK = 1 << 20;
/** The zip of `files`, chunk by chunk. A file that cannot be read fails the stream. */
async function* zipStream(files, opts = {}) {
    const written = [];
    let offset = 0;
    for (const f of files) {
        const st = await external_node_fs_.promises.stat(f.path);
        const method = f.level > 0 ? DEFLATED : STORED;
        const e = {
            name: Buffer.from(f.name, 'utf8'),
            method,
            zip64: opts.forceZip64 === true || mayExceed32(st.size, method),
            crc: 0,
            size: 0,
            csize: 0,
            offset,
            ...dosDateTime(st.mtime),
            mode: st.mode,
        };
        const header = localHeader(e);
        offset += header.length;
        yield header;
        for await (const chunk of entryData(f, e)) {
            offset += chunk.length;
            yield chunk;
        }
        if (!e.zip64 && (e.size > MAX32 || e.csize > MAX32)) {
            throw new Error(`zip: ${f.name} grew past 4 GiB while it was read, but its entry was begun without zip64`);
        }
        const descriptor = dataDescriptor(e);
        offset += descriptor.length;
        yield descriptor;
        written.push(e);
    }
    const cdOffset = offset;
    let cdSize = 0;
    for (const e of written) {
        const header = centralHeader(e, opts.forceZip64 === true);
        cdSize += header.length;
        yield header;
    }
    yield endRecords(written.length, cdSize, cdOffset, opts.forceZip64 === true);
}
/**
 * Whether an entry's sizes may not fit 32 bits. Decided before the data is read (the local header
 * comes first): deflate can grow incompressible data by about 5 bytes per 16 KiB block.
 */
function mayExceed32(size, method) {
    const worst = method === DEFLATED ? size + Math.ceil(size / 16384) * 5 + 64 : size;
    return worst >= MAX32;
}
/** The entry's bytes as stored, counting the raw size and CRC as they pass. */
async function* entryData(f, e) {
    const input = (0,external_node_fs_.createReadStream)(f.path, { highWaterMark: READ_CHUNK });
    const count = (chunk) => {
        e.crc = external_node_zlib_.crc32(chunk, e.crc);
        e.size += chunk.length;
    };
    if (e.method === STORED) {
        try {
            for await (const chunk of input) {
                count(chunk);
                e.csize += chunk.length;
                yield chunk;
            }
        }
        finally {
            input.destroy();
        }
        return;
    }
    const deflate = external_node_zlib_.createDeflateRaw({ level: f.level });
    // No encoding was set, so the chunks are bytes.
    input.on('data', (chunk) => count(chunk));
    input.on('error', (err) => deflate.destroy(err));
    input.pipe(deflate);
    try {
        for await (const chunk of deflate) {
            e.csize += chunk.length;
            yield chunk;
        }
    }
    finally {
        input.destroy();
        deflate.destroy();
    }
}
function localHeader(e) {
    // With a data descriptor, CRC and sizes here are zero; a zip64 entry says so with 0xffffffff
    // and a zip64 extra field of zero sizes (as Python's zipfile writes a streamed zip64 entry).
    const extra = e.zip64 ? zip64Extra([0, 0]) : Buffer.alloc(0);
    const b = Buffer.alloc(30);
    b.writeUInt32LE(SIG_LOCAL, 0);
    b.writeUInt16LE(e.zip64 ? VERSION_ZIP64 : VERSION_DESCRIPTOR, 4);
    b.writeUInt16LE(FLAGS, 6);
    b.writeUInt16LE(e.method, 8);
    b.writeUInt16LE(e.dosTime, 10);
    b.writeUInt16LE(e.dosDate, 12);
    b.writeUInt32LE(0, 14);
    b.writeUInt32LE(e.zip64 ? MAX32 : 0, 18);
    b.writeUInt32LE(e.zip64 ? MAX32 : 0, 22);
    b.writeUInt16LE(e.name.length, 26);
    b.writeUInt16LE(extra.length, 28);
    return Buffer.concat([b, e.name, extra]);
}
function dataDescriptor(e) {
    if (e.zip64) {
        const b = Buffer.alloc(24);
        b.writeUInt32LE(SIG_DESCRIPTOR, 0);
        b.writeUInt32LE(e.crc, 4);
        b.writeBigUInt64LE(BigInt(e.csize), 8);
        b.writeBigUInt64LE(BigInt(e.size), 16);
        return b;
    }
    const b = Buffer.alloc(16);
    b.writeUInt32LE(SIG_DESCRIPTOR, 0);
    b.writeUInt32LE(e.crc, 4);
    b.writeUInt32LE(e.csize, 8);
    b.writeUInt32LE(e.size, 12);
    return b;
}
function centralHeader(e, force) {
    // The zip64 extra holds, in this order, just the fields whose 32-bit slot says 0xffffffff.
    const farOffset = force || e.offset >= MAX32;
    const fields = [...(e.zip64 ? [e.size, e.csize] : []), ...(farOffset ? [e.offset] : [])];
    const extra = fields.length > 0 ? zip64Extra(fields) : Buffer.alloc(0);
    const b = Buffer.alloc(46);
    b.writeUInt32LE(SIG_CENTRAL, 0);
    b.writeUInt16LE(MADE_BY, 4);
    b.writeUInt16LE(fields.length > 0 ? VERSION_ZIP64 : VERSION_DESCRIPTOR, 6);
    b.writeUInt16LE(FLAGS, 8);
    b.writeUInt16LE(e.method, 10);
    b.writeUInt16LE(e.dosTime, 12);
    b.writeUInt16LE(e.dosDate, 14);
    b.writeUInt32LE(e.crc, 16);
    b.writeUInt32LE(e.zip64 ? MAX32 : e.csize, 20);
    b.writeUInt32LE(e.zip64 ? MAX32 : e.size, 24);
    b.writeUInt16LE(e.name.length, 28);
    b.writeUInt16LE(extra.length, 30);
    b.writeUInt16LE(0, 32); // comment length
    b.writeUInt16LE(0, 34); // disk number
    b.writeUInt16LE(0, 36); // internal attributes
    b.writeUInt32LE(((e.mode & 0xffff) << 16) >>> 0, 38);
    b.writeUInt32LE(farOffset ? MAX32 : e.offset, 42);
    return Buffer.concat([b, e.name, extra]);
}
function zip64Extra(fields) {
    const b = Buffer.alloc(4 + 8 * fields.length);
    b.writeUInt16LE(ZIP64_EXTRA, 0);
    b.writeUInt16LE(8 * fields.length, 2);
    fields.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
    return b;
}
/** The end of central directory record, after the zip64 one and its locator when a count or offset needs them. */
function endRecords(count, cdSize, cdOffset, force) {
    const zip64 = force || count >= MAX16 || cdSize >= MAX32 || cdOffset >= MAX32;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(SIG_END, 0);
    end.writeUInt16LE(zip64 ? MAX16 : count, 8);
    end.writeUInt16LE(zip64 ? MAX16 : count, 10);
    end.writeUInt32LE(zip64 ? MAX32 : cdSize, 12);
    end.writeUInt32LE(zip64 ? MAX32 : cdOffset, 16);
    if (!zip64)
        return end;
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(SIG_ZIP64_END, 0);
    rec.writeBigUInt64LE(44n, 4); // the record's size after this field
    rec.writeUInt16LE(MADE_BY, 12);
    rec.writeUInt16LE(VERSION_ZIP64, 14);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(SIG_ZIP64_LOCATOR, 0);
    loc.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    loc.writeUInt32LE(1, 16); // disks in all
    return Buffer.concat([rec, loc, end]);
}
/** MS-DOS date and time (local, 2-second steps), the only times a plain zip entry carries. */
function dosDateTime(d) {
    if (d.getFullYear() < 1980)
        return { dosTime: 0, dosDate: (1 << 5) | 1 };
    return {
        dosTime: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
        dosDate: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    };
}

;// CONCATENATED MODULE: ./lib/store/github/artifact-upload/upload.js




/** What the toolkit's getMimeType gives `<name>.zip`: the download unzips blobs of this type. */
const ZIP_TYPE = 'application/zip';
class ArtifactUploader {
    opts;
    twirpClient;
    constructor(opts = {}) {
        this.opts = opts;
    }
    /** Read when first needed, so that a step outside a job fails inside a call that explains it. */
    get twirp() {
        this.twirpClient ??= new ArtifactTwirp(readRuntime(), this.opts.log);
        return this.twirpClient;
    }
    /** This run's artifacts named `name`, newest (highest id) first. */
    async list(name) {
        const found = await this.twirp.list(name);
        return found.filter((a) => a.name === name).sort((a, b) => Number(b.database_id) - Number(a.database_id));
    }
    async delete(a) {
        await this.twirp.delete(a);
    }
    /** Uploads `files` as one zip, the artifact `name` of this run. */
    async upload(name, files, retentionDays = 0) {
        const url = await this.twirp.create(name, ZIP_TYPE, this.expiration(retentionDays));
        const sent = await uploadBlob(url, zipStream(files, { forceZip64: this.opts.forceZip64 ?? false }), {
            contentType: ZIP_TYPE,
            ...(this.opts.blockSize ? { blockSize: this.opts.blockSize } : {}),
        });
        const id = await this.twirp.finalize(name, sent.size, sent.sha256);
        return { id, size: sent.size, digest: sent.sha256 };
    }
    /** The toolkit's getExpiration (upload/retention.js): none for 0, capped by GITHUB_RETENTION_DAYS. */
    expiration(days) {
        if (!days)
            return undefined;
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

// EXTERNAL MODULE: ./lib/store/github/rest.js
var rest = __webpack_require__(56999);
// EXTERNAL MODULE: ./lib/store/names.js
var names = __webpack_require__(70073);
// EXTERNAL MODULE: ./lib/store/github/repository.js
var repository = __webpack_require__(79229);
// EXTERNAL MODULE: ./lib/store/staging.js
var staging = __webpack_require__(98724);
// EXTERNAL MODULE: ./lib/store/while-checking.js
var while_checking = __webpack_require__(46557);
;// CONCATENATED MODULE: ./lib/store/github/artifacts.js












/** Already-compressed data deflates by a fraction of a percent at the cost of a full CPU pass. */
const STORE_ONLY = 0;
/** zlib's default: what a raw database (compression none) gets inside the zip. */
const DEFLATE_RAW = 6;
/**
 * Snapshots as GitHub Actions workflow artifacts: one artifact per snapshot, named after it,
 * holding manifest.json and the data files side by side (one zip, files stored once). The
 * artifact service keeps one artifact per name and run, so a "generation" is an artifact id.
 */
class GitHubArtifactStore {
    toolkitClient;
    /**
     * Uploads, and this run's listings and deletes, without @actions/artifact: a snapshot step
     * never loads the toolkit, the Azure SDK nor undici (a quarter of a second before any work).
     */
    uploader;
    opts;
    tempRoot;
    /** Names checkCanPublish found free in this run: the upload need not list them again. */
    freeNames = new Set();
    checks = new Map();
    constructor(opts = {}) {
        this.opts = opts;
        this.uploader = new ArtifactUploader({ ...(opts.log ? { log: opts.log } : {}), ...(opts.warn ? { warn: opts.warn } : {}) });
        this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? external_node_os_.tmpdir();
    }
    /** @actions/artifact's reading half, for downloads and other runs: loaded by the steps that read, never by a snapshot. */
    client() {
        this.toolkitClient ??= this.opts.client ? Promise.resolve(this.opts.client) : __webpack_require__.e(/* import() */ 615).then(__webpack_require__.bind(__webpack_require__, 96615)).then((m) => m.loadArtifactReader());
        return this.toolkitClient;
    }
    get description() {
        const s = this.opts.source ?? {};
        const repo = s.repository ? `${s.repository.owner}/${s.repository.repo}` : 'this repository';
        const run = s.runId === undefined ? 'this run' : s.runId === 'latest' ? `the latest successful run${s.branch ? ` on ${s.branch}` : ''}` : `run ${s.runId}`;
        return `workflow artifacts of ${run} in ${repo}`;
    }
    /**
     * Fails when the upload could only end in a name clash. Asked once per name; the upload waits
     * for the answer, so a front door can take the snapshot meanwhile (whileChecking).
     */
    checkCanPublish(name) {
        (0,names/* validateName */.yS)(name);
        let check = this.checks.get(name);
        if (!check) {
            check = this.inThisRun(name).then((existing) => {
                if (existing && !this.opts.overwrite)
                    throw nameTaken(name, existing.database_id);
                if (!existing)
                    this.freeNames.add(name);
            });
            // Awaited by the upload, which may come after it failed: not an unhandled rejection meanwhile.
            check.catch(() => undefined);
            this.checks.set(name, check);
        }
        return check;
    }
    /**
     * Runs `run` (a snapshot into this store) while the name is looked up, one round trip to the
     * service: `signal` is aborted if the name is taken, and the snapshot's failure then reads as
     * that error. An 8 MiB snapshot takes about as long as the lookup.
     */
    whileChecking(name, run) {
        return (0,while_checking/* whileChecking */.k)(this.checkCanPublish(name), run);
    }
    async begin(name) {
        (0,names/* validateName */.yS)(name);
        return (0,staging/* stagedUpload */.Y)(this.tempRoot, (dir) => this.upload(name, dir));
    }
    async upload(name, dir) {
        const manifest = await (0,manifest_manifest/* readManifest */.WI)(dir);
        // One entry per file, named as in the staging directory: compressed data stored as is, a raw
        // database deflated (what the toolkit's zip gave a raw database).
        const files = [
            { name: manifest_manifest/* MANIFEST_FILE */.h1, path: external_node_path_.join(dir, manifest_manifest/* MANIFEST_FILE */.h1), level: STORE_ONLY },
            ...manifest.databases.map((d) => ({ name: d.file.split(external_node_path_.sep).join('/'), path: external_node_path_.join(dir, d.file), level: d.compression === 'none' ? DEFLATE_RAW : STORE_ONLY })),
        ];
        // Free when checked before the snapshot: not listed again (a round trip to the service). Should
        // another job of the run take the name meanwhile, the service refuses the upload (409) as it
        // would have right after a second listing.
        await this.checks.get(name);
        const existing = this.freeNames.has(name) ? undefined : await this.inThisRun(name);
        // The service holds one artifact per name and run, so overwrite must delete before uploading.
        let replaced = '';
        if (existing) {
            if (!this.opts.overwrite)
                throw nameTaken(name, existing.database_id);
            this.opts.log?.(`Deleting artifact ${name} (id ${existing.database_id}) uploaded earlier in this run (overwrite: true)`);
            await this.uploader.delete(existing).catch((err) => {
                throw describeToolkitError(err, `deleting artifact ${name} for overwrite: true`);
            });
            replaced = `; the earlier artifact ${name} (id ${existing.database_id}) was already deleted (overwrite: true)`;
        }
        let res;
        try {
            res = await this.uploader.upload(name, files, this.opts.retentionDays ?? 0);
        }
        catch (err) {
            // Another job of this run may have taken the name since we looked (the service answers 409).
            if (/\b409\b|already exists/i.test((0,errors/* oneLine */.TN)(err)))
                throw nameTaken(name);
            if (err?.name === 'UsageError' || /storage quota has been hit/i.test((0,errors/* oneLine */.TN)(err))) {
                throw new errors/* SnapshotError */.JC('failed', `uploading artifact ${name}: the account's artifact storage quota is used up${replaced}; delete old artifacts or lower retention-days, then retry the job`, { cause: err });
            }
            throw new errors/* SnapshotError */.JC('failed', `uploading artifact ${name}: ${toolkitText(err)}${replaced}; retry the job`, { cause: err });
        }
        if (!Number.isSafeInteger(res.id) || res.id <= 0)
            throw new errors/* SnapshotError */.JC('failed', `uploading artifact ${name}: the artifact service returned no id; retry the job`);
        const url = artifactUrl(res.id);
        return {
            name,
            generation: String(res.id),
            location: url,
            details: { artifactId: res.id, digest: res.digest, size: res.size, url },
        };
    }
    /** The newest artifact of this run with that name, as the service lists it. */
    async inThisRun(name) {
        const found = await this.uploader.list(name).catch((err) => {
            throw describeToolkitError(err, 'listing the artifacts of this run');
        });
        return found[0];
    }
    async list(name) {
        const { artifacts } = await (await this.client()).listArtifacts({ latest: true, ...(await this.findBy()) });
        return artifacts
            .filter((a) => name === undefined || a.name === name)
            .map((a) => ({ name: a.name, generation: String(a.id), createdAt: a.createdAt ? new Date(a.createdAt).toISOString() : '', dir: '' }));
    }
    async findBy(runId) {
        const s = this.opts.source ?? {};
        const id = runId ?? (typeof s.runId === 'number' ? s.runId : undefined);
        if (id === undefined)
            return {};
        if (!s.token)
            throw (0,errors/* badInput */.AN)('github-token: is empty; reading another run\'s artifacts needs a token with actions:read');
        const repo = s.repository ?? (0,repository/* currentRepo */.U)();
        return { findBy: { token: s.token, workflowRunId: id, repositoryOwner: repo.owner, repositoryName: repo.repo } };
    }
    /** `run-id: latest`, with a log line on every run passed over and on the one chosen. */
    async findLatestRun(name, token) {
        const s = this.opts.source ?? {};
        const repo = s.repository ?? (0,repository/* currentRepo */.U)();
        const repoName = `${repo.owner}/${repo.repo}`;
        const branch = s.branch ?? '';
        const { found, skipped } = await (0,rest/* findLatest */.hc)(new rest/* RestClient */.eo(token), repo, { name, branch, ...(s.workflow ? { workflow: s.workflow } : {}), allowForks: s.allowForks ?? false });
        logSkipped(skipped, s.workflow, (line) => this.opts.log?.(line));
        const onBranch = branch ? ` on ${branch}` : '';
        const ofWorkflow = s.workflow ? ` of ${s.workflow}` : '';
        if (!found) {
            const forks = skipped.forks.length ? `; ${skipped.forks.length} fork run(s) with it were skipped` : '';
            throw new errors/* SnapshotError */.JC('not-found', `artifact "${name}": no successful run${ofWorkflow}${branch ? ` on branch ${branch}` : ''} in ${repoName} has it (or it expired)${forks}; check name and branch, or give run-id`);
        }
        const fork = (0,rest/* isFork */.B0)(found.run, repo);
        const whose = fork ? 'forks allowed' : 'from this repository';
        this.opts.log?.(`run-id latest: ${(0,rest/* describeRun */.vZ)(found.run)}, artifact id ${found.artifact.id}: the newest successful run${ofWorkflow}${onBranch} with artifact "${name}" ${whose}`);
        if (fork) {
            const from = found.run.head_repository?.full_name ?? 'a deleted fork';
            this.opts.warn?.(`run-id latest: run ${found.runId} came from ${from}, not ${repoName} (allow-forks: true); whoever opened that pull request chose this database's contents`);
        }
        return found;
    }
    /** An explicit run id is the user's choice, but they should know when a fork's code made it. */
    async checkNamedRun(runId, token) {
        const repo = this.opts.source?.repository ?? (0,repository/* currentRepo */.U)();
        const repoName = `${repo.owner}/${repo.repo}`;
        let run;
        try {
            run = await new rest/* RestClient */.eo(token).run(repo, runId);
        }
        catch (err) {
            // The listing that follows reports a missing run or a refused token in its own words.
            if (err instanceof rest/* RestError */.pj && [401, 403, 404].includes(err.status))
                return;
            this.opts.warn?.(`run-id: could not read run ${runId} to check where its code came from (${(0,errors/* oneLine */.TN)(err)}); restoring it as asked`);
            return;
        }
        this.opts.log?.(`run-id: ${(0,rest/* describeRun */.vZ)(run)}`);
        if ((0,rest/* isFork */.B0)(run, repo)) {
            const from = run.head_repository?.full_name ?? 'a deleted fork';
            this.opts.warn?.(`run-id: run ${runId} came from ${from}, not ${repoName}: a fork's pull request chose this database's contents; restore it only if you trust that pull request`);
        }
    }
    /** Downloads the artifact into a fresh temp directory and checks that it holds a snapshot. */
    async open(name, select = {}) {
        (0,names/* validateName */.yS)(name);
        if (select.at)
            throw (0,errors/* badInput */.AN)('artifacts are chosen by run, not by time; use run-id');
        const s = this.opts.source ?? {};
        let runId = typeof s.runId === 'number' ? s.runId : undefined;
        let artifact;
        if (s.runId === 'latest') {
            if (!s.token)
                throw (0,errors/* badInput */.AN)('github-token: is empty; run-id: latest needs a token with actions:read');
            const found = await this.findLatestRun(name, s.token);
            runId = found.runId;
            artifact = { name, id: found.artifact.id, size: found.artifact.size_in_bytes, ...(found.artifact.digest ? { digest: found.artifact.digest } : {}) };
        }
        else if (runId !== undefined && s.token) {
            await this.checkNamedRun(runId, s.token);
        }
        if (!artifact) {
            const findBy = await this.findBy(runId);
            const { artifacts } = await (await this.client()).listArtifacts({ latest: true, ...findBy }).catch((err) => {
                throw describeToolkitError(err, `listing the artifacts of ${runId === undefined ? 'this run' : `run ${runId} in ${repoText(findBy)}`}`);
            });
            artifact = artifacts
                .filter((a) => a.name === name && (select.generation === undefined || String(a.id) === select.generation))
                .sort((a, b) => b.id - a.id)[0];
            if (!artifact) {
                throw new errors/* SnapshotError */.JC('not-found', `artifact "${name}" not found in ${runId === undefined ? 'this run' : `run ${runId}`}${s.repository ? ` of ${s.repository.owner}/${s.repository.repo}` : ''}; check name, run-id and that the snapshot step ran before this one`);
            }
        }
        await external_node_fs_.promises.mkdir(this.tempRoot, { recursive: true });
        const dir = await external_node_fs_.promises.mkdtemp(external_node_path_.join(this.tempRoot, 'sqlite-snapshot-download-'));
        try {
            const res = await (await this.client()).downloadArtifact(artifact.id, {
                path: dir,
                ...(artifact.digest ? { expectedHash: normalizeDigest(artifact.digest) } : {}),
                ...(await this.findBy(runId)),
            });
            if (res.digestMismatch) {
                throw (0,errors/* corrupt */.qb)(`artifact "${name}" (id ${artifact.id}): the download does not match the digest recorded at upload; retry the job`);
            }
            const label = `artifact "${name}" (id ${artifact.id})`;
            if (!(await external_node_fs_.promises.stat(external_node_path_.join(dir, manifest_manifest/* MANIFEST_FILE */.h1)).catch(() => undefined))) {
                throw (0,errors/* corrupt */.qb)(`${label} holds no ${manifest_manifest/* MANIFEST_FILE */.h1}, so it was not uploaded by sqlite-snapshot; ${FOREIGN_ADVICE}`);
            }
            await (0,manifest_manifest/* readManifest */.WI)(dir).catch((err) => {
                throw inArtifact(err, dir, label, FOREIGN_ADVICE);
            });
        }
        catch (err) {
            await (0,files/* removeQuietly */.S2)(dir);
            throw describeToolkitError(err, `downloading artifact "${name}" (id ${artifact.id})`);
        }
        return {
            name,
            generation: String(artifact.id),
            dir,
            close: async () => (0,files/* removeQuietly */.S2)(dir),
        };
    }
}
const FOREIGN_ADVICE = 'check name: restore reads only artifacts that the sqlite-snapshot action uploaded';
/**
 * Engine messages name files in our download directory, which is gone by the time anyone reads
 * the log: they name the artifact instead.
 */
function inArtifact(err, dir, label, advice) {
    if (!(err instanceof errors/* SnapshotError */.JC))
        return err;
    const msg = err.message.split(`${dir}${external_node_path_.sep}`).join('').split(dir).join(label);
    return new errors/* SnapshotError */.JC(err.kind, `${msg.includes(label) ? '' : `${label}: `}${msg}${advice ? `; ${advice}` : ''}`, { cause: err });
}
/**
 * The toolkit's text, without the paragraph it appends to network errors (we give our own advice
 * for those) and without a closing full stop before our "; advice".
 */
function toolkitText(err) {
    return (0,errors/* oneLine */.TN)(err)
        .replace(/Unable to make request: (\w+) If you are using self-hosted runners.*$/, 'the connection failed ($1); on a self-hosted runner, check that it can reach GitHub\'s artifact endpoints')
        .replace(/\.$/, '');
}
function nameTaken(name, id) {
    return (0,errors/* badInput */.AN)(`name: an artifact named "${name}" already exists in this run${id ? ` (id ${id})` : ''}; set overwrite: true to replace it, or choose another name`);
}
function repoText(f) {
    return f.findBy ? `${f.findBy.repositoryOwner}/${f.findBy.repositoryName}` : 'this repository';
}
/**
 * Errors from @actions/artifact (octokit's HttpError carries `status`) turned into advice: a bad
 * token and a missing run are the user's to fix, anything else is worth a retry.
 */
function describeToolkitError(err, what) {
    if (err instanceof errors/* SnapshotError */.JC)
        return err;
    if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|GITHUB_WORKSPACE/.test((0,errors/* oneLine */.TN)(err))) {
        return new errors/* SnapshotError */.JC('failed', `${what}: ${(0,errors/* oneLine */.TN)(err)}; run this action as a step of a GitHub Actions job (uses: …), not as a plain script`, { cause: err });
    }
    const status = err?.status;
    if (status === 401 || status === 403) {
        return new errors/* SnapshotError */.JC('bad-input', `github-token: GitHub refused it (${status} ${(0,errors/* oneLine */.TN)(err)}) while ${what}; give a token with actions:read on that repository`, { cause: err });
    }
    if (status === 404) {
        return new errors/* SnapshotError */.JC('not-found', `${what}: not found (404); check run-id and repository, and that github-token can read that repository`, { cause: err });
    }
    return new errors/* SnapshotError */.JC('failed', `${what}: ${toolkitText(err)}; retry the job`, { cause: err });
}
/** The toolkit compares `sha256:<hex>`; REST and Twirp both give that form, older uploads bare hex. */
function normalizeDigest(d) {
    return d.startsWith('sha256:') ? d : `sha256:${d}`;
}
/** The same URL upload-artifact reports: the artifact's page in the run's summary. */
function artifactUrl(id) {
    const server = (process.env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
    return `${server}/${process.env['GITHUB_REPOSITORY'] ?? ''}/actions/runs/${process.env['GITHUB_RUN_ID'] ?? ''}/artifacts/${id}`;
}
/** Up to five run ids per reason: enough to find them on the Actions page. */
function logSkipped(skipped, workflow, log) {
    const ids = (list) => `${list.slice(0, 5).join(', ')}${list.length > 5 ? `, and ${list.length - 5} more` : ''}`;
    if (skipped.forks.length) {
        log(`run-id latest: skipped ${skipped.forks.length} run(s) from forks (${ids(skipped.forks)}): a fork's pull request can upload an artifact of any name from code its author wrote; set allow-forks: true only if you trust every fork`);
    }
    if (skipped.otherWorkflows.length)
        log(`run-id latest: skipped ${skipped.otherWorkflows.length} run(s) of other workflows than ${workflow} (${ids(skipped.otherWorkflows)})`);
    if (skipped.unsuccessful.length)
        log(`run-id latest: skipped ${skipped.unsuccessful.length} run(s) that did not succeed or are still running (${ids(skipped.unsuccessful)})`);
}


/***/ }),

/***/ 56999:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B0: () => (/* binding */ isFork),
/* harmony export */   EY: () => (/* binding */ workflowFile),
/* harmony export */   eo: () => (/* binding */ RestClient),
/* harmony export */   hc: () => (/* binding */ findLatest),
/* harmony export */   pj: () => (/* binding */ RestError),
/* harmony export */   vZ: () => (/* binding */ describeRun)
/* harmony export */ });
/* unused harmony export LATEST_MAX_RUNS */
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);

/** A REST answer other than 2xx; the status lets a caller leave some answers to a later call. */
class RestError extends _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC {
    status;
    constructor(status, kind, message) {
        super(kind, message);
        this.status = status;
    }
}
class RestClient {
    base;
    token;
    constructor(token, base = process.env['GITHUB_API_URL'] || 'https://api.github.com') {
        this.token = token;
        this.base = base.replace(/\/+$/, '');
    }
    async get(route) {
        const res = await this.fetchWithRetries(route);
        if (res.status === 401 || res.status === 403) {
            throw new RestError(res.status, 'failed', `GitHub API ${route.split('?')[0]}: ${res.status}; give github-token a token with actions:read on the repository`);
        }
        if (res.status === 404) {
            throw new RestError(404, 'not-found', `GitHub API ${route.split('?')[0]}: 404; check repository and run-id, and that github-token can read that repository`);
        }
        if (!res.ok) {
            throw new RestError(res.status, 'failed', `GitHub API ${route.split('?')[0]}: HTTP ${res.status}; retry the job, or check https://www.githubstatus.com`);
        }
        return (await res.json());
    }
    /**
     * GitHub's API answers the odd 502 or drops a connection; @actions/artifact's own REST calls
     * retry those (octokit's retry plugin), so the calls we make ourselves do too.
     */
    async fetchWithRetries(route) {
        for (let attempt = 1;; attempt++) {
            const last = attempt >= REST_ATTEMPTS;
            try {
                const res = await fetch(`${this.base}${route}`, {
                    headers: {
                        Accept: 'application/vnd.github+json',
                        Authorization: `Bearer ${this.token}`,
                        'X-GitHub-Api-Version': '2022-11-28',
                        'User-Agent': 'sqlite-snapshot',
                    },
                });
                if (last || (res.status < 500 && res.status !== 429))
                    return res;
                await res.body?.cancel();
            }
            catch (err) {
                if (last) {
                    // fetch says only "fetch failed"; the socket's error code is on its cause.
                    const code = err.cause?.code;
                    throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('failed', `GitHub API ${route.split('?')[0]}: ${err.message}${code ? ` (${code})` : ''}; retry the job, and check that the runner can reach ${this.base}`, { cause: err });
                }
            }
            await new Promise((r) => setTimeout(r, REST_RETRY_MS * attempt));
        }
    }
    /** The newest artifacts of that name in the repository, newest first (one page). */
    async artifactsNamed(r, name) {
        const data = await this.get(`/repos/${enc(r.owner)}/${enc(r.repo)}/actions/artifacts?name=${encodeURIComponent(name)}&per_page=100`);
        return [...data.artifacts].sort((a, b) => b.id - a.id);
    }
    async run(r, runId) {
        return this.get(`/repos/${enc(r.owner)}/${enc(r.repo)}/actions/runs/${runId}`);
    }
}
const enc = encodeURIComponent;
/** Tries per REST call, and the first wait between them (growing linearly): about 3 s in all. */
const REST_ATTEMPTS = 3;
const REST_RETRY_MS = 1000;
/** How many runs `latest` inspects before giving up: each costs one API call. */
const LATEST_MAX_RUNS = 30;
/**
 * `run-id: latest`: the newest unexpired artifact of that name whose run is on `branch`, concluded
 * successfully, ran this repository's own code and, when asked, ran `workflow`. A run still in
 * progress (this one, say) does not count. A fork's pull request runs in this repository under
 * any branch name its author picks and can upload an artifact of any name (artifact poisoning,
 * GHSA-5xr6-xhww-33m4), so its runs are skipped unless `allowForks`.
 */
async function findLatest(api, r, q) {
    const skipped = { forks: [], otherWorkflows: [], unsuccessful: [] };
    const verdicts = new Map();
    const skip = (list, runId) => {
        if (!list.includes(runId))
            list.push(runId);
        verdicts.set(runId, { ok: false });
    };
    for (const a of await api.artifactsNamed(r, q.name)) {
        const wr = a.workflow_run;
        const runId = wr?.id;
        if (a.expired || a.name !== q.name || !runId)
            continue;
        if (q.branch && wr?.head_branch !== q.branch)
            continue;
        if (!verdicts.has(runId)) {
            // The listing already tells a fork's run apart (no call needed) when it carries both ids.
            if (!q.allowForks && wr?.repository_id && wr.head_repository_id !== undefined && wr.head_repository_id !== wr.repository_id) {
                skip(skipped.forks, runId);
                continue;
            }
            if (verdicts.size >= LATEST_MAX_RUNS)
                break;
            const run = await api.run(r, runId);
            if (run.status !== 'completed' || run.conclusion !== 'success')
                skip(skipped.unsuccessful, runId);
            else if (!q.allowForks && isFork(run, r))
                skip(skipped.forks, runId);
            else if (q.workflow && workflowFile(run.path) !== workflowFile(q.workflow))
                skip(skipped.otherWorkflows, runId);
            else
                verdicts.set(runId, { run, ok: true });
        }
        const v = verdicts.get(runId);
        if (v?.ok && v.run)
            return { found: { runId, artifact: a, run: v.run }, skipped };
    }
    return { skipped };
}
/**
 * A run whose code did not come from the repository itself. No head repository at all means the
 * fork was deleted: still a fork's code.
 */
function isFork(run, r) {
    const head = run.head_repository;
    if (!head)
        return true;
    if (run.repository?.id !== undefined)
        return head.id !== run.repository.id;
    return head.full_name.toLowerCase() !== `${r.owner}/${r.repo}`.toLowerCase();
}
/** `nightly.yml` from `.github/workflows/nightly.yml@refs/heads/main`, for comparing workflow names. */
function workflowFile(p) {
    const noRef = (p ?? '').replace(/@.*$/, '');
    return noRef.slice(noRef.lastIndexOf('/') + 1);
}
/** One line on a run, for the log: which workflow, event, branch and code made it. */
function describeRun(run) {
    const head = run.head_repository ? run.head_repository.full_name : 'a deleted fork';
    return `run ${run.id} (workflow ${workflowFile(run.path) || 'unknown'}, event ${run.event ?? 'unknown'}, branch ${run.head_branch ?? 'unknown'}, head repository ${head})`;
}


/***/ }),

/***/ 98591:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   tN: () => (/* binding */ send),
/* harmony export */   vf: () => (/* binding */ discard),
/* harmony export */   yw: () => (/* binding */ readAll)
/* harmony export */ });
/* unused harmony export IDLE_TIMEOUT_MS */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);


/**
 * A connection that neither sends nor receives for this long is cut (and the request retried):
 * a stalled registry must not hold a snapshot until the kernel gives up. Uploads of large blobs
 * keep the socket busy, and the registry answers as soon as it has the last byte.
 */
const IDLE_TIMEOUT_MS = 120_000;
/** Network failures that are worth another try: the request may not have reached the registry. */
class NetworkError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'NetworkError';
    }
}
const agents = { http: new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true }), https: new node_https__WEBPACK_IMPORTED_MODULE_1__.Agent({ keepAlive: true }) };
/** Sends one request and resolves with the response head; the caller reads or discards the body. */
function send(req) {
    return new Promise((resolve, reject) => {
        const isHttps = req.url.protocol === 'https:';
        const body = req.body?.();
        const headers = { 'user-agent': 'sqlite-snapshot', ...req.headers };
        if (Buffer.isBuffer(body))
            headers['content-length'] = String(body.length);
        else if (!body && (req.method === 'PUT' || req.method === 'POST' || req.method === 'PATCH'))
            headers['content-length'] = '0';
        const r = (isHttps ? node_https__WEBPACK_IMPORTED_MODULE_1__ : node_http__WEBPACK_IMPORTED_MODULE_0__).request(req.url, { method: req.method, headers, agent: req.agent ?? (isHttps ? agents.https : agents.http) });
        r.setTimeout(IDLE_TIMEOUT_MS, () => r.destroy(new NetworkError(`no answer for ${IDLE_TIMEOUT_MS / 1000} s`)));
        if (req.signal) {
            const signal = req.signal;
            const cut = () => void r.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
            if (signal.aborted)
                cut();
            signal.addEventListener('abort', cut, { once: true });
            r.on('close', () => signal.removeEventListener('abort', cut));
        }
        r.on('response', resolve);
        r.on('error', (err) => {
            if (body && !Buffer.isBuffer(body))
                body.destroy();
            reject(err instanceof NetworkError ? err : new NetworkError(`${err.code ?? err.name}: ${err.message}`, { cause: err }));
        });
        if (!body)
            r.end();
        else if (Buffer.isBuffer(body))
            r.end(body);
        else {
            // A body that cannot be read (its file vanished) fails the request, not the process.
            body.on('error', (err) => r.destroy(err));
            body.pipe(r);
        }
    });
}
/** The whole body of a response as bytes, at most `limit` of them (more is a protocol error). */
async function readAll(res, limit = 4 << 20) {
    const chunks = [];
    let size = 0;
    for await (const chunk of res) {
        size += chunk.length;
        if (size > limit) {
            res.destroy();
            throw new NetworkError(`the answer is larger than ${limit} bytes`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}
/** Lets a response go without reading it, so its connection can be reused or closed. */
function discard(res) {
    res.resume();
}


/***/ })

};

export const id = 422;
export const ids = [422];
export const modules = {

/***/ 50786:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   Uc: () => (/* binding */ currentRepo),
/* harmony export */   h_: () => (/* binding */ GitHubArtifactStore),
/* harmony export */   q_: () => (/* binding */ inArtifact)
/* harmony export */ });
/* unused harmony exports toolkitText, describeToolkitError, normalizeDigest, artifactUrl */
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67458);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12399);
/* harmony import */ var _engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(29353);
/* harmony import */ var _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(87925);
/* harmony import */ var _rest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(56999);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(70073);
/* harmony import */ var _staging_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(98724);










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
    client;
    opts;
    tempRoot;
    constructor(opts = {}) {
        this.opts = opts;
        this.client = opts.client ?? new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
        this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir();
    }
    get description() {
        const s = this.opts.source ?? {};
        const repo = s.repository ? `${s.repository.owner}/${s.repository.repo}` : 'this repository';
        const run = s.runId === undefined ? 'this run' : s.runId === 'latest' ? `the latest successful run${s.branch ? ` on ${s.branch}` : ''}` : `run ${s.runId}`;
        return `workflow artifacts of ${run} in ${repo}`;
    }
    /** Fails early (before any snapshot work) when the upload could only end in a name clash. */
    async checkCanPublish(name) {
        (0,_names_js__WEBPACK_IMPORTED_MODULE_8__/* .validateName */ .yS)(name);
        const existing = await this.inThisRun(name);
        if (existing && !this.opts.overwrite)
            throw nameTaken(name, existing.id);
    }
    async begin(name) {
        (0,_names_js__WEBPACK_IMPORTED_MODULE_8__/* .validateName */ .yS)(name);
        return (0,_staging_js__WEBPACK_IMPORTED_MODULE_9__/* .stagedUpload */ .Y)(this.tempRoot, (dir) => this.upload(name, dir));
    }
    async upload(name, dir) {
        const manifest = await (0,_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .readManifest */ .WI)(dir);
        const files = [_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1, ...manifest.databases.map((d) => d.file)].map((f) => node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, f));
        const compressed = manifest.databases.every((d) => d.compression !== 'none');
        const existing = await this.inThisRun(name);
        // The service holds one artifact per name and run, so overwrite must delete before uploading.
        let replaced = '';
        if (existing) {
            if (!this.opts.overwrite)
                throw nameTaken(name, existing.id);
            this.opts.log?.(`Deleting artifact ${name} (id ${existing.id}) uploaded earlier in this run (overwrite: true)`);
            await this.client.deleteArtifact(name).catch((err) => {
                throw describeToolkitError(err, `deleting artifact ${name} for overwrite: true`);
            });
            replaced = `; the earlier artifact ${name} (id ${existing.id}) was already deleted (overwrite: true)`;
        }
        let res;
        try {
            res = await this.client.uploadArtifact(name, files, dir, {
                retentionDays: this.opts.retentionDays ?? 0,
                compressionLevel: compressed ? STORE_ONLY : DEFLATE_RAW,
            });
        }
        catch (err) {
            // Another job of this run may have taken the name since we looked (the service answers 409).
            if (/\b409\b|already exists/i.test((0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err)))
                throw nameTaken(name);
            if (err?.name === 'UsageError' || /storage quota has been hit/i.test((0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err))) {
                throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('failed', `uploading artifact ${name}: the account's artifact storage quota is used up${replaced}; delete old artifacts or lower retention-days, then retry the job`, { cause: err });
            }
            throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('failed', `uploading artifact ${name}: ${toolkitText(err)}${replaced}; retry the job`, { cause: err });
        }
        if (res.id === undefined)
            throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('failed', `uploading artifact ${name}: the artifact service returned no id; retry the job`);
        const url = artifactUrl(res.id);
        return {
            name,
            generation: String(res.id),
            location: url,
            details: { artifactId: res.id, digest: res.digest ?? '', size: res.size ?? 0, url },
        };
    }
    /** Lists without @actions/artifact's getArtifact, which logs a warning whenever nothing is found. */
    async inThisRun(name) {
        const { artifacts } = await this.client.listArtifacts({ latest: true }).catch((err) => {
            throw describeToolkitError(err, 'listing the artifacts of this run');
        });
        return artifacts.filter((a) => a.name === name).sort((a, b) => b.id - a.id)[0];
    }
    async list(name) {
        const { artifacts } = await this.client.listArtifacts({ latest: true, ...(await this.findBy()) });
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
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .badInput */ .AN)('github-token: is empty; reading another run\'s artifacts needs a token with actions:read');
        const repo = s.repository ?? currentRepo();
        return { findBy: { token: s.token, workflowRunId: id, repositoryOwner: repo.owner, repositoryName: repo.repo } };
    }
    /** `run-id: latest`, with a log line on every run passed over and on the one chosen. */
    async findLatestRun(name, token) {
        const s = this.opts.source ?? {};
        const repo = s.repository ?? currentRepo();
        const repoName = `${repo.owner}/${repo.repo}`;
        const branch = s.branch ?? '';
        const { found, skipped } = await (0,_rest_js__WEBPACK_IMPORTED_MODULE_7__/* .findLatest */ .hc)(new _rest_js__WEBPACK_IMPORTED_MODULE_7__/* .RestClient */ .eo(token), repo, { name, branch, ...(s.workflow ? { workflow: s.workflow } : {}), allowForks: s.allowForks ?? false });
        logSkipped(skipped, s.workflow, (line) => this.opts.log?.(line));
        const onBranch = branch ? ` on ${branch}` : '';
        const ofWorkflow = s.workflow ? ` of ${s.workflow}` : '';
        if (!found) {
            const forks = skipped.forks.length ? `; ${skipped.forks.length} fork run(s) with it were skipped` : '';
            throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('not-found', `artifact "${name}": no successful run${ofWorkflow}${branch ? ` on branch ${branch}` : ''} in ${repoName} has it (or it expired)${forks}; check name and branch, or give run-id`);
        }
        const fork = (0,_rest_js__WEBPACK_IMPORTED_MODULE_7__/* .isFork */ .B0)(found.run, repo);
        const whose = fork ? 'forks allowed' : 'from this repository';
        this.opts.log?.(`run-id latest: ${(0,_rest_js__WEBPACK_IMPORTED_MODULE_7__/* .describeRun */ .vZ)(found.run)}, artifact id ${found.artifact.id}: the newest successful run${ofWorkflow}${onBranch} with artifact "${name}" ${whose}`);
        if (fork) {
            const from = found.run.head_repository?.full_name ?? 'a deleted fork';
            this.opts.warn?.(`run-id latest: run ${found.runId} came from ${from}, not ${repoName} (allow-forks: true); whoever opened that pull request chose this database's contents`);
        }
        return found;
    }
    /** An explicit run id is the user's choice, but they should know when a fork's code made it. */
    async checkNamedRun(runId, token) {
        const repo = this.opts.source?.repository ?? currentRepo();
        const repoName = `${repo.owner}/${repo.repo}`;
        let run;
        try {
            run = await new _rest_js__WEBPACK_IMPORTED_MODULE_7__/* .RestClient */ .eo(token).run(repo, runId);
        }
        catch (err) {
            // The listing that follows reports a missing run or a refused token in its own words.
            if (err instanceof _rest_js__WEBPACK_IMPORTED_MODULE_7__/* .RestError */ .pj && [401, 403, 404].includes(err.status))
                return;
            this.opts.warn?.(`run-id: could not read run ${runId} to check where its code came from (${(0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err)}); restoring it as asked`);
            return;
        }
        this.opts.log?.(`run-id: ${(0,_rest_js__WEBPACK_IMPORTED_MODULE_7__/* .describeRun */ .vZ)(run)}`);
        if ((0,_rest_js__WEBPACK_IMPORTED_MODULE_7__/* .isFork */ .B0)(run, repo)) {
            const from = run.head_repository?.full_name ?? 'a deleted fork';
            this.opts.warn?.(`run-id: run ${runId} came from ${from}, not ${repoName}: a fork's pull request chose this database's contents; restore it only if you trust that pull request`);
        }
    }
    /** Downloads the artifact into a fresh temp directory and checks that it holds a snapshot. */
    async open(name, select = {}) {
        (0,_names_js__WEBPACK_IMPORTED_MODULE_8__/* .validateName */ .yS)(name);
        if (select.at)
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .badInput */ .AN)('artifacts are chosen by run, not by time; use run-id');
        const s = this.opts.source ?? {};
        let runId = typeof s.runId === 'number' ? s.runId : undefined;
        let artifact;
        if (s.runId === 'latest') {
            if (!s.token)
                throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .badInput */ .AN)('github-token: is empty; run-id: latest needs a token with actions:read');
            const found = await this.findLatestRun(name, s.token);
            runId = found.runId;
            artifact = { name, id: found.artifact.id, size: found.artifact.size_in_bytes, ...(found.artifact.digest ? { digest: found.artifact.digest } : {}) };
        }
        else if (runId !== undefined && s.token) {
            await this.checkNamedRun(runId, s.token);
        }
        if (!artifact) {
            const findBy = await this.findBy(runId);
            const { artifacts } = await this.client.listArtifacts({ latest: true, ...findBy }).catch((err) => {
                throw describeToolkitError(err, `listing the artifacts of ${runId === undefined ? 'this run' : `run ${runId} in ${repoText(findBy)}`}`);
            });
            artifact = artifacts
                .filter((a) => a.name === name && (select.generation === undefined || String(a.id) === select.generation))
                .sort((a, b) => b.id - a.id)[0];
            if (!artifact) {
                throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('not-found', `artifact "${name}" not found in ${runId === undefined ? 'this run' : `run ${runId}`}${s.repository ? ` of ${s.repository.owner}/${s.repository.repo}` : ''}; check name, run-id and that the snapshot step ran before this one`);
            }
        }
        await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.mkdir(this.tempRoot, { recursive: true });
        const dir = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_3__.join(this.tempRoot, 'sqlite-snapshot-download-'));
        try {
            const res = await this.client.downloadArtifact(artifact.id, {
                path: dir,
                ...(artifact.digest ? { expectedHash: normalizeDigest(artifact.digest) } : {}),
                ...(await this.findBy(runId)),
            });
            if (res.digestMismatch) {
                throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .corrupt */ .qb)(`artifact "${name}" (id ${artifact.id}): the download does not match the digest recorded at upload; retry the job`);
            }
            const label = `artifact "${name}" (id ${artifact.id})`;
            if (!(await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.stat(node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1)).catch(() => undefined))) {
                throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .corrupt */ .qb)(`${label} holds no ${_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1}, so it was not uploaded by sqlite-snapshot; ${FOREIGN_ADVICE}`);
            }
            await (0,_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .readManifest */ .WI)(dir).catch((err) => {
                throw inArtifact(err, dir, label, FOREIGN_ADVICE);
            });
        }
        catch (err) {
            await (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__/* .removeQuietly */ .S2)(dir);
            throw describeToolkitError(err, `downloading artifact "${name}" (id ${artifact.id})`);
        }
        return {
            name,
            generation: String(artifact.id),
            dir,
            close: async () => (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__/* .removeQuietly */ .S2)(dir),
        };
    }
}
const FOREIGN_ADVICE = 'check name: restore reads only artifacts that the sqlite-snapshot action uploaded';
/**
 * Engine messages name files in our download directory, which is gone by the time anyone reads
 * the log: they name the artifact instead.
 */
function inArtifact(err, dir, label, advice) {
    if (!(err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC))
        return err;
    const msg = err.message.split(`${dir}${node_path__WEBPACK_IMPORTED_MODULE_3__.sep}`).join('').split(dir).join(label);
    return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC(err.kind, `${msg.includes(label) ? '' : `${label}: `}${msg}${advice ? `; ${advice}` : ''}`, { cause: err });
}
/**
 * The toolkit's text, without the paragraph it appends to network errors (we give our own advice
 * for those) and without a closing full stop before our "; advice".
 */
function toolkitText(err) {
    return (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err)
        .replace(/Unable to make request: (\w+) If you are using self-hosted runners.*$/, 'the connection failed ($1); on a self-hosted runner, check that it can reach GitHub\'s artifact endpoints')
        .replace(/\.$/, '');
}
function nameTaken(name, id) {
    return (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .badInput */ .AN)(`name: an artifact named "${name}" already exists in this run${id ? ` (id ${id})` : ''}; set overwrite: true to replace it, or choose another name`);
}
function repoText(f) {
    return f.findBy ? `${f.findBy.repositoryOwner}/${f.findBy.repositoryName}` : 'this repository';
}
/**
 * Errors from @actions/artifact (octokit's HttpError carries `status`) turned into advice: a bad
 * token and a missing run are the user's to fix, anything else is worth a retry.
 */
function describeToolkitError(err, what) {
    if (err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC)
        return err;
    if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|GITHUB_WORKSPACE/.test((0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err))) {
        return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('failed', `${what}: ${(0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err)}; run this action as a step of a GitHub Actions job (uses: …), not as a plain script`, { cause: err });
    }
    const status = err?.status;
    if (status === 401 || status === 403) {
        return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('bad-input', `github-token: GitHub refused it (${status} ${(0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(err)}) while ${what}; give a token with actions:read on that repository`, { cause: err });
    }
    if (status === 404) {
        return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('not-found', `${what}: not found (404); check run-id and repository, and that github-token can read that repository`, { cause: err });
    }
    return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SnapshotError */ .JC('failed', `${what}: ${toolkitText(err)}; retry the job`, { cause: err });
}
/** The toolkit compares `sha256:<hex>`; REST and Twirp both give that form, older uploads bare hex. */
function normalizeDigest(d) {
    return d.startsWith('sha256:') ? d : `sha256:${d}`;
}
function currentRepo() {
    const full = process.env['GITHUB_REPOSITORY'] ?? '';
    return parseRepository(full, 'GITHUB_REPOSITORY');
}
function parseRepository(full, inputName = 'repository') {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full.trim());
    if (!m)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .badInput */ .AN)(`${inputName}: "${full}" is not owner/name; give it as owner/repository, for example octo-org/app`);
    return { owner: m[1], repo: m[2] };
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

/***/ 65831:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B$: () => (/* binding */ partAssetName),
/* harmony export */   Bj: () => (/* binding */ sha256Of),
/* harmony export */   JT: () => (/* binding */ isSafeAssetName),
/* harmony export */   OK: () => (/* binding */ partIndex),
/* harmony export */   US: () => (/* binding */ DEFAULT_PART_SIZE),
/* harmony export */   Xj: () => (/* binding */ partSizeFrom),
/* harmony export */   Xx: () => (/* binding */ MANIFEST_ASSET_SUFFIX),
/* harmony export */   Zy: () => (/* binding */ contentTypeFor),
/* harmony export */   aA: () => (/* binding */ planRanges),
/* harmony export */   iC: () => (/* binding */ dataAssetName),
/* harmony export */   sU: () => (/* binding */ digestHex),
/* harmony export */   zQ: () => (/* binding */ manifestAssetName)
/* harmony export */ });
/* unused harmony export GITHUB_ASSET_LIMIT */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12399);
/* harmony import */ var _engine_restore_zstd_frames_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(44827);




/**
 * How a snapshot is laid out as release assets: `<name>.manifest.json`, and each database's stored
 * file as `<name>.<file>` (or `<name>.<file>.part001`, `.part002`, … past GitHub's per-asset limit).
 * Several snapshots share a release by name. GitHub silently renames anything outside
 * `[A-Za-z0-9._-]` and leading or trailing dots, so only such names are made.
 */
/** GitHub refuses an asset larger than this (`size must be less than or equal to 2147483648`). */
const GITHUB_ASSET_LIMIT = 2 ** 31;
/** Parts stay this far under the limit: room for GitHub to count differently than we do. */
const DEFAULT_PART_SIZE = GITHUB_ASSET_LIMIT - (64 << 20);
const MANIFEST_ASSET_SUFFIX = '.manifest.json';
function manifestAssetName(name) {
    return `${name}${MANIFEST_ASSET_SUFFIX}`;
}
function dataAssetName(name, file) {
    return `${name}.${file.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.+$/, (dots) => '_'.repeat(dots.length))}`;
}
function partAssetName(base, index) {
    return `${base}.part${String(index + 1).padStart(3, '0')}`;
}
/** The parts of `base`, in order, among a release's asset names; empty when it is stored whole. */
function partIndex(base, assetName) {
    if (!assetName.startsWith(`${base}.part`))
        return undefined;
    const digits = assetName.slice(base.length + 5);
    return /^\d{3,}$/.test(digits) ? Number(digits) - 1 : undefined;
}
function isSafeAssetName(name) {
    return /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$/.test(name);
}
function contentTypeFor(compression) {
    switch (compression) {
        case 'manifest':
            return 'application/json';
        case 'zstd':
            return 'application/zstd';
        case 'gzip':
            return 'application/gzip';
        default:
            return 'application/vnd.sqlite3';
    }
}
/** `GITHUB_ASSET_LIMIT`-sized parts unless a test or a GHES with another limit says otherwise. */
function partSizeFrom(value) {
    if (value === undefined || value === '')
        return DEFAULT_PART_SIZE;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > GITHUB_ASSET_LIMIT) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`SQLITE_SNAPSHOT_RELEASE_PART_SIZE: "${value}" is not a byte count from 1 to ${GITHUB_ASSET_LIMIT}; unset it for GitHub's limit`);
    }
    return n;
}
/**
 * Byte ranges of a stored file, each at most `partSize`. A zstd file is cut only between frames,
 * so each part is a zstd stream of its own (`zstd -d` takes it alone, `cat` joins them); other
 * files are cut anywhere. A single frame larger than a part (not one of ours) stays whole.
 */
async function planRanges(file, size, compression, partSize) {
    if (size <= partSize)
        return [{ start: 0, size }];
    const cuts = compression === 'zstd' ? await frameBoundaries(file, size) : undefined;
    const ranges = [];
    if (!cuts) {
        for (let start = 0; start < size; start += partSize)
            ranges.push({ start, size: Math.min(partSize, size - start) });
        return ranges;
    }
    let start = 0;
    let last = 0;
    for (const end of cuts) {
        if (end - start > partSize && last > start) {
            ranges.push({ start, size: last - start });
            start = last;
        }
        last = end;
    }
    ranges.push({ start, size: size - start });
    return ranges;
}
/** Frames larger than this are not ours: the file is then cut at fixed sizes. */
const MAX_FRAME_READ = 128 << 20;
/** The end offset of every frame, or undefined when the file is not a sequence of whole frames. */
async function frameBoundaries(file, size) {
    const fh = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.open(file, 'r');
    try {
        const ends = [];
        let buf = Buffer.allocUnsafe(16 << 20);
        // buf[0, have) holds the file's bytes from `base`; frames are parsed from `at` within it.
        let base = 0;
        let have = 0;
        let at = 0;
        while (base + at < size) {
            const found = (0,_engine_restore_zstd_frames_js__WEBPACK_IMPORTED_MODULE_3__/* .frameEnd */ .h)(buf.subarray(0, have), at);
            if (found === 'invalid')
                return undefined;
            if (found !== 'more') {
                at = found.end;
                ends.push(base + at);
                continue;
            }
            // Keep the unfinished frame, at the front of a buffer large enough for it, and read on.
            if (at === 0 && have === buf.length) {
                if (buf.length >= MAX_FRAME_READ)
                    return undefined;
                const bigger = Buffer.allocUnsafe(buf.length * 2);
                buf.copy(bigger, 0, 0, have);
                buf = bigger;
            }
            else {
                buf.copy(buf, 0, at, have);
                base += at;
                have -= at;
                at = 0;
            }
            const want = Math.min(buf.length - have, size - base - have);
            if (want === 0)
                return undefined;
            const { bytesRead } = await fh.read(buf, have, want, base + have);
            if (bytesRead === 0)
                return undefined;
            have += bytesRead;
        }
        return ends;
    }
    finally {
        await fh.close();
    }
}
async function sha256Of(file, start, size) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    const fh = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.open(file, 'r');
    try {
        const buf = Buffer.allocUnsafe(1 << 20);
        for (let done = 0; done < size;) {
            const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - done), start + done);
            if (bytesRead === 0)
                throw new Error(`${file}: shorter than ${start + size} bytes`);
            hash.update(buf.subarray(0, bytesRead));
            done += bytesRead;
        }
    }
    finally {
        await fh.close();
    }
    return hash.digest('hex');
}
/** GitHub's `sha256:<hex>`; null or absent on assets uploaded before GitHub recorded digests. */
function digestHex(digest) {
    return digest?.startsWith('sha256:') ? digest.slice(7) : undefined;
}


/***/ }),

/***/ 51734:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IH: () => (/* binding */ ReleasesClient),
/* harmony export */   Id: () => (/* binding */ GitHubHttpError),
/* harmony export */   y_: () => (/* binding */ retryWait)
/* harmony export */ });
/* unused harmony export DEFAULT_RETRY */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37067);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44708);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12399);




/** A non-2xx answer, with GitHub's own message and error codes kept for the caller to decide on. */
class GitHubHttpError extends _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SnapshotError */ .JC {
    status;
    body;
    constructor(status, body, message) {
        super(status === 404 ? 'not-found' : status === 401 || status === 403 || status === 422 ? 'bad-input' : 'failed', message);
        this.status = status;
        this.body = body;
    }
    /** GitHub's `errors[].code` values (422 answers): `already_exists`, `custom`, … */
    get codes() {
        try {
            const parsed = JSON.parse(this.body);
            return (parsed.errors ?? []).map((e) => `${e.code ?? ''}:${e.field ?? ''}`);
        }
        catch {
            return [];
        }
    }
    get githubMessage() {
        try {
            const parsed = JSON.parse(this.body);
            return [parsed.message, ...(parsed.errors ?? []).map((e) => e.message)].filter(Boolean).join(': ');
        }
        catch {
            return (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(this.body).slice(0, 200);
        }
    }
}
const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 1000, maxWaitMs: 120_000 };
const USER_AGENT = 'sqlite-snapshot';
const API_VERSION = '2022-11-28';
class ReleasesClient {
    base;
    repo;
    token;
    retry;
    log;
    constructor(repo, opts = {}) {
        this.repo = repo;
        this.token = opts.token || undefined;
        this.base = (opts.base ?? (process.env['GITHUB_API_URL'] || 'https://api.github.com')).replace(/\/+$/, '');
        this.retry = opts.retry ?? DEFAULT_RETRY;
        this.log = opts.log ?? (() => undefined);
    }
    get repoName() {
        return `${this.repo.owner}/${this.repo.repo}`;
    }
    get hasToken() {
        return this.token !== undefined;
    }
    get root() {
        return `${this.base}/repos/${encodeURIComponent(this.repo.owner)}/${encodeURIComponent(this.repo.repo)}`;
    }
    headers(extra = {}) {
        return {
            'User-Agent': USER_AGENT,
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': API_VERSION,
            ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
            ...extra,
        };
    }
    async repoInfo() {
        return this.json('GET', this.root);
    }
    async releaseByTag(tag) {
        return this.json('GET', `${this.root}/releases/tags/${encodeURIComponent(tag)}`).catch(notFoundAsUndefined);
    }
    async release(id) {
        return this.json('GET', `${this.root}/releases/${id}`).catch(notFoundAsUndefined);
    }
    /** Every release the token may see (drafts only with push access), in no promised order. */
    async releases() {
        return this.pages(`${this.root}/releases?per_page=100`);
    }
    async assets(releaseId) {
        return this.pages(`${this.root}/releases/${releaseId}/assets?per_page=100`);
    }
    async createRelease(body) {
        return this.json('POST', `${this.root}/releases`, body);
    }
    async updateRelease(id, body) {
        return this.json('PATCH', `${this.root}/releases/${id}`, body);
    }
    async deleteRelease(id) {
        await this.json('DELETE', `${this.root}/releases/${id}`).catch(notFoundAsUndefined);
    }
    async deleteAsset(id) {
        await this.json('DELETE', `${this.root}/releases/assets/${id}`).catch(notFoundAsUndefined);
    }
    /**
     * POSTs a file (or a byte range of it) to the release's upload URL, once: the caller decides
     * what a failure means, since a failed upload may have left a `starter` asset or completed.
     */
    async uploadOnce(release, name, file, range, contentType) {
        const url = new URL(release.upload_url.replace(/\{[^}]*\}$/, ''));
        url.searchParams.set('name', name);
        const body = () => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file, { start: range.start, end: range.start + range.size - 1, highWaterMark: 1 << 20 });
        const res = await request(url, 'POST', this.headers({ 'Content-Type': contentType, 'Content-Length': String(range.size) }), body);
        const text = await readAll(res);
        if ((res.statusCode ?? 0) >= 300)
            throw this.httpError(res.statusCode ?? 0, text, `uploading ${name}`, toHeaders(res.headers));
        return JSON.parse(text);
    }
    /**
     * The asset's bytes as they arrive: GitHub answers 200, or a 302 to signed storage that is
     * followed without the token. The caller checks size and digest.
     */
    async download(asset) {
        let url = new URL(asset.url);
        let headers = this.headers({ Accept: 'application/octet-stream' });
        for (let hops = 0; hops < 5; hops++) {
            const res = await request(url, 'GET', headers);
            const status = res.statusCode ?? 0;
            if (status >= 300 && status < 400 && res.headers.location) {
                res.resume();
                const next = new URL(res.headers.location, url);
                // The signed URL carries its own authority; a token beside it is refused (and would leak).
                headers = { 'User-Agent': USER_AGENT, Accept: 'application/octet-stream' };
                url = next;
                continue;
            }
            if (status !== 200) {
                const text = await readAll(res).catch(() => '');
                throw this.httpError(status, text, `downloading ${asset.name}`, toHeaders(res.headers));
            }
            return res;
        }
        throw new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SnapshotError */ .JC('failed', `downloading ${asset.name}: too many redirects; retry later`);
    }
    async pages(first) {
        const out = [];
        let next = first;
        while (next) {
            const answer = await this.call('GET', next);
            out.push(...JSON.parse(answer.text));
            next = /<([^>]+)>;\s*rel="next"/.exec(answer.headers.get('link') ?? '')?.[1];
        }
        return out;
    }
    async json(method, url, body) {
        const answer = await this.call(method, url, body);
        return (answer.text ? JSON.parse(answer.text) : undefined);
    }
    /** A JSON call with retries on 5xx, rate limits and dropped connections. */
    async call(method, url, body) {
        return this.withRetries(`${method} ${new URL(url).pathname}`, async () => {
            const res = await fetch(url, {
                method,
                headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            const text = await res.text();
            if (!res.ok)
                throw this.httpError(res.status, text, `${method} ${new URL(url).pathname}`, res.headers);
            return { status: res.status, headers: res.headers, text };
        });
    }
    /** Runs `attempt` until it succeeds, fails for good, or the attempts run out. */
    async withRetries(what, attempt, onRetry) {
        for (let n = 1;; n++) {
            try {
                return await attempt(n);
            }
            catch (err) {
                const wait = retryWait(err, n, this.retry);
                if (wait === undefined || n >= this.retry.attempts)
                    throw err;
                this.log(`${what}: ${describeTransient(err)}; retrying in ${Math.round(wait / 100) / 10} s (attempt ${n + 1} of ${this.retry.attempts})`);
                await new Promise((r) => setTimeout(r, wait));
                if (onRetry)
                    await onRetry(err);
            }
        }
    }
    httpError(status, text, what, headers) {
        const err = new GitHubHttpError(status, text, `GitHub API ${what}: ${status}`);
        rateLimitWaits.set(err, rateLimitWait(status, headers, text));
        return err;
    }
}
/** How long GitHub asked us to wait, for 403/429 answers that are rate limits; undefined otherwise. */
const rateLimitWaits = new WeakMap();
function rateLimitWait(status, headers, text) {
    if (status !== 403 && status !== 429)
        return undefined;
    const after = headers.get('retry-after');
    if (after && /^\d+$/.test(after))
        return Number(after) * 1000;
    if (headers.get('x-ratelimit-remaining') === '0') {
        const reset = Number(headers.get('x-ratelimit-reset'));
        if (Number.isFinite(reset) && reset > 0)
            return Math.max(1000, reset * 1000 - Date.now());
    }
    if (status === 429 || /rate limit/i.test(text))
        return 60_000;
    return undefined;
}
/** The wait before another attempt, or undefined when this failure will not change by retrying. */
function retryWait(err, attempt, policy) {
    const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
    if (err instanceof GitHubHttpError) {
        if (rateLimitWaits.has(err)) {
            const asked = rateLimitWaits.get(err);
            if (asked !== undefined)
                return asked > policy.maxWaitMs ? undefined : Math.max(asked, 100);
        }
        return err.status >= 500 ? backoff : undefined;
    }
    if (err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SnapshotError */ .JC)
        return undefined;
    // fetch's "fetch failed" and socket errors: the connection dropped, reset or never opened.
    return backoff;
}
function describeTransient(err) {
    if (err instanceof GitHubHttpError)
        return `GitHub answered ${err.status}${err.githubMessage ? ` (${err.githubMessage})` : ''}`;
    const cause = err?.cause?.code;
    return `the connection failed (${cause ?? err?.code ?? (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(err)})`;
}
function notFoundAsUndefined(err) {
    if (err instanceof GitHubHttpError && err.status === 404)
        return undefined;
    throw err;
}
function toHeaders(h) {
    const out = new Headers();
    for (const [k, v] of Object.entries(h))
        if (typeof v === 'string')
            out.set(k, v);
    return out;
}
/** One request over node:http(s); the body, if any, is piped from a fresh stream. */
function request(url, method, headers, body) {
    const lib = url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_2__ : node_http__WEBPACK_IMPORTED_MODULE_1__;
    return new Promise((resolve, reject) => {
        const req = lib.request(url, { method, headers }, resolve);
        req.on('error', reject);
        if (!body) {
            req.end();
            return;
        }
        const src = body();
        src.on('error', (err) => req.destroy(err));
        src.pipe(req);
    });
}
async function readAll(res) {
    const chunks = [];
    for await (const c of res)
        chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
}


/***/ }),

/***/ 63233:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XZ: () => (/* binding */ describeReleaseError),
/* harmony export */   dC: () => (/* binding */ ACTION_WORDS),
/* harmony export */   tO: () => (/* binding */ API_WORDS)
/* harmony export */ });
/* unused harmony export CLI_WORDS */
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51734);


const ACTION_WORDS = {
    token: 'github-token',
    release: 'release',
    overwrite: 'overwrite: true',
    draft: 'draft: true',
    prereleases: 'prereleases: true',
};
const API_WORDS = {
    token: 'the token option',
    release: 'the ref option',
    overwrite: 'publish.overwrite',
    draft: 'publish.draft',
    prereleases: 'ref.prereleases',
};
const CLI_WORDS = {
    token: 'GITHUB_TOKEN',
    release: '--release',
    overwrite: '--overwrite',
    draft: '--draft',
    prereleases: '--prereleases',
};
/** A REST failure turned into one line a user can act on: a token, a permission, a name, or a retry. */
function describeReleaseError(err, what, repo, words) {
    if (err instanceof _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC && !(err instanceof _client_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubHttpError */ .Id))
        return err;
    if (err instanceof _client_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubHttpError */ .Id) {
        const said = err.githubMessage ? ` ${err.githubMessage}` : '';
        if (err.status === 401) {
            return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('bad-input', `${words.token}: GitHub refused the token (401${said}) while ${what}; give a valid token`, { cause: err });
        }
        if (err.status === 403) {
            return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('bad-input', `${words.token}: may not do this in ${repo} (403${said}) while ${what}; publishing to a release needs contents: write (in a workflow: permissions: contents: write), reading a private repository's releases contents: read`, { cause: err });
        }
        if (err.status === 404) {
            return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('not-found', `${what}: ${repo} not found (404); check the repository name, and that ${words.token} can read it (a private repository needs a token with contents: read, publishing contents: write)`, { cause: err });
        }
        if (err.status === 422)
            return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('failed', `${what}: GitHub refused it (422${said})`, { cause: err });
        return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('failed', `${what}: GitHub answered ${err.status}${said}; retry the job, or check https://www.githubstatus.com`, { cause: err });
    }
    const code = err?.cause?.code ?? err?.code;
    return new _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC('failed', `${what}: the connection to GitHub failed (${code ?? (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(err)}); retry the job`, { cause: err });
}


/***/ }),

/***/ 12329:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T: () => (/* binding */ ReleaseStore),
  z7: () => (/* binding */ validateTag)
});

// UNUSED EXPORTS: parseReleaseSpec, twiceOnDamage

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/engine/common/errors.js
var errors = __webpack_require__(12399);
// EXTERNAL MODULE: ./lib/engine/common/files.js + 1 modules
var files = __webpack_require__(29353);
// EXTERNAL MODULE: ./lib/engine/manifest/manifest.js
var manifest_manifest = __webpack_require__(87925);
// EXTERNAL MODULE: ./lib/engine/restore/restore.js + 8 modules
var restore = __webpack_require__(59735);
// EXTERNAL MODULE: ./lib/store/names.js
var names = __webpack_require__(70073);
// EXTERNAL MODULE: ./lib/store/staging.js
var staging = __webpack_require__(98724);
// EXTERNAL MODULE: ./lib/store/github/releases/assets.js
var releases_assets = __webpack_require__(65831);
// EXTERNAL MODULE: ./lib/store/github/releases/client.js
var releases_client = __webpack_require__(51734);
// EXTERNAL MODULE: ./lib/store/github/releases/errors.js
var releases_errors = __webpack_require__(63233);
// EXTERNAL MODULE: ./lib/engine/common/format.js
var format = __webpack_require__(50715);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./lib/store/chunk-reader.js
var chunk_reader = __webpack_require__(74042);
;// CONCATENATED MODULE: ./lib/store/github/releases/read.js










/** A manifest is a few KB; anything this big in its place is not one. */
const MAX_MANIFEST = 16 << 20;
/**
 * The release a restore reads. A tag names one (published, or a draft the token can see); `latest`
 * is the newest *published* release, by publish time, that holds this snapshot name: not GitHub's
 * Latest (ordered by commit date, and meaning the product's release), never a draft, and a
 * prerelease only when asked for.
 */
async function chooseRelease(client, name, ref, words) {
    const manifestName = (0,releases_assets/* manifestAssetName */.zQ)(name);
    const fail = (err, what) => {
        throw (0,releases_errors/* describeReleaseError */.XZ)(err, what, client.repoName, words);
    };
    if ('tag' in ref) {
        let release = await client.releaseByTag(ref.tag).catch((err) => fail(err, `reading release ${ref.tag}`));
        let draft = false;
        if (!release && client.hasToken) {
            // A draft is invisible by tag; a token with push access sees it in the list.
            const all = await client.releases().catch((err) => fail(err, 'listing the releases'));
            release = all.filter((r) => r.draft && r.tag_name === ref.tag).sort((a, b) => a.id - b.id)[0];
            draft = release !== undefined;
        }
        if (!release) {
            throw new errors/* SnapshotError */.JC('not-found', `${words.release}: no release ${ref.tag} in ${client.repoName}; check the tag, and that ${words.token} can read the repository (drafts need push access)`);
        }
        const assets = await client.assets(release.id).catch((err) => fail(err, `listing the assets of release ${ref.tag}`));
        if (!assets.some((a) => a.name === manifestName)) {
            const ours = assets.filter((a) => a.name.endsWith('.manifest.json')).map((a) => a.name.slice(0, -'.manifest.json'.length));
            throw new errors/* SnapshotError */.JC('not-found', `${words.release}: release ${ref.tag} in ${client.repoName} holds no snapshot named "${name}" (no asset ${manifestName})${ours.length ? `; it holds ${ours.map((n) => `"${n}"`).join(', ')}` : ''}; check name`);
        }
        return { release, assets, why: `release ${ref.tag}: ${describe(release)}${draft ? ' (a draft, found by listing)' : ''}` };
    }
    const all = await client.releases().catch((err) => fail(err, 'listing the releases'));
    // published_at has whole seconds: within one second, the release made later (a higher id) wins.
    const published = all
        .filter((r) => !r.draft && r.published_at)
        .sort((a, b) => Date.parse(b.published_at) - Date.parse(a.published_at) || b.id - a.id);
    const passed = [];
    for (const r of published) {
        if (r.prerelease && !ref.prereleases) {
            passed.push(`${r.tag_name} (a prerelease; set ${words.prereleases} to take prereleases)`);
            continue;
        }
        // The list carries each release's assets; a release with very many is listed in full.
        const assets = r.assets.length >= 100 ? await client.assets(r.id).catch((err) => fail(err, `listing the assets of release ${r.tag_name}`)) : r.assets;
        if (!assets.some((a) => a.name === manifestName)) {
            passed.push(`${r.tag_name} (no snapshot named "${name}")`);
            continue;
        }
        const drafts = all.filter((x) => x.draft).length;
        const why = `release latest: ${r.tag_name}, ${describe(r)}: the newest published release with snapshot "${name}"` +
            (passed.length ? `; passed over, newer: ${passed.slice(0, 5).join(', ')}${passed.length > 5 ? `, and ${passed.length - 5} more` : ''}` : '') +
            (drafts ? `; drafts are never taken (${drafts} seen)` : '');
        return { release: r, assets: await complete(client, r, assets), why };
    }
    throw new errors/* SnapshotError */.JC('not-found', `${words.release}: no published release in ${client.repoName} holds a snapshot named "${name}"${passed.length ? ` (passed over: ${passed.slice(0, 5).join(', ')})` : ''}; check name, or give a tag`);
}
async function complete(client, r, assets) {
    return assets.length > 0 ? assets : client.assets(r.id);
}
function describe(r) {
    return `id ${r.id}, ${r.published_at ? `published ${r.published_at}` : 'not published'}, ${r.prerelease ? 'a prerelease' : 'not a prerelease'}${r.immutable ? ', immutable' : ''}`;
}
/** Reads the manifest asset (checked against GitHub's size and digest) and finds each database's assets. */
async function readReleaseSnapshot(client, chosen, name, words) {
    const label = `snapshot "${name}" of release ${chosen.release.tag_name}`;
    const manifestAsset = chosen.assets.find((a) => a.name === (0,releases_assets/* manifestAssetName */.zQ)(name));
    if (manifestAsset.state !== 'uploaded' || manifestAsset.size > MAX_MANIFEST)
        throw (0,errors/* corrupt */.qb)(`${label}: asset ${manifestAsset.name} is ${manifestAsset.state}, ${manifestAsset.size} bytes: not a manifest sqlite-snapshot wrote`);
    const chunks = [];
    for await (const c of assetChunks(client, manifestAsset, words))
        chunks.push(c);
    const manifestText = Buffer.concat(chunks).toString('utf8');
    const manifest = (0,manifest_manifest/* parseManifest */.Ng)(manifestText, `${label}: ${manifestAsset.name}`);
    const parts = new Map();
    for (const e of manifest.databases)
        parts.set(e.file, assetsOf(chosen.assets, name, e, label));
    return { manifest, manifestText, parts, label };
}
function assetsOf(assets, name, e, label) {
    const base = (0,releases_assets/* dataAssetName */.iC)(name, e.file);
    const whole = assets.find((a) => a.name === base);
    const found = whole
        ? [whole]
        : assets
            .map((a) => ({ a, i: (0,releases_assets/* partIndex */.OK)(base, a.name) }))
            .filter((x) => x.i !== undefined)
            .sort((x, y) => x.i - y.i)
            .map((x, k) => {
            if (x.i !== k)
                throw (0,errors/* corrupt */.qb)(`${label}: part ${k + 1} of ${base} is missing; the release's assets are incomplete`);
            return x.a;
        });
    if (found.length === 0)
        throw (0,errors/* corrupt */.qb)(`${label}: the release has no asset ${base} for database ${e.name}; its assets are incomplete`);
    const total = found.reduce((n, a) => n + a.size, 0);
    const notUploaded = found.find((a) => a.state !== 'uploaded');
    if (notUploaded)
        throw (0,errors/* corrupt */.qb)(`${label}: asset ${notUploaded.name} is ${notUploaded.state}, not uploaded; the snapshot was interrupted, publish it again`);
    if (total !== e.storedSize)
        throw (0,errors/* corrupt */.qb)(`${label}: the assets of ${e.name} hold ${total} bytes, the manifest says ${e.storedSize}; the release's assets are not this snapshot's`);
    return found;
}
/**
 * An asset's bytes as they arrive, checked at the end against GitHub's size and digest: the last
 * chunk is handed on only after both matched, so a reader never reaches a clean end of bad bytes.
 */
async function* assetChunks(client, asset, words) {
    const what = `asset ${asset.name}`;
    let res;
    try {
        res = await client.withRetries(`downloading ${asset.name}`, () => client.download(asset));
    }
    catch (err) {
        throw (0,releases_errors/* describeReleaseError */.XZ)(err, `downloading ${what}`, client.repoName, words);
    }
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let got = 0;
    let held;
    try {
        for await (const chunk of res) {
            got += chunk.length;
            if (got > asset.size)
                throw (0,errors/* corrupt */.qb)(`${what}: the download is longer than the ${asset.size} bytes GitHub lists; refused`);
            hash.update(chunk);
            if (held)
                yield held;
            held = chunk;
        }
    }
    catch (err) {
        if (err instanceof errors/* SnapshotError */.JC)
            throw err;
        throw (0,errors/* corrupt */.qb)(`${what}: the download was cut short (${(0,errors/* oneLine */.TN)(err)})`);
    }
    finally {
        res.destroy();
    }
    if (got !== asset.size)
        throw (0,errors/* corrupt */.qb)(`${what}: the download ended after ${got} of ${asset.size} bytes`);
    const digest = (0,releases_assets/* digestHex */.sU)(asset.digest);
    const ours = hash.digest('hex');
    if (digest !== undefined && digest !== ours)
        throw (0,errors/* corrupt */.qb)(`${what}: the download's sha256 is ${ours}, GitHub's digest says ${digest}; it was damaged on the way or the asset was changed`);
    if (held)
        yield held;
}
async function* entryChunks(client, assets, words) {
    for (const a of assets)
        yield* assetChunks(client, a, words);
}
/** For restoreStreamed: each database decoded as its assets arrive (zstd snapshots only). */
function streamed(client, snap, words) {
    const files = async function* () {
        for (const e of snap.manifest.databases) {
            const chunks = entryChunks(client, snap.parts.get(e.file), words);
            yield { file: e.file, source: new chunk_reader/* ChunkReader */.f(chunks[Symbol.asyncIterator](), (where) => (0,errors/* corrupt */.qb)(`${snap.label}: ${e.file} ${where}`)) };
        }
    };
    return { manifest: snap.manifest, label: snap.label, files: files() };
}
/** Downloads every file of the snapshot into `dir`, as a snapshot directory the engine reads. */
async function downloadTo(client, snap, dir, words, log) {
    for (const e of snap.manifest.databases) {
        const assets = snap.parts.get(e.file);
        await (0,promises_.pipeline)(entryChunks(client, assets, words), (0,external_node_fs_.createWriteStream)(external_node_path_.join(dir, e.file)));
        log(`  ${e.file}: ${(0,format/* formatBytes */.z3)(e.storedSize)} from ${assets.length === 1 ? assets[0].name : `${assets.length} parts`}, GitHub's digest checked`);
    }
    await external_node_fs_.promises.writeFile(external_node_path_.join(dir, manifest_manifest/* MANIFEST_FILE */.h1), snap.manifestText);
}

;// CONCATENATED MODULE: ./lib/store/github/releases/publish.js









/**
 * Attaches a snapshot directory to a release the way GitHub's immutable releases allow: to a
 * published release only while it is mutable, otherwise to a draft (found by listing, since a
 * draft is invisible by tag, or created), with every asset checked against GitHub's digest before
 * a draft this call created is published. The manifest goes last: its presence means the snapshot
 * is whole. A re-run finds its assets already there and uploads nothing again.
 */
async function publishSnapshot(client, dir, manifest, opts) {
    const planned = await planAssets(dir, manifest, opts.partSize);
    for (let round = 1;; round++) {
        const { release, created } = await resolveRelease(client, opts);
        try {
            return await attach(client, release, created, planned, opts);
        }
        catch (err) {
            // Another job published the tag first (from its own draft) or removed the draft we took:
            // the assets go to whichever release now holds the tag.
            if (round < 3 && err instanceof Moved) {
                opts.log(`release ${opts.tag}: ${err.message}; attaching to the release that now holds the tag`);
                if (created)
                    await client.deleteRelease(release.id);
                continue;
            }
            throw err;
        }
    }
}
class Moved extends Error {
}
async function planAssets(dir, manifest, partSize) {
    const out = [];
    for (const e of manifest.databases) {
        const file = external_node_path_.join(dir, e.file);
        const base = (0,releases_assets/* dataAssetName */.iC)(manifest.name, e.file);
        const ranges = await (0,releases_assets/* planRanges */.aA)(file, e.storedSize, e.compression, partSize);
        for (const [i, r] of ranges.entries()) {
            out.push({
                name: ranges.length === 1 ? base : (0,releases_assets/* partAssetName */.B$)(base, i),
                file,
                ...r,
                sha256: ranges.length === 1 ? e.storedSha256 : await (0,releases_assets/* sha256Of */.Bj)(file, r.start, r.size),
                contentType: (0,releases_assets/* contentTypeFor */.Zy)(e.compression),
            });
        }
    }
    const manifestFile = external_node_path_.join(dir, manifest_manifest/* MANIFEST_FILE */.h1);
    const { size } = await external_node_fs_.promises.stat(manifestFile);
    out.push({ name: (0,releases_assets/* manifestAssetName */.zQ)(manifest.name), file: manifestFile, start: 0, size, sha256: await (0,releases_assets/* sha256Of */.Bj)(manifestFile, 0, size), contentType: (0,releases_assets/* contentTypeFor */.Zy)('manifest') });
    const seen = new Set();
    for (const a of out) {
        if (!(0,releases_assets/* isSafeAssetName */.JT)(a.name))
            throw (0,errors/* badInput */.AN)(`name: "${manifest.name}" makes the asset name ${a.name}, which GitHub would rename; use letters, digits, "_" and "-" around the dots`);
        if (seen.has(a.name))
            throw (0,errors/* badInput */.AN)(`name: two files of snapshot "${manifest.name}" would share the asset name ${a.name}; rename one database`);
        seen.add(a.name);
    }
    return out;
}
/** The release for the tag: published (if mutable), else the oldest draft, else a new draft. */
async function resolveRelease(client, opts) {
    const { tag, words } = opts;
    for (let attempt = 1;; attempt++) {
        const published = await client.releaseByTag(tag).catch((err) => {
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, `reading release ${tag}`, client.repoName, words);
        });
        if (published) {
            if (published.immutable)
                throw immutableRefused(tag, client.repoName, words);
            opts.log(`release ${tag}: published release id ${published.id} (${published.html_url}), mutable: attaching to it`);
            return { release: published, created: false };
        }
        const drafts = await draftsOf(client, tag, words);
        if (drafts[0]) {
            opts.log(`release ${tag}: draft release id ${drafts[0].id} exists for this tag: attaching to it, not creating another${drafts.length > 1 ? ` (${drafts.length} drafts carry the tag; the oldest is used)` : ''}`);
            return { release: drafts[0], created: false };
        }
        let mine;
        try {
            mine = await client.createRelease({
                tag_name: tag,
                name: tag,
                draft: true,
                prerelease: opts.prerelease,
                make_latest: 'false',
                ...(opts.targetCommitish ? { target_commitish: opts.targetCommitish } : {}),
            });
        }
        catch (err) {
            // A published release took the tag since we looked: go round and attach to it.
            if (err instanceof releases_client/* GitHubHttpError */.Id && err.status === 422 && /immutable/i.test(err.body))
                throw immutableRefused(tag, client.repoName, words);
            if (attempt < 3 && err instanceof releases_client/* GitHubHttpError */.Id && err.status === 422 && err.codes.includes('already_exists:tag_name'))
                continue;
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, `creating a draft release for ${tag}`, client.repoName, words);
        }
        // Two jobs that both found nothing each made a draft: the oldest is kept, the others deleted
        // by their makers (empty, so nothing is lost), and everyone attaches to the oldest.
        const oldest = (await draftsOf(client, tag, words))[0];
        if (oldest && oldest.id < mine.id) {
            await client.deleteRelease(mine.id);
            opts.log(`release ${tag}: another job created draft id ${oldest.id} for this tag at the same time: deleted ours (id ${mine.id}) and attaching to that one`);
            return { release: oldest, created: false };
        }
        opts.log(`release ${tag}: created draft release id ${mine.id} (make_latest: false)`);
        return { release: mine, created: true };
    }
}
async function draftsOf(client, tag, words) {
    const all = await client.releases().catch((err) => {
        throw (0,releases_errors/* describeReleaseError */.XZ)(err, `listing the releases`, client.repoName, words);
    });
    return all.filter((r) => r.draft && r.tag_name === tag).sort((a, b) => a.id - b.id);
}
async function attach(client, release, created, planned, opts) {
    const tag = opts.tag;
    const where = `release ${tag} (id ${release.id})`;
    let existing = await listAssets(client, release, opts);
    if (existing.length + planned.length > 1000) {
        const missing = planned.filter((p) => !existing.some((a) => a.name === p.name)).length;
        if (existing.length + missing > 1000) {
            throw (0,errors/* badInput */.AN)(`release: ${where} holds ${existing.length} assets and GitHub allows 1000; this snapshot needs ${missing} more; delete old assets or use another tag`);
        }
    }
    const assets = [];
    /** What each asset must be when listed at the end: ours, or the earlier manifest of the same snapshot. */
    const expected = new Map(planned.map((p) => [p.name, { size: p.size, sha256: p.sha256 }]));
    let uploadedBytes = 0;
    let skipped = 0;
    for (const p of planned) {
        const there = existing.find((a) => a.name === p.name);
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
            expected.set(p.name, { size: there.size, sha256: (0,releases_assets/* digestHex */.sU)(there.digest) ?? '' });
            assets.push(there);
            skipped++;
            continue;
        }
        if (there && there.state === 'uploaded') {
            if (!opts.overwrite) {
                throw (0,errors/* badInput */.AN)(`${opts.words.release}: ${where} already has an asset ${p.name} with other content (${(0,format/* formatBytes */.z3)(there.size)}, ${there.digest ?? 'no digest'}); set ${opts.words.overwrite} to replace it, or choose another name`);
            }
            opts.log(`  ${p.name}: replacing the asset already there (${opts.words.overwrite})`);
        }
        if (there)
            await client.deleteAsset(there.id);
        const asset = await upload(client, release, p, opts);
        assets.push(asset);
        uploadedBytes += p.size;
        existing = existing.filter((a) => a.name !== p.name);
    }
    await checkAll(client, release, expected, opts);
    let final = release;
    let published = !release.draft;
    if (release.draft && created && !opts.draft) {
        try {
            final = await client.updateRelease(release.id, { draft: false, make_latest: opts.makeLatest ? 'true' : 'false' });
        }
        catch (err) {
            if (err instanceof releases_client/* GitHubHttpError */.Id && err.status === 422 && /already_exists|tag_name/i.test(err.body))
                throw new Moved('another job published a release with this tag first');
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, `publishing ${where}`, client.repoName, opts.words);
        }
        published = true;
        opts.log(`release ${tag}: published (make_latest: ${opts.makeLatest ? 'true' : 'false'}) at ${final.html_url}`);
    }
    else if (release.draft) {
        opts.log(`release ${tag}: left as a draft (${created ? opts.words.draft : 'another step created it; that step publishes it'})`);
    }
    else if (opts.makeLatest) {
        final = await client.updateRelease(release.id, { make_latest: 'true' });
    }
    // Download URLs name the tag only once the release is published: report them as they are now.
    const now = final === release ? assets : await listAssets(client, final, opts);
    const ordered = planned.map((p) => now.find((a) => a.name === p.name) ?? assets.find((a) => a.name === p.name));
    return { release: final, assets: ordered, created, published, uploadedBytes, skipped };
}
async function listAssets(client, release, opts) {
    try {
        return await client.assets(release.id);
    }
    catch (err) {
        if (err instanceof releases_client/* GitHubHttpError */.Id && err.status === 404)
            throw new Moved(`release id ${release.id} is gone`);
        throw (0,releases_errors/* describeReleaseError */.XZ)(err, `listing the assets of release ${opts.tag}`, client.repoName, opts.words);
    }
}
/** The manifest asset there lists the same stored files, sizes and sha256s as ours. */
async function sameSnapshot(client, there, p, opts) {
    if (there.state !== 'uploaded' || there.size > 16 << 20)
        return false;
    try {
        const chunks = [];
        for await (const c of assetChunks(client, there, opts.words))
            chunks.push(c);
        const theirs = (0,manifest_manifest/* parseManifest */.Ng)(Buffer.concat(chunks).toString('utf8'), there.name);
        const ours = (0,manifest_manifest/* parseManifest */.Ng)(await external_node_fs_.promises.readFile(p.file, 'utf8'), p.file);
        const key = (m) => JSON.stringify(m.databases.map((e) => [e.name, e.file, e.storedSize, e.storedSha256]));
        return theirs.name === ours.name && key(theirs) === key(ours);
    }
    catch {
        // Not a manifest we can read: it is other content, which overwrite decides on.
        return false;
    }
}
function sameContent(a, p) {
    return a.state === 'uploaded' && a.size === p.size && (0,releases_assets/* digestHex */.sU)(a.digest) === p.sha256;
}
/**
 * One asset, retried on 5xx, rate limits and dropped connections. A failed upload may have left
 * a `starter` asset holding the name (a blind retry would get `already_exists`) or may in fact have
 * completed: after each failure the asset list decides between keeping, deleting and uploading again.
 */
async function upload(client, release, p, opts) {
    const what = `uploading ${p.name} (${(0,format/* formatBytes */.z3)(p.size)})`;
    const attempts = 5;
    for (let n = 1;; n++) {
        let failure;
        try {
            const asset = await client.uploadOnce(release, p.name, p.file, p, p.contentType);
            if (asset.name !== p.name) {
                await client.deleteAsset(asset.id);
                throw new errors/* SnapshotError */.JC('failed', `${what}: GitHub stored it as ${asset.name}; report this as a bug of sqlite-snapshot`);
            }
            const digest = (0,releases_assets/* digestHex */.sU)(asset.digest);
            if (asset.size === p.size && (digest === undefined || digest === p.sha256)) {
                opts.log(`  ${p.name}: uploaded, ${(0,format/* formatBytes */.z3)(p.size)}, ${digest ? `digest sha256:${digest.slice(0, 12)}… matches` : 'GitHub gave no digest; checked by size'}`);
                return asset;
            }
            await client.deleteAsset(asset.id);
            failure = new releases_client/* GitHubHttpError */.Id(502, '', `GitHub stored ${asset.size} bytes with digest ${asset.digest ?? 'none'}, not ours`);
        }
        catch (err) {
            failure = err;
        }
        if (failure instanceof releases_client/* GitHubHttpError */.Id && failure.status === 422 && /immutable/i.test(failure.body))
            throw immutableRefused(opts.tag, client.repoName, opts.words);
        if (failure instanceof releases_client/* GitHubHttpError */.Id && failure.status === 404)
            throw new Moved(`release id ${release.id} is gone`);
        const taken = failure instanceof releases_client/* GitHubHttpError */.Id && failure.status === 422 && failure.codes.includes('already_exists:name');
        const wait = taken ? 0 : (0,releases_client/* retryWait */.y_)(failure, n, { attempts, baseDelayMs: 1000, maxWaitMs: 120_000 });
        if (wait === undefined || n >= attempts)
            throw (0,releases_errors/* describeReleaseError */.XZ)(failure, what, client.repoName, opts.words);
        opts.log(`  ${p.name}: ${failureText(failure)}; checking the release's assets, then trying again${wait ? ` in ${(wait / 1000).toFixed(1)} s` : ''} (attempt ${n + 1} of ${attempts})`);
        if (wait)
            await new Promise((r) => setTimeout(r, wait));
        const there = (await listAssets(client, release, opts)).find((a) => a.name === p.name);
        if (there && sameContent(there, p)) {
            opts.log(`  ${p.name}: the interrupted upload had completed (state uploaded, digest matches): kept`);
            return there;
        }
        if (there) {
            if (there.state === 'uploaded' && !taken) {
                // Not ours: another job attached different bytes under the name meanwhile.
                if (!opts.overwrite)
                    throw (0,errors/* badInput */.AN)(`${opts.words.release}: release ${opts.tag} got another asset ${p.name} while this one uploaded; set ${opts.words.overwrite} to replace it, or choose another name`);
            }
            opts.log(`  ${p.name}: deleting the ${there.state} asset the failed upload left (id ${there.id})`);
            await client.deleteAsset(there.id);
        }
    }
}
function failureText(err) {
    if (err instanceof releases_client/* GitHubHttpError */.Id)
        return `GitHub answered ${err.status}${err.githubMessage ? ` (${err.githubMessage})` : ''}`;
    const code = err?.code;
    return `the upload failed (${code ?? (0,errors/* oneLine */.TN)(err)})`;
}
/** Every asset as GitHub now lists it: state `uploaded`, the size and GitHub's digest expected. */
async function checkAll(client, release, expected, opts) {
    const listed = await listAssets(client, release, opts);
    for (const [name, want] of expected) {
        const a = listed.find((x) => x.name === name);
        const digest = (0,releases_assets/* digestHex */.sU)(a?.digest);
        // GitHub Enterprise Server versions without digests: size and state are all there is to check.
        if (a && a.state === 'uploaded' && a.size === want.size && (digest === undefined || digest === want.sha256))
            continue;
        const found = a ? `${a.state}, ${a.size} bytes, ${a.digest ?? 'no digest'}` : 'missing';
        throw new errors/* SnapshotError */.JC('failed', `release ${opts.tag}: asset ${name} is ${found} after the upload, expected uploaded, ${want.size} bytes, sha256:${want.sha256}; retry the job`);
    }
    opts.log(`release ${opts.tag}: all ${expected.size} assets checked (state uploaded, size and GitHub's sha256 digest equal to ours)`);
}
function immutableRefused(tag, repo, words) {
    return (0,errors/* badInput */.AN)(`${words.release}: ${tag} in ${repo} is a published immutable release, and GitHub accepts no new assets on one; attach the snapshot while the release is a draft: run this step before the release is published (${words.draft} here, and publish in a later step)`);
}

;// CONCATENATED MODULE: ./lib/store/github/releases/store.js














/**
 * Snapshots as GitHub release assets: kept as long as the release, not 90 days. A generation is a
 * release (its tag); several snapshot names share one release. See publish.ts for the draft flow
 * that immutable releases need, and read.ts for how `latest` is chosen.
 */
class ReleaseStore {
    client;
    opts;
    tempRoot;
    log;
    /** What the last commit published, for front doors to report. */
    lastPublished;
    constructor(opts) {
        this.opts = { ...opts, words: opts.words ?? releases_errors/* API_WORDS */.tO };
        this.log = opts.log ?? (() => undefined);
        this.client = new releases_client/* ReleasesClient */.IH(opts.repository, { ...(opts.token ? { token: opts.token } : {}), ...(opts.apiUrl ? { base: opts.apiUrl } : {}), log: this.log });
        this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? external_node_os_.tmpdir();
    }
    get description() {
        const r = this.opts.ref;
        return `${'tag' in r ? `release ${r.tag}` : `the latest release${r.prereleases ? ' (prereleases included)' : ''}`} of ${this.client.repoName}`;
    }
    /** Fails before any snapshot work when publishing cannot work: no token, or no such repository. */
    async checkCanPublish() {
        if (!('tag' in this.opts.ref))
            throw (0,errors/* badInput */.AN)(`${this.opts.words.release}: "latest" names a release to read; give the tag to publish to`);
        if (!this.client.hasToken)
            throw (0,errors/* badInput */.AN)(`${this.opts.words.token}: is empty; publishing to a release needs a token with contents: write`);
        const info = await this.client.repoInfo().catch((err) => {
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, `reading repository ${this.client.repoName}`, this.client.repoName, this.opts.words);
        });
        // Refused now rather than after the snapshot: nothing can be attached to it (publish.ts checks again).
        const published = await this.client.releaseByTag(this.opts.ref.tag).catch(() => undefined);
        if (published?.immutable)
            throw immutableRefused(this.opts.ref.tag, this.client.repoName, this.opts.words);
        return { isPublic: !info.private };
    }
    async begin(name) {
        (0,names/* validateName */.yS)(name);
        const ref = this.opts.ref;
        if (!('tag' in ref))
            throw (0,errors/* badInput */.AN)(`${this.opts.words.release}: "latest" names a release to read; give the tag to publish to`);
        return (0,staging/* stagedUpload */.Y)(this.tempRoot, async (dir) => {
            const manifest = await (0,manifest_manifest/* readManifest */.WI)(dir);
            const p = this.opts.publish ?? {};
            const done = await publishSnapshot(this.client, dir, manifest, {
                tag: ref.tag,
                draft: p.draft ?? false,
                prerelease: p.prerelease ?? false,
                makeLatest: p.makeLatest ?? false,
                overwrite: p.overwrite ?? false,
                partSize: p.partSize ?? releases_assets/* DEFAULT_PART_SIZE */.US,
                ...(p.targetCommitish ? { targetCommitish: p.targetCommitish } : {}),
                words: this.opts.words,
                log: this.log,
            });
            this.lastPublished = done;
            return {
                name,
                generation: done.release.tag_name,
                location: done.release.html_url,
                details: {
                    releaseId: done.release.id,
                    releaseUrl: done.release.html_url,
                    size: done.assets.reduce((n, a) => n + a.size, 0),
                    uploaded: done.uploadedBytes,
                },
            };
        });
    }
    /** The chosen release's snapshot, downloaded into a temp directory with every digest checked. */
    async open(name, select = {}) {
        const snap = await this.find(name, select);
        await external_node_fs_.promises.mkdir(this.tempRoot, { recursive: true });
        const dir = await external_node_fs_.promises.mkdtemp(external_node_path_.join(this.tempRoot, 'sqlite-snapshot-download-'));
        try {
            await downloadTo(this.client, snap.snap, dir, this.opts.words, this.log);
        }
        catch (err) {
            await (0,files/* removeQuietly */.S2)(dir);
            throw err;
        }
        return { name, generation: snap.tag, dir, close: async () => (0,files/* removeQuietly */.S2)(dir) };
    }
    /**
     * The chosen release's snapshot read as it downloads, for restoreStreamed; undefined when a
     * database is not zstd (only zstd frames are decoded from a stream), for which `open` serves.
     */
    async openStreamed(name, select = {}) {
        const found = await this.find(name, select);
        if (!found.snap.manifest.databases.every((e) => e.compression === 'zstd'))
            return undefined;
        return { generation: found.tag, snapshot: streamed(this.client, found.snap, this.opts.words) };
    }
    cached;
    async find(name, select) {
        (0,names/* validateName */.yS)(name);
        if (select.at)
            throw (0,errors/* badInput */.AN)(`${this.opts.words.release}: release snapshots are chosen by tag or latest, not by time`);
        const ref = select.generation ? { tag: select.generation } : this.opts.ref;
        const key = `${name}\n${JSON.stringify(ref)}`;
        if (this.cached?.key === key)
            return this.cached.value;
        const chosen = await chooseRelease(this.client, name, ref, this.opts.words);
        this.log(chosen.why);
        this.log(`  assets: ${chosen.assets.filter((a) => a.name.startsWith(`${name}.`)).map((a) => a.name).join(', ')}`);
        const value = { tag: chosen.release.tag_name, snap: await readReleaseSnapshot(this.client, chosen, name, this.opts.words) };
        this.cached = { key, value };
        return value;
    }
    /**
     * Restores the chosen release's snapshot: decoded as it downloads when every database is zstd,
     * else downloaded to a temp directory first. A download damaged on the way is fetched once more.
     */
    async restore(name, targetsFor, opts, select = {}) {
        return twiceOnDamage(async () => {
            const s = await this.openStreamed(name, select);
            if (s) {
                const results = await (0,restore/* restoreStreamed */.q)(s.snapshot, targetsFor(s.snapshot.manifest), opts);
                return { manifest: s.snapshot.manifest, results, generation: s.generation, streamed: true };
            }
            const opened = await this.open(name, select);
            try {
                const manifest = await (0,manifest_manifest/* readManifest */.WI)(opened.dir);
                const results = await (0,restore/* restoreSnapshot */.n5)(opened.dir, targetsFor(manifest), opts);
                return { manifest, results, generation: opened.generation, streamed: false };
            }
            finally {
                await opened.close();
            }
        }, this.log);
    }
    /** Releases holding a snapshot of this name (or any), newest published first. */
    async list(name) {
        const all = await this.client.releases().catch((err) => {
            throw (0,releases_errors/* describeReleaseError */.XZ)(err, 'listing the releases', this.client.repoName, this.opts.words);
        });
        const out = [];
        for (const r of all) {
            for (const a of r.assets) {
                if (!a.name.endsWith(releases_assets/* MANIFEST_ASSET_SUFFIX */.Xx))
                    continue;
                const n = a.name.slice(0, -releases_assets/* MANIFEST_ASSET_SUFFIX */.Xx.length);
                if (name === undefined || n === name)
                    out.push({ name: n, generation: r.tag_name, createdAt: r.published_at ?? r.created_at, dir: '' });
            }
        }
        return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    }
}
/** `owner/repo@tag` or `owner/repo@latest` (the CLI's --release). */
function parseReleaseSpec(value, flag) {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)@(.+)$/.exec(value.trim());
    if (!m)
        throw badInput(`${flag}: "${value}" is not owner/repo@tag; give it as, for example, octo-org/app@v1.2.0 or octo-org/app@latest`);
    return { repository: { owner: m[1], repo: m[2] }, ref: m[3] };
}
/** A tag as git allows it, without the characters that would need escaping in a URL path. */
function validateTag(tag, input) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9._/+-]{0,199}$/.test(tag) || tag.includes('..') || tag.endsWith('/') || tag.endsWith('.lock')) {
        throw (0,errors/* badInput */.AN)(`${input}: "${tag}" is not a tag this tool publishes to; use letters, digits and . _ - / +, for example v1.2.0`);
    }
    return tag;
}
/** A download that failed its checks once is fetched once more; twice is the asset itself. */
async function twiceOnDamage(run, log) {
    try {
        return await run();
    }
    catch (err) {
        if (!(err instanceof errors/* SnapshotError */.JC) || err.kind !== 'corrupt')
            throw err;
        log(`${err.message}; downloading once more`);
        try {
            return await run();
        }
        catch (again) {
            if (again instanceof errors/* SnapshotError */.JC && again.kind === 'corrupt')
                throw (0,errors/* corrupt */.qb)(`${again.message} (twice; the asset itself is damaged: publish the snapshot again)`);
            throw again;
        }
    }
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

/***/ 70073:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   yS: () => (/* binding */ validateName)
/* harmony export */ });
/* unused harmony exports generationId, isGenerationId, generationTime */
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12399);

/** Snapshot names become directory and artifact names: keep them to a portable, traversal-free set. */
function validateName(name, inputName = 'name') {
    if (name.trim() === '')
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: is empty; give the snapshot a name such as "seed-db"`);
    if (name.includes('/') || name.includes('\\') || name.includes('..')) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: "${name}" contains "/", "\\" or ".."; use letters, digits, ".", "_" and "-" only`);
    }
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/.test(name)) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${inputName}: "${name}" is not a valid name; use up to 100 letters, digits, ".", "_" and "-", not starting with "." or "-"`);
    }
    return name;
}
/**
 * Generation ids are UTC times in ISO 8601 basic format ("20261125T224508.123Z"): they sort as
 * strings in time order and contain no ":" so they are valid file names on Windows too.
 */
function generationId(date) {
    return date.toISOString().replace(/[-:]/g, '');
}
const GENERATION_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z(-\d+)?$/;
function isGenerationId(id) {
    return GENERATION_RE.test(id);
}
function generationTime(id) {
    const m = GENERATION_RE.exec(id);
    if (!m)
        return undefined;
    return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
}


/***/ }),

/***/ 98724:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ stagedUpload)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(29353);



/**
 * A staging directory in a temp root for stores that upload what the engine wrote there (an
 * artifact, a release): `publish` uploads it, and the directory is gone afterwards, whether the
 * upload succeeded or not.
 */
async function stagedUpload(tempRoot, publish) {
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdir(tempRoot, { recursive: true });
    const dir = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_1__.join(tempRoot, 'sqlite-snapshot-stage-'));
    return {
        dir,
        commit: async () => {
            try {
                return await publish(dir);
            }
            finally {
                await (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_2__/* .removeQuietly */ .S2)(dir);
            }
        },
        abort: async () => (0,_engine_common_files_js__WEBPACK_IMPORTED_MODULE_2__/* .removeQuietly */ .S2)(dir),
    };
}


/***/ })

};

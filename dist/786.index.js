export const id = 786;
export const ids = [786];
export const modules = {

/***/ 50786:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubArtifactStore: () => (/* binding */ GitHubArtifactStore),
/* harmony export */   artifactUrl: () => (/* binding */ artifactUrl),
/* harmony export */   describeToolkitError: () => (/* binding */ describeToolkitError),
/* harmony export */   inArtifact: () => (/* binding */ inArtifact),
/* harmony export */   normalizeDigest: () => (/* binding */ normalizeDigest),
/* harmony export */   toolkitText: () => (/* binding */ toolkitText)
/* harmony export */ });
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37888);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12399);
/* harmony import */ var _engine_common_files_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4933);
/* harmony import */ var _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(87925);
/* harmony import */ var _rest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(56999);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(70073);
/* harmony import */ var _repository_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(79229);
/* harmony import */ var _staging_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(98724);











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
    /** Names checkCanPublish found free in this run: the upload need not list them again. */
    freeNames = new Set();
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
        if (!existing)
            this.freeNames.add(name);
    }
    async begin(name) {
        (0,_names_js__WEBPACK_IMPORTED_MODULE_8__/* .validateName */ .yS)(name);
        return (0,_staging_js__WEBPACK_IMPORTED_MODULE_10__/* .stagedUpload */ .Y)(this.tempRoot, (dir) => this.upload(name, dir));
    }
    async upload(name, dir) {
        const manifest = await (0,_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .readManifest */ .WI)(dir);
        const files = [_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1, ...manifest.databases.map((d) => d.file)].map((f) => node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, f));
        const compressed = manifest.databases.every((d) => d.compression !== 'none');
        // Free when checked before the snapshot: not listed again (a round trip to the service). Should
        // another job of the run take the name meanwhile, the service refuses the upload (409) as it
        // would have right after a second listing.
        const existing = this.freeNames.has(name) ? undefined : await this.inThisRun(name);
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
        const repo = s.repository ?? (0,_repository_js__WEBPACK_IMPORTED_MODULE_9__/* .currentRepo */ .U)();
        return { findBy: { token: s.token, workflowRunId: id, repositoryOwner: repo.owner, repositoryName: repo.repo } };
    }
    /** `run-id: latest`, with a log line on every run passed over and on the one chosen. */
    async findLatestRun(name, token) {
        const s = this.opts.source ?? {};
        const repo = s.repository ?? (0,_repository_js__WEBPACK_IMPORTED_MODULE_9__/* .currentRepo */ .U)();
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
        const repo = this.opts.source?.repository ?? (0,_repository_js__WEBPACK_IMPORTED_MODULE_9__/* .currentRepo */ .U)();
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


/***/ })

};

export const id = 558;
export const ids = [558];
export const modules = {

/***/ 25009:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ restoresMustBeDurable)
/* harmony export */ });
/**
 * Whether what an Action step restores must survive a crash of the machine. A GitHub-hosted runner
 * (RUNNER_ENVIRONMENT=github-hosted) is a machine discarded with the job: nothing restored there
 * can outlive the job, so flushing it to the device would only make the step wait (at 256 MiB,
 * about as long as the download). A self-hosted runner keeps its workspace from job to job, so
 * there, and wherever the variable is missing, a restore stays durable.
 */
function restoresMustBeDurable(env = process.env) {
    return env['RUNNER_ENVIRONMENT'] !== 'github-hosted';
}


/***/ }),

/***/ 72455:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ loggedDownload)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);

/**
 * The store with its download in a log group of its own, timed: restore() opens the snapshot
 * inside, and the step still shows the download apart from the restore.
 */
function loggedDownload(store, title, onOpened) {
    return {
        description: store.description,
        begin: (name) => store.begin(name),
        list: (name) => store.list(name),
        open: async (name, select) => {
            const t0 = performance.now();
            const opened = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(title, () => store.open(name, select));
            onOpened({ generation: opened.generation, dir: opened.dir, ms: performance.now() - t0 });
            return opened;
        },
    };
}


/***/ }),

/***/ 41646:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ readRestoreInputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);
/* harmony import */ var _engine_restore_restore_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44964);
/* harmony import */ var _store_github_repository_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79229);
/* harmony import */ var _store_github_rest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(56999);
/* harmony import */ var _store_names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(70073);
/* harmony import */ var _store_github_releases_store_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(78849);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(21413);








/** Every input of the restore action, read and checked before anything is downloaded. */
function readRestoreInputs() {
    const name = (0,_store_names_js__WEBPACK_IMPORTED_MODULE_5__/* .validateName */ .yS)((0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .lines */ .Mn)('name')[0] ?? 'sqlite-snapshot', 'name');
    const targets = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .lines */ .Mn)('path');
    const verify = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .oneOf */ .yL)('verify', ['auto', 'quick', 'full', 'off'], 'auto');
    const keepPrevious = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)('keep-previous', false);
    const journalMode = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .oneOf */ .yL)('journal-mode', _engine_restore_restore_js__WEBPACK_IMPORTED_MODULE_2__/* .JOURNAL_MODES */ .X8, 'keep');
    const ifNotFound = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .oneOf */ .yL)('if-not-found', ['error', 'warn', 'ignore'], 'error');
    const token = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('github-token');
    // Registered before anything can print it: the runner masks it in every later log line.
    if (token)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(token);
    const runText = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('run-id');
    let runId;
    if (runText === '')
        runId = undefined;
    else if (runText.toLowerCase() === 'latest')
        runId = 'latest';
    else if (/^\d+$/.test(runText) && Number(runText) > 0)
        runId = Number(runText);
    else
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`run-id: "${runText}" is not a run id; give the number from the run's URL (…/actions/runs/<id>), latest, or leave it empty for this run`);
    // This run's own id goes through the runtime token like any same-run download; no API token needed.
    if (typeof runId === 'number' && String(runId) === process.env['GITHUB_RUN_ID'] && !(0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('repository'))
        runId = undefined;
    const repoText = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('repository');
    const repository = repoText ? (0,_store_github_repository_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRepository */ .S)(repoText, 'repository') : undefined;
    const release = readRelease(runText, repository, token);
    if (release)
        return { name, targets, verify, keepPrevious, journalMode, ifNotFound, source: {}, release };
    const otherRepo = repository !== undefined && `${repository.owner}/${repository.repo}`.toLowerCase() !== (process.env['GITHUB_REPOSITORY'] ?? '').toLowerCase();
    if (otherRepo && runId === undefined) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`repository: ${repoText} is another repository; also give run-id (a run id of that repository, or latest)`);
    }
    if (runId !== undefined && !token) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)('github-token: is empty; restoring from another run needs a token with actions:read (the default github.token works within this repository)');
    }
    const branch = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('branch') || process.env['GITHUB_BASE_REF'] || process.env['GITHUB_REF_NAME'] || '';
    if (runId === 'latest' && !branch)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)('branch: is empty and this run has no branch; give the branch whose runs to search, for example main');
    const allowForks = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)('allow-forks', false);
    const workflow = readWorkflow(runId);
    const source = {
        ...(runId !== undefined ? { runId } : {}),
        ...(runId !== undefined ? { repository: repository ?? (0,_store_github_repository_js__WEBPACK_IMPORTED_MODULE_3__/* .currentRepo */ .U)() } : {}),
        ...(token ? { token } : {}),
        ...(runId === 'latest' ? { branch, allowForks, ...(workflow ? { workflow } : {}) } : {}),
    };
    return { name, targets, verify, keepPrevious, journalMode, ifNotFound, source };
}
function readRelease(runText, repository, token) {
    const tag = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('release');
    const prereleases = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)('prereleases', false);
    if (!tag) {
        if (prereleases)
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)('prereleases: applies only with release: latest; set release, or remove prereleases');
        return undefined;
    }
    if (runText)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`run-id: "${runText}" is for artifacts, release: "${tag}" for release assets; give one of them`);
    if ((0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('workflow'))
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)('workflow: applies only to run-id: latest; remove it when restoring from a release');
    const latest = tag.toLowerCase() === 'latest';
    if (!latest)
        (0,_store_github_releases_store_js__WEBPACK_IMPORTED_MODULE_6__/* .validateTag */ .z7)(tag, 'release');
    if (prereleases && !latest)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`prereleases: applies only with release: latest, not a tag (${tag}); remove it`);
    return { ref: latest ? { latest: true, prereleases } : { tag }, repository: repository ?? (0,_store_github_repository_js__WEBPACK_IMPORTED_MODULE_3__/* .currentRepo */ .U)(), ...(token ? { token } : {}) };
}
/** `nightly.yml`, `.github/workflows/nightly.yml` or either with `@ref`: the file name is what runs are compared by. */
function readWorkflow(runId) {
    const value = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('workflow');
    if (!value)
        return '';
    if (runId !== 'latest')
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`workflow: "${value}" only applies with run-id: latest; remove it, or set run-id: latest`);
    const file = (0,_store_github_rest_js__WEBPACK_IMPORTED_MODULE_4__/* .workflowFile */ .EY)(value);
    if (!/^[\w.-]+\.ya?ml$/.test(file))
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`workflow: "${value}" is not a workflow file name; give the file name in .github/workflows, for example nightly.yml`);
    return file;
}


/***/ }),

/***/ 86558:
/***/ ((__webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _api_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14506);
/* harmony import */ var _engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(50715);
/* harmony import */ var _store_github_releases_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(63233);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(87058);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9455);
/* harmony import */ var _download_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(72455);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(41646);
/* harmony import */ var _targets_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(80225);
/* harmony import */ var _durable_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(25009);










async function main() {
    const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_6__/* .readRestoreInputs */ .E)();
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('restored', 'false');
    if (inputs.release)
        return restoreFromRelease(inputs, inputs.release);
    // Loaded only here: a release restore needs none of @actions/artifact and the Azure SDK under it.
    const { GitHubArtifactStore, inArtifact } = await __webpack_require__.e(/* import() */ 46).then(__webpack_require__.bind(__webpack_require__, 61665));
    const artifacts = new GitHubArtifactStore({ source: inputs.source, log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq, warn: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e });
    let download;
    const store = (0,_download_js__WEBPACK_IMPORTED_MODULE_5__/* .loggedDownload */ .R)(artifacts, `Downloading artifact ${inputs.name} from ${artifacts.description}`, (d) => (download = d));
    let t1 = 0;
    let done;
    try {
        done = await (0,_api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .restore */ .PF)({
            store,
            name: inputs.name,
            // Called with the manifest once the artifact is downloaded, before anything is restored.
            to: (manifest) => {
                const d = download;
                const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Downloaded artifact ${inputs.name} (id ${d.generation}): ${manifest.databases.length} database(s), ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatBytes */ .z3)(stored)} in ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a3)(d.ms)} (${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatRate */ .CE)(stored, d.ms)})`);
                t1 = performance.now();
                return inputs.targets.length > 0 ? inputs.targets : (0,_targets_js__WEBPACK_IMPORTED_MODULE_7__/* .defaultTargets */ .i)(manifest);
            },
            ...restoreOptions(inputs),
        });
    }
    catch (err) {
        if (!download)
            return notFound(err, inputs);
        // Errors about the targets stand as they are; those about the downloaded files name the artifact.
        if (!(err instanceof _api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC) || !err.message.includes(download.dir))
            throw err;
        const e = inArtifact(err, download.dir, `artifact "${inputs.name}" (id ${download.generation})`);
        // Without a digest to compare, damage in transit first shows here: a new download may be intact.
        throw new _api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC(e.kind, e.message.replace(/; take the snapshot again$/, '; retry the job, and if it fails again take the snapshot again'), { cause: err });
    }
    const { manifest, restored: results } = done;
    const restoreMs = performance.now() - t1;
    for (const r of results)
        await logResult(r, manifest);
    const raw = results.reduce((a, r) => a + (manifest.databases.find((e) => e.name === r.entry)?.rawSize ?? 0), 0);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Restored ${results.length} target(s), ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatBytes */ .z3)(raw)}, in ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a3)(restoreMs)} (${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatRate */ .CE)(raw, restoreMs)}); verify: ${inputs.verify}`);
    setOutputs(results, manifest);
    await writeSummary(inputs, manifest, results, `artifact id ${done.generation}`);
}
async function restoreFromRelease(inputs, release) {
    const store = new _api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ReleaseStore */ .T({ repository: release.repository, ...(release.token ? { token: release.token } : {}), ref: release.ref, words: _store_github_releases_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ACTION_WORDS */ .dC, log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq });
    const t0 = performance.now();
    let done;
    try {
        // Decoded as it downloads when every database is zstd; a damaged download is fetched once more.
        done = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`Restoring ${inputs.name} from ${store.description}`, () => (0,_api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .restore */ .PF)({ store, name: inputs.name, to: (m) => (inputs.targets.length > 0 ? inputs.targets : (0,_targets_js__WEBPACK_IMPORTED_MODULE_7__/* .defaultTargets */ .i)(m)), ...restoreOptions(inputs) }));
    }
    catch (err) {
        return notFound(err, inputs);
    }
    const { manifest, restored: results } = done;
    const ms = performance.now() - t0;
    for (const r of results)
        await logResult(r, manifest);
    const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Restored ${results.length} target(s) from release ${done.generation}: ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatBytes */ .z3)(stored)} downloaded${done.streamed ? ' and decoded as it arrived' : ''} in ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a3)(ms)} (${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatRate */ .CE)(stored, ms)}); GitHub's digests and the manifest's checksums checked; verify: ${inputs.verify}`);
    setOutputs(results, manifest);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('release', done.generation);
    await writeSummary(inputs, manifest, results, `release ${done.generation ?? ''}`);
}
function restoreOptions(inputs) {
    const progress = (0,_run_js__WEBPACK_IMPORTED_MODULE_4__/* .throttled */ .v)(10_000);
    return {
        journalMode: inputs.journalMode,
        durable: (0,_durable_js__WEBPACK_IMPORTED_MODULE_9__/* .restoresMustBeDurable */ .Z)(),
        check: inputs.verify,
        keepPrevious: inputs.keepPrevious,
        onProgress: (p) => progress(`${p.database}: restoring ${p.total > 0 ? `${Math.floor((100 * p.done) / p.total)}%` : ''}`),
    };
}
/** No snapshot to restore: what if-not-found says; any other failure stands. */
function notFound(err, inputs) {
    if (!(err instanceof _api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC) || err.kind !== 'not-found')
        throw err;
    if (inputs.ifNotFound === 'error')
        throw new _api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .SnapshotError */ .JC('not-found', `${err.message}, or set if-not-found: warn`);
    if (inputs.ifNotFound === 'warn')
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${err.message}; nothing was restored`);
    else
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${err.message}; nothing was restored (if-not-found: ignore)`);
}
function setOutputs(results, manifest) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('restored', 'true');
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('paths', results.map((r) => r.path).join('\n'));
    // An empty line where the snapshot recorded no sha256 keeps the lines in the order of paths.
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('sha256', results.map((r) => r.sha256 ?? '').join('\n'));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('manifest', JSON.stringify(manifest));
}
async function logResult(r, manifest) {
    const e = manifest.databases.find((d) => d.name === r.entry);
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`${r.entry} → ${r.path}`, async () => {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`target       ${r.path} (${r.replaced ? 'replaced' : 'new file'}), journal ${r.journalMode}`);
        if (e)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`size         ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatBytes */ .z3)(e.storedSize)} ${e.compression} → ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatBytes */ .z3)(e.rawSize)}; ${Object.keys(e.tables).length} tables, ${(0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .rowCount */ .oW)(e)} rows`);
        if (r.previous)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`previous     kept as ${r.previous}`);
        if (r.removedSideFiles.length)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`removed      stale ${r.removedSideFiles.join(', ')}`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`sha256       ${(0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .rawShaText */ .o8)(r.sha256)}`);
    });
}
async function writeSummary(inputs, manifest, results, from) {
    if (!process.env['GITHUB_STEP_SUMMARY'])
        return;
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading(`SQLite restore: ${(0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .Hn)(inputs.name)}`, 3)
        .addTable([
        ['Database', 'Target', 'Result', 'Size', 'Rows', 'sha256'].map((data) => ({ data, header: true })),
        ...results.map((r) => {
            const e = manifest.databases.find((d) => d.name === r.entry);
            return [
                (0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .Hn)(r.entry),
                (0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .Hn)(r.path),
                r.replaced ? `replaced${r.removedSideFiles.length ? ', stale WAL/SHM removed' : ''}` : 'new',
                e ? (0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatBytes */ .z3)(e.rawSize) : '',
                e ? String((0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .rowCount */ .oW)(e)) : '',
                r.sha256 ? `<code>${r.sha256}</code>` : 'not recorded',
            ];
        }),
    ])
        .addRaw(`From ${(0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .Hn)(from)}, snapshot taken ${(0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .Hn)(manifest.createdAt)}.`, true)
        .write();
}
await (0,_run_js__WEBPACK_IMPORTED_MODULE_4__/* .runAction */ .C)(main);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 80225:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ defaultTargets)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12399);


/**
 * With no `path` input, each database goes back where the snapshot step found it, as recorded in
 * the manifest. Only a path relative to the workspace and staying inside it is trusted: an
 * artifact from another run or repository must not be able to choose where we write.
 */
function defaultTargets(manifest) {
    return manifest.databases.map((e) => {
        const rel = e.source.replace(/\\/g, '/');
        const norm = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(rel);
        if (node_path__WEBPACK_IMPORTED_MODULE_0__.posix.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || norm === '..' || norm.startsWith('../') || norm === '.') {
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`path: is empty and ${e.name} was snapshotted from ${e.source}, outside the workspace; give path (where to restore it)`);
        }
        return `${e.name}=${norm}`;
    });
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


/***/ })

};

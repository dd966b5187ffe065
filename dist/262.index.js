export const id = 262;
export const ids = [262];
export const modules = {

/***/ 26990:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ readSnapshotInputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _engine_manifest_compression_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52684);
/* harmony import */ var _engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67612);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12399);
/* harmony import */ var _store_names_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(70073);
/* harmony import */ var _store_github_repository_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(79229);
/* harmony import */ var _store_github_releases_store_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(78849);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(21413);








/** Every input of the snapshot action, read and checked before anything is touched. */
function readSnapshotInputs() {
    const patterns = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .lines */ .Mn)('path');
    if (patterns.length === 0) {
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .badInput */ .AN)('path: is empty; list the database file(s) to snapshot, one per line (globs such as data/*.db allowed)');
    }
    const name = (0,_store_names_js__WEBPACK_IMPORTED_MODULE_4__/* .validateName */ .yS)((0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .lines */ .Mn)('name')[0] ?? 'sqlite-snapshot', 'name');
    const method = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .oneOf */ .yL)('method', _engine_snapshot_snapshot_js__WEBPACK_IMPORTED_MODULE_2__/* .METHODS */ .J8, 'auto');
    const compression = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .oneOf */ .yL)('compression', _engine_manifest_compression_js__WEBPACK_IMPORTED_MODULE_1__/* .COMPRESSIONS */ ._7, 'zstd');
    const level = (0,_engine_manifest_compression_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveLevel */ .XC)(compression, compression === 'none' ? undefined : (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .int */ .Wh)('compression-level', -7, 22), 'compression-level');
    const verify = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .oneOf */ .yL)('verify', ['quick', 'full', 'off'], 'quick');
    const retentionDays = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .int */ .Wh)('retention-days', 0, 400) ?? 0;
    const overwrite = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)('overwrite', false);
    const ifNoFilesFound = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .oneOf */ .yL)('if-no-files-found', ['warn', 'error', 'ignore'], 'warn');
    const busyTimeoutMs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .int */ .Wh)('busy-timeout', 0, 3_600_000) ?? 5000;
    const rawSha256 = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)('raw-sha256', false);
    const release = readRelease(retentionDays);
    return { patterns, name, method, compression, level, verify, retentionDays, overwrite, ifNoFilesFound, busyTimeoutMs, rawSha256, ...(release ? { release } : {}) };
}
function readRelease(retentionDays) {
    const tag = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('release');
    const token = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('github-token');
    // Registered before anything can print it: the runner masks it in every later log line.
    if (token)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(token);
    if (!tag) {
        for (const input of ['draft', 'prerelease', 'make-latest']) {
            if ((0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)(input, false))
                throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .badInput */ .AN)(`${input}: applies only with release; set release to a tag, or remove ${input}`);
        }
        return undefined;
    }
    if (tag.toLowerCase() === 'latest')
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .badInput */ .AN)('release: "latest" is for the restore action; give the tag to publish to, for example ${{ github.ref_name }}');
    (0,_store_github_releases_store_js__WEBPACK_IMPORTED_MODULE_6__/* .validateTag */ .z7)(tag, 'release');
    if (retentionDays !== 0)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .badInput */ .AN)('retention-days: applies to artifacts; a release keeps its assets until they are deleted, so remove retention-days or release');
    if (!token)
        throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .badInput */ .AN)('github-token: is empty; publishing to a release needs a token with contents: write (the default github.token has it with permissions: contents: write)');
    const repoText = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .text */ .Qq)('repository');
    return {
        tag,
        repository: repoText ? (0,_store_github_repository_js__WEBPACK_IMPORTED_MODULE_5__/* .parseRepository */ .S)(repoText, 'repository') : (0,_store_github_repository_js__WEBPACK_IMPORTED_MODULE_5__/* .currentRepo */ .U)(),
        token,
        draft: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)('draft', false),
        prerelease: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)('prerelease', false),
        makeLatest: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .bool */ .lc)('make-latest', false),
    };
}


/***/ }),

/***/ 19262:
/***/ ((__webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _api_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14506);
/* harmony import */ var _engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12399);
/* harmony import */ var _engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(50715);
/* harmony import */ var _store_github_releases_assets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65831);
/* harmony import */ var _store_github_releases_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(63233);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(87058);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9455);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(91203);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(26990);
/* harmony import */ var _upload_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(86714);











async function main() {
    const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .readSnapshotInputs */ .O)();
    const { files, unmatched } = await (0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .expandPatterns */ .q)(inputs.patterns, process.cwd());
    if (files.length === 0) {
        const msg = `path: no database matched ${inputs.patterns.map((p) => JSON.stringify(p)).join(', ')}; nothing was uploaded`;
        if (inputs.ifNoFilesFound === 'error')
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${msg}; check the path, or set if-no-files-found: warn`);
        if (inputs.ifNoFilesFound === 'warn')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(msg);
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(msg);
        return;
    }
    if (unmatched.length > 0) {
        const msg = `path: ${unmatched.map((p) => JSON.stringify(p)).join(', ')} matched no file`;
        if (inputs.ifNoFilesFound === 'error')
            throw (0,_engine_common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .badInput */ .AN)(`${msg}; fix the pattern, or set if-no-files-found: warn`);
        if (inputs.ifNoFilesFound === 'warn')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${msg}; snapshotting the ${files.length} database(s) that matched`);
    }
    const release = inputs.release ? releaseStore(inputs.release, inputs) : undefined;
    // A release step never loads the artifact store (nor does any snapshot step load @actions/artifact).
    const artifacts = release ? undefined : new (await __webpack_require__.e(/* import() */ 665).then(__webpack_require__.bind(__webpack_require__, 61665))).GitHubArtifactStore({ retentionDays: inputs.retentionDays, overwrite: inputs.overwrite, log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq });
    // A token or permission missing, or an artifact name taken, fails the step as soon as GitHub
    // answers, which it does while the snapshot is taken (the snapshot is then stopped).
    if (release) {
        void release.checkCanPublish().then(({ isPublic }) => {
            if (isPublic)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${release.client.repoName} is public: once the release is published, anyone can download its assets, this snapshot included`);
        }, () => undefined);
    }
    const where = inputs.release ? `release ${inputs.release.tag} of ${release?.client.repoName ?? ''}` : `artifact ${inputs.name}`;
    let timing;
    const store = (0,_upload_js__WEBPACK_IMPORTED_MODULE_9__/* .loggedUpload */ .s)(release ?? artifacts, `Uploading to ${where}`, (t) => (timing = t), release ? release.checkCanPublish() : artifacts.checkCanPublish(inputs.name));
    const progress = (0,_run_js__WEBPACK_IMPORTED_MODULE_6__/* .throttled */ .v)(10_000);
    const take = (signal) => (0,_api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .snapshot */ .P9)(files, {
        store,
        name: inputs.name,
        method: inputs.method,
        compression: inputs.compression,
        level: inputs.level,
        check: inputs.verify,
        busyTimeoutMs: inputs.busyTimeoutMs,
        rawSha256: inputs.rawSha256,
        ...(signal ? { signal } : {}),
        onProgress: (p) => progress(`${p.database}: ${p.phase} ${p.total > 1 ? `${Math.floor((100 * p.done) / p.total)}%` : ''}`),
    });
    // The name (artifacts) or the release is checked with GitHub while the snapshot is taken.
    const taken = release ? await release.whileChecking(take) : await artifacts.whileChecking(inputs.name, take);
    const { snapMs, upMs: commitMs } = timing;
    // A release's stored files go up while the snapshot is checked: the store times its own upload.
    const upMs = Number(taken.details?.['uploadMs'] ?? commitMs);
    const size = Number(taken.details?.['size'] ?? 0);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Snapshot ${inputs.name}: ${taken.manifest.databases.length} database(s) in ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatDuration */ .a3)(snapMs)}, uploaded ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(size)} in ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatDuration */ .a3)(upMs)} (${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatRate */ .CE)(size, upMs)}) to ${inputs.release ? `release ${taken.generation}: ${taken.location}` : `artifact ${taken.generation}`}`);
    if (release?.lastPublished)
        setReleaseOutputs(release.lastPublished);
    setOutputs(taken);
    await writeSummary(inputs, taken);
}
function releaseStore(target, inputs) {
    return new _api_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ReleaseStore */ .T({
        repository: target.repository,
        token: target.token,
        ref: { tag: target.tag },
        publish: {
            draft: target.draft,
            prerelease: target.prerelease,
            makeLatest: target.makeLatest,
            overwrite: inputs.overwrite,
            partSize: (0,_store_github_releases_assets_js__WEBPACK_IMPORTED_MODULE_3__/* .partSizeFrom */ .Xj)(process.env['SQLITE_SNAPSHOT_RELEASE_PART_SIZE']),
            ...(process.env['GITHUB_SHA'] ? { targetCommitish: process.env['GITHUB_SHA'] } : {}),
        },
        words: _store_github_releases_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ACTION_WORDS */ .dC,
        log: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq,
    });
}
function setReleaseOutputs(p) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('release-id', String(p.release.id));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('release-url', p.release.html_url);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('asset-ids', p.assets.map((a) => a.id).join('\n'));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('asset-urls', p.assets.map((a) => a.browser_download_url).join('\n'));
}
function setOutputs(taken) {
    const { manifest } = taken;
    const d = taken.details ?? {};
    if (d['releaseId'] !== undefined) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('size', String(d['size'] ?? ''));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('manifest', JSON.stringify(manifest));
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('artifact-id', String(d['artifactId'] ?? taken.generation));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('artifact-url', String(d['url'] ?? taken.location));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('artifact-digest', String(d['digest'] ?? ''));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('size', String(d['size'] ?? ''));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('manifest', JSON.stringify(manifest));
}
async function writeSummary(inputs, taken) {
    if (!process.env['GITHUB_STEP_SUMMARY'])
        return;
    const { manifest } = taken;
    const rows = manifest.databases.map((e) => [
        (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(e.source),
        (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(`${e.method} (${e.copy})${e.recovery ? (e.recovery.kind === 'wal' ? ', WAL replayed (crash recovery)' : ', hot journal rolled back (crash recovery)') : ''}`),
        `${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(e.rawSize)} → ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(e.storedSize)} ${e.compression} (${(0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .ratio */ .CG)(e.rawSize, e.storedSize)})`,
        String(Object.keys(e.tables).length),
        String((0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .rowCount */ .oW)(e)),
        (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)((0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .integrityText */ .Np)(e)),
        e.rawSha256 ? `<code>${e.rawSha256}</code>` : 'not recorded',
    ]);
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading(`SQLite snapshot: ${(0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(inputs.name)}`, 3)
        .addTable([
        ['Database', 'Method', 'Raw → stored', 'Tables', 'Rows', 'Integrity', 'sha256'].map((data) => ({ data, header: true })),
        ...rows,
    ])
        .addRaw(inputs.release
        ? `Release <a href="${(0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(taken.location)}">${(0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(taken.generation ?? '')}</a> (id ${(0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(String(taken.details?.['releaseId'] ?? ''))}, ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(Number(taken.details?.['size'] ?? 0))} in its assets)`
        : `Artifact <a href="${(0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(taken.location)}">${(0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(inputs.name)}</a> (id ${(0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(taken.generation ?? '')}, ${(0,_engine_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(Number(taken.details?.['size'] ?? 0))})`, true)
        .write();
}
await (0,_run_js__WEBPACK_IMPORTED_MODULE_6__/* .runAction */ .C)(main);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 91203:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ expandPatterns)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _engine_common_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4933);



const GLOB_CHARS = /[*?[\]{}]/;
/** A glob like data/* also matches SQLite's side files and our own temp files: those are never databases. */
const NOT_A_DATABASE = /(-wal|-shm|-journal)$/;
/**
 * Expands the `path` input as upload-artifact does: one pattern per line, globs allowed, a
 * leading `!` excludes. Results are sorted so that a snapshot's entry order does not depend on
 * the file system's directory order.
 */
async function expandPatterns(patterns, cwd) {
    const includes = patterns.filter((p) => !p.startsWith('!'));
    const excludes = patterns.filter((p) => p.startsWith('!')).map((p) => toPosix(p.slice(1)));
    const found = new Set();
    const unmatched = [];
    for (const pattern of includes) {
        const before = found.size;
        const matches = [];
        if (GLOB_CHARS.test(pattern)) {
            for await (const m of node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.glob(toPosix(pattern), { cwd, exclude: excludes })) {
                const abs = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(cwd, m);
                const base = node_path__WEBPACK_IMPORTED_MODULE_1__.basename(abs);
                if (NOT_A_DATABASE.test(base) || base.endsWith(_engine_common_files_js__WEBPACK_IMPORTED_MODULE_2__/* .TEMP_SUFFIX */ .j3))
                    continue;
                if ((await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(abs).catch(() => undefined))?.isFile())
                    matches.push(abs);
            }
        }
        else {
            const abs = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(cwd, pattern);
            if ((await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(abs).catch(() => undefined)) !== undefined)
                matches.push(abs);
        }
        for (const m of matches.sort())
            found.add(m);
        if (found.size === before && matches.length === 0)
            unmatched.push(pattern);
    }
    const files = [...found].map((abs) => {
        const rel = node_path__WEBPACK_IMPORTED_MODULE_1__.relative(cwd, abs);
        return rel !== '' && !rel.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(rel) ? rel : abs;
    });
    return { files, unmatched };
}
function toPosix(p) {
    return p.replace(/\\/g, '/');
}


/***/ }),

/***/ 86714:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ loggedUpload)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87925);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87058);



/**
 * The store with each upload in a log group of its own, timed: snapshot() publishes inside, and
 * the step still logs each database before the upload starts (a failed upload still shows what
 * was taken), then how long the snapshot and the upload each took. `ready`: checks the upload
 * needs, awaited before anything is logged.
 */
function loggedUpload(store, title, onCommitted, ready) {
    return {
        description: store.description,
        open: (name, select) => store.open(name, select),
        list: (name) => store.list(name),
        begin: async (name) => {
            const staging = await store.begin(name);
            const t0 = performance.now();
            return {
                dir: staging.dir,
                ...(staging.scratch !== undefined ? { scratch: staging.scratch } : {}),
                ...(staging.onStoredFile ? { onStoredFile: staging.onStoredFile.bind(staging) } : {}),
                ...(staging.checkAfterCopy !== undefined ? { checkAfterCopy: staging.checkAfterCopy } : {}),
                abort: () => staging.abort(),
                commit: async () => {
                    const snapMs = performance.now() - t0;
                    // Checks that ran beside the snapshot: refused, nothing is logged as taken.
                    await ready;
                    for (const e of (await (0,_engine_manifest_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .readManifest */ .WI)(staging.dir)).databases)
                        await (0,_report_js__WEBPACK_IMPORTED_MODULE_2__/* .logEntry */ .JN)(e);
                    const t1 = performance.now();
                    const published = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(title, () => staging.commit());
                    onCommitted({ snapMs, upMs: performance.now() - t1 });
                    return published;
                },
            };
        },
    };
}


/***/ })

};

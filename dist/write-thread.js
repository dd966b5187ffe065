import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 854:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Sw: () => (/* binding */ slicedWriter),
/* harmony export */   wy: () => (/* binding */ SYNC_EVERY)
/* harmony export */ });
/* unused harmony exports SLICE, newFileWriter */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);

/** One write call's most: buffered writes of 1 MiB or more often cost 1-2 s of extra system time per GiB on this project's benchmark VM (dd bs=1M shows it, bs=256K almost never; bench/README.md). */
const SLICE = 256 * 1024;
/** Written bytes between flushes on libuv's pool, so the final fsync has little left to do. */
const SYNC_EVERY = 128 * 1024 * 1024;
/**
 * How every thread that writes a new file writes it (copy and write threads): synchronous calls in
 * 256 KiB slices, and every 128 MiB the part written so far flushed on libuv's pool while writing
 * goes on.
 */
function slicedWriter(fd, io = node_fs__WEBPACK_IMPORTED_MODULE_0__, syncEvery = SYNC_EVERY) {
    const syncs = [];
    let synced = 0;
    return {
        write(buf, position) {
            for (let w = 0; w < buf.length;)
                w += io.writeSync(fd, buf, w, Math.min(SLICE, buf.length - w), position + w);
            const end = position + buf.length;
            if (end - synced >= syncEvery) {
                synced = end;
                syncs.push(new Promise((resolve) => io.fdatasync(fd, resolve)));
            }
        },
        async settle() {
            const err = (await Promise.all(syncs)).find((e) => e);
            if (err)
                throw err;
        },
    };
}
/** Where O_DIRECT exists (Linux): 0 elsewhere. */
const O_DIRECT = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_DIRECT ?? 0;
const NO_DIRECT_IO = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP']);
/** What a direct write must be a multiple of, in position and length: the largest logical block size in common use. */
const DIRECT_ALIGN = 4096;
/**
 * Writes a new file (created exclusively, like 'wx') for a whole-file copy: through the page cache
 * in 256 KiB slices, as `cp` writes, or with `direct` (Linux), opened with O_DIRECT: the data go
 * from our buffers to the device, with no copy into the page cache. Which is faster depends on
 * the machine. On this project's benchmark VM in R12 the page cache was the dearest part of an
 * uncompressed snapshot (`dd` of 1 GiB: 1.1-2.5 s of system time through it, 0.3 s with
 * oflag=direct), so copies wrote directly; in R15 the same VM wrote 1 GiB with `dd oflag=direct
 * bs=4M` + sync in 1.45-1.60 s and with `dd bs=256K` + sync in 0.95-1.04 s, as fast as `cp` +
 * sync, and the default uncompressed snapshot took 2.16-2.55 s direct against 1.89-2.18 s through
 * the page cache. The baseline a copy is held to is `cp` + fsync, which goes through the page
 * cache, so copies do too: they then fare as `cp` fares. The caller fsyncs the file at the end
 * either way.
 *
 * O_DIRECT needs aligned buffers, offsets and lengths: the caller passes page-aligned buffers
 * (ring.ts), and anything unaligned (a last chunk that is not a whole number of 4 KiB blocks, a
 * buffer from elsewhere) or refused (EINVAL: a file system without direct I/O) is written through
 * a second, ordinary descriptor of the same file, from then on.
 */
function newFileWriter(file, direct = false, syncEvery = SYNC_EVERY) {
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL;
    let directFd;
    if (direct && O_DIRECT !== 0) {
        try {
            directFd = fs.openSync(file, flags | O_DIRECT, 0o666);
        }
        catch (err) {
            // EINVAL: the file system has no direct I/O (so say tmpfs before Linux 6.6, FUSE, some network file systems).
            if (!NO_DIRECT_IO.has(err.code ?? ''))
                throw err;
        }
    }
    // The ordinary descriptor: the only one without O_DIRECT, else opened once the first write needs it.
    let buffered;
    let bufferedFd;
    if (directFd === undefined) {
        // Without O_EXCL after a refused direct open: that open got past the existence check (else
        // EEXIST), and some kernels refuse O_DIRECT only after creating the file.
        bufferedFd = fs.openSync(file, direct && O_DIRECT !== 0 ? fs.constants.O_WRONLY | fs.constants.O_CREAT : flags, 0o666);
        buffered = slicedWriter(bufferedFd, fs, syncEvery);
    }
    let goesDirect = directFd !== undefined;
    const toBuffered = () => {
        if (!buffered) {
            bufferedFd = fs.openSync(file, fs.constants.O_WRONLY);
            buffered = slicedWriter(bufferedFd, fs, syncEvery);
            goesDirect = false;
        }
        return buffered;
    };
    const canGoDirect = (buf, position) => goesDirect && directFd !== undefined && buf.length % DIRECT_ALIGN === 0 && position % DIRECT_ALIGN === 0;
    return {
        get direct() {
            return goesDirect;
        },
        writeAsync(buf, position) {
            if (!canGoDirect(buf, position)) {
                this.write(buf, position);
                return Promise.resolve();
            }
            const fd = directFd;
            return new Promise((resolve, reject) => {
                // The rest through the ordinary descriptor: after a short write, or when refused.
                const rest = (from) => {
                    try {
                        toBuffered().write(buf.subarray(from), position + from);
                        resolve();
                    }
                    catch (err) {
                        reject(err);
                    }
                };
                const step = (w) => fs.write(fd, buf, w, buf.length - w, position + w, (err, n) => {
                    if (err)
                        return err.code === 'EINVAL' ? rest(w) : reject(err);
                    if (n === 0 || n % DIRECT_ALIGN !== 0)
                        return rest(w + n);
                    if (w + n < buf.length)
                        step(w + n);
                    else
                        resolve();
                });
                step(0);
            });
        },
        write(buf, position) {
            if (canGoDirect(buf, position)) {
                try {
                    for (let w = 0; w < buf.length;) {
                        const n = fs.writeSync(directFd, buf, w, buf.length - w, position + w);
                        // A short direct write leaves the rest unaligned as often as not: finished below.
                        if (n === 0 || n % DIRECT_ALIGN !== 0) {
                            toBuffered().write(buf.subarray(w + n), position + w + n);
                            return;
                        }
                        w += n;
                    }
                    return;
                }
                catch (err) {
                    // Refused (misaligned buffer memory, or no direct I/O here): written again below, whole.
                    if (err.code !== 'EINVAL')
                        throw err;
                }
            }
            toBuffered().write(buf, position);
        },
        async settle() {
            await buffered?.settle();
        },
        close() {
            if (directFd !== undefined)
                fs.closeSync(directFd);
            if (bufferedFd !== undefined)
                fs.closeSync(bufferedFd);
        },
    };
}


/***/ }),

/***/ 626:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Oh: () => (/* binding */ port),
  e_: () => (/* binding */ threadJob),
  iz: () => (/* binding */ toThreadError)
});

// UNUSED EXPORTS: fromThreadError

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./lib/engine/threads/thread-job.js

/**
 * Thread-side half of start.ts. A thread started for a job gets it as `workerData`; a warm one
 * (started before the job was known) gets it as the first message, `{ job }`.
 */
function threadJob() {
    if (external_node_worker_threads_namespaceObject.workerData !== null && external_node_worker_threads_namespaceObject.workerData !== undefined)
        return Promise.resolve(external_node_worker_threads_namespaceObject.workerData);
    return new Promise((resolve) => port().once('message', (m) => resolve(m.job)));
}
/** The port to the thread that started this one; there is always one in a thread module. */
function port() {
    if (!external_node_worker_threads_namespaceObject.parentPort)
        throw new Error('a thread module was run as a program; it only runs as a worker thread (engine/threads/start.ts)');
    return external_node_worker_threads_namespaceObject.parentPort;
}
function toThreadError(err) {
    const e = err;
    return { message: String(e?.message ?? err), ...(e?.code ? { code: e.code } : {}), ...(e?.syscall ? { syscall: e.syscall } : {}) };
}
function fromThreadError(e) {
    return Object.assign(new Error(e.message), { code: e.code, syscall: e.syscall });
}


/***/ }),

/***/ 732:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(24);
/* harmony import */ var _sliced_writer_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(854);
/* harmony import */ var _thread_job_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(626);
/**
 * The write thread (started by threads/hashing-writer.ts): writes a new file from buffers handed
 * over without a copy (and, if asked, hashes them), so the thread that hands them over (a decoder)
 * never waits on the disk. Each buffer's memory is freed as soon as it is written
 * (ArrayBuffer.transfer), not at a later GC.
 *
 * Messages in: { buffer, offset, length } per buffer, then { end: true }. Out: { written } per
 * buffer, { done, sha256 } at the end, or { error } once (later buffers are ignored).
 */




const job = await (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_3__/* .threadJob */ .e_)();
const parent = (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_3__/* .port */ .Oh)();
const hash = job.hash ? node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash('sha256') : undefined;
const out = job.file === null ? undefined : node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync(job.file, 'wx');
const writer = out === undefined ? undefined : (0,_sliced_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .slicedWriter */ .Sw)(out, node_fs__WEBPACK_IMPORTED_MODULE_1__, job.durable ? _sliced_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .SYNC_EVERY */ .wy : Number.POSITIVE_INFINITY);
let written = 0;
let failed = false;
parent.on('message', async (m) => {
    if (failed)
        return;
    try {
        if (m.end) {
            await writer?.settle();
            if (out !== undefined)
                node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync(out);
            parent.postMessage({ done: written, sha256: hash ? hash.digest('hex') : '' });
            parent.close();
            return;
        }
        const buf = Buffer.from(m.buffer, m.offset, m.length);
        hash?.update(buf);
        writer?.write(buf, written);
        written += buf.length;
        m.buffer.transfer(0);
        parent.postMessage({ written });
    }
    catch (err) {
        failed = true;
        try {
            if (out !== undefined)
                node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync(out);
        }
        catch {
            /* already closed after a failed end */
        }
        parent.postMessage({ error: (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_3__/* .toThreadError */ .iz)(err) });
    }
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(732);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

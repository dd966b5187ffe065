import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

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

/***/ 505:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  n: () => (/* binding */ postFile)
});

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
;// CONCATENATED MODULE: ./lib/store/github/releases/http-module.js

/**
 * node:http or node:https, loaded through require rather than an ES module import: the import
 * builds the module's ESM facade by reading every export, and Node 24's `http.WebSocket` getter
 * then loads Node's own undici. That took ~25 ms of every CLI command's start (lib/ is ES modules),
 * release or not: importing the snapshot command 110-122 ms against 86-93 ms. The Action's
 * bundle loads builtins through require already.
 */
const load = (0,external_node_module_namespaceObject.createRequire)(import.meta.url);
function httpModule(url) {
    return url.protocol === 'https:' ? load('node:https') : load('node:http');
}

;// CONCATENATED MODULE: ./lib/store/github/releases/post-file.js


/**
 * Sends the range and reads the answer. The file is opened before this returns (a caller may
 * rename it right after), and closed when the answer is in, not before its last read.
 */
function postFile(job) {
    const url = new URL(job.url);
    const lib = httpModule(url);
    const fd = openFirst(job.names);
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
        // Closed by destroy() below in every case: it waits for a read still running, as closing the
        // descriptor ourselves would not.
        const src = (0,external_node_fs_namespaceObject.createReadStream)('', { fd, start: job.start, end: job.start + job.size - 1, autoClose: false, highWaterMark: 1 << 20 });
        const fail = (err) => {
            src.destroy();
            reject(err instanceof Error ? err : new Error(String(err)));
        };
        const req = lib.request(url, { method: 'POST', headers: job.headers }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('error', fail);
            res.on('end', () => {
                src.destroy();
                resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 });
            });
        });
        req.on('error', fail);
        src.on('error', (err) => req.destroy(err));
        src.pipe(req);
    });
}
function openFirst(names) {
    for (const [i, name] of names.entries()) {
        try {
            return (0,external_node_fs_namespaceObject.openSync)(name, 'r');
        }
        catch (err) {
            if (err.code !== 'ENOENT' || i === names.length - 1)
                throw err;
        }
    }
    throw new Error('postFile: no file named');
}


/***/ }),

/***/ 544:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _engine_threads_thread_job_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(626);
/* harmony import */ var _post_file_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(505);
/**
 * One asset upload on a thread of its own (client.ts, uploadOnce): its bytes keep flowing while the
 * thread that started it is busy, as the main thread is while SQLite checks the snapshot whose
 * stored file this is (SnapshotOptions.checkAfterCopy). Job: a PostFile; answer: { answer } or { error }.
 */


const job = await (0,_engine_threads_thread_job_js__WEBPACK_IMPORTED_MODULE_0__/* .threadJob */ .e_)();
try {
    (0,_engine_threads_thread_job_js__WEBPACK_IMPORTED_MODULE_0__/* .port */ .Oh)().postMessage({ answer: await (0,_post_file_js__WEBPACK_IMPORTED_MODULE_1__/* .postFile */ .n)(job) });
}
catch (err) {
    (0,_engine_threads_thread_job_js__WEBPACK_IMPORTED_MODULE_0__/* .port */ .Oh)().postMessage({ error: (0,_engine_threads_thread_job_js__WEBPACK_IMPORTED_MODULE_0__/* .toThreadError */ .iz)(err) });
}
// The connection may linger in the agent's pool; nothing else is left for this thread.
process.exit(0);

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
/******/ var __webpack_exports__ = __nccwpck_require__(544);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 647:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var _ring_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(532);
/* harmony import */ var _thread_job_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(626);
/**
 * The other half of an uncompressed copy (copy-thread.ts): hashes each ring slot the copy thread
 * fills, in order, and frees it again. sha256 (~0.55 s per GiB here) is the slowest part of the
 * copy, so it gets a thread of its own. Job: RingBuffers and the chunk size; answer: { sha256 }.
 */



const job = await (0,_thread_job_js__WEBPACK_IMPORTED_MODULE_1__/* .threadJob */ .e_)();
const ring = new _ring_js__WEBPACK_IMPORTED_MODULE_2__/* .Ring */ .Jn(job, job.chunk);
const hash = node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash('sha256');
for (let slot = 0;; slot = (slot + 1) % ring.slots) {
    const buf = ring.receive(slot);
    if (buf === 'stopped')
        process.exit(0);
    if (buf === undefined)
        break;
    hash.update(buf);
    ring.release(slot);
}
(0,_thread_job_js__WEBPACK_IMPORTED_MODULE_1__/* .port */ .Oh)().postMessage({ sha256: hash.digest('hex') });

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 532:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Jn: () => (/* binding */ Ring)
/* harmony export */ });
/* unused harmony exports FREE, FILLED, END, RING_SLOTS, createRing, alignedSharedBuffer, stopRing */
/**
 * The hand-over between the copy thread (producer: reads a chunk into a slot) and the hash thread
 * (consumer: hashes the slot and frees it) of an uncompressed copy: a ring of shared chunk buffers,
 * each slot's state in a shared Int32Array, passed with Atomics. ctl[slot] is the slot's state,
 * ctl[slots + slot] its byte count, ctl[2 * slots] is set to stop both sides.
 */
const FREE = 0;
const FILLED = 1;
const END = 2;
/** Slots: enough that neither thread waits on the other's jitter. */
const RING_SLOTS = 4;
/** Waits are bounded, so a stop request is seen even if the other thread is gone. */
const WAIT_MS = 100;
function createRing(chunk, slots = RING_SLOTS) {
    return { ring: alignedSharedBuffer(slots * chunk), ctl: new SharedArrayBuffer(4 * (2 * slots + 1)) };
}
const WASM_PAGE = (/* unused pure expression or super */ null && (64 * 1024));
/**
 * Shared memory that starts on a page boundary, so the copy thread can write the slots with
 * O_DIRECT (sliced-writer.ts newFileWriter). A large SharedArrayBuffer comes from malloc, 16 bytes
 * past a page; a shared WebAssembly.Memory is mapped by V8 itself, page-aligned, and its buffer is
 * a SharedArrayBuffer like any other. Where that fails (no WebAssembly, a memory limit) the
 * plain buffer still works: the writer then falls back to ordinary writes.
 */
function alignedSharedBuffer(bytes) {
    if (bytes % WASM_PAGE === 0) {
        try {
            const pages = bytes / WASM_PAGE;
            return new globalThis.WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }).buffer;
        }
        catch {
            /* below */
        }
    }
    return new SharedArrayBuffer(bytes);
}
/** Wakes whichever side waits on the other; each then stops at its next check. */
function stopRing(buffers) {
    const ctl = new Int32Array(buffers.ctl);
    Atomics.store(ctl, ctl.length - 1, 1);
}
class Ring {
    slots;
    ring;
    ctl;
    chunk;
    stop;
    constructor(buffers, chunk) {
        this.ring = Buffer.from(buffers.ring);
        this.ctl = new Int32Array(buffers.ctl);
        this.chunk = chunk;
        this.slots = this.ring.length / chunk;
        this.stop = this.ctl.length - 1;
    }
    stopped() {
        return Atomics.load(this.ctl, this.stop) !== 0;
    }
    /** Producer: waits until `slot` is free, then returns its buffer cut to `length`; throws once stopped. */
    take(slot, length) {
        while (Atomics.wait(this.ctl, slot, FILLED, WAIT_MS) !== 'not-equal') {
            if (this.stopped())
                throw new Error('copy stopped');
        }
        return this.ring.subarray(slot * this.chunk, slot * this.chunk + length);
    }
    /** Producer: hands `slot`, holding `length` bytes, to the consumer. */
    fill(slot, length) {
        this.ctl[this.slots + slot] = length;
        Atomics.store(this.ctl, slot, FILLED);
        Atomics.notify(this.ctl, slot);
    }
    /** Producer: after every chunk, the next slot (once free) tells the consumer there is no more. */
    end(slot) {
        this.take(slot, 0);
        Atomics.store(this.ctl, slot, END);
        Atomics.notify(this.ctl, slot);
    }
    /** Consumer: waits for `slot`; its bytes, or undefined at the end; 'stopped' once stopped. */
    receive(slot) {
        while (Atomics.wait(this.ctl, slot, FREE, WAIT_MS) !== 'not-equal') {
            if (this.stopped())
                return 'stopped';
        }
        if (Atomics.load(this.ctl, slot) === END)
            return undefined;
        return this.ring.subarray(slot * this.chunk, slot * this.chunk + this.ctl[this.slots + slot]);
    }
    /** Consumer: done with `slot`; the producer may fill it again. */
    release(slot) {
        Atomics.store(this.ctl, slot, FREE);
        Atomics.notify(this.ctl, slot);
    }
}


/***/ }),

/***/ 626:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Oh: () => (/* binding */ port),
  e_: () => (/* binding */ threadJob)
});

// UNUSED EXPORTS: fromThreadError, toThreadError

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
/******/ var __webpack_exports__ = __nccwpck_require__(647);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

/**
 * Preloaded into a step (NODE_OPTIONS=--import=<this file>, TRACE_LOADS=<log file>): appends the URL
 * of every module the step loads, imported or required, one per line, and at exit Node's own
 * modules it compiled (`node:internal/…`, from process.moduleLoadList). Lets a test see which parts
 * of dist/ a step compiled, and whether it paid for Node's fetch (its undici). Each worker thread
 * the step starts is logged as `worker <its module's URL>`, in order with the loads.
 */
import { appendFileSync } from 'node:fs';
import { registerHooks, syncBuiltinESMExports } from 'node:module';
import threads from 'node:worker_threads';

const log = process.env['TRACE_LOADS'];
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
  const Started = threads.Worker;
  threads.Worker = class extends Started {
    constructor(url: string | URL, options?: threads.WorkerOptions) {
      appendFileSync(log as string, `worker ${String(url)}\n`);
      super(url, options);
    }
  };
  syncBuiltinESMExports();
  process.on('exit', () => {
    // Undocumented, so not in @types/node: the names of the internal modules this process compiled.
    const loaded = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
    const internal = loaded.filter((m) => m.startsWith('NativeModule internal/')).map((m) => `node:${m.slice('NativeModule '.length)}`);
    appendFileSync(log, `${internal.join('\n')}\n`);
  });
}

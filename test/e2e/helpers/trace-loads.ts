/**
 * Preloaded into a step (NODE_OPTIONS=--import=<this file>, TRACE_LOADS=<log file>): appends the URL
 * of every module the step loads, imported or required, one per line. Lets a test see which parts of
 * dist/ a step compiled.
 */
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const log = process.env['TRACE_LOADS'];
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}

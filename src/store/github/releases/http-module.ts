import { createRequire } from 'node:module';
import type * as Http from 'node:http';
import type * as Https from 'node:https';

/**
 * node:http or node:https, loaded through require rather than an ES module import: the import
 * builds the module's ESM facade by reading every export, and Node 24's `http.WebSocket` getter
 * then loads Node's own undici. That took ~25 ms of every CLI command's start (lib/ is ES modules),
 * release or not: importing the snapshot command 110-122 ms against 86-93 ms. The Action's
 * bundle loads builtins through require already.
 */
const load = createRequire(import.meta.url);

export function httpModule(url: URL): typeof Http | typeof Https {
  return url.protocol === 'https:' ? (load('node:https') as typeof Https) : (load('node:http') as typeof Http);
}

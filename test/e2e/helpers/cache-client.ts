import * as cache from '@actions/cache';

/**
 * The real @actions/cache, run as its own process the way an action runs it (a step's env, cwd
 * = the workspace): `node cache-client.ts '<json>'` with {op: save|restore, paths, key,
 * restoreKeys}. Prints `RESULT <json>` last: the cache id saveCache returned, or the key
 * restoreCache matched (null on a miss).
 */
interface Call {
  op: 'save' | 'restore';
  paths: string[];
  key: string;
  restoreKeys?: string[];
}

const call = JSON.parse(process.argv[2] ?? '{}') as Call;
const result = call.op === 'save' ? await cache.saveCache(call.paths, call.key) : ((await cache.restoreCache(call.paths, call.key, call.restoreKeys ?? [])) ?? null);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
// A failed download can leave the client's timers running.
process.exit(0);

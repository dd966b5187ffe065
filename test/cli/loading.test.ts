import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { ROOT } from '../helpers/db.ts';

/** What a fresh Node process has loaded once it imported `module` (from lib/, as the installed CLI runs). */
function loadedBy(module: string): string[] {
  const url = pathToFileURL(path.join(ROOT, 'lib', module)).href;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(url)}); console.log(JSON.stringify(process.moduleLoadList))`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '[]') as string[];
}

test("loading the CLI's commands loads no undici: node:http comes through require, whose ESM facade would read http.WebSocket", () => {
  for (const m of ['cli/commands/snapshot.js', 'cli/commands/restore.js', 'api/index.js']) {
    const loaded = loadedBy(m);
    assert.ok(loaded.includes('NativeModule zlib'), `${m}: the engine was loaded (${loaded.length} entries)`);
    assert.deepEqual(
      loaded.filter((l) => /undici/.test(l)),
      [],
      `${m} loads Node's undici (~25 ms of every command's start)`,
    );
  }
});

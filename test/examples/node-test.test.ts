// examples/node-test as its README runs it: node --test with its global setup, two test files at
// once. The first run builds the fixture and keeps it as a seed; the second only restores it. The
// example imports 'sqlite-snapshot' by name, which resolves to this package's built lib/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { list } from '../../src/api/index.ts';
import { ROOT, tempDir } from '../helpers/db.ts';

const EXAMPLE = path.join(ROOT, 'examples', 'node-test');

function runExample(env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  // Not the outer runner's child protocol: the inner `node --test` reports as it would to a person.
  const { NODE_TEST_CONTEXT: _inner, ...clean } = process.env;
  const args = ['--test', '--test-concurrency=2', `--test-global-setup=${path.join(EXAMPLE, 'global-setup.ts')}`, path.join(EXAMPLE, '*.test.ts')];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

test('examples/node-test: the first run builds and keeps the seed, the next restores it, each test file gets its own database', { timeout: 300_000 }, async (t) => {
  assert.ok(existsSync(path.join(ROOT, 'lib', 'api', 'index.js')), 'lib/ is built (npm run build): the example imports the package');
  const dir = tempDir(t);
  const store = path.join(dir, 'store');
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp);
  const env = { EXAMPLE_SEED_STORE: store, EXAMPLE_SEED_MIB: '2', TMPDIR: tmp };

  const first = await runExample(env);
  assert.equal(first.code, 0, first.out);
  assert.match(first.out, /global setup: built the fixture, saved it as a seed, and restored it \(2 MiB\) into 2 databases/);
  assert.match(first.out, /ℹ pass 2\n/);
  assert.match(first.out, /ℹ fail 0\n/);
  const seeds = (await list({ store })).generations;
  assert.equal(seeds.length, 1);
  assert.equal(seeds[0]?.verified?.ok, true, 'the seed was verified before it was kept');

  const second = await runExample(env);
  assert.equal(second.code, 0, second.out);
  assert.match(second.out, /global setup: restored the seed \(2 MiB\) into 2 databases/);
  assert.match(second.out, /ℹ pass 2\n/);
  assert.deepEqual((await list({ store })).generations.map((g) => g.generation), [seeds[0]?.generation], 'nothing built or saved again');
  assert.deepEqual(readdirSync(tmp), [], 'the global teardown removed the databases and the build directory');
});

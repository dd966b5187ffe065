/**
 * What a restore may touch: the target path and nothing else (no temp dir, no sibling, nothing
 * through a symbolic link), and the permissions a restored file gets.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { CLI, runCli, sha256File, tempDir, type CliResult } from '../helpers/db.ts';
import { EXIT, assertRefused, assertSameTree, makeSmallDb, treeState, walFrames } from './harness.ts';

let fixture: string;
before(async () => {
  fixture = tempDir({ after: (fn) => process.on('exit', fn) }, 'sqlite-snapshot-fixture-');
  makeSmallDb(path.join(fixture, 'app.db'), 100);
  const r = await runCli(['snapshot', path.join(fixture, 'app.db'), '--store', path.join(fixture, 'store'), '--name', 'one', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
});

const restoreArgs = (to: string): string[] => ['restore', '--store', path.join(fixture, 'store'), '--name', 'one', '--to', to, '--quiet'];

/** Runs the CLI under a given umask (through sh, since node cannot set a child's umask). */
function runWithUmask(umask: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const proc = spawn('sh', ['-c', `umask ${umask} && exec ${quoted}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

for (const [before, after] of [
  [0o600, 0o600],
  [0o640, 0o640],
  [0o664, 0o664],
  [0o666, 0o664],
  [0o777, 0o775],
] as const) {
  test(`a replaced ${before.toString(8)} file comes back ${after.toString(8)} (never world-writable)`, async (t) => {
    const dir = tempDir(t);
    const target = path.join(dir, 'app.db');
    makeSmallDb(target, 10);
    chmodSync(target, before);
    const r = await runWithUmask('000', restoreArgs(target));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(target).mode & 0o7777, after);
  });
}

for (const umask of ['000', '077']) {
  test(`a new file is 0644 whatever the umask (${umask})`, async (t) => {
    const dir = tempDir(t);
    const target = path.join(dir, 'new.db');
    const r = await runWithUmask(umask, restoreArgs(target));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(target).mode & 0o7777, 0o644);
  });
}

test('a restore writes the target and nothing else: no sibling, no temp directory, no store change', async (t) => {
  const dir = tempDir(t);
  const targetDir = path.join(dir, 'data');
  mkdirSync(targetDir);
  makeSmallDb(path.join(targetDir, 'app.db'), 10);
  makeSmallDb(path.join(targetDir, 'neighbour.db'), 10);
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp);
  const storeBefore = treeState(path.join(fixture, 'store'));
  const before = treeState(dir);
  const r = await runWithUmask('022', restoreArgs(path.join(targetDir, 'app.db')), { TMPDIR: tmp });
  assert.equal(r.code, 0, r.stderr);
  const after = treeState(dir);
  after.delete(path.join('data', 'app.db'));
  before.delete(path.join('data', 'app.db'));
  assertSameTree(before, after, 'everything but the target');
  assert.equal(sha256File(path.join(targetDir, 'app.db')), sha256File(path.join(fixture, 'app.db')));
  assertSameTree(storeBefore, treeState(path.join(fixture, 'store')), 'the store');
});

test('a target that is a symbolic link is refused; the file it points to is untouched', async (t) => {
  const dir = tempDir(t);
  const elsewhere = path.join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  const real = path.join(elsewhere, 'real.db');
  // WAL mode with frames: taking the swap lock through the link would rewrite this file.
  makeSmallDb(real, 50, 'wal');
  walFrames(real, 10);
  const link = path.join(dir, 'app.db');
  symlinkSync(real, link);
  const before = treeState(dir);
  const r = await runCli(restoreArgs(link).filter((a) => a !== '--quiet'));
  assertRefused(r, EXIT.badInput, [link, 'symbolic link']);
  assertSameTree(before, treeState(dir), 'the link and what it points to');
});

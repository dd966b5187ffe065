import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ArtifactService } from './helpers/artifact-service.ts';
import { startAzurite, type Azurite } from './helpers/azurite.ts';
import { CacheService, type CacheScope } from './helpers/cache-service.ts';
import { newJob, removeJob, type Job } from './helpers/runner.ts';

/**
 * The cache-service emulator checked against the real client: @actions/cache 6.x in its own
 * process saves and restores through it, with Azurite as the blob store and the real Azure SDK
 * download path (the signed URLs name *.blob.core.windows.net, reached through the proxy).
 */
let azurite: Azurite;
let svc: CacheService;
const runs = new ArtifactService({ accountUrl: '', stop: async () => undefined });
const jobs: Job[] = [];
const clientScript = path.join(import.meta.dirname, 'helpers', 'cache-client.ts');

before(async () => {
  azurite = await startAzurite();
  svc = new CacheService(azurite);
  await svc.start();
});

after(async () => {
  await svc?.stop();
  await azurite?.stop();
  for (const j of jobs) await removeJob(j);
});

async function job(branch = 'main', scopes?: CacheScope[]): Promise<Job> {
  const j = await newJob(runs.newRun({ branch }), scopes);
  jobs.push(j);
  return j;
}

interface ClientRun {
  result: unknown;
  log: string;
}

async function client(j: Job, op: 'save' | 'restore', key: string, restoreKeys: string[] = [], paths = ['data']): Promise<ClientRun> {
  const env = svc.clientEnv(j);
  const child = spawn(process.execPath, [clientScript, JSON.stringify({ op, paths, key, restoreKeys })], { cwd: j.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(code === 0 && line, `client failed (${code}): ${out}`);
  return { result: JSON.parse(line.slice('RESULT '.length)) as unknown, log: out };
}

async function writeData(j: Job, text: string): Promise<void> {
  await fsp.mkdir(path.join(j.workspace, 'data'), { recursive: true });
  await fsp.writeFile(path.join(j.workspace, 'data', 'f.txt'), text);
}

const readData = (j: Job): string => readFileSync(path.join(j.workspace, 'data', 'f.txt'), 'utf8');

describe('cache-service emulator with the real @actions/cache', () => {
  test('save then restore in another job: the bytes come back through the Azure SDK path', async () => {
    const a = await job();
    await writeData(a, 'hello cache');
    const saved = await client(a, 'save', 'k-roundtrip');
    assert.equal(typeof saved.result, 'number');
    assert.ok((saved.result as number) > 0);
    assert.equal(svc.finalized('k-roundtrip').length, 1);
    const b = await job();
    const before = svc.calls.length;
    const restored = await client(b, 'restore', 'k-roundtrip');
    assert.equal(restored.result, 'k-roundtrip');
    assert.equal(readData(b), 'hello cache');
    const blobCalls = svc.calls.slice(before).filter((c) => c.startsWith('blob '));
    // The SDK path: a HEAD for the size, then ranged GETs; a plain download would be one GET.
    assert.ok(blobCalls.includes('blob HEAD'), `the Azure SDK download path was taken: ${blobCalls.join(', ')}`);
    assert.ok(!svc.calls.some((c) => c.startsWith('proxy refused')), 'nothing but the blob host went through the proxy');
  });

  test('a second reservation of a key is refused (409) and the client logs it as info; saveCache returns -1', async () => {
    const a = await job();
    await writeData(a, 'first');
    assert.ok(((await client(a, 'save', 'k-twice')).result as number) > 0);
    const b = await job();
    await writeData(b, 'second');
    const second = await client(b, 'save', 'k-twice');
    assert.equal(second.result, -1);
    assert.match(second.log, /Unable to reserve cache with key k-twice, another job may be creating this cache/);
    assert.doesNotMatch(second.log, /::warning::/);
    const c = await job();
    await client(c, 'restore', 'k-twice');
    assert.equal(readData(c), 'first', 'the first save stands');
  });

  test('matching: exact key, then the key and each restore key as prefixes, newest wins; a miss restores nothing', async () => {
    const a = await job();
    for (const [k, text] of [['m-1', 'one'], ['m-2', 'two'], ['n-1', 'n one']]) {
      await writeData(a, text as string);
      await client(a, 'save', k as string);
    }
    const b = await job();
    assert.equal((await client(b, 'restore', 'm-1')).result, 'm-1', 'exact beats a newer prefix match');
    assert.equal(readData(b), 'one');
    assert.equal((await client(b, 'restore', 'm-')).result, 'm-2', 'the key itself is tried as a prefix, newest first');
    const viaRestore = await client(b, 'restore', 'x-3', ['x-', 'n-', 'm-']);
    assert.equal(viaRestore.result, 'n-1', 'restore keys in order');
    assert.match(viaRestore.log, /Cache hit for restore-key: n-1/);
    const miss = await client(b, 'restore', 'zzz', ['yyy']);
    assert.equal(miss.result, null);
  });

  test('the version must match: other paths are another entry', async () => {
    const a = await job();
    await writeData(a, 'v');
    await client(a, 'save', 'k-version');
    const b = await job();
    assert.equal((await client(b, 'restore', 'k-version', [], ['data/f.txt'])).result, null);
  });

  test('scopes: a branch reads its own entries, then main; a pull request reads its base; writes go to the own scope only', async () => {
    const main = await job('main');
    await writeData(main, 'from main');
    await client(main, 'save', 'k-scope');
    const feature = await job('feature');
    await client(feature, 'restore', 'k-scope');
    assert.equal(readData(feature), 'from main');
    await writeData(feature, 'from feature');
    assert.ok(((await client(feature, 'save', 'k-scope')).result as number) > 0, 'the same key in another scope is a new entry');
    const again = await job('feature');
    await client(again, 'restore', 'k-scope');
    assert.equal(readData(again), 'from feature', 'the own scope first');
    const pr = await job('feature', CacheService.prScopes(7));
    await client(pr, 'restore', 'k-scope');
    assert.equal(readData(pr), 'from main', "a pull request reads its base branch, not the head branch's scope");
    const other = await job('other');
    await client(other, 'restore', 'k-scope');
    assert.equal(readData(other), 'from main', "another branch never sees feature's entry");
  });

  test('a corrupted download: the client warns and reports a miss, but what tar extracted stays (why seeds extract privately)', async () => {
    const a = await job();
    await fsp.mkdir(path.join(a.workspace, 'data'), { recursive: true });
    // Incompressible, so the flipped byte lands mid-file in the archive.
    const big = randomBytes(4 << 20);
    await fsp.writeFile(path.join(a.workspace, 'data', 'f.txt'), big);
    await client(a, 'save', 'k-corrupt');
    const b = await job();
    svc.faults.download.push('corrupt');
    const r = await client(b, 'restore', 'k-corrupt');
    assert.equal(r.result, null);
    assert.match(r.log, /::warning::Failed to restore/);
    assert.ok(svc.calls.some((c) => c.startsWith('fault: download corrupt')));
    const left = await fsp.stat(path.join(b.workspace, 'data', 'f.txt')).catch(() => undefined);
    assert.ok(left, 'tar had already written the file when zstd failed');
    assert.ok(left.size <= big.length);
  });
});

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ArtifactService } from './helpers/artifact-service.ts';
import { startAzurite, type Azurite } from './helpers/azurite.ts';
import { CacheService } from './helpers/cache-service.ts';
import { ReleaseService } from './helpers/release-service.ts';
import { assertBundlesBuilt, type Job, type StepResult } from './helpers/runner.ts';
import { Steps, ok, smallDb } from './helpers/steps.ts';

/**
 * What each step compiles: a step loads the parts of dist/ it uses, and the toolkit's heavy parts
 * only when it uses them (scripts/bundle.js, src/store/github/cache.ts, src/action/lazy-undici.ts).
 * Compiling what a step never runs was most of a small seed's start-up.
 */
let azurite: Azurite;
let cache: CacheService;
let artifacts: ArtifactService;
let releases: ReleaseService;
const steps = new Steps();
const TRACER = path.join(import.meta.dirname, 'helpers', 'trace-loads.ts');
const dist = path.resolve(import.meta.dirname, '../../dist');

before(async () => {
  assertBundlesBuilt(['seed', 'snapshot', 'restore']);
  azurite = await startAzurite();
  cache = new CacheService(azurite);
  artifacts = new ArtifactService(azurite);
  await cache.start();
  await artifacts.start();
  releases = await ReleaseService.start();
});

after(async () => {
  await cache?.stop();
  await artifacts?.stop();
  await releases?.close();
  await azurite?.stop();
  await steps.cleanup();
});

/** The dist/ files a step loaded, which of them hold @actions/cache or undici, and whether Node's own fetch was loaded. */
async function traced(run: (env: Record<string, string>) => Promise<StepResult>, j: Job): Promise<{ files: string[]; lines: string[]; holding: (what: RegExp) => string[]; nodeFetch: boolean }> {
  const log = path.join(j.temp, 'loads.log');
  ok(await run({ NODE_OPTIONS: `--import=${TRACER}`, TRACE_LOADS: log }));
  const lines = readFileSync(log, 'utf8').split('\n');
  const files = [...new Set(lines.filter((u) => u.startsWith('file://') && u.includes('/dist/')))].map((u) => path.relative(dist, new URL(u).pathname));
  return { files, lines, holding: (what) => files.filter((f) => what.test(readFileSync(path.join(dist, f), 'utf8'))), nodeFetch: lines.includes(NODE_FETCH) };
}

/** Node's fetch, compiled on its first call (~40 ms of a step's start here). */
const NODE_FETCH = 'node:internal/deps/undici/undici';

const CACHE_CLIENT = /CONCATENATED MODULE: \.\/node_modules\/@actions\/cache\//;
const UNDICI = /undici-fetch/;
const ARTIFACT_CLIENT = /CONCATENATED MODULE: \.\/node_modules\/@actions\/artifact\//;
const AZURE_SDK = /\.\/node_modules\/@azure\//;
const RELEASES_CLIENT = /class ReleasesClient/;

describe('what each step loads (dist/ bundles)', () => {
  test('a seed exact hit compiles neither @actions/cache nor undici; a miss loads @actions/cache to save', async () => {
    const a = await steps.job(artifacts.newRun());
    smallDb(path.join(a.workspace, 'data', 'app.db'), 7);
    const seed = (j: Job, inputs: Record<string, string>) => (env: Record<string, string>) => steps.step(cache, j, 'seed', { path: 'data/app.db', ...inputs }, { ...cache.env(), ...env });
    const miss = await traced(seed(a, { key: 'loading-1', run: 'true' }), a);
    assert.ok(miss.holding(CACHE_CLIENT).length > 0, `a miss saves with @actions/cache: ${miss.files.join(', ')}`);
    const b = await steps.job(artifacts.newRun());
    const hit = await traced(seed(b, { key: 'loading-1' }), b);
    assert.deepEqual(hit.holding(CACHE_CLIENT), [], 'an exact hit loads no @actions/cache');
    assert.deepEqual(hit.holding(UNDICI), [], 'nor undici');
    assert.ok(existsSync(path.join(b.workspace, 'data', 'app.db')));
  });

  test('snapshot and restore steps that reach only this run compile no undici; the snapshot step no @actions/artifact, and neither step the Azure SDK', async () => {
    const run = artifacts.newRun();
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'app.db'), 8);
    const snap = await traced((env) => steps.step(artifacts, a, 'snapshot', { path: 'app.db', name: 'loading' }, env), a);
    const b = await steps.job(run);
    const restore = await traced((env) => steps.step(artifacts, b, 'restore', { name: 'loading', path: 'app.db' }, env), b);
    assert.deepEqual(snap.holding(UNDICI), []);
    assert.deepEqual(restore.holding(UNDICI), []);
    // The upload is our own client (store/github/artifact-upload): none of the toolkit's weight.
    assert.deepEqual(snap.holding(ARTIFACT_CLIENT), [], `the snapshot step loads no @actions/artifact: ${snap.files.join(', ')}`);
    assert.deepEqual(snap.holding(AZURE_SDK), [], 'nor the Azure SDK');
    assert.equal(snap.nodeFetch, false, 'nor Node\'s fetch');
    assert.ok(restore.holding(ARTIFACT_CLIENT).length > 0, `the restore step downloads with the toolkit: ${restore.files.join(', ')}`);
    // Its reading half only (store/github/artifact-reader.ts): the upload half brings the Azure SDK.
    assert.deepEqual(restore.holding(AZURE_SDK), [], `the restore step loads no Azure SDK: ${restore.files.join(', ')}`);
    assert.ok(restore.files.includes('lazy-undici.js'), 'the stand-in is what the toolkit imports');
  });

  test('snapshot and restore steps with release: compile no @actions/artifact nor Node\'s fetch; an artifact restore does', async () => {
    releases.addRepo('octo/loading');
    const svc = { ...releases.service(releases.token('octo/loading', 'write')), signatures: [] };
    const run = artifacts.newRun({ repo: 'octo/loading' });
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'app.db'), 9);
    const snap = await traced((env) => steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'loading', release: 'v1.0.0' }, env), a);
    const b = await steps.job(run);
    const restore = await traced((env) => steps.step(svc, b, 'restore', { name: 'loading', path: 'app.db', release: 'v1.0.0' }, env), b);
    assert.deepEqual(snap.holding(ARTIFACT_CLIENT), []);
    assert.deepEqual(restore.holding(ARTIFACT_CLIENT), []);
    assert.equal(snap.nodeFetch, false, 'the release snapshot step loaded Node\'s fetch');
    assert.equal(restore.nodeFetch, false, 'the release restore step loaded Node\'s fetch');
    assert.ok(existsSync(path.join(b.workspace, 'app.db')), 'restored from the release');
    const run2 = artifacts.newRun();
    const c = await steps.job(run2);
    smallDb(path.join(c.workspace, 'app.db'), 10);
    ok(await steps.step(artifacts, c, 'snapshot', { path: 'app.db', name: 'loading' }));
    const d = await steps.job(run2);
    const fromArtifact = await traced((env) => steps.step(artifacts, d, 'restore', { name: 'loading', path: 'app.db' }, env), d);
    assert.ok(fromArtifact.holding(ARTIFACT_CLIENT).length > 0, `an artifact restore loads the toolkit: ${fromArtifact.files.join(', ')}`);
  });

  test('a release snapshot of a database over 4 MiB starts its upload thread before the step\'s modules load, and sends from it; a small one starts none', async () => {
    releases.addRepo('octo/early');
    const svc = { ...releases.service(releases.token('octo/early', 'write')), signatures: [] };
    const run = artifacts.newRun({ repo: 'octo/early' });
    const a = await steps.job(run);
    // ~10 MiB of hex text: stored over 4 MiB, so the upload goes from a thread (client.ts).
    smallDb(path.join(a.workspace, 'app.db'), 11, 45_000);
    const big = await traced((env) => steps.step(svc, a, 'snapshot', { path: 'app.db', name: 'early', release: 'v1.0.0' }, env), a);
    const started = big.lines.flatMap((l, i) => (/^worker .*\/upload-thread\.js$/.test(l) ? [i] : []));
    assert.equal(started.length, 1, `one upload thread, booted early and used: ${big.lines.filter((l) => l.startsWith('worker ')).join(', ')}`);
    const client = big.lines.findIndex((l) => l.includes('/dist/') && big.holding(RELEASES_CLIENT).some((f) => l.endsWith(`/dist/${f}`)));
    assert.ok(client > 0, `the step loaded the releases client: ${big.files.join(', ')}`);
    assert.ok((started[0] as number) < client, 'the upload thread starts before the chunk holding the releases client loads');
    const stored = releases.releases('octo/early').find((r) => r.tag_name === 'v1.0.0')?.assets.find((x) => x.name === 'early.app.db.zst');
    assert.ok(stored && stored.size >= 4 << 20, `the stored file went up from the thread: ${stored?.size}`);

    const b = await steps.job(run);
    smallDb(path.join(b.workspace, 'app.db'), 12);
    const small = await traced((env) => steps.step(svc, b, 'snapshot', { path: 'app.db', name: 'early', release: 'v1.0.1' }, env), b);
    assert.deepEqual(small.lines.filter((l) => l.startsWith('worker ')), [], 'a small database starts no thread');
  });
});

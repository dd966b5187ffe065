/**
 * The seed action against what people do today: actions/cache on the raw database file. Both run
 * as the runner runs an action (a fresh Node process per step, one bundled file), against the same
 * cache-service emulator with Azurite behind it and the real @actions/cache inside:
 *   seed:     dist/seed (npm run bundle first)
 *   baseline: @actions/cache saveCache/restoreCache of data/app.db (test/e2e/helpers/cache-client.ts,
 *             bundled here with ncc as an action would ship it)
 * Cases, interleaved per repetition: exact hit (restore into a fresh job), miss (the database is in
 * place, run is `true`: snapshot or archive, upload), partial hit (restore, one migration on top,
 * save under a new key). Prints medians, ratios and cache entry sizes; asserts nothing about time.
 *   node bench/seed.ts [size=256MiB] [--reps 3]
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite } from '../test/e2e/helpers/azurite.ts';
import { ArtifactService } from '../test/e2e/helpers/artifact-service.ts';
import { CacheService } from '../test/e2e/helpers/cache-service.ts';
import { assertBundlesBuilt, failure, newJob, removeJob, runStep, type Job } from '../test/e2e/helpers/runner.ts';
import { CACHE_CLIENT, bundleClient, runClient } from './clients.ts';
import { BENCH_DIR, generate, parseSize } from './generate.ts';

const args = process.argv.slice(2);
const size = parseSize(args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--reps') ?? '256MiB');
const reps = Number(args[args.indexOf('--reps') + 1] || 3) || 3;
const MIGRATE = path.join(BENCH_DIR, '..', 'test', 'e2e', 'helpers', 'migrate.ts');

assertBundlesBuilt(['seed']);
const gen = generate(size, 1, { log: (s) => console.error(s) });
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-seed-'));
const baseline = await bundleClient(CACHE_CLIENT, scratch);
const azurite = await startAzurite();
const svc = new CacheService(azurite);
await svc.start();
const runs = new ArtifactService({ accountUrl: '', stop: async () => undefined });
const jobs: Job[] = [];

type Case = 'exact hit' | 'miss' | 'partial hit';
const times: Record<'seed' | 'baseline', Record<Case, number[]>> = {
  seed: { 'exact hit': [], miss: [], 'partial hit': [] },
  baseline: { 'exact hit': [], miss: [], 'partial hit': [] },
};

async function job(withDb: boolean): Promise<Job> {
  const j = await newJob(runs.newRun());
  jobs.push(j);
  if (withDb) {
    mkdirSync(path.join(j.workspace, 'data'), { recursive: true });
    copyFileSync(gen.db, path.join(j.workspace, 'data', 'app.db'));
  }
  return j;
}

async function seedStep(j: Job, inputs: Record<string, string>): Promise<number> {
  const r = await runStep(svc, j, 'seed', { path: 'data/app.db', ...inputs }, svc.env());
  if (r.code !== 0) throw new Error(`seed step failed: ${failure(r) || r.stderr}`);
  return r.ms;
}

/** One baseline client process, timed from spawn to exit, as a step would be. */
function baselineStep(j: Job, call: Record<string, unknown>): Promise<number> {
  return runClient(baseline, { paths: ['data/app.db'], ...call }, j.workspace, svc.clientEnv(j));
}

function migrateOnTop(j: Job): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [MIGRATE, 'data/app.db', '1'], { cwd: j.workspace, stdio: 'ignore' });
  return new Promise((r) => child.on('close', () => r(performance.now() - t0)));
}

try {
  console.error(`${gen.bytes} B database, ${reps} repetition(s)`);
  for (let rep = 1; rep <= reps; rep++) {
    const seedKey = `seed-${rep}`;
    const baseKey = `base-${rep}`;
    times.seed.miss.push(await seedStep(await job(true), { key: seedKey, run: 'true' }));
    times.baseline.miss.push(await baselineStep(await job(true), { op: 'save', key: baseKey }));
    times.seed['exact hit'].push(await seedStep(await job(false), { key: seedKey }));
    times.baseline['exact hit'].push(await baselineStep(await job(false), { op: 'restore', key: baseKey }));
    // Partial: a restore key finds the seed, one migration runs on top, the result is saved.
    const run = `${JSON.stringify(process.execPath)} ${JSON.stringify(MIGRATE)} data/app.db 1`;
    times.seed['partial hit'].push(await seedStep(await job(false), { key: `${seedKey}-m1`, 'restore-keys': `${seedKey}`, run }));
    const b = await job(false);
    const restore = await baselineStep(b, { op: 'restore', key: `${baseKey}-m1`, restoreKeys: [baseKey] });
    const migrate = await migrateOnTop(b);
    times.baseline['partial hit'].push(restore + migrate + (await baselineStep(b, { op: 'save', key: `${baseKey}-m1` })));
    for (const j of jobs.splice(0)) await removeJob(j);
    console.error(`repetition ${rep} done`);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const mib = `${(gen.bytes / 1048576).toFixed(0)} MiB`;
  const lines = [`### seed action vs actions/cache on the raw file, ${mib} database (median of ${reps})`, '', '| case | seed | baseline | seed / baseline |', '|---|---|---|---|'];
  for (const c of ['exact hit', 'partial hit', 'miss'] as const) {
    const a = median(times.seed[c]);
    const b = median(times.baseline[c]);
    lines.push(`| ${c} | ${s(a)} | ${s(b)} | ${(a / b).toFixed(2)}× |`);
  }
  const entry = svc.finalized('seed-1')[0]?.size ?? 0;
  const base = svc.finalized('base-1')[0]?.size ?? 0;
  lines.push('', `cache entry: seed ${entry.toLocaleString('en')} B, baseline archive ${base.toLocaleString('en')} B, ratio ${(entry / base).toFixed(4)}×`);
  lines.push(`all runs (ms): ${JSON.stringify(times)}`);
  console.log(lines.join('\n'));
} finally {
  for (const j of jobs) await removeJob(j);
  await svc.stop();
  await azurite.stop();
  rmSync(scratch, { recursive: true, force: true });
}

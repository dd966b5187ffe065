/**
 * Where each Action entry's time goes on a small database: every step run once as the runner runs
 * it (test/e2e/helpers/runner.ts: a fresh process on dist/<entry>/index.js, the runner's
 * environment, the emulated artifact and cache services over Azurite) under `node --cpu-prof`,
 * then each main thread's profile summed by category (bench/cpu-profile.ts) with a timeline.
 * Run `npm run bundle` first. Prints Markdown; asserts nothing.
 *   node bench/step-profile.ts [size=8MiB] [--keep DIR] [--dist DIR]
 * (--keep: leave the .cpuprofile files there; --dist: another build's bundles, e.g. main's)
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite } from '../test/e2e/helpers/azurite.ts';
import { ArtifactService } from '../test/e2e/helpers/artifact-service.ts';
import { CacheService } from '../test/e2e/helpers/cache-service.ts';
import { assertBundlesBuilt, failure, newJob, removeJob, runStep, type Entry, type Job, type Service, type StepResult } from '../test/e2e/helpers/runner.ts';
import { summarizeProfile } from './cpu-profile.ts';
import { generate, parseSize } from './generate.ts';

const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep');
const keep = keepAt >= 0 ? args[keepAt + 1] : undefined;
const distAt = args.indexOf('--dist');
const dist = distAt >= 0 ? path.resolve(args[distAt + 1] as string) : undefined;
const size = parseSize(args.find((a, i) => !a.startsWith('--') && i !== keepAt + 1 && i !== distAt + 1) ?? '8MiB');

assertBundlesBuilt(['snapshot', 'restore', 'seed', 'seed-post']);
const gen = generate(size, 1, { log: (s) => console.error(s) });
const profiles = keep ?? mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
mkdirSync(profiles, { recursive: true });
const azurite = await startAzurite();
const artifacts = new ArtifactService(azurite);
const cache = new CacheService(azurite);
await artifacts.start();
await cache.start();
const jobs: Job[] = [];

async function job(withDb: boolean, run = artifacts.newRun()): Promise<Job> {
  const j = await newJob(run);
  jobs.push(j);
  if (withDb) {
    mkdirSync(path.join(j.workspace, 'data'), { recursive: true });
    copyFileSync(gen.db, path.join(j.workspace, 'data', 'app.db'));
  }
  return j;
}

interface Step {
  label: string;
  svc: Service;
  job: Job;
  entry: Entry;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** A step expected to fail (the bare start-up cost). */
  fails?: boolean;
}

const lines: string[] = [`### Where each step's time goes: ${(gen.bytes / 1048576).toFixed(0)} MiB database, one run each, main thread${dist ? ` (${dist})` : ''}`, ''];
async function profile(s: Step): Promise<StepResult> {
  const dir = path.join(profiles, s.label.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const r = await runStep(s.svc, s.job, s.entry, s.inputs, { ...s.env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` }, ...(dist ? [dist] : []));
  if ((r.code !== 0) !== Boolean(s.fails)) throw new Error(`${s.label}: exit ${r.code}: ${failure(r) || r.stderr}`);
  // Worker threads write profiles too; the main thread's is the first written name-wise only by
  // chance, so take the one that lasted longest (the main thread outlives its workers).
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  const summaries = files.map((f) => ({ f, s: summarizeProfile(f) })).sort((a, b) => b.s.totalMs - a.s.totalMs);
  const main = summaries[0];
  if (!main) throw new Error(`${s.label}: no profile written`);
  lines.push(`#### ${s.label}: ${r.ms.toFixed(0)} ms wall (profile ${main.s.totalMs.toFixed(0)} ms; ${files.length - 1} worker thread profile(s))`, '');
  lines.push('| where | ms |', '|---|---:|');
  for (const [c, ms] of [...main.s.byCategory].sort((a, b) => b[1] - a[1])) lines.push(`| ${c} | ${ms.toFixed(1)} |`);
  lines.push('', `files run: ${main.s.files.join(', ')}`, '', `timeline: ${main.s.timeline.join(' · ')}`, '', 'busiest functions of the work:', '');
  for (const [fn, ms] of main.s.topFunctions) lines.push(`- ${ms.toFixed(1)} ms ${fn}`);
  for (const w of summaries.slice(1)) lines.push(`- worker ${path.basename(w.f)}: ${w.s.totalMs.toFixed(0)} ms, ${[...w.s.byCategory].map(([c, ms]) => `${c} ${ms.toFixed(0)}`).join(', ')}`);
  lines.push('');
  return r;
}

try {
  const db = 'data/app.db';
  const a = await job(true);
  await profile({ label: 'snapshot, empty path (fails at once)', svc: artifacts, job: a, entry: 'snapshot', inputs: { path: '' }, fails: true });
  await profile({ label: 'snapshot', svc: artifacts, job: a, entry: 'snapshot', inputs: { path: db, name: 'app' } });
  await profile({ label: 'restore', svc: artifacts, job: await job(false, a.run), entry: 'restore', inputs: { name: 'app', path: db } });
  const cacheEnv = cache.env();
  await profile({ label: 'seed miss (run: true)', svc: cache, job: await job(true), entry: 'seed', inputs: { path: db, key: 'k1', run: 'true' }, env: cacheEnv });
  await profile({ label: 'seed exact hit', svc: cache, job: await job(false), entry: 'seed', inputs: { path: db, key: 'k1' }, env: cacheEnv });
  const post = await job(true);
  const main = await profile({ label: 'seed miss, main step (no run)', svc: cache, job: post, entry: 'seed', inputs: { path: db, key: 'k2' }, env: cacheEnv });
  // The post step as the runner runs it: the main step's saved state as STATE_*.
  const state = Object.fromEntries(Object.entries(main.state ?? {}).map(([k, v]) => [`STATE_${k}`, v]));
  await profile({ label: 'seed post (saves)', svc: cache, job: post, entry: 'seed-post', inputs: { path: db, key: 'k2' }, env: { ...cacheEnv, ...state } });
  console.log(lines.join('\n'));
  if (keep) console.error(`profiles kept in ${keep}`);
} finally {
  for (const j of jobs) await removeJob(j);
  await cache.stop();
  await artifacts.stop();
  await azurite.stop();
  if (!keep) rmSync(profiles, { recursive: true, force: true });
}

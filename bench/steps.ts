/**
 * Issue 24's goals measured side by side in one run, each against the tool a user would run
 * instead. Our Action steps run as the runner runs them (test/e2e/helpers/runner.ts), the baselines
 * as processes of the real @actions/* clients bundled as their actions ship them (bench/clients.ts),
 * all against the same emulated artifact and cache services with Azurite behind them; within each
 * repetition ours and the baseline alternate which goes first.
 *   seed:     `seed` exact hit vs @actions/cache restoreCache of the raw database; `seed` miss
 *             (run: true) vs saveCache of it;
 *   snapshot: the snapshot action vs a `cp` of the database plus upload-artifact (zip level 6);
 *   restore:  the restore action vs download-artifact of the raw database's artifact (unzipped);
 *   copy:     the default uncompressed snapshot (CLI, quick_check and sha256) vs `cp` + fsync, and
 *             vs a direct-I/O copy (`dd oflag=direct bs=4M`), the physical limit of a durable copy.
 * Prints Markdown (medians, ratios of medians, every run) and the goals; asserts nothing about time.
 *   npm run bundle && node bench/steps.ts [--reps 3] [--only seed,snapshot,restore,copy]
 *     [--seed-sizes 8MiB,64MiB,256MiB] [--snapshot-sizes 8MiB,32MiB] [--restore-sizes 8MiB,64MiB]
 *     [--copy-size 1GiB] [--copy-reps 5]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { startAzurite } from '../test/e2e/helpers/azurite.ts';
import { ArtifactService, type Run } from '../test/e2e/helpers/artifact-service.ts';
import { CacheService } from '../test/e2e/helpers/cache-service.ts';
import { assertBundlesBuilt, failure, newJob, removeJob, runStep, type Entry, type Job, type Service } from '../test/e2e/helpers/runner.ts';
import { ARTIFACT_CLIENT, CACHE_CLIENT, artifactEnv, bundleClient, runClient, runCommand } from './clients.ts';
import { BENCH_DIR, formatSize, generate, parseSize } from './generate.ts';

const CASES = ['seed', 'snapshot', 'restore', 'copy'] as const;
type CaseName = (typeof CASES)[number];

const argv = process.argv.slice(2);
const get = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const sizes = (name: string, dflt: string): number[] => (get(name) ?? dflt).split(',').map(parseSize);
const reps = Number(get('reps') ?? 3);
const only = new Set((get('only') ?? CASES.join(',')).split(',') as CaseName[]);
for (const c of only) if (!CASES.includes(c)) throw new Error(`--only: unknown case "${c}"; use ${CASES.join(', ')}`);
const seedSizes = sizes('seed-sizes', '8MiB,64MiB,256MiB');
const snapshotSizes = sizes('snapshot-sizes', '8MiB,32MiB');
const restoreSizes = sizes('restore-sizes', '8MiB,64MiB');
const copySize = parseSize(get('copy-size') ?? '1GiB');
const copyReps = Number(get('copy-reps') ?? 5);

const ROOT = path.dirname(BENCH_DIR);
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
const mib = (bytes: number): string => formatSize(bytes).replace('MiB', ' MiB').replace('GiB', ' GiB');

/** A comparison: our runs and the baseline's, in ms, and the ratio the issue allows at most. */
interface Pair {
  what: string;
  ours: string;
  baseline: string;
  oursMs: number[];
  baseMs: number[];
  goal?: number;
}
const pairs: Pair[] = [];
function pair(what: string, ours: string, baseline: string, goal?: number): Pair {
  const p: Pair = { what, ours, baseline, oursMs: [], baseMs: [], ...(goal !== undefined ? { goal } : {}) };
  pairs.push(p);
  return p;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Runs ours and the baseline of one repetition, the baseline first on every other repetition. */
async function alternate(rep: number, p: Pair, ours: () => Promise<number>, baseline: () => Promise<number>): Promise<void> {
  if (rep % 2 === 0) {
    p.oursMs.push(await ours());
    p.baseMs.push(await baseline());
  } else {
    p.baseMs.push(await baseline());
    p.oursMs.push(await ours());
  }
  process.stderr.write(`  ${p.what}: ours ${p.oursMs.at(-1)?.toFixed(0)} ms, ${p.baseline} ${p.baseMs.at(-1)?.toFixed(0)} ms\n`);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-steps-'));
const jobs: Job[] = [];

async function job(run: Run, db?: string): Promise<Job> {
  const j = await newJob(run);
  jobs.push(j);
  if (db) {
    mkdirSync(path.join(j.workspace, 'data'), { recursive: true });
    copyFileSync(db, path.join(j.workspace, 'data', 'app.db'));
  }
  return j;
}

async function step(svc: Service, j: Job, entry: Entry, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<number> {
  const r = await runStep(svc, j, entry, inputs, env);
  if (r.code !== 0) throw new Error(`${entry} step failed: ${failure(r) || r.stderr}`);
  return r.ms;
}

async function cleanJobs(): Promise<void> {
  for (const j of jobs.splice(0)) await removeJob(j);
}

async function seedCase(cache: CacheService, runs: ArtifactService, client: string): Promise<void> {
  for (const size of seedSizes) {
    const db = generate(size, 1, { log: (s) => console.error(s) }).db;
    const hit = pair(`seed exact hit, ${mib(size)}`, 'seed', 'restoreCache', 1.0);
    const miss = pair(`seed miss, ${mib(size)}`, 'seed (run: true)', 'saveCache', 1.25);
    const env = cache.env();
    const base = (j: Job, call: Record<string, unknown>): Promise<number> => runClient(client, { paths: ['data/app.db'], ...call }, j.workspace, cache.clientEnv(j));
    for (let rep = 0; rep < reps; rep++) {
      const key = `seed-${size}-${rep}`;
      const baseKey = `base-${size}-${rep}`;
      await alternate(
        rep,
        miss,
        async () => step(cache, await job(runs.newRun(), db), 'seed', { path: 'data/app.db', key, run: 'true' }, env),
        async () => base(await job(runs.newRun(), db), { op: 'save', key: baseKey }),
      );
      await alternate(
        rep,
        hit,
        async () => step(cache, await job(runs.newRun()), 'seed', { path: 'data/app.db', key }, env),
        async () => base(await job(runs.newRun()), { op: 'restore', key: baseKey }),
      );
      await cleanJobs();
    }
  }
}

async function snapshotCase(artifacts: ArtifactService, client: string): Promise<void> {
  for (const size of snapshotSizes) {
    const db = generate(size, 1, { log: (s) => console.error(s) }).db;
    const p = pair(`snapshot, ${mib(size)}`, 'snapshot action', 'cp + upload-artifact', size <= 8 << 20 ? 0.33 : undefined);
    const run = artifacts.newRun();
    for (let rep = 0; rep < reps; rep++) {
      await alternate(
        rep,
        p,
        async () => step(artifacts, await job(run, db), 'snapshot', { path: 'data/app.db', name: `ours-${size}-${rep}` }),
        async () => {
          const j = await job(run, db);
          const cp = await runCommand(['cp', 'data/app.db', 'app.db'], j.workspace);
          return cp + (await runClient(client, { op: 'upload', name: `base-${size}-${rep}`, files: [path.join(j.workspace, 'app.db')], root: j.workspace, compressionLevel: 6 }, j.workspace, artifactEnv(artifacts, j)));
        },
      );
      await cleanJobs();
    }
  }
}

async function restoreCase(artifacts: ArtifactService, client: string): Promise<void> {
  for (const size of restoreSizes) {
    const db = generate(size, 1, { log: (s) => console.error(s) }).db;
    const p = pair(`restore, ${mib(size)}`, 'restore action', 'download-artifact', size <= 8 << 20 ? 1.0 : undefined);
    const run = artifacts.newRun();
    // What each one downloads: our snapshot artifact, and upload-artifact's zip of the raw database.
    const ours = `ours-restore-${size}`;
    const base = `base-restore-${size}`;
    await step(artifacts, await job(run, db), 'snapshot', { path: 'data/app.db', name: ours });
    const up = await job(run, db);
    await runClient(client, { op: 'upload', name: base, files: [path.join(up.workspace, 'data', 'app.db')], root: path.join(up.workspace, 'data'), compressionLevel: 6 }, up.workspace, artifactEnv(artifacts, up));
    for (let rep = 0; rep < reps; rep++) {
      await alternate(
        rep,
        p,
        async () => step(artifacts, await job(run), 'restore', { name: ours, path: 'data/app.db' }),
        async () => {
          const j = await job(run);
          return runClient(client, { op: 'download', name: base, path: path.join(j.workspace, 'data') }, j.workspace, artifactEnv(artifacts, j));
        },
      );
      await cleanJobs();
    }
  }
}

/** The CLI's default uncompressed snapshot against the copies a user could make; without CI (--priority low by default), as bench/run.ts runs it. */
async function copyCase(): Promise<void> {
  const db = generate(copySize, 1, { log: (s) => console.error(s) }).db;
  const out = path.join(scratch, 'out');
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const { CI: _ci, ...env } = process.env;
  const methods: { label: string; argv: string[] }[] = [
    { label: 'cp + fsync', argv: ['sh', '-c', `cp ${q(db)} ${q(out)} && sync ${q(out)}`] },
    { label: 'dd oflag=direct bs=4M + fsync', argv: ['sh', '-c', `dd if=${q(db)} of=${q(out)} bs=4M oflag=direct status=none && sync ${q(out)}`] },
    { label: 'ours --compression none (quick_check)', argv: [process.execPath, CLI, 'snapshot', db, '--store', out, '--name', 'bench', '-q', '--compression', 'none'] },
    { label: 'ours --compression none --check off', argv: [process.execPath, CLI, 'snapshot', db, '--store', out, '--name', 'bench', '-q', '--compression', 'none', '--check', 'off'] },
  ];
  const ms = methods.map(() => [] as number[]);
  // The source is read from a warm page cache by all, and nothing of one run's writeback lands in the next.
  await pipeline(createReadStream(db, { highWaterMark: 8 << 20 }), new Writable({ write: (_c, _e, cb) => cb() }));
  for (let rep = 0; rep < copyReps; rep++) {
    for (let k = 0; k < methods.length; k++) {
      const i = (k + rep) % methods.length;
      const m = methods[i] as (typeof methods)[number];
      rmSync(out, { recursive: true, force: true });
      execFileSync('sync');
      const t0 = performance.now();
      execFileSync(m.argv[0] as string, m.argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env });
      ms[i]?.push(performance.now() - t0);
      process.stderr.write(`  copy ${mib(copySize)} | ${m.label}: ${(ms[i]?.at(-1) ?? 0).toFixed(0)} ms\n`);
    }
  }
  rmSync(out, { recursive: true, force: true });
  const [cp, dd, quick, off] = ms as [number[], number[], number[], number[]];
  pairs.push({ what: `copy ${mib(copySize)}`, ours: 'ours --compression none (quick_check)', baseline: 'cp + fsync', oursMs: quick, baseMs: cp, goal: 1.5 });
  pairs.push({ what: `copy ${mib(copySize)}`, ours: 'ours --compression none (quick_check)', baseline: 'dd oflag=direct + fsync', oursMs: quick, baseMs: dd });
  pairs.push({ what: `copy ${mib(copySize)}`, ours: 'ours --compression none --check off', baseline: 'cp + fsync', oursMs: off, baseMs: cp });
  pairs.push({ what: `copy ${mib(copySize)}`, ours: 'dd oflag=direct + fsync', baseline: 'cp + fsync', oursMs: dd, baseMs: cp });
}

function report(): string {
  const s = (x: number): string => `${x.toFixed(0)} ms`;
  const lines = [
    `### Issue 24: steps and copies against what they replace (medians of ${reps}; copies: medians of ${copyReps})`,
    '',
    `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end; node ${process.version}`,
    '',
    '| case | ours | median | baseline | median | ratio | goal |',
    '|---|---|---:|---|---:|---:|---|',
  ];
  for (const p of pairs) {
    const r = median(p.oursMs) / median(p.baseMs);
    const goal = p.goal === undefined ? '' : `≤ ${p.goal.toFixed(2)}× ${r <= p.goal ? 'met' : '**missed**'}`;
    lines.push(`| ${p.what} | ${p.ours} | ${s(median(p.oursMs))} | ${p.baseline} | ${s(median(p.baseMs))} | **${r.toFixed(2)}×** | ${goal} |`);
  }
  lines.push('', 'every run (ms):', '');
  for (const p of pairs) lines.push(`- ${p.what}: ${p.ours} ${p.oursMs.map((x) => x.toFixed(0)).join(', ')}; ${p.baseline} ${p.baseMs.map((x) => x.toFixed(0)).join(', ')}`);
  return lines.join('\n');
}

const steps = ['seed', 'snapshot', 'restore'].some((c) => only.has(c as CaseName));
if (steps) assertBundlesBuilt(['snapshot', 'restore', 'seed']);
const azurite = steps ? await startAzurite() : undefined;
const artifacts = azurite ? new ArtifactService(azurite) : undefined;
const cache = azurite ? new CacheService(azurite) : undefined;
try {
  await artifacts?.start();
  await cache?.start();
  if (only.has('seed') && cache && artifacts) await seedCase(cache, artifacts, await bundleClient(CACHE_CLIENT, scratch));
  const artifactClient = only.has('snapshot') || only.has('restore') ? await bundleClient(ARTIFACT_CLIENT, scratch) : '';
  if (only.has('snapshot') && artifacts) await snapshotCase(artifacts, artifactClient);
  if (only.has('restore') && artifacts) await restoreCase(artifacts, artifactClient);
  if (only.has('copy')) await copyCase();
  console.log(report());
} finally {
  await cleanJobs();
  await cache?.stop();
  await artifacts?.stop();
  await azurite?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

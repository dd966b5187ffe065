/**
 * Issue 24's goals measured side by side in one run, each against the tool a user would run
 * instead. Our Action steps run as the runner runs them (test/e2e/helpers/runner.ts), the baselines
 * as processes of the real @actions/* clients bundled as their actions ship them (bench/clients.ts),
 * all against the same emulated artifact and cache services with Azurite behind them; each
 * repetition runs every method once, starting one method later each time.
 *   seed:     `seed` exact hit vs @actions/cache restoreCache of the raw database; `seed` miss
 *             (run: true) vs saveCache of it;
 *   snapshot: the snapshot action vs a `cp` of the database plus upload-artifact (zip level 6);
 *   restore:  the restore action vs download-artifact of the raw database's artifact (unzipped);
 *   copy:     the default uncompressed snapshot (CLI, quick_check and sha256) vs `cp` + fsync, and
 *             vs a direct-I/O copy (`dd oflag=direct bs=4M`), the physical limit of a durable copy.
 * `--before DIR` also runs another build's steps and CLI (DIR/dist, DIR/lib/cli/main.js), labelled
 * "before:". Prints Markdown (medians, ratios of medians, every run) and the goals; asserts nothing
 * about time.
 *   npm run bundle && node bench/steps.ts [--reps 3] [--only seed,snapshot,restore,copy]
 *     [--seed-sizes 8MiB,64MiB,256MiB] [--snapshot-sizes 8MiB,32MiB] [--restore-sizes 8MiB,64MiB]
 *     [--copy-size 1GiB] [--copy-reps 5] [--before DIR]
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
const beforeDir = get('before');

const ROOT = path.dirname(BENCH_DIR);
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
/** Our builds: this tree's, and the --before one's. */
const builds = [{ label: '', id: 'ours', dist: DIST, cli: CLI }, ...(beforeDir ? [{ label: 'before: ', id: 'before', dist: path.resolve(beforeDir, 'dist'), cli: path.resolve(beforeDir, 'lib', 'cli', 'main.js') }] : [])];
const mib = (bytes: number): string => formatSize(bytes).replace('MiB', ' MiB').replace('GiB', ' GiB');

/** One method measured in a case: ours, the baseline, or another build's (before). */
interface Series {
  label: string;
  ms: number[];
  run: (rep: number) => Promise<number>;
}

/** A case: its methods, the baseline's label, and the ratio to it the issue allows `ours` at most. */
interface Case {
  what: string;
  series: Series[];
  baseline: string;
  ours: string;
  goal?: number;
  /** The methods shown against the baseline; default all the others. */
  shown?: (label: string) => boolean;
}
const cases: Case[] = [];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** One repetition of each case: every method once, each repetition starting one method later, so no method always runs first. */
async function repetition(rep: number, group: Case[]): Promise<void> {
  for (const c of group) {
    for (let k = 0; k < c.series.length; k++) {
      const s = c.series[(k + rep) % c.series.length] as Series;
      s.ms.push(await s.run(rep));
    }
    process.stderr.write(`  ${c.what}: ${c.series.map((s) => `${s.label} ${s.ms.at(-1)?.toFixed(0)} ms`).join(', ')}\n`);
  }
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

async function step(svc: Service, j: Job, entry: Entry, inputs: Record<string, string>, env: Record<string, string>, dist: string): Promise<number> {
  const r = await runStep(svc, j, entry, inputs, env, dist);
  if (r.code !== 0) throw new Error(`${entry} step failed: ${failure(r) || r.stderr}`);
  return r.ms;
}

async function cleanJobs(): Promise<void> {
  for (const j of jobs.splice(0)) await removeJob(j);
}

async function seedCases(cache: CacheService, runs: ArtifactService, client: string): Promise<void> {
  const env = cache.env();
  const base = (j: Job, call: Record<string, unknown>): Promise<number> => runClient(client, { paths: ['data/app.db'], ...call }, j.workspace, cache.clientEnv(j));
  for (const size of seedSizes) {
    const db = generate(size, 1, { log: (s) => console.error(s) }).db;
    // Each build (and the baseline) saves under keys of its own, which its exact hits then find.
    const key = (id: string, rep: number): string => `${id}-${size}-${rep}`;
    const miss: Case = {
      what: `seed miss, ${mib(size)}`,
      baseline: 'saveCache',
      ours: 'seed (run: true)',
      goal: 1.25,
      series: [
        ...builds.map((b) => ({ label: `${b.label}seed (run: true)`, ms: [], run: async (rep: number) => step(cache, await job(runs.newRun(), db), 'seed', { path: 'data/app.db', key: key(b.id, rep), run: 'true' }, env, b.dist) })),
        { label: 'saveCache', ms: [], run: async (rep: number) => base(await job(runs.newRun(), db), { op: 'save', key: key('base', rep) }) },
      ],
    };
    const hit: Case = {
      what: `seed exact hit, ${mib(size)}`,
      baseline: 'restoreCache',
      ours: 'seed',
      goal: 1.0,
      series: [
        ...builds.map((b) => ({ label: `${b.label}seed`, ms: [], run: async (rep: number) => step(cache, await job(runs.newRun()), 'seed', { path: 'data/app.db', key: key(b.id, rep) }, env, b.dist) })),
        { label: 'restoreCache', ms: [], run: async (rep: number) => base(await job(runs.newRun()), { op: 'restore', key: key('base', rep) }) },
      ],
    };
    cases.push(miss, hit);
    for (let rep = 0; rep < reps; rep++) {
      await repetition(rep, [miss, hit]);
      await cleanJobs();
    }
  }
}

async function snapshotCases(artifacts: ArtifactService, client: string): Promise<void> {
  for (const size of snapshotSizes) {
    const db = generate(size, 1, { log: (s) => console.error(s) }).db;
    const run = artifacts.newRun();
    const c: Case = {
      what: `snapshot, ${mib(size)}`,
      baseline: 'cp + upload-artifact',
      ours: 'snapshot action',
      ...(size <= 8 << 20 ? { goal: 0.33 } : {}),
      series: [
        ...builds.map((b) => ({
          label: `${b.label}snapshot action`,
          ms: [],
          run: async (rep: number) => step(artifacts, await job(run, db), 'snapshot', { path: 'data/app.db', name: `${b.id}-${size}-${rep}` }, {}, b.dist),
        })),
        {
          label: 'cp + upload-artifact',
          ms: [],
          run: async (rep: number) => {
            const j = await job(run, db);
            const cp = await runCommand(['cp', 'data/app.db', 'app.db'], j.workspace);
            return cp + (await runClient(client, { op: 'upload', name: `base-${size}-${rep}`, files: [path.join(j.workspace, 'app.db')], root: j.workspace, compressionLevel: 6 }, j.workspace, artifactEnv(artifacts, j)));
          },
        },
      ],
    };
    cases.push(c);
    for (let rep = 0; rep < reps; rep++) {
      await repetition(rep, [c]);
      await cleanJobs();
    }
  }
}

async function restoreCases(artifacts: ArtifactService, client: string): Promise<void> {
  for (const size of restoreSizes) {
    const db = generate(size, 1, { log: (s) => console.error(s) }).db;
    const run = artifacts.newRun();
    // What each one downloads: our snapshot artifact (taken by this tree's action), and
    // upload-artifact's zip of the raw database.
    const ours = `ours-restore-${size}`;
    const base = `base-restore-${size}`;
    await step(artifacts, await job(run, db), 'snapshot', { path: 'data/app.db', name: ours }, {}, DIST);
    const up = await job(run, db);
    await runClient(client, { op: 'upload', name: base, files: [path.join(up.workspace, 'data', 'app.db')], root: path.join(up.workspace, 'data'), compressionLevel: 6 }, up.workspace, artifactEnv(artifacts, up));
    const c: Case = {
      what: `restore, ${mib(size)}`,
      baseline: 'download-artifact',
      ours: 'restore action',
      ...(size <= 8 << 20 ? { goal: 1.0 } : {}),
      series: [
        ...builds.map((b) => ({ label: `${b.label}restore action`, ms: [], run: async () => step(artifacts, await job(run), 'restore', { name: ours, path: 'data/app.db' }, {}, b.dist) })),
        {
          label: 'download-artifact',
          ms: [],
          run: async () => {
            const j = await job(run);
            return runClient(client, { op: 'download', name: base, path: path.join(j.workspace, 'data') }, j.workspace, artifactEnv(artifacts, j));
          },
        },
      ],
    };
    cases.push(c);
    for (let rep = 0; rep < reps; rep++) {
      await repetition(rep, [c]);
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
  const timed = (argv: string[]) => async (): Promise<number> => {
    // Nothing of one run's writeback lands in the next.
    rmSync(out, { recursive: true, force: true });
    execFileSync('sync');
    const t0 = performance.now();
    execFileSync(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env });
    return performance.now() - t0;
  };
  const ours = (cli: string, extra: string[]): string[] => [process.execPath, cli, 'snapshot', db, '--store', out, '--name', 'bench', '-q', '--compression', 'none', ...extra];
  const what = `uncompressed snapshot, ${mib(copySize)}`;
  const series: Series[] = [
    { label: 'cp + fsync', ms: [], run: timed(['sh', '-c', `cp ${q(db)} ${q(out)} && sync ${q(out)}`]) },
    { label: 'dd oflag=direct bs=4M + fsync', ms: [], run: timed(['sh', '-c', `dd if=${q(db)} of=${q(out)} bs=4M oflag=direct status=none && sync ${q(out)}`]) },
    ...builds.flatMap((b) => [
      { label: `${b.label}ours (quick_check, sha256)`, ms: [], run: timed(ours(b.cli, [])) },
      { label: `${b.label}ours --check off`, ms: [], run: timed(ours(b.cli, ['--check', 'off'])) },
    ]),
  ];
  const ours0 = series[2]?.label ?? '';
  const c: Case = { what, baseline: 'cp + fsync', ours: ours0, goal: 1.5, series };
  cases.push(c, { what, baseline: 'dd oflag=direct bs=4M + fsync', ours: ours0, series, shown: (l) => l.includes('ours') });
  // The source is read from a warm page cache by every method.
  await pipeline(createReadStream(db, { highWaterMark: 8 << 20 }), new Writable({ write: (_c, _e, cb) => cb() }));
  for (let rep = 0; rep < copyReps; rep++) await repetition(rep, [c]);
  rmSync(out, { recursive: true, force: true });
}

function report(): string {
  const s = (x: number): string => `${x.toFixed(0)} ms`;
  const lines = [
    `### Issue 24: steps and copies against what they replace (medians of ${reps}; uncompressed snapshots: medians of ${copyReps})`,
    '',
    `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end; node ${process.version}`,
    '',
    '| case | method | median | ratio to baseline | goal |',
    '|---|---|---:|---:|---|',
  ];
  for (const c of cases) {
    const base = median(c.series.find((x) => x.label === c.baseline)?.ms ?? []);
    lines.push(`| ${c.what} | ${c.baseline} (baseline) | ${s(base)} | | |`);
    for (const x of c.series.filter((x) => x.label !== c.baseline && (c.shown?.(x.label) ?? true))) {
      const r = median(x.ms) / base;
      const goal = x.label === c.ours && c.goal !== undefined ? `≤ ${c.goal.toFixed(2)}× ${r <= c.goal ? 'met' : '**missed**'}` : '';
      lines.push(`| | ${x.label} | ${s(median(x.ms))} | **${r.toFixed(2)}×** | ${goal} |`);
    }
  }
  lines.push('', 'every run (ms):', '');
  for (const c of cases.filter((c, i) => cases.findIndex((d) => d.series === c.series) === i)) {
    lines.push(`- ${c.what}: ${c.series.map((x) => `${x.label} ${x.ms.map((m) => m.toFixed(0)).join(', ')}`).join('; ')}`);
  }
  return lines.join('\n');
}

const steps = ['seed', 'snapshot', 'restore'].some((c) => only.has(c as CaseName));
if (steps) assertBundlesBuilt(['snapshot', 'restore', 'seed']);
const azurite = steps ? await startAzurite() : undefined;
const artifacts = azurite ? new ArtifactService(azurite) : undefined;
const cache = azurite ? new CacheService(azurite) : undefined;
try {
  // The copies first: after the steps have written gigabytes through Azurite, this VM's page cache
  // made `cp` + fsync of 1 GiB take 2.2-2.5 s instead of 0.9-1.0 s (bench/README.md).
  if (only.has('copy')) await copyCase();
  await artifacts?.start();
  await cache?.start();
  if (only.has('seed') && cache && artifacts) await seedCases(cache, artifacts, await bundleClient(CACHE_CLIENT, scratch));
  const artifactClient = only.has('snapshot') || only.has('restore') ? await bundleClient(ARTIFACT_CLIENT, scratch) : '';
  if (only.has('snapshot') && artifacts) await snapshotCases(artifacts, artifactClient);
  if (only.has('restore') && artifacts) await restoreCases(artifacts, artifactClient);
  console.log(report());
} finally {
  await cleanJobs();
  await cache?.stop();
  await artifacts?.stop();
  await azurite?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * Snapshots on a GitHub release against what people do today: `gh release upload` of the raw
 * database file, and downloading it again. Both go through the same Releases emulator
 * (test/e2e/helpers/release-service.ts) with uploads and downloads paced to --rate (100 MB/s by
 * default, the order of what hosted runners see to GitHub's storage; on loopback an upload costs
 * almost nothing, which no user has):
 *   ours:     the snapshot action (dist/snapshot, release: <tag>) and the restore action
 *             (dist/restore, release: <tag>), each a fresh Node process as the runner runs it
 *             (npm run bundle first);
 *   baseline: one POST of the raw file to the release's upload_url, then one GET of the asset
 *             (302 to storage) into a file: the least any uploader or downloader can do.
 * Both databases of bench/generate.ts (mixed: ~2× with zstd; text: ~8×). Prints medians and
 * ratios; asserts nothing about time.
 *   node bench/release.ts [size=256MiB] [--reps 3] [--rate 100e6] [--db mixed,text]
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ReleaseService } from '../test/e2e/helpers/release-service.ts';
import { assertBundlesBuilt, failure, newJob, removeJob, runStep, type Job } from '../test/e2e/helpers/runner.ts';
import { VARIANTS, type Variant, generate, parseSize } from './generate.ts';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const size = parseSize(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '256MiB');
const reps = Number(opt('reps') ?? 3) || 3;
const rate = Number(opt('rate') ?? 100e6);
const variants = (opt('db') ?? VARIANTS.join(',')).split(',') as Variant[];
const REPO = 'octo/bench';

assertBundlesBuilt(['snapshot', 'restore']);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-release-'));
const rel = await ReleaseService.start({ paceBytesPerSec: rate });
rel.addRepo(REPO);
const token = rel.token(REPO, 'write');
const svc = rel.service(token);
const jobs: Job[] = [];
let runId = 1;

async function job(db?: string): Promise<Job> {
  const j = await newJob({ id: runId++, backendId: randomUUID(), repo: REPO, branch: 'main', status: 'in_progress', conclusion: null, headRepo: REPO, workflow: 'bench.yml', event: 'push' });
  jobs.push(j);
  if (db) {
    mkdirSync(path.join(j.workspace, 'data'));
    copyFileSync(db, path.join(j.workspace, 'data', 'app.db'));
  }
  return j;
}

async function step(j: Job, entry: 'snapshot' | 'restore', inputs: Record<string, string>): Promise<number> {
  const r = await runStep(svc, j, entry, inputs);
  if (r.code !== 0) throw new Error(`${entry} step failed: ${failure(r) || r.stderr}`);
  // The step's own account of where its time went: snapshot and upload, or download and restore.
  for (const line of r.stdout.split('\n')) if (/^(Snapshot |Restored |time |copy )/.test(line.trim())) console.error(`  ${entry}: ${line.trim()}`);
  return r.ms;
}

/** `gh release upload` at its leanest: the raw file in one POST to the release's upload_url. */
async function uploadRaw(db: string, tag: string): Promise<number> {
  const release = rel.createRelease(REPO, { tag });
  const url = new URL(release.upload_url.replace(/\{[^}]*\}$/, ''));
  url.searchParams.set('name', 'app.db');
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.sqlite3', 'Content-Length': String(statSync(db).size) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`upload: ${res.statusCode}`))));
    });
    req.on('error', reject);
    createReadStream(db).pipe(req);
  });
  return performance.now() - t0;
}

/** Downloading that asset: the API's 302, then the signed storage, into a file. */
async function downloadRaw(tag: string): Promise<number> {
  const asset = rel.releases(REPO).find((r) => r.tag_name === tag)?.assets.find((a) => a.name === 'app.db');
  if (!asset) throw new Error('no raw asset');
  const out = path.join(scratch, 'download.db');
  const t0 = performance.now();
  const res = await fetch(asset.url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/octet-stream' } });
  if (!res.ok || !res.body) throw new Error(`download: ${res.status}`);
  await pipeline(res.body, createWriteStream(out));
  const ms = performance.now() - t0;
  rmSync(out);
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const lines = [`### Release snapshots vs the raw file as an asset, ${(size / 1048576).toFixed(0)} MiB, paced to ${(rate / 1e6).toFixed(0)} MB/s (median of ${reps})`, ''];
lines.push('| database | stored | snapshot → release | raw upload | ratio (goal ≤ 0.5×) | restore ← release | raw download | ratio (goal ≤ 1.0×) |', '|---|---|---|---|---|---|---|---|');
try {
  for (const variant of variants) {
    const gen = generate(size, 1, { variant, log: (m) => console.error(m) });
    const t = { snap: [] as number[], up: [] as number[], restore: [] as number[], down: [] as number[] };
    let stored = 0;
    for (let rep = 1; rep <= reps; rep++) {
      const tag = `v${variant}-${rep}`;
      t.up.push(await uploadRaw(gen.db, `${tag}-raw`));
      t.snap.push(await step(await job(gen.db), 'snapshot', { path: 'data/app.db', name: 'app-db', release: tag }));
      t.down.push(await downloadRaw(`${tag}-raw`));
      t.restore.push(await step(await job(), 'restore', { name: 'app-db', release: tag, path: 'app.db' }));
      stored = rel.releases(REPO).find((r) => r.tag_name === tag)?.assets.reduce((n, a) => n + a.size, 0) ?? 0;
      for (const j of jobs.splice(0)) await removeJob(j);
      console.error(`${variant}: repetition ${rep} done`);
    }
    const [a, b, c, d] = [median(t.snap), median(t.up), median(t.restore), median(t.down)];
    lines.push(`| ${variant} | ${(stored / 1048576).toFixed(1)} MiB (${(gen.bytes / stored).toFixed(1)}×) | ${s(a)} | ${s(b)} | **${(a / b).toFixed(2)}×** | ${s(c)} | ${s(d)} | **${(c / d).toFixed(2)}×** |`);
    lines.push(`<!-- ${variant} all runs (ms): ${JSON.stringify(t)} -->`);
  }
  console.log(lines.join('\n'));
} finally {
  for (const j of jobs) await removeJob(j);
  await rel.close();
  rmSync(scratch, { recursive: true, force: true });
}

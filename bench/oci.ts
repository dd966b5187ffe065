/**
 * The OCI registry store against what a user would otherwise do, on Debian's real registry
 * (docker-registry on 127.0.0.1, started here like the tests start it):
 *   snapshot: `snapshot --store oci://…`  vs  `snapshot --store <dir>` + curl pushing the same .zst (POST, PUT ?digest=)
 *   restore:  `restore --store oci://…`   vs  curl pulling that blob into a local generation + `restore --store <dir>`
 * curl is the baseline's client, so the comparison is with a plain transfer, not with our own
 * client. Each repetition pushes to a fresh repository (in one repository the second push of an
 * unchanged database would upload nothing). Cases interleave per repetition; medians and peak
 * anonymous memory (bench/memory.ts) are printed, nothing about time is asserted.
 *   node bench/oci.ts [--size 256MiB] [--reps 3]        (npm run build first; `--size 4GiB --reps 1` for the size)
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRegistry } from '../test/e2e/helpers/registry.ts';
import { BENCH_DIR, formatSize, generate, parseSize } from './generate.ts';
import { sampleAnon } from './memory.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const size = parseSize(flag('size') ?? args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--reps') ?? '256MiB');
const reps = Number(args[args.indexOf('--reps') + 1] || 3) || 3;
const CLI = path.join(BENCH_DIR, '..', 'lib', 'cli', 'main.js');

interface Run {
  ms: number;
  /** Peak anonymous memory of the process tree (RssAnon, as bench/memory.ts samples it). */
  anonKiB: number;
}

/** Runs a command: wall time, and its peak anonymous memory. */
function timed(argv: string[]): Promise<Run> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: work } });
    const peak = sampleAnon(p.pid as number);
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => {
      const ms = performance.now() - t0;
      const anonKiB = peak();
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`));
      else resolve({ ms, anonKiB });
    });
  });
}

/**
 * curl's push of one file as a blob: POST opens the upload, PUT sends it with its digest. `-T`
 * streams the file (`--data-binary @file` would read all of it into memory first: 4 GiB at 4 GiB).
 */
function curlPush(origin: string, repo: string, file: string, digest: string): Promise<Run> {
  const script = `set -e
loc=$(curl -sSf -X POST -D - -o /dev/null "${origin}/v2/${repo}/blobs/uploads/" | tr -d '\\r' | sed -n 's/^[Ll]ocation: //p')
case "$loc" in http*) ;; *) loc="${origin}$loc" ;; esac
sep='?'; case "$loc" in *'?'*) sep='&' ;; esac
curl -sSf -X PUT -H 'Content-Type: application/octet-stream' -T "${file}" "$loc\${sep}digest=${digest}" -o /dev/null`;
  return timed(['bash', '-c', script]);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const work = mkdtempSync(path.join(os.tmpdir(), 'bench-oci-'));
const registry = await startRegistry();
try {
  const gen = generate(size, 1, { log: (s) => console.error(s) });
  const db = path.join(work, 'app.db');
  copyFileSync(gen.db, db);
  const results: Record<string, Run[]> = { 'snapshot oci://': [], 'snapshot <dir> + curl push': [], 'restore oci://': [], 'curl pull + restore <dir>': [] };
  for (let rep = 0; rep < reps; rep++) {
    const repo = `bench/rep${rep}`;
    const store = path.join(work, `store${rep}`);
    results['snapshot oci://']?.push(await timed([process.execPath, CLI, 'snapshot', db, '--store', `oci://${registry.host}/${repo}`, '--name', 'app', '--quiet']));

    const t0 = performance.now();
    const local = await timed([process.execPath, CLI, 'snapshot', db, '--store', store, '--name', 'app', '--quiet']);
    const genDir = path.join(store, 'app', readdirSync(path.join(store, 'app')).filter((e) => !e.startsWith('.'))[0] as string);
    const manifest = JSON.parse(readFileSync(path.join(genDir, 'manifest.json'), 'utf8')) as { databases: { file: string; storedSha256: string }[] };
    const entry = manifest.databases[0] as { file: string; storedSha256: string };
    const push = await curlPush(registry.url, `${repo}-curl`, path.join(genDir, entry.file), `sha256:${entry.storedSha256}`);
    results['snapshot <dir> + curl push']?.push({ ms: performance.now() - t0, anonKiB: Math.max(local.anonKiB, push.anonKiB) });

    const target = path.join(work, `restored${rep}.db`);
    results['restore oci://']?.push(await timed([process.execPath, CLI, 'restore', '--store', `oci://${registry.host}/${repo}`, '--name', 'app', '--to', target, '--force', '--quiet']));

    // The baseline pulls the blob into a copy of the generation, then restores it from the directory.
    const pulled = path.join(work, `pulled${rep}`, 'app', path.basename(genDir));
    mkdirSync(pulled, { recursive: true });
    copyFileSync(path.join(genDir, 'manifest.json'), path.join(pulled, 'manifest.json'));
    const t1 = performance.now();
    const pull = await timed(['curl', '-sSfL', '-o', path.join(pulled, entry.file), `${registry.url}/v2/${repo}-curl/blobs/sha256:${entry.storedSha256}`]);
    const back = await timed([process.execPath, CLI, 'restore', '--store', path.dirname(path.dirname(pulled)), '--name', 'app', '--to', `${target}.base`, '--force', '--quiet']);
    results['curl pull + restore <dir>']?.push({ ms: performance.now() - t1, anonKiB: Math.max(pull.anonKiB, back.anonKiB) });
    for (const f of [target, `${target}.base`, store, path.dirname(path.dirname(pulled))]) rmSync(f, { recursive: true, force: true });
  }
  const ratio = (a: string, b: string): string => (median((results[a] as Run[]).map((r) => r.ms)) / median((results[b] as Run[]).map((r) => r.ms))).toFixed(2);
  console.log(`\n### OCI registry store, ${formatSize(size)} database (${formatSize(gen.bytes)} on disk), ${reps} repetitions, docker-registry ${execFileSync('/usr/bin/docker-registry', ['--version'], { encoding: 'utf8' }).trim().split(' ').at(-1)} on 127.0.0.1\n`);
  console.log('| case | median | peak anonymous memory |\n|---|---:|---:|');
  for (const [k, runs] of Object.entries(results)) console.log(`| ${k} | ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s | ${(Math.max(...runs.map((r) => r.anonKiB)) / 1024).toFixed(0)} MiB |`);
  console.log(`\nsnapshot ratio ${ratio('snapshot oci://', 'snapshot <dir> + curl push')}×, restore ratio ${ratio('restore oci://', 'curl pull + restore <dir>')}× (issue 23 asks for at most 1.2×)`);
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}

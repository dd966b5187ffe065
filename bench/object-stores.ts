/**
 * Off-machine stores against what a user would otherwise run, per local server (s3rver for
 * s3://, Azurite for abs://), on the bench's mixed database:
 *   snapshot: `snapshot --store <url>`  vs  `snapshot --store <dir>` + the SDK's upload of the
 *             stored file (lib-storage Upload / uploadStream, the settings our backends use);
 *   restore:  `restore --store <url>`   vs  the SDK's download of that file + `restore --store <dir>`.
 * Interleaved repetitions; medians, min-max, ratios (the issue's target: at most 1.2x) and the peak
 * anonymous memory (RssAnon, sampled every 20 ms) of our process. Asserts nothing about time.
 *   npm run build && node bench/object-stores.ts [--size 256MiB] [--reps 3] [--only s3,azure]
 * (issue 23's size: --size 4GiB --reps 1; the servers keep what each repetition uploads, about
 * twice the stored size per repetition and server, in the temp directory.)
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEV_ACCOUNT, DEV_KEY, startAzurite } from '../test/e2e/helpers/azurite.ts';
import { startS3rver } from '../test/store/helpers/s3rver.ts';
import { BENCH_DIR, generate, parseSize } from './generate.ts';
import { sampleAnon } from './memory.ts';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);

// Child modes: the server and the SDK baselines run in processes of their own, as ours does.
if (argv[0] === '--serve-s3') {
  const s3 = await startS3rver(['bench']);
  process.stdout.write(JSON.stringify(s3.env) + '\n');
  process.on('SIGTERM', () => void s3.stop().then(() => process.exit(0)));
} else if (argv[0] === '--sdk') {
  await sdkTransfer(argv[1] as 'upload' | 'download', argv[2] as string, argv[3] as string, argv[4] as string);
} else {
  await main();
}

/** What the baseline does with the SDK alone: one file up or down, as our backends configure it. */
async function sdkTransfer(direction: 'upload' | 'download', url: string, key: string, file: string): Promise<void> {
  const u = new URL(url);
  if (u.protocol === 's3:') {
    const client = new S3Client({ region: 'us-east-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    if (direction === 'upload') {
      await new Upload({ client, params: { Bucket: u.hostname, Key: key, Body: createReadStream(file, { highWaterMark: 1 << 20 }) }, partSize: 5 << 20, queueSize: 2 }).done();
    } else {
      const res = await client.send(new GetObjectCommand({ Bucket: u.hostname, Key: key }));
      await pipeline(res.Body as Readable, createWriteStream(file));
    }
  } else {
    const blob = BlobServiceClient.fromConnectionString(process.env['AZURE_STORAGE_CONNECTION_STRING'] as string).getContainerClient(u.hostname).getBlockBlobClient(key);
    if (direction === 'upload') await blob.uploadStream(createReadStream(file, { highWaterMark: 1 << 20 }), 4 << 20, 2);
    else await blob.downloadToFile(file);
  }
}

interface Sample {
  ms: number;
  anonKiB: number;
}

/** Runs a node script, timing it and sampling its anonymous memory (with its children's); fails loudly on a non-zero exit. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const anon = sampleAnon(child.pid as number);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const anonKiB = anon();
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms: performance.now() - t0, anonKiB });
    });
  });
}

async function main(): Promise<void> {
  const size = parseSize(arg('size') ?? '256MiB');
  const reps = Number(arg('reps') ?? 3);
  const only = new Set((arg('only') ?? 's3,azure').split(','));
  const CLI = path.join(BENCH_DIR, '..', 'lib', 'cli', 'main.js');
  const SELF = path.join(BENCH_DIR, 'object-stores.ts');
  const gen = generate(size, 1, { log: (s) => console.error(s) });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-objstores-'));
  const servers: { label: string; url: string; env: NodeJS.ProcessEnv; stop: () => Promise<void> }[] = [];
  try {
    if (only.has('s3')) {
      const child = spawn(process.execPath, [SELF, '--serve-s3'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const line = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
      servers.push({ label: 's3 (s3rver)', url: 's3://bench/b', env: { ...process.env, ...(JSON.parse(line) as Record<string, string>) }, stop: async () => void child.kill('SIGTERM') });
    }
    if (only.has('azure')) {
      const azurite = await startAzurite();
      const conn = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${azurite.accountUrl};`;
      await BlobServiceClient.fromConnectionString(conn).getContainerClient('bench').create();
      servers.push({ label: 'abs (Azurite)', url: `abs://${DEV_ACCOUNT}@bench/b`, env: { ...process.env, AZURE_STORAGE_CONNECTION_STRING: conn }, stop: () => azurite.stop() });
    }
    console.log(`# object stores, ${(gen.bytes / 2 ** 20).toFixed(0)} MiB mixed database, ${reps} repetition(s), ${os.availableParallelism()} cores, ${new Date().toISOString()}\n`);
    for (const s of servers) {
      const times: Record<string, Sample[]> = { ours: [], local: [], upload: [], restore: [], download: [], localRestore: [] };
      const local = path.join(scratch, 'local');
      for (let i = 0; i < reps; i++) {
        rmSync(local, { recursive: true, force: true });
        times['ours']?.push(await run([CLI, 'snapshot', gen.db, '--store', s.url, '--name', `n${i}`, '-q'], s.env));
        times['local']?.push(await run([CLI, 'snapshot', gen.db, '--store', local, '--name', 'n', '-q'], s.env));
        const genDir = path.join(local, 'n', readdirSync(path.join(local, 'n')).filter((e) => !e.startsWith('.'))[0] as string);
        const stored = readdirSync(genDir).find((f) => f.endsWith('.zst')) as string;
        times['upload']?.push(await run([SELF, '--sdk', 'upload', s.url, `baseline/${i}/${stored}`, path.join(genDir, stored)], s.env));
        const out = path.join(scratch, 'out.db');
        rmSync(out, { force: true });
        times['restore']?.push(await run([CLI, 'restore', '--store', s.url, '--name', `n${i}`, '--to', out, '-q'], s.env));
        const dl = path.join(scratch, 'download.zst');
        rmSync(dl, { force: true });
        times['download']?.push(await run([SELF, '--sdk', 'download', s.url, `baseline/${i}/${stored}`, dl], s.env));
        rmSync(out, { force: true });
        times['localRestore']?.push(await run([CLI, 'restore', '--store', local, '--name', 'n', '--to', out, '-q'], s.env));
        // At 4 GiB each of these is gigabytes: none is kept past its repetition.
        for (const f of [out, dl, local]) rmSync(f, { recursive: true, force: true });
      }
      report(s.label, times);
    }
  } finally {
    for (const s of servers) await s.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function report(label: string, t: Record<string, Sample[]>): void {
  const ms = (k: string): number[] => (t[k] as Sample[]).map((x) => x.ms);
  const sum = (a: string, b: string): number[] => ms(a).map((v, i) => v + (ms(b)[i] as number));
  const secs = (xs: number[]): string => `${(median(xs) / 1000).toFixed(2)} (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;
  const anon = (k: string): string => `${Math.max(...(t[k] as Sample[]).map((x) => x.anonKiB / 1024)).toFixed(0)}`;
  const snapBase = sum('local', 'upload');
  const restBase = sum('download', 'localRestore');
  console.log(`## ${label}\n`);
  console.log('| case | median s (min–max) | ratio to baseline (medians) | peak anon MiB |');
  console.log('|---|---:|---:|---:|');
  console.log(`| snapshot --store <url> | ${secs(ms('ours'))} | ${(median(ms('ours')) / median(snapBase)).toFixed(2)}× | ${anon('ours')} |`);
  console.log(`| baseline: snapshot --store <dir> + SDK upload | ${secs(snapBase)} | 1.00× | ${anon('local')} / ${anon('upload')} |`);
  console.log(`| restore --store <url> | ${secs(ms('restore'))} | ${(median(ms('restore')) / median(restBase)).toFixed(2)}× | ${anon('restore')} |`);
  console.log(`| baseline: SDK download + restore --store <dir> | ${secs(restBase)} | 1.00× | ${anon('download')} / ${anon('localRestore')} |\n`);
}

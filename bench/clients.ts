/**
 * The baselines of the Action benches: the real @actions/* clients (test/e2e/helpers/artifact-client.ts
 * and cache-client.ts) bundled with ncc as an action ships them, each call run as a fresh process in
 * a job's workspace, as a step runs, and timed from spawn to exit.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Job, Service } from '../test/e2e/helpers/runner.ts';
import { BENCH_DIR } from './generate.ts';

const ROOT = path.dirname(BENCH_DIR);
export const CACHE_CLIENT = path.join(ROOT, 'test', 'e2e', 'helpers', 'cache-client.ts');
export const ARTIFACT_CLIENT = path.join(ROOT, 'test', 'e2e', 'helpers', 'artifact-client.ts');

/** `source` as one ncc bundle in `dir`; returns the bundle's path. */
export async function bundleClient(source: string, dir: string): Promise<string> {
  const ncc = createRequire(import.meta.url)('@vercel/ncc') as (input: string, opts: Record<string, unknown>) => Promise<{ code: string }>;
  const { code } = await ncc(source, { cache: false, sourceMap: false, minify: false, target: 'es2023', quiet: true });
  const file = path.join(dir, `${path.basename(source, '.ts')}.mjs`);
  writeFileSync(file, code);
  return file;
}

/** What a step of `job` sees of the runner and the artifact service (runner.ts sets the same for our entries). */
export function artifactEnv(svc: Service, job: Job): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: os.homedir(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: job.workspace,
    RUNNER_TEMP: job.temp,
    GITHUB_REPOSITORY: job.run.repo,
    GITHUB_RUN_ID: String(job.run.id),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: svc.url,
    ACTIONS_RUNTIME_TOKEN: job.runtimeToken,
    ACTIONS_RESULTS_URL: `${svc.url}/`,
  };
}

/** One client call as a process in `cwd`; its wall time in ms. Throws unless it printed a non-null RESULT. */
export async function runClient(bundle: string, call: Record<string, unknown>, cwd: string, env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bundle, JSON.stringify(call)], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  const ms = performance.now() - t0;
  const result = /^RESULT (.*)$/m.exec(out)?.[1];
  if (code !== 0 || result === undefined || result === 'null' || result === '-1') throw new Error(`${path.basename(bundle)} ${String(call['op'])} failed: ${out}`);
  return ms;
}

/** A command as a process (a `run:` step's cp, say); its wall time in ms. */
export async function runCommand(argv: string[], cwd: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(argv[0] as string, argv.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  if (code !== 0) throw new Error(`${argv.join(' ')} exited with ${code}: ${err}`);
  return performance.now() - t0;
}

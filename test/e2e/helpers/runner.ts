import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Run } from './artifact-service.ts';
import { CacheService, type CacheScope } from './cache-service.ts';

/**
 * Runs `dist/<entry>/index.js` the way GitHub's runner runs a `node24` action: a fresh Node
 * process, cwd = the workspace, inputs as INPUT_* variables with action.yml's defaults filled in,
 * and outputs, state and the job summary exchanged through files.
 */
const root = path.resolve(import.meta.dirname, '../../..');
export type Entry = 'snapshot' | 'restore' | 'seed' | 'seed-post';
/** What a step needs of the emulated services: the Twirp/REST origin and the runner's github.token. */
export interface Service {
  url: string;
  apiToken: string;
}

/** The e2e tests run the committed bundles; without them every step would fail with a confusing error. */
export function assertBundlesBuilt(entries: readonly Entry[] = ['snapshot', 'restore']): void {
  for (const entry of entries) {
    if (!existsSync(path.join(import.meta.dirname, '../../../dist', entry, 'index.js'))) throw new Error(`dist/${entry}/index.js is missing: run npm run bundle`);
  }
}

export interface Job {
  run: Run;
  jobBackendId: string;
  workspace: string;
  temp: string;
  /** The runtime token: a JWT whose scp claim names the run and job, as the runner issues it. */
  runtimeToken: string;
}

export interface StepResult {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** What the step saved for its post step (core.saveState), as the runner passes it on: STATE_<name>. */
  state?: Record<string, string>;
  summary: string;
  ms: number;
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/** `cacheScopes`: the token's `ac` claim; by default the run's branch, then main (see CacheService.scopes). */
export async function newJob(run: Run, cacheScopes: CacheScope[] = CacheService.scopes(run.branch)): Promise<Job> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runner-job-'));
  const workspace = path.join(dir, 'work');
  const temp = path.join(dir, 'temp');
  await fsp.mkdir(workspace);
  await fsp.mkdir(temp);
  const jobBackendId = randomUUID();
  const claims = { scp: `Actions.ExampleScope Actions.Results:${run.backendId}:${jobBackendId}`, ac: JSON.stringify(cacheScopes), exp: Math.floor(Date.now() / 1000) + 3600 };
  const runtimeToken = `${b64url('{"alg":"RS256","typ":"JWT"}')}.${b64url(JSON.stringify(claims))}.${b64url(randomUUID())}`;
  return { run, jobBackendId, workspace, temp, runtimeToken };
}

export async function removeJob(job: Job): Promise<void> {
  await fsp.rm(path.dirname(job.workspace), { recursive: true, force: true });
}

/** Input defaults from action.yml: a small reader for the flat shape our two action.yml files have. */
export function actionDefaults(entry: Entry): Record<string, string> {
  const file = path.join(root, entry === 'snapshot' ? 'action.yml' : entry === 'restore' ? 'restore/action.yml' : 'seed/action.yml');
  const text = readFileSync(file, 'utf8');
  const out: Record<string, string> = {};
  let section = '';
  let input = '';
  for (const line of text.split(/\r?\n/)) {
    const top = /^(\w[\w-]*):/.exec(line);
    if (top) section = top[1] as string;
    if (section !== 'inputs') continue;
    const key = /^ {2}([\w-]+):\s*$/.exec(line);
    if (key) input = key[1] as string;
    const def = /^ {4}default:\s*(.*)$/.exec(line);
    if (def && input) {
      const raw = (def[1] as string).trim();
      out[input] = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    }
  }
  return out;
}

function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(os.EOL);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] as string);
    if (m) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] as string);
      out[m[1] as string] = value.join(os.EOL);
    } else if ((lines[i] as string).includes('=')) {
      const l = lines[i] as string;
      out[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
    }
  }
  return out;
}

/** `dist`: another build's bundles to run (a bench's "before"); default this tree's dist/. */
export async function runStep(
  svc: Service,
  job: Job,
  entry: Entry,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  dist = path.join(root, 'dist'),
): Promise<StepResult> {
  const defaults = actionDefaults(entry);
  for (const k of Object.keys(inputs)) if (!(k in defaults)) throw new Error(`test bug: ${entry} has no input ${k}`);
  const files = {
    GITHUB_OUTPUT: path.join(job.temp, `output-${randomUUID()}`),
    GITHUB_STATE: path.join(job.temp, `state-${randomUUID()}`),
    GITHUB_STEP_SUMMARY: path.join(job.temp, `summary-${randomUUID()}`),
  };
  for (const f of Object.values(files)) await fsp.writeFile(f, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    ...(process.env['SYSTEMROOT'] ? { SYSTEMROOT: process.env['SYSTEMROOT'] } : {}),
    HOME: os.homedir(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: job.workspace,
    RUNNER_TEMP: job.temp,
    RUNNER_OS: process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'macOS' : 'Linux',
    // A GitHub-hosted runner, as most jobs run on: its machine is discarded with the job.
    RUNNER_ENVIRONMENT: 'github-hosted',
    GITHUB_REPOSITORY: job.run.repo,
    GITHUB_RUN_ID: String(job.run.id),
    GITHUB_REF: `refs/heads/${job.run.branch}`,
    GITHUB_REF_NAME: job.run.branch,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: svc.url,
    ACTIONS_RUNTIME_TOKEN: job.runtimeToken,
    ACTIONS_RESULTS_URL: `${svc.url}/`,
    ...files,
    ...extraEnv,
  };
  for (const [k, v] of Object.entries({ ...defaults, ...inputs })) {
    // The runner evaluates expressions in defaults; github.token is the only one our action.yml uses.
    env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v.replace('${{ github.token }}', svc.apiToken);
  }
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(dist, entry, 'index.js')], { cwd: job.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill(), 120_000);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  const ms = performance.now() - t0;
  return {
    code,
    stdout,
    stderr,
    outputs: parseCommandFile(await fsp.readFile(files.GITHUB_OUTPUT, 'utf8')),
    state: parseCommandFile(await fsp.readFile(files.GITHUB_STATE, 'utf8')),
    summary: await fsp.readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    ms,
  };
}

/** The ::error:: line core.setFailed printed, unescaped. */
export function failure(r: StepResult): string {
  const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith('::error::'));
  return (line ?? '').slice('::error::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/**
 * What a reader of the run's log would see: the runner unescapes workflow commands and replaces
 * every value registered with ::add-mask:: (from that line on) by ***. Secrets and SAS signatures
 * must not survive that.
 */
export function visibleLog(r: StepResult): string {
  const masks: string[] = [];
  const out: string[] = [];
  for (const raw of (r.stdout + '\n' + r.stderr).split(/\r?\n/)) {
    const cmd = /^::([\w-]+)(?: [^:]*)?::(.*)$/.exec(raw);
    const text = cmd ? (cmd[2] as string).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%') : raw;
    if (cmd?.[1] === 'add-mask') {
      if (text) masks.push(text);
      continue;
    }
    let shown = text;
    for (const m of masks) shown = shown.split(m).join('***');
    out.push(shown);
  }
  return out.join('\n');
}

export function assertNoSecrets(r: StepResult, secrets: string[]): void {
  const shown = visibleLog(r);
  for (const s of secrets) {
    if (s && shown.includes(s)) throw new Error(`a secret (${s.slice(0, 6)}…) appears in the step's log`);
  }
  const sig = /[?&]sig=(?!\*\*\*)([^&\s"']+)/.exec(shown);
  if (sig) throw new Error(`a SAS signature appears in the step's log: …sig=${sig[1]?.slice(0, 6)}…`);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CLI, ROOT, bankTotal, runCli } from './db.ts';

/** Generation ids of a name, oldest first: what a reader of the store sees. */
export function generations(store: string, name: string): string[] {
  const dir = path.join(store, name);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((e) => /^\d{8}T\d{6}\.\d{3}Z(-\d+)?$/.test(e) && existsSync(path.join(dir, e, 'manifest.json')))
    .sort();
}

/** Anything a crashed or interrupted writer could leave: staging, trash, reader pins, temp files, verify scratch. */
export function leftovers(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (/^\.(staging|trash|reader)-/.test(e.name) || e.name.endsWith('.sqlite-snapshot-tmp') || e.name.startsWith('sqlite-snapshot-verify-') || e.name.endsWith('.raw')) found.push(path.relative(root, p));
      if (e.isDirectory()) walk(p);
    }
  };
  if (existsSync(root)) walk(root);
  return found;
}

/** Restores one generation with the CLI into `dir` and returns the bank invariant of the result. */
export async function restoreGeneration(store: string, name: string, generation: string, to: string): Promise<{ code: number; stderr: string; total?: number; integrity?: string }> {
  const r = await runCli(['restore', '--store', store, '--name', name, '--generation', generation, '--to', to, '-q']);
  if (r.code !== 0) return { code: r.code, stderr: r.stderr };
  const t = bankTotal(to);
  return { code: 0, stderr: r.stderr, total: t.total, integrity: t.integrity };
}

export interface Running {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the CLI as a long-running process (watch), collecting its output; `wrapper` runs it under e.g. nice. */
export function startCli(args: string[], wrapper: string[] = []): Running {
  const [cmd, ...pre] = [...wrapper, process.execPath];
  const proc = spawn(cmd as string, [...pre, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { proc, stdout: () => out, stderr: () => err, exited };
}

export const LOCK_HOLDER = path.join(ROOT, 'test', 'helpers', 'lock-holder.ts');

export async function waitFor(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

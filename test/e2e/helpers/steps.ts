import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Run } from './artifact-service.ts';
import type { CacheScope } from './cache-service.ts';
import { assertNoSecrets, failure, newJob, removeJob, runStep, type Entry, type Job, type Service, type StepResult } from './runner.ts';

/** A service whose SAS signatures must not reach a log. */
export type SignedService = Service & { signatures: string[] };

/** Jobs and steps of one test file: every step's log is checked for secrets as it ends. */
export class Steps {
  readonly jobs: Job[] = [];
  readonly all: { svc: SignedService; job: Job; result: StepResult }[] = [];

  async job(run: Run, cacheScopes?: CacheScope[]): Promise<Job> {
    const j = await newJob(run, cacheScopes);
    this.jobs.push(j);
    return j;
  }

  async step(svc: SignedService, j: Job, entry: Entry, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<StepResult> {
    const r = await runStep(svc, j, entry, inputs, env);
    this.all.push({ svc, job: j, result: r });
    assertNoSecrets(r, [j.runtimeToken, svc.apiToken, ...svc.signatures]);
    return r;
  }

  async cleanup(): Promise<void> {
    for (const j of this.jobs) await removeJob(j);
  }
}

export function ok(r: StepResult): StepResult {
  assert.equal(r.code, 0, `step failed: ${failure(r) || r.stderr}`);
  // Node's own warnings (deprecations, descriptors, listeners) are noise in a user's log.
  assert.doesNotMatch(r.stderr, /\(node:\d+\) \w*Warning/, 'Node printed a warning');
  return r;
}

/** The step failed with exactly one ::error:: line, and that line matches. */
export function failed(r: StepResult, re: RegExp): string {
  assert.equal(r.code, 1, `expected a failure, got exit ${r.code}; stdout: ${r.stdout.slice(-2000)}`);
  const errors = r.stdout.split(/\r?\n/).filter((l) => l.startsWith('::error::'));
  assert.equal(errors.length, 1, `one ::error:: line, got ${errors.length}`);
  const msg = failure(r);
  assert.doesNotMatch(msg, /[\r\n]/, 'the failure is one line');
  assert.match(msg, re);
  return msg;
}

/** Our staging and download directories in RUNNER_TEMP: none may outlive the step. */
export function leftovers(j: Job): string[] {
  return readdirSync(j.temp).filter((n) => n.startsWith('sqlite-snapshot-'));
}

/** Every file under the workspace, relative and sorted: a failed step must not add any. */
export function workspaceFiles(j: Job): string[] {
  return (readdirSync(j.workspace, { recursive: true }) as string[]).map((f) => f.replace(/\\/g, '/')).sort();
}

export function smallDb(file: string, marker: number, rows = 1): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)');
  const ins = db.prepare('INSERT INTO t(v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`marker-${marker}-${i}-${randomBytes(100).toString('hex')}`);
  })();
  db.pragma(`user_version = ${marker}`);
  db.close();
}

/** The marker smallDb set (its user_version). */
export { userVersion as marker } from '../../helpers/db.ts';

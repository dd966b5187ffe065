import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Run } from './helpers/artifact-service.ts';
import type { StepResult } from './helpers/runner.ts';
import { failed, marker, ok, smallDb } from './helpers/steps.ts';
import { artifactSuite } from './helpers/suite.ts';

/**
 * Artifact poisoning (GHSA-5xr6-xhww-33m4): a fork's pull request runs in this repository, under
 * any branch name its author picks, and can upload an artifact of any name. `run-id: latest` must
 * not hand that database to a later job unless the user opted in. Through the dist/ bundles.
 */
const suite = artifactSuite();
const steps = suite.steps;

/** A finished, successful run that uploaded `name` holding a database marked `m`. */
async function uploaded(run: Run, name: string, m: number, rows = 1): Promise<Run> {
  const j = await steps.job(run);
  smallDb(path.join(j.workspace, 'nightly.db'), m, rows);
  ok(await steps.step(suite.svc, j, 'snapshot', { path: 'nightly.db', name }));
  suite.svc.finish(run, 'success');
  return run;
}

function scheduled(): Run {
  return suite.svc.newRun({ branch: 'main', workflow: 'nightly.yml', event: 'schedule' });
}

/** A pull request from the fork mallory/app whose branch its author named `main`. */
function forkPr(): Run {
  return suite.svc.newRun({ branch: 'main', headRepo: 'mallory/app', workflow: 'ci.yml', event: 'pull_request' });
}

async function restoreInPr(inputs: Record<string, string>): Promise<{ r: StepResult; file: string }> {
  const j = await steps.job(suite.svc.newRun({ branch: 'feature', event: 'pull_request' }));
  const r = await steps.step(suite.svc, j, 'restore', { path: 'got.db', 'run-id': 'latest', branch: 'main', ...inputs });
  return { r, file: path.join(j.workspace, 'got.db') };
}

const lines = (r: StepResult, re: RegExp): string[] => r.stdout.split(/\r?\n/).filter((l) => re.test(l));

describe('run-id: latest and runs of forks', () => {
  test('a newer fork run on a branch named main is skipped: the trusted nightly is restored, and the log says why', async () => {
    const nightly = await uploaded(scheduled(), 'nightly-db', 100);
    const fork = await uploaded(forkPr(), 'nightly-db', 666, 50);
    const { r, file } = await restoreInPr({ name: 'nightly-db' });
    ok(r);
    assert.equal(marker(file), 100, "the trusted nightly's database, not the fork's");
    assert.equal(lines(r, new RegExp(`skipped 1 run\\(s\\) from forks \\(${fork.id}\\).*allow-forks: true`)).length, 1, r.stdout);
    assert.equal(
      lines(r, new RegExp(`^run-id latest: run ${nightly.id} \\(workflow nightly\\.yml, event schedule, branch main, head repository octo/app\\), artifact id \\d+: the newest successful run on main with artifact "nightly-db" from this repository$`)).length,
      1,
      r.stdout,
    );
    assert.equal(lines(r, /^::warning::/).length, 0);
  });

  test('a listing without repository ids: the run itself tells the fork apart', async (t) => {
    suite.svc.listingWithoutRepoIds = true;
    t.after(() => (suite.svc.listingWithoutRepoIds = false));
    await uploaded(scheduled(), 'nightly-runs', 105);
    const fork = await uploaded(forkPr(), 'nightly-runs', 665);
    const { r, file } = await restoreInPr({ name: 'nightly-runs' });
    ok(r);
    assert.equal(marker(file), 105);
    assert.match(r.stdout, new RegExp(`^run-id latest: skipped 1 run\\(s\\) from forks \\(${fork.id}\\)`, 'm'));
    assert.ok(suite.svc.calls.some((c) => c.includes(`/actions/runs/${fork.id}`)), 'the fork was found by reading its run');
  });

  test('a fork run deleted with its fork (no head repository) is a fork too', async () => {
    await uploaded(scheduled(), 'nightly-gone', 110);
    await uploaded(suite.svc.newRun({ branch: 'main', headRepo: null, event: 'pull_request' }), 'nightly-gone', 667);
    const { r, file } = await restoreInPr({ name: 'nightly-gone' });
    ok(r);
    assert.equal(marker(file), 110);
  });

  test('only fork runs have the artifact: not found, with the skipped forks counted', async () => {
    await uploaded(forkPr(), 'fork-only', 668);
    const { r, file } = await restoreInPr({ name: 'fork-only' });
    failed(r, /^artifact "fork-only": no successful run on branch main in octo\/app has it \(or it expired\); 1 fork run\(s\) with it were skipped; check name and branch, or give run-id, or set if-not-found: warn$/);
    assert.throws(() => marker(file), 'nothing was restored');
  });

  test('allow-forks: true takes the newest run, fork or not, and warns', async () => {
    await uploaded(scheduled(), 'nightly-af', 120);
    const fork = await uploaded(forkPr(), 'nightly-af', 669);
    const { r, file } = await restoreInPr({ name: 'nightly-af', 'allow-forks': 'true' });
    ok(r);
    assert.equal(marker(file), 669);
    assert.match(r.stdout, new RegExp(`^run-id latest: run ${fork.id} \\(workflow ci\\.yml, event pull_request, branch main, head repository mallory/app\\), artifact id \\d+: .*forks allowed$`, 'm'));
    assert.equal(
      lines(r, new RegExp(`^::warning::run-id latest: run ${fork.id} came from mallory/app, not octo/app \\(allow-forks: true\\); whoever opened that pull request chose this database's contents$`)).length,
      1,
    );
  });

  test('workflow: nightly.yml skips a newer successful run of another workflow of this repository', async () => {
    const nightly = await uploaded(scheduled(), 'nightly-wf', 130);
    const other = await uploaded(suite.svc.newRun({ branch: 'main', workflow: 'ci.yml', event: 'push' }), 'nightly-wf', 131);
    const any = await restoreInPr({ name: 'nightly-wf' });
    ok(any.r);
    assert.equal(marker(any.file), 131, 'without workflow, any workflow of the repository counts');
    const only = await restoreInPr({ name: 'nightly-wf', workflow: 'nightly.yml' });
    ok(only.r);
    assert.equal(marker(only.file), 130);
    assert.match(only.r.stdout, new RegExp(`^run-id latest: skipped 1 run\\(s\\) of other workflows than nightly\\.yml \\(${other.id}\\)$`, 'm'));
    assert.match(only.r.stdout, new RegExp(`^run-id latest: run ${nightly.id} \\(workflow nightly\\.yml, .*the newest successful run of nightly\\.yml on main with artifact "nightly-wf" from this repository$`, 'm'));
    const path_ = await restoreInPr({ name: 'nightly-wf', workflow: '.github/workflows/nightly.yml@refs/heads/main' });
    ok(path_.r);
    assert.equal(marker(path_.file), 130, 'a workflow path with a ref names the same file');
  });

  test('an explicit run-id of a fork run restores what the user named, with a warning', async () => {
    const fork = await uploaded(forkPr(), 'named', 670);
    const j = await steps.job(suite.svc.newRun({ branch: 'feature' }));
    const r = ok(await steps.step(suite.svc, j, 'restore', { name: 'named', path: 'n.db', 'run-id': String(fork.id) }));
    assert.equal(marker(path.join(j.workspace, 'n.db')), 670);
    assert.match(r.stdout, new RegExp(`^run-id: run ${fork.id} \\(workflow ci\\.yml, event pull_request, branch main, head repository mallory/app\\)$`, 'm'));
    assert.equal(
      lines(r, new RegExp(`^::warning::run-id: run ${fork.id} came from mallory/app, not octo/app: a fork's pull request chose this database's contents; restore it only if you trust that pull request$`)).length,
      1,
    );
    const own = await uploaded(scheduled(), 'named-own', 171);
    const r2 = ok(await steps.step(suite.svc, j, 'restore', { name: 'named-own', path: 'o.db', 'run-id': String(own.id) }));
    assert.equal(lines(r2, /^::warning::/).length, 0, 'no warning for a run of this repository');
  });

  test('bad workflow inputs fail with one line before anything is downloaded', async () => {
    const j = await steps.job(suite.svc.newRun({ branch: 'feature' }));
    failed(await steps.step(suite.svc, j, 'restore', { name: 'x', workflow: 'nightly.yml' }), /^workflow: "nightly\.yml" only applies with run-id: latest/);
    failed(await steps.step(suite.svc, j, 'restore', { name: 'x', 'run-id': 'latest', workflow: 'nightly' }), /^workflow: "nightly" is not a workflow file name/);
    failed(await steps.step(suite.svc, j, 'restore', { name: 'x', 'run-id': 'latest', 'allow-forks': 'maybe' }), /^allow-forks: "maybe" is not a boolean/);
  });
});

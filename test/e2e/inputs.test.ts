import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sha256File } from '../helpers/db.ts';
import type { Entry } from './helpers/runner.ts';
import { artifactSuite } from './helpers/suite.ts';
import { failed, leftovers, ok, smallDb, workspaceFiles } from './helpers/steps.ts';

/**
 * Inputs the Action must refuse before touching anything, and artifacts that are not
 * sqlite-snapshot artifacts: each ends in one ::error:: line naming the input (or the artifact)
 * and what to do, with the target and the artifact list unchanged.
 */
const suite = artifactSuite();
const steps = suite.steps;

/** A zip made by the zip CLI from files given as name → content. */
function zipOf(files: Record<string, string | Buffer>): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'foreign-zip-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    execFileSync('zip', ['-q', '-X', 'a.zip', ...Object.keys(files)], { cwd: dir });
    return readFileSync(path.join(dir, 'a.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('action inputs and foreign artifacts (dist/ bundles)', () => {
  test('bad input values: one line naming the input, nothing uploaded, nothing written', async () => {
    const run = suite.svc.newRun();
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'x.db'), 1);
    const before = workspaceFiles(a);
    const cases: [Entry, Record<string, string>, RegExp][] = [
      ['snapshot', { path: 'x.db', compression: 'brotli' }, /^compression: "brotli" is not one of zstd, gzip, none; set it to one of those$/],
      ['snapshot', { path: 'x.db', 'compression-level': 'high' }, /^compression-level: "high" is not a whole number from -7 to 22; /],
      ['snapshot', { path: 'x.db', compression: 'gzip', 'compression-level': '12' }, /^compression-level: .*12.*gzip/],
      ['snapshot', { path: 'x.db', verify: 'maybe' }, /^verify: "maybe" is not one of quick, full, off; /],
      ['snapshot', { path: 'x.db', 'retention-days': '-1' }, /^retention-days: "-1" is not a whole number from 0 to 400; /],
      ['snapshot', { path: 'x.db', 'retention-days': 'ten' }, /^retention-days: "ten" is not a whole number/],
      ['snapshot', { path: 'x.db', 'if-no-files-found': 'fail' }, /^if-no-files-found: "fail" is not one of warn, error, ignore; /],
      ['snapshot', { path: 'x.db', 'busy-timeout': 'soon' }, /^busy-timeout: "soon" is not a whole number/],
      ['snapshot', { path: 'x.db', method: 'VACUUM INTO' }, /^method: "VACUUM INTO" is not one of auto, backup, vacuum/],
      ['snapshot', { path: 'x.db', name: 'a/b' }, /^name: .*"a\/b"/],
      ['snapshot', { path: 'x.db', name: '..' }, /^name: /],
      ['restore', { name: 'x/../y' }, /^name: /],
      ['restore', { verify: 'sometimes' }, /^verify: "sometimes" is not one of auto, quick, full, off; /],
      ['restore', { 'keep-previous': 'yes' }, /^keep-previous: "yes" is not a boolean; use true or false$/],
      ['restore', { 'if-not-found': 'fail' }, /^if-not-found: "fail" is not one of error, warn, ignore; /],
      ['restore', { 'journal-mode': 'wal2' }, /^journal-mode: "wal2" is not one of keep, wal, delete/],
      ['restore', { 'run-id': '-5' }, /^run-id: "-5" is not a run id/],
      ['restore', { 'run-id': '123', 'github-token': '' }, /^github-token: is empty; /],
    ];
    for (const [entry, inputs, re] of cases) {
      failed(await steps.step(suite.svc, a, entry, inputs), re);
    }
    assert.equal(suite.svc.artifacts.filter((x) => x.runBackendId === run.backendId).length, 0, 'nothing uploaded');
    assert.deepEqual(workspaceFiles(a), before, 'nothing written to the workspace');
    assert.deepEqual(leftovers(a), []);
  });

  test('a snapshot of a database outside the workspace cannot be restored to its recorded path by default', async () => {
    const run = suite.svc.newRun();
    const a = await steps.job(run);
    const outside = path.join(path.dirname(a.workspace), 'outside.db');
    smallDb(outside, 3);
    // Reading a database the workflow names is its author's choice, as with upload-artifact.
    const snap = ok(await steps.step(suite.svc, a, 'snapshot', { path: '../outside.db', name: 'outside' }));
    assert.equal(JSON.parse(snap.outputs['manifest'] ?? '{}').databases[0].source, outside);
    // Writing back to a path the artifact recorded is not: an artifact must not choose where we write.
    const b = await steps.job(run);
    const before = workspaceFiles(b);
    const r = await steps.step(suite.svc, b, 'restore', { name: 'outside' });
    failed(r, /^path: is empty and outside\.db was snapshotted from .*outside\.db, outside the workspace; give path \(where to restore it\)$/);
    assert.deepEqual(workspaceFiles(b), before);
    assert.deepEqual(leftovers(b), []);
    ok(await steps.step(suite.svc, b, 'restore', { name: 'outside', path: 'inside.db' }));
  });

  test('artifacts that are not sqlite-snapshot artifacts: one line naming the artifact, target untouched', async () => {
    const run = suite.svc.newRun();
    await suite.svc.putArtifact(run, 'build-output', zipOf({ 'a.txt': 'hello', 'b.bin': Buffer.from([1, 2, 3]) }));
    await suite.svc.putArtifact(run, 'other-manifest', zipOf({ 'manifest.json': '{"name":"webpack","files":[]}' }));
    await suite.svc.putArtifact(run, 'broken-manifest', zipOf({ 'manifest.json': '{"format": 1, "datab' }));
    await suite.svc.putArtifact(run, 'raw-file', Buffer.from('SQLite format 3\0 but not really'), 'application/octet-stream');
    const b = await steps.job(run);
    const target = path.join(b.workspace, 'app.db');
    smallDb(target, 5);
    const hash = sha256File(target);
    const files = workspaceFiles(b);
    for (const name of ['build-output', 'other-manifest', 'broken-manifest', 'raw-file']) {
      const r = await steps.step(suite.svc, b, 'restore', { name, path: 'app.db' });
      failed(r, new RegExp(`^artifact "${name}" \\(id \\d+\\)(: manifest\\.json: manifest is .*| holds no manifest\\.json, so it was not uploaded by sqlite-snapshot); check name: restore reads only artifacts that the sqlite-snapshot action uploaded$`));
      assert.equal(r.outputs['restored'], 'false');
    }
    assert.equal(sha256File(target), hash);
    assert.deepEqual(workspaceFiles(b), files);
    assert.deepEqual(leftovers(b), []);
    ok(await steps.step(suite.svc, b, 'restore', { name: 'nope', path: 'app.db', 'if-not-found': 'ignore' }));
  });
});

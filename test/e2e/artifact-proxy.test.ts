import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ForwardProxy } from './helpers/forward-proxy.ts';
import { marker, ok, smallDb } from './helpers/steps.ts';
import { artifactSuite } from './helpers/suite.ts';

/**
 * A runner behind an HTTP proxy (dist/ bundles): the snapshot step's own artifact client goes
 * through it as the toolkit did (the Twirp calls and the blob upload), and leaves it for the
 * hosts no_proxy names.
 */
const suite = artifactSuite();
const steps = suite.steps;
const proxy = new ForwardProxy();
before(() => proxy.start());
after(() => proxy.stop());

describe('artifact uploads through a proxy (dist/ bundles)', () => {
  test('http_proxy: the Twirp calls and the blob upload go through it; the artifact restores', async () => {
    const run = suite.svc.newRun();
    const a = await steps.job(run);
    smallDb(path.join(a.workspace, 'app.db'), 31);
    ok(await steps.step(suite.svc, a, 'snapshot', { path: 'app.db', name: 'proxied' }, { http_proxy: proxy.url }));
    const seen = proxy.seen.splice(0);
    for (const method of ['ListArtifacts', 'CreateArtifact', 'FinalizeArtifact']) {
      assert.ok(seen.includes(`POST /twirp/github.actions.results.api.v1.ArtifactService/${method}`), `${method} went through the proxy: ${seen.join(', ')}`);
    }
    assert.ok(seen.some((s) => /^PUT \/devstoreaccount1\/actions-results\//.test(s)), `the blob upload went through the proxy: ${seen.join(', ')}`);
    const b = await steps.job(run);
    ok(await steps.step(suite.svc, b, 'restore', { name: 'proxied', path: 'app.db' }, { http_proxy: proxy.url }));
    assert.equal(marker(path.join(b.workspace, 'app.db')), 31);
  });

  test('no_proxy naming the hosts: nothing goes through the proxy', async () => {
    const a = await steps.job(suite.svc.newRun());
    smallDb(path.join(a.workspace, 'app.db'), 32);
    proxy.seen.length = 0;
    ok(await steps.step(suite.svc, a, 'snapshot', { path: 'app.db', name: 'direct' }, { http_proxy: proxy.url, no_proxy: '127.0.0.1' }));
    assert.deepEqual(proxy.seen, []);
  });
});

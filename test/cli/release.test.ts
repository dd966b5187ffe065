import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ReleaseService } from '../e2e/helpers/release-service.ts';
import { marker, smallDb } from '../e2e/helpers/steps.ts';
import { runCli, sha256File, tempDir } from '../helpers/db.ts';

/**
 * The CLI's --release against the Releases emulator: publishing from a machine with the Action's
 * flow, and fetching a project's released database from anywhere, anonymously when public.
 */
let rel: ReleaseService;
before(async () => {
  rel = await ReleaseService.start();
  rel.addRepo('octo/cli');
  rel.addRepo('octo/secret', { private: true });
});
after(async () => rel.close());

/** No token unless given: a GITHUB_TOKEN of the machine running the tests must not leak in. */
const env = (token = ''): NodeJS.ProcessEnv => ({ GITHUB_API_URL: rel.apiUrl, GITHUB_TOKEN: token, GH_TOKEN: '' });

test('snapshot --release publishes; restore, inspect and verify --release read it anonymously from a public repository', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  smallDb(db, 42, 200);
  const write = rel.token('octo/cli', 'write');

  const snap = await runCli(['snapshot', db, '--release', 'octo/cli@v1.0.0', '--name', 'app', '--json'], { env: env(write) });
  assert.equal(snap.code, 0, snap.stderr);
  const out = JSON.parse(snap.stdout) as { release: { tag: string; draft: boolean }; assets: { name: string; url: string }[] };
  assert.deepEqual([out.release.tag, out.release.draft], ['v1.0.0', false]);
  assert.deepEqual(out.assets.map((a) => a.name), ['app.app.db.zst', 'app.manifest.json']);
  assert.ok(out.assets.every((a) => a.url.endsWith(`/releases/download/v1.0.0/${a.name}`)), 'download URLs name the published tag');
  assert.equal(rel.releases('octo/cli')[0]?.draft, false);

  const target = path.join(dir, 'restored.db');
  const restore = await runCli(['restore', '--release', 'octo/cli@latest', '--name', 'app', '--to', target], { env: env() });
  assert.equal(restore.code, 0, restore.stderr);
  assert.match(restore.stdout, /^restored app from release v1\.0\.0 to 1 target\(s\)/);
  assert.match(restore.stderr, /release latest: v1\.0\.0, id \d+, published .*: the newest published release with snapshot "app"/);
  assert.equal(marker(target), 42);
  const anonymous = rel.requests.filter((q) => q.server === 'api' && q.method === 'GET' && !q.auth);
  assert.ok(anonymous.length > 0, 'the restore sent no token');

  const inspect = await runCli(['inspect', '--release', 'octo/cli@v1.0.0', '--name', 'app', '--json'], { env: env() });
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.equal((JSON.parse(inspect.stdout) as { generation: string }).generation, 'v1.0.0');
  const verify = await runCli(['verify', '--release', 'octo/cli@v1.0.0', '--name', 'app'], { env: env() });
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /^OK: snapshot app generation v1\.0\.0/);

  // Restoring again over the same target gives the same bytes.
  const before = sha256File(target);
  assert.equal((await runCli(['restore', '--release', 'octo/cli@v1.0.0', '--name', 'app', '--to', target, '-q'], { env: env() })).code, 0);
  assert.equal(sha256File(target), before);
});

test('--release mistakes: one line, the documented exit code', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  smallDb(db, 1);
  const cases: { args: string[]; token?: string; code: number; match: RegExp }[] = [
    { args: ['snapshot', db, '--release', 'octo/cli@v2.0.0', '--name', 'app'], code: 2, match: /GITHUB_TOKEN: is not set; publishing to a release needs a token with contents: write/ },
    { args: ['snapshot', db, '--release', 'octo/cli@latest', '--name', 'app'], token: 'x', code: 2, match: /--release: "latest" names a release to read/ },
    { args: ['snapshot', db, '--release', 'octo-cli@v1', '--name', 'app'], token: 'x', code: 2, match: /--release: "octo-cli@v1" is not owner\/repo@tag/ },
    { args: ['snapshot', db, '--release', 'octo/cli@v1', '--store', dir, '--name', 'app'], token: 'x', code: 2, match: /give --store or --release, not both/ },
    { args: ['snapshot', db, '--store', dir, '--name', 'app', '--draft'], code: 2, match: /--draft applies only with --release/ },
    { args: ['restore', '--release', 'octo/secret@latest', '--name', 'app', '--to', path.join(dir, 'x.db')], code: 5, match: /octo\/secret not found \(404\); check the repository name, and that GITHUB_TOKEN can read it/ },
    { args: ['restore', '--release', 'octo/cli@v9.9.9', '--name', 'app', '--to', path.join(dir, 'x.db')], code: 5, match: /--release: no release v9\.9\.9 in octo\/cli/ },
    { args: ['restore', '--release', 'octo/cli@latest', '--name', 'nope', '--to', path.join(dir, 'x.db')], code: 5, match: /no published release in octo\/cli holds a snapshot named "nope"/ },
    { args: ['restore', '--release', 'octo/cli@v1.0.0', '--prereleases', '--name', 'app', '--to', path.join(dir, 'x.db')], code: 2, match: /--prereleases applies only with @latest/ },
    { args: ['snapshot', db, '--release', 'octo/cli@v3.0.0', '--name', 'app'], token: 'not-a-token', code: 2, match: /GITHUB_TOKEN: GitHub refused the token \(401/ },
  ];
  for (const c of cases) {
    const r = await runCli(c.args, { env: env(c.token) });
    assert.equal(r.code, c.code, `${c.args.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line: ${r.stderr}`);
    assert.match(lines[0] as string, c.match);
  }
  assert.deepEqual(rel.releases('octo/cli').map((r) => r.tag_name).filter((tag) => tag !== 'v1.0.0'), [], 'no release was created by a refused command');
});

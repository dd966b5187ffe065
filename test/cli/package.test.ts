// The npm package as a user gets it: packed from the tree a fresh clone has (prepack must build),
// installed from the tarball into an empty prefix, its bin run through its #! line.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ACCOUNTS, ROOT, START_BALANCE, bankTotal, makeBank } from '../helpers/db.ts';

const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };
/** Documented in the README and by bin.cts; 22.14 and 23.7 fail at import (zstd in node:zlib). */
const ENGINES = '^22.15.0 || >=23.8.0';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** What npm sees when a user runs it: none of the npm_* settings `npm test` passes its children. */
function cleanEnv(pathFirst: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toLowerCase().startsWith('npm_')) env[k] = v;
  env.PATH = [...pathFirst, process.env.PATH ?? ''].join(path.delimiter);
  return env;
}

let work = '';
let tarball = '';
let installedBin = '';
let shipped: string[] = [];
/** Node 24 first on PATH, so `#!/usr/bin/env node` and npm's scripts run on it. */
let newNodeEnv: NodeJS.ProcessEnv = {};

before(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sqlite-snapshot-pkg-'));
  newNodeEnv = cleanEnv([path.dirname(process.execPath)]);
  // The tree as a fresh clone has it: tracked files (and new ones not yet committed), no lib/.
  const tree = path.join(work, 'tree');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const rel of listed.split('\0')) {
    if (rel === '' || !existsSync(path.join(ROOT, rel))) continue;
    mkdirSync(path.dirname(path.join(tree, rel)), { recursive: true });
    cpSync(path.join(ROOT, rel), path.join(tree, rel));
  }
  assert.ok(!existsSync(path.join(tree, 'lib')), 'lib/ is not in a fresh clone');
  // As after `npm ci`: the dev tools prepack needs (tsc).
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
  const packed = path.join(work, 'packed');
  mkdirSync(packed);
  const pack = await run('npm', ['pack', '--pack-destination', packed], { cwd: tree, env: newNodeEnv });
  assert.equal(pack.code, 0, `npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
  tarball = path.join(packed, `sqlite-snapshot-${PKG.version}.tgz`);
  assert.ok(existsSync(tarball), `npm pack made ${readdirSync(packed).join(', ')}`);
  shipped = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '')
    .map((f) => f.replace(/^package\//, ''));

  // Into an empty prefix, as `npm install -g` does; the cache npm ci filled spares the network.
  const prefix = path.join(work, 'prefix');
  const install = await run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work, env: newNodeEnv });
  assert.equal(install.code, 0, `npm install -g failed:\n${install.stdout}\n${install.stderr}`);
  installedBin = path.join(prefix, 'bin', 'sqlite-snapshot');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the compiled CLI and API with its declarations, README, LICENSE and package.json, and nothing of the Action or the tests', { timeout: 600_000 }, (t) => {
  const kib = statSync(tarball).size / 1024;
  t.diagnostic(`sqlite-snapshot-${PKG.version}.tgz: ${kib.toFixed(1)} KiB, ${shipped.length} files`);
  for (const f of ['package.json', 'README.md', 'LICENSE', 'lib/cli/bin.cjs', 'lib/cli/load-main.cjs', 'lib/cli/main.js', 'lib/engine/snapshot/snapshot.js', 'lib/store/local/local.js', 'lib/api/index.js', 'lib/api/index.d.ts']) {
    assert.ok(shipped.includes(f), `${f} is in the tarball`);
  }
  for (const f of shipped) {
    assert.doesNotMatch(f, /^(test|bench|dist|src|scripts|restore|\.github|\.ci|node_modules|lib\/action|lib\/example)\//, `${f} should not ship`);
    // Declarations ship for the API (and what its types name); sources do not.
    if (!/^lib\/(api|engine|store)\/.*\.d\.ts$/.test(f)) assert.doesNotMatch(f, /\.(ts|cts|tgz|db)$/, `${f} should not ship`);
    assert.ok(f.split('/').length === 1 || f.startsWith('lib/'), `${f} should not ship`);
  }

  // Every shipped module loads from inside the tarball: nothing imports the Action's libraries
  // (devDependencies now), and every relative import names a shipped file.
  const unpacked = path.join(work, 'unpacked');
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
  const pkg = JSON.parse(readFileSync(path.join(unpacked, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(pkg.private, undefined, 'not private');
  // SQLite, and the SDKs of the object stores --store takes (each loaded only when its URL is given).
  assert.deepEqual(Object.keys(pkg.dependencies as object), ['@aws-sdk/client-s3', '@aws-sdk/lib-storage', '@azure/storage-blob', 'better-sqlite3'], 'the runtime dependencies');
  assert.deepEqual(pkg.bin, { 'sqlite-snapshot': 'lib/cli/bin.cjs' });
  assert.deepEqual(pkg.exports, { '.': { types: './lib/api/index.d.ts', default: './lib/api/index.js' }, './package.json': './package.json' });
  assert.equal(pkg.types, './lib/api/index.d.ts');
  assert.equal((pkg.engines as { node: string }).node, ENGINES);
  for (const key of ['repository', 'keywords', 'license', 'files', 'homepage', 'bugs']) assert.ok(pkg[key], `package.json has ${key}`);
  for (const f of shipped.filter((s) => /\.c?js$/.test(s))) {
    const text = readFileSync(path.join(unpacked, 'package', f), 'utf8');
    const specifiers = [...text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
    for (const spec of specifiers) {
      assert.ok(!spec.startsWith('@actions/'), `${f} imports ${spec}`);
      if (spec.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), spec));
        assert.ok(shipped.includes(target), `${f} imports ${spec}, which is not in the tarball`);
      }
    }
  }
});

test('the installed bin: --version, help, and a snapshot/verify/restore round trip of a WAL database', { timeout: 300_000 }, async (t) => {
  const dir = mkdtempSync(path.join(work, 'round-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]): Promise<Run> => run(installedBin, args, { env: newNodeEnv });

  const version = await cli(['--version']);
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout, `${PKG.version}\n`);
  assert.equal((await cli(['-v'])).stdout, `${PKG.version}\n`);
  const help = await cli(['help', 'restore']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^Usage: sqlite-snapshot restore/);

  const db = path.join(dir, 'bank.db');
  // 200 committed transfers only in the -wal: the snapshot must include them.
  makeBank(db, { journalMode: 'wal', fillerRows: 200, walTransfers: 200 });
  const store = path.join(dir, 'store');
  const snap = await cli(['snapshot', db, '--store', store, '--name', 'pkg']);
  assert.equal(snap.code, 0, snap.stderr);
  const verify = await cli(['verify', '--store', store, '--name', 'pkg']);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /^OK: snapshot pkg/);
  const target = path.join(dir, 'restored.db');
  const restore = await cli(['restore', '--store', store, '--name', 'pkg', '--to', target, '--json']);
  assert.equal(restore.code, 0, restore.stderr);
  assert.equal(JSON.parse(restore.stdout).restored[0].path, target);
  const bank = bankTotal(target);
  assert.equal(bank.total, ACCOUNTS * START_BALANCE);
  assert.equal(bank.integrity, 'ok');
  const restored = new Database(target, { readonly: true });
  try {
    const balance = restored.prepare('SELECT balance FROM accounts WHERE id = 2').pluck().get();
    assert.equal(balance, START_BALANCE + 200, 'the transfers that were only in the -wal are restored');
  } finally {
    restored.close();
  }
});

test('the API from the installed tarball: a TypeScript consumer type-checks against the shipped .d.ts and runs', { timeout: 300_000 }, async () => {
  const project = path.join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: project, env: newNodeEnv });
  assert.equal(install.code, 0, `npm install failed:\n${install.stdout}\n${install.stderr}`);
  cpSync(path.join(ROOT, 'test', 'cli', 'fixtures', 'consumer.ts'), path.join(project, 'consumer.ts'));
  // Strict, and no skipLibCheck: every shipped declaration the consumer reaches is checked too, and
  // its @ts-expect-error lines fail if the declarations let its mistakes through. Node's own types
  // come from our devDependencies, as a Node project has them; better-sqlite3's are not installed
  // there, so a shipped declaration that needed them would fail.
  const compilerOptions = { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] };
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
  assert.ok(!existsSync(path.join(project, 'node_modules', '@types')), 'the consumer has no @types of its own');
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project });
  assert.equal(checked.code, 0, `the consumer does not type-check against the shipped declarations:\n${checked.stdout}${checked.stderr}`);

  const db = path.join(project, 'bank.db');
  makeBank(db, { journalMode: 'wal', walTransfers: 20 });
  const ran = await run(process.execPath, ['consumer.ts', db, project], { cwd: project, env: newNodeEnv });
  assert.equal(ran.code, 0, ran.stderr);
  const out = JSON.parse(ran.stdout) as { generation: string; generations: string[]; restored: string; missing: string };
  assert.deepEqual(out.generations, [out.generation]);
  assert.equal(out.restored, path.join(project, 'back.db'));
  assert.equal(out.missing, 'not-found 5');
  assert.equal(bankTotal(out.restored).total, ACCOUNTS * START_BALANCE);
  // Loaded from the installed package, not from this checkout.
  assert.ok(existsSync(path.join(project, 'node_modules', 'sqlite-snapshot', 'lib', 'api', 'index.js')));
});

test('npx --package <tarball> sqlite-snapshot runs the CLI without installing it', { timeout: 300_000 }, async () => {
  // npx keeps what it installs under <cache>/_npx: a private cache directory keeps that out of the
  // user's, while its _cacache is the shared one npm ci filled, so nothing is downloaded again.
  const sharedCache = execFileSync('npm', ['config', 'get', 'cache'], { env: newNodeEnv, encoding: 'utf8' }).trim();
  const cache = path.join(work, 'npx-cache');
  mkdirSync(cache);
  if (existsSync(path.join(sharedCache, '_cacache'))) symlinkSync(path.join(sharedCache, '_cacache'), path.join(cache, '_cacache'), 'dir');
  const cwd = path.join(work, 'npx-cwd');
  mkdirSync(cwd);
  const r = await run('npx', ['--yes', '--prefer-offline', '--cache', cache, '--package', tarball, 'sqlite-snapshot', '--help'], { cwd, env: newNodeEnv });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^sqlite-snapshot \d+\.\d+\.\d+: consistent snapshots/);
  assert.match(r.stdout, /Commands:[\s\S]*snapshot[\s\S]*restore/);
});

/** `node` binaries on this machine older than engines allows: /usr/bin/node, and any on PATH. */
function olderNodes(): { node: string; version: string }[] {
  const seen = new Map<string, { node: string; version: string }>();
  const dirs = ['/usr/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(path.delimiter)];
  for (const d of dirs) {
    if (d === '' || !existsSync(path.join(d, 'node'))) continue;
    // The path process.execPath reports (/bin is /usr/bin on merged-usr systems).
    const node = realpathSync(path.join(d, 'node'));
    if (seen.has(node)) continue;
    let version: string;
    try {
      version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
    } catch {
      continue;
    }
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 15) || (major === 23 && minor < 8)) seen.set(node, { node, version });
  }
  return [...seen.values()];
}

test('under a Node.js older than engines allows, every command prints one line naming both versions and exits 2', { timeout: 120_000 }, async (t) => {
  const old = olderNodes();
  if (old.length === 0) {
    t.skip(`no Node.js older than ${ENGINES} found in /usr/bin, /usr/local/bin or on PATH: the old-Node message is not checked on this machine`);
    return;
  }
  const dir = mkdtempSync(path.join(work, 'old-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal' });
  const store = path.join(dir, 'store');
  const commands = [
    [],
    ['--help'],
    ['--version'],
    ['-v'],
    ['help', 'snapshot'],
    ['snapshot', db, '--store', store, '--name', 'old'],
    ['restore', '--store', store, '--name', 'old', '--to', path.join(dir, 'out.db')],
    ['verify', '--store', store, '--name', 'old'],
    ['inspect', '--store', store, '--name', 'old'],
    ['list', '--store', store],
    ['prune', '--store', store, '--name', 'old', '--keep', '1'],
    ['watch', db, '--store', store, '--name', 'old', '--every', '1s'],
    ['no-such-command'],
  ];
  for (const { node, version } of old) {
    t.diagnostic(`running the installed bin under Node.js ${version} (${node})`);
    const expected = `sqlite-snapshot: error: needs Node.js 22.15 or later (23.8 or later on 23.x); this is Node.js ${version} at ${node}: install a newer Node.js, or put one first on PATH\n`;
    for (const args of commands) {
      const r = await run(node, [installedBin, ...args], { env: cleanEnv([]) });
      assert.deepEqual(r, { code: 2, stdout: '', stderr: expected }, `node ${version}: sqlite-snapshot ${args.join(' ')}`);
    }
    // As a user types it: the #! line finds the old node first on PATH.
    const viaPath = await run('sqlite-snapshot', ['--version'], { env: cleanEnv([path.dirname(node), path.dirname(installedBin)]) });
    assert.deepEqual(viaPath, { code: 2, stdout: '', stderr: expected });
  }
  assert.ok(!existsSync(store), 'nothing was written');
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isMusl, prebuildName } from '../../src/engine/sqlite/native.ts';

const root = path.resolve(import.meta.dirname, '../..');

test('prebuildName covers every platform GitHub runs actions on, and nothing else', () => {
  assert.equal(prebuildName('linux', 'x64', false), 'linux-x64');
  assert.equal(prebuildName('linux', 'arm64', false), 'linux-arm64');
  assert.equal(prebuildName('linux', 'x64', true), 'linuxmusl-x64');
  assert.equal(prebuildName('linux', 'arm64', true), 'linuxmusl-arm64');
  assert.equal(prebuildName('darwin', 'x64', false), 'darwin-x64');
  assert.equal(prebuildName('darwin', 'arm64', false), 'darwin-arm64');
  assert.equal(prebuildName('win32', 'x64', false), 'win32-x64');
  assert.equal(prebuildName('win32', 'arm64', false), 'win32-arm64');
  // musl only exists on Linux: a stray flag elsewhere must not invent a name.
  assert.equal(prebuildName('darwin', 'arm64', true), 'darwin-arm64');
  assert.equal(prebuildName('linux', 'ia32', false), undefined);
  assert.equal(prebuildName('freebsd', 'x64', false), undefined);
  assert.equal(prebuildName('win32', 'arm', false), undefined);
});

test('isMusl reads the dynamic loader from /proc/self/maps', () => {
  const glibc = '7f0c1a000000-7f0c1a028000 r--p 00000000 08:01 123 /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\n';
  const musl = '7f5e2b000000-7f5e2b014000 r--p 00000000 00:1f 456 /lib/ld-musl-x86_64.so.1\n';
  const muslArm = '55d0-55d1 r-xp 00000000 00:1f 789 /lib/ld-musl-aarch64.so.1\n';
  assert.equal(isMusl(glibc), false);
  assert.equal(isMusl(musl), true);
  assert.equal(isMusl(muslArm), true);
  // A file merely named like the loader, in a data path, is not the loader.
  assert.equal(isMusl('55d0-55d1 r--p 0 00:1f 1 /home/u/ld-musl-notes.txt\n'), false);
  assert.equal(isMusl(''), false);
  if (process.platform === 'linux') assert.equal(typeof isMusl(), 'boolean');
  else assert.equal(isMusl(), false);
});

test('every name prebuildName can return is shipped by better-sqlite3 and in dist/prebuilds, which every entry shares', () => {
  const names = new Set<string>();
  for (const p of ['linux', 'darwin', 'win32']) for (const a of ['x64', 'arm64']) for (const m of [false, true]) names.add(prebuildName(p, a, m) as string);
  assert.equal(names.size, 8);
  const shipped = readdirSync(path.join(root, 'node_modules/better-sqlite3/prebuilds')).map((f) => f.replace(/\.node$/, ''));
  assert.deepEqual([...names].sort(), shipped.sort());
  const dir = path.join(root, 'dist', 'prebuilds');
  if (!existsSync(dir)) return; // dist/ is checked by the e2e tests and the dist-freshness check
  assert.deepEqual(readdirSync(dir).sort(), [...names].map((n) => `${n}.node`).sort(), 'dist/prebuilds');
  // The entries' folders hold only their two-line starters: no second copy of the addons.
  for (const entry of ['snapshot', 'restore']) assert.deepEqual(readdirSync(path.join(root, 'dist', entry)), ['index.js'], `dist/${entry}`);
});

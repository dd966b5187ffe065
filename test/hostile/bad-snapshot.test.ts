/**
 * Damaged and hostile snapshot files: restore refuses them through the real CLI, the target keeps
 * its old bytes, nothing is written anywhere else, and no temp file is left behind.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, closeSync, readSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import zlib from 'node:zlib';
import { runCli, tempDir } from '../helpers/db.ts';
import { EXIT, assertRefused, assertSameTree, leftovers, makeSmallDb, treeState, tryMount } from './harness.ts';

let fixture: string;
before(async () => {
  fixture = tempDir({ after: (fn) => process.on('exit', fn) }, 'sqlite-snapshot-fixture-');
  makeSmallDb(path.join(fixture, 'app.db'), 200);
  // --raw-sha256: the manifest records the database's own sha256 too, one more checksum to lie about.
  const r = await runCli(['snapshot', path.join(fixture, 'app.db'), '--store', path.join(fixture, 'store'), '--name', 'one', '--raw-sha256', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  // The restore target: an existing database with other content, which must survive every refusal.
  mkdirSync(path.join(fixture, 'target'));
  makeSmallDb(path.join(fixture, 'target', 'live.db'), 50);
});

function genDir(dir: string): string {
  const nameDir = path.join(dir, 'store', 'one');
  return path.join(nameDir, readdirSync(nameDir).filter((n) => !n.startsWith('.'))[0] as string);
}

interface Entry {
  name: string;
  file: string;
  rawSize: number;
  storedSize: number;
  rawSha256: string;
  storedSha256: string;
  pageCount: number;
  pageSize: number;
}
interface ManifestJson {
  formatVersion: number;
  format: string;
  databases: Entry[];
}

function editManifest(dir: string, edit: (m: ManifestJson) => void): void {
  const file = path.join(genDir(dir), 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as ManifestJson;
  edit(m);
  writeFileSync(file, JSON.stringify(m, null, 2));
}

const entry = (m: ManifestJson): Entry => m.databases[0] as Entry;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

interface Case {
  name: string;
  damage: (dir: string) => void;
  code: number;
  mentions: string[];
  /** Restore to `<dir>/target/` (entry name chosen by the snapshot) instead of a file path. */
  toDir?: boolean;
  /** Paths (relative to the scratch dir) that must not exist afterwards. */
  mustNotExist?: string[];
}

const cases: Case[] = [
  {
    name: 'a flipped byte in the data file',
    damage: (d) => {
      const f = path.join(genDir(d), 'app.db.zst');
      const fd = openSync(f, 'r+');
      const b = Buffer.alloc(1);
      const at = Math.floor(readFileSync(f).length / 2);
      readSync(fd, b, 0, 1, at);
      writeSync(fd, Buffer.from([(b[0] as number) ^ 0x01]), 0, 1, at);
      closeSync(fd);
    },
    code: EXIT.corrupt,
    mentions: ['app.db', 'damaged'],
  },
  { name: 'a truncated data file', damage: (d) => truncateSync(path.join(genDir(d), 'app.db.zst'), 100), code: EXIT.corrupt, mentions: ['app.db', 'truncated or damaged'] },
  { name: 'a missing data file', damage: (d) => rmSync(path.join(genDir(d), 'app.db.zst')), code: EXIT.corrupt, mentions: ['app.db.zst', 'missing'] },
  {
    name: 'a truncated manifest',
    damage: (d) => {
      const f = path.join(genDir(d), 'manifest.json');
      truncateSync(f, Math.floor(readFileSync(f).length / 2));
    },
    code: EXIT.corrupt,
    mentions: ['manifest.json', 'not valid JSON'],
  },
  { name: 'a manifest that is not ours', damage: (d) => writeFileSync(path.join(genDir(d), 'manifest.json'), '{"hello": "world"}'), code: EXIT.corrupt, mentions: ['manifest.json', 'not a sqlite-snapshot manifest'] },
  {
    name: 'a manifest whose stored checksum lies',
    damage: (d) => editManifest(d, (m) => (entry(m).storedSha256 = 'a'.repeat(64))),
    code: EXIT.corrupt,
    mentions: ['sha256 of the stored file'],
  },
  {
    name: 'a manifest whose stored size lies',
    damage: (d) => editManifest(d, (m) => (entry(m).storedSize += 1)),
    code: EXIT.corrupt,
    mentions: ['stored file is', 'manifest says'],
  },
  {
    name: 'a manifest whose raw size lies (consistently with its page count)',
    damage: (d) =>
      editManifest(d, (m) => {
        entry(m).pageCount += 1;
        entry(m).rawSize += entry(m).pageSize;
      }),
    code: EXIT.corrupt,
    mentions: ['after decompression', 'manifest says'],
  },
  {
    name: 'a manifest from a newer format version',
    damage: (d) => editManifest(d, (m) => (m.formatVersion = 99)),
    code: EXIT.badInput,
    mentions: ['format 99', 'upgrade sqlite-snapshot'],
  },
  {
    name: 'an entry name with ../',
    damage: (d) => editManifest(d, (m) => (entry(m).name = '../escaped.db')),
    toDir: true,
    code: EXIT.corrupt,
    mentions: ['entry name', '../escaped.db'],
    mustNotExist: ['escaped.db'],
  },
  {
    name: 'an entry name that is an absolute path',
    damage: (d) => editManifest(d, (m) => (entry(m).name = path.join(d, 'absolute.db'))),
    toDir: true,
    code: EXIT.corrupt,
    mentions: ['entry name'],
    mustNotExist: ['absolute.db'],
  },
  {
    name: 'an entry file that points outside the snapshot',
    damage: (d) => {
      cpSync(path.join(genDir(d), 'app.db.zst'), path.join(d, 'store', 'outside.zst'));
      editManifest(d, (m) => (entry(m).file = '../../outside.zst'));
    },
    code: EXIT.corrupt,
    mentions: ['entry file', '../../outside.zst'],
  },
  {
    // Consistent with itself (pages × page size), just absurd: refused before a byte is written.
    name: 'a manifest that declares a 4 TiB database',
    damage: (d) =>
      editManifest(d, (m) => {
        entry(m).pageCount = 2 ** 30;
        entry(m).rawSize = entry(m).pageSize * 2 ** 30;
      }),
    code: EXIT.failed,
    mentions: ['not enough free space', '4.00 TiB'],
  },
  {
    // 64 MiB of zeros in a few KiB: everything the manifest says about the stored file is true,
    // only the raw size is a lie. The decompressor must stop at the declared raw size.
    name: 'a decompression bomb',
    damage: (d) => {
      const bomb = zlib.zstdCompressSync(Buffer.alloc(64 << 20));
      writeFileSync(path.join(genDir(d), 'app.db.zst'), bomb);
      editManifest(d, (m) => {
        entry(m).storedSize = bomb.length;
        entry(m).storedSha256 = sha(bomb);
      });
    },
    code: EXIT.corrupt,
    mentions: ['decompresses to more than', 'hostile'],
  },
];

for (const c of cases) {
  test(`restore refuses ${c.name}`, async (t) => {
    const dir = tempDir(t);
    cpSync(fixture, dir, { recursive: true });
    c.damage(dir);
    const before = treeState(dir);
    const to = c.toDir ? `${path.join(dir, 'target')}/` : path.join(dir, 'target', 'live.db');
    const r = await runCli(['restore', '--store', path.join(dir, 'store'), '--name', 'one', '--to', to]);
    assertRefused(r, c.code, c.mentions);
    assertSameTree(before, treeState(dir), 'scratch directory (store and target)');
    for (const p of c.mustNotExist ?? []) assert.equal(existsSync(path.join(dir, p)), false, `${p} was written`);
    assert.deepEqual(leftovers(dir), []);
  });
}

test('a manifest whose raw checksum lies: verify refuses it; restore, which trusts zstd\'s frame checksums, restores the true bytes', async (t) => {
  const dir = tempDir(t);
  cpSync(fixture, dir, { recursive: true });
  const truth = entry(JSON.parse(readFileSync(path.join(genDir(dir), 'manifest.json'), 'utf8')) as ManifestJson).rawSha256;
  editManifest(dir, (m) => (entry(m).rawSha256 = 'b'.repeat(64)));
  const v = await runCli(['verify', '--store', path.join(dir, 'store'), '--name', 'one']);
  assert.equal(v.code, EXIT.corrupt, v.stderr);
  assert.match(v.stderr + v.stdout, /sha256 of the database/);
  const back = path.join(dir, 'back.db');
  const r = await runCli(['restore', '--store', path.join(dir, 'store'), '--name', 'one', '--to', back, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sha(readFileSync(back)), truth);
});

test('verify reports a flipped byte with exit 3 and restore of the previous generation still works', async (t) => {
  const dir = tempDir(t);
  cpSync(fixture, dir, { recursive: true });
  const good = genDir(dir);
  // A second, newer generation, then damaged.
  const r0 = await runCli(['snapshot', path.join(dir, 'app.db'), '--store', path.join(dir, 'store'), '--name', 'one', '--quiet']);
  assert.equal(r0.code, 0, r0.stderr);
  const nameDir = path.join(dir, 'store', 'one');
  const newest = path.join(nameDir, readdirSync(nameDir).filter((n) => !n.startsWith('.')).sort().at(-1) as string);
  assert.notEqual(newest, good);
  const f = path.join(newest, 'app.db.zst');
  const buf = readFileSync(f);
  buf[buf.length >> 1] = (buf[buf.length >> 1] as number) ^ 0x80;
  writeFileSync(f, buf);
  const v = await runCli(['verify', '--store', path.join(dir, 'store'), '--name', 'one']);
  assert.equal(v.code, EXIT.corrupt, v.stderr);
  assert.match(v.stderr, /failed verification; do not restore it/);
  const back = path.join(dir, 'back.db');
  const r = await runCli(['restore', '--store', path.join(dir, 'store'), '--name', 'one', '--generation', path.basename(good), '--to', back, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
});

test('a generation directory without a manifest (a crashed commit) is never offered', async (t) => {
  const dir = tempDir(t);
  cpSync(fixture, dir, { recursive: true });
  rmSync(path.join(genDir(dir), 'manifest.json'));
  const before = treeState(dir);
  const r = await runCli(['restore', '--store', path.join(dir, 'store'), '--name', 'one', '--to', path.join(dir, 'target', 'live.db')]);
  assertRefused(r, EXIT.notFound, ['"one"']);
  assertSameTree(before, treeState(dir), 'scratch directory');
});

test('a decompression bomb cannot fill a small disk: refused as hostile, not as disk full', async (t) => {
  const dir = tempDir(t);
  cpSync(fixture, dir, { recursive: true });
  cases.find((c) => c.name === 'a decompression bomb')?.damage(dir);
  const small = tryMount(['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs'], t);
  if (!small) {
    t.skip('mounting a tmpfs is not permitted here (needs root)');
    return;
  }
  const r = await runCli(['restore', '--store', path.join(dir, 'store'), '--name', 'one', '--to', path.join(small, 'bomb.db')]);
  assertRefused(r, EXIT.corrupt, ['decompresses to more than']);
  assert.deepEqual(readdirSync(small), []);
});

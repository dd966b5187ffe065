import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ACCOUNTS, START_BALANCE, bankTotal, makeBank, runCli, sha256File, tempDir } from '../helpers/db.ts';

function leftovers(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.endsWith('.sqlite-snapshot-tmp') || e.name.startsWith('.staging-')) out.push(path.join(d, e.name));
      if (e.isDirectory()) walk(path.join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

test('--help, --version and command help', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Commands:[\s\S]*snapshot[\s\S]*restore[\s\S]*verify[\s\S]*inspect/);
  assert.match(help.stdout, /Exit codes: 0 ok, 1 failed, 2 bad input/);
  const version = await runCli(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  for (const cmd of ['snapshot', 'restore', 'verify', 'inspect']) {
    const r = await runCli([cmd, '--help']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.stdout, new RegExp(`Usage: sqlite-snapshot ${cmd}`));
  }
});

test('snapshot, inspect, verify and restore round-trip, human and --json', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal', fillerRows: 500 });
  const store = path.join(dir, 'store');
  const snap = await runCli(['snapshot', db, '--store', store, '--name', 'seed']);
  assert.equal(snap.code, 0, snap.stderr);
  assert.match(snap.stdout, /snapshot seed generation \d{8}T\d{6}\.\d{3}Z: 1 database\(s\)/);
  assert.match(snap.stdout, /bank\.db: backup \(file-copy\)/);
  assert.match(snap.stdout, /why: auto:/);

  const json = await runCli(['snapshot', db, '--store', store, '--name', 'seed2', '--json', '--compression', 'gzip', '--level', '9', '--method', 'vacuum']);
  assert.equal(json.code, 0, json.stderr);
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.manifest.databases[0].method, 'vacuum');
  assert.equal(parsed.manifest.databases[0].compression, 'gzip');
  assert.equal(parsed.manifest.databases[0].level, 9);

  const inspect = await runCli(['inspect', '--store', store, '--name', 'seed']);
  assert.equal(inspect.code, 0);
  assert.match(inspect.stdout, new RegExp(`accounts: ${ACCOUNTS}`));
  assert.match(inspect.stdout, /integrity\s+quick_check ok/);
  const inspectJson = JSON.parse((await runCli(['inspect', '--store', store, '--name', 'seed', '--json'])).stdout);
  assert.equal(inspectJson.format, 'sqlite-snapshot');
  assert.equal(inspectJson.databases[0].tables.accounts, ACCOUNTS);

  const verify = await runCli(['verify', '--store', store, '--name', 'seed']);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /^OK: snapshot seed/);

  const target = path.join(dir, 'out', 'restored.db');
  const restore = await runCli(['restore', '--store', store, '--name', 'seed', '--to', target, '--json']);
  assert.equal(restore.code, 0, restore.stderr);
  assert.equal(JSON.parse(restore.stdout).restored[0].path, target);
  assert.equal(bankTotal(target).total, ACCOUNTS * START_BALANCE);
  const quiet = await runCli(['restore', '--store', store, '--name', 'seed', '--to', target, '--quiet']);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stdout, '');
  assert.deepEqual(leftovers(dir), []);
});

test('--raw-sha256 records the database\'s own sha256, which inspect and restore then show; by default they say it is not recorded', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'delete', fillerRows: 500 });
  const truth = sha256File(db);
  const store = path.join(dir, 'store');
  for (const [name, extra] of [['plain', []], ['raw', ['--raw-sha256']]] as const) {
    const snap = await runCli(['snapshot', db, '--store', store, '--name', name, '--quiet', ...extra]);
    assert.equal(snap.code, 0, snap.stderr);
    const inspect = await runCli(['inspect', '--store', store, '--name', name]);
    const target = path.join(dir, `${name}.db`);
    const restore = await runCli(['restore', '--store', store, '--name', name, '--to', target]);
    assert.equal(restore.code, 0, restore.stderr);
    assert.equal(sha256File(target), truth, 'restored byte for byte either way');
    if (name === 'raw') {
      assert.match(inspect.stdout, new RegExp(`format 1[\\s\\S]*sha256 {7}raw ${truth}`));
      assert.match(restore.stdout, new RegExp(`sha256 ${truth.slice(0, 16)}…`));
    } else {
      assert.match(inspect.stdout, /format 2[\s\S]*sha256 {7}raw not recorded \(snapshot with --raw-sha256/);
      assert.doesNotMatch(restore.stdout, /sha256/);
    }
  }
});

test('verify reports a damaged snapshot with exit code 3 and names what is wrong', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'delete' });
  const store = path.join(dir, 'store');
  assert.equal((await runCli(['snapshot', db, '--store', store, '--name', 'x', '-q'])).code, 0);
  const gen = readdirSync(path.join(store, 'x'))[0] as string;
  const data = path.join(store, 'x', gen, 'bank.db.zst');
  const bytes = readFileSync(data);
  bytes.writeUInt8((bytes.readUInt8(100) ^ 0x55), 100);
  writeFileSync(data, bytes);
  const r = await runCli(['verify', '--store', store, '--name', 'x']);
  assert.equal(r.code, 3);
  assert.match(r.stdout, /^FAILED/);
  assert.match(r.stdout, /bank\.db: .*(damaged|sha256)/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  const j = await runCli(['verify', '--store', store, '--name', 'x', '--json']);
  assert.equal(j.code, 3);
  const report = JSON.parse(j.stdout);
  assert.equal(report.ok, false);
  assert.equal(report.databases[0].ok, false);
  assert.match(report.databases[0].problems[0], /bank\.db/);
});

/** Each bad input: the documented exit code, one line on stderr naming the input, nothing left behind. */
const BAD: { name: string; args: (d: string) => string[]; code: number; match: RegExp }[] = [
  { name: 'missing path', args: (d) => ['snapshot', path.join(d, 'nope.db'), '--store', path.join(d, 's'), '--name', 'n'], code: 2, match: /nope\.db: no such file/ },
  { name: 'a directory', args: (d) => ['snapshot', d, '--store', path.join(d, 's'), '--name', 'n'], code: 2, match: /is a directory/ },
  { name: 'a text file', args: (d) => ['snapshot', path.join(d, 'notes.txt'), '--store', path.join(d, 's'), '--name', 'n'], code: 2, match: /notes\.txt: not a SQLite 3 database/ },
  { name: 'an empty file', args: (d) => ['snapshot', path.join(d, 'empty.db'), '--store', path.join(d, 's'), '--name', 'n'], code: 2, match: /empty\.db: is an empty \(0-byte\) file/ },
  { name: 'no database', args: (d) => ['snapshot', '--store', path.join(d, 's'), '--name', 'n'], code: 2, match: /no database given/ },
  { name: 'missing --store', args: (d) => ['snapshot', path.join(d, 'ok.db'), '--name', 'n'], code: 2, match: /--store is required/ },
  { name: 'unknown method', args: (d) => ['snapshot', path.join(d, 'ok.db'), '--store', path.join(d, 's'), '--name', 'n', '--method', 'copy'], code: 2, match: /--method: unknown value "copy"/ },
  { name: 'unknown compression', args: (d) => ['snapshot', path.join(d, 'ok.db'), '--store', path.join(d, 's'), '--name', 'n', '--compression', 'lz4'], code: 2, match: /--compression: unknown compression "lz4"/ },
  { name: 'level out of range', args: (d) => ['snapshot', path.join(d, 'ok.db'), '--store', path.join(d, 's'), '--name', 'n', '--compression', 'gzip', '--level', '12'], code: 2, match: /--level: 12 is out of range for gzip/ },
  { name: 'name with ..', args: (d) => ['snapshot', path.join(d, 'ok.db'), '--store', path.join(d, 's'), '--name', '../up'], code: 2, match: /--name: "\.\.\/up" contains/ },
  { name: 'unknown option', args: (d) => ['snapshot', path.join(d, 'ok.db'), '--store', path.join(d, 's'), '--name', 'n', '--fast'], code: 2, match: /Unknown option '--fast'/ },
  { name: 'unknown command', args: () => ['backup'], code: 2, match: /unknown command "backup"/ },
  { name: 'store URL of an unknown scheme', args: (d) => ['snapshot', path.join(d, 'ok.db'), '--store', 'gs://bucket/db', '--name', 'n'], code: 2, match: /--store: "gs:\/\/" is not a store this sqlite-snapshot knows/ },
  { name: 'store URL with a typo', args: (d) => ['restore', '--store', 's4://snaps/db', '--name', 'n', '--to', path.join(d, 'x.db')], code: 2, match: /--store: "s4:\/\/" is not a store/ },
  { name: 'unknown store', args: (d) => ['restore', '--store', path.join(d, 'nostore'), '--name', 'n', '--to', path.join(d, 'x.db')], code: 5, match: /no such directory; check --store/ },
  { name: 'unknown name', args: (d) => ['verify', '--store', path.join(d, 'store'), '--name', 'other'], code: 5, match: /snapshot "other" not found/ },
  { name: 'bad journal mode', args: (d) => ['restore', '--store', path.join(d, 'store'), '--name', 'good', '--to', path.join(d, 'x.db'), '--journal-mode', 'memory'], code: 2, match: /--journal-mode: unknown value "memory"/ },
  { name: 'restore without --to', args: (d) => ['restore', '--store', path.join(d, 'store'), '--name', 'good'], code: 2, match: /no target given/ },
];

test('bad inputs: one clear line, the documented exit code, nothing written', async (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'notes.txt'), 'hello, this is not a database\n'.repeat(10));
  writeFileSync(path.join(dir, 'empty.db'), '');
  makeBank(path.join(dir, 'ok.db'));
  assert.equal((await runCli(['snapshot', path.join(dir, 'ok.db'), '--store', path.join(dir, 'store'), '--name', 'good', '-q'])).code, 0);
  mkdirSync(path.join(dir, 'empty-dir'));
  for (const c of BAD) {
    const r = await runCli(c.args(dir));
    assert.equal(r.code, c.code, `${c.name}: exit code (stderr: ${r.stderr})`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${c.name}: one line`);
    assert.match(lines[0] as string, /^sqlite-snapshot: error: /);
    assert.match(lines[0] as string, c.match, c.name);
    assert.equal(r.stdout, '', `${c.name}: nothing on stdout`);
  }
  // Nothing half-made: no snapshot named "n" exists, and no temp or staging file anywhere.
  assert.equal(existsSync(path.join(dir, 's')), false, 'the store was not even created');
  assert.deepEqual(leftovers(dir), []);
});

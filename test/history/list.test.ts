import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { makeBank, runCli, tempDir } from '../helpers/db.ts';
import { generations } from '../helpers/history.ts';

test('list: human table and --json, with sizes, method and verification state', async (t) => {
  const dir = tempDir(t);
  const a = path.join(dir, 'a.db');
  const b = path.join(dir, 'b.db');
  makeBank(a, { fillerRows: 500 });
  makeBank(b);
  const store = path.join(dir, 'store');
  for (const args of [
    ['snapshot', a, b, '--store', store, '--name', 'two', '-q'],
    ['snapshot', a, '--store', store, '--name', 'one', '--method', 'vacuum', '--verify', '-q'],
    ['snapshot', a, '--store', store, '--name', 'one', '--compression', 'none', '-q'],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 0, r.stderr);
  }
  const [one1, one2] = generations(store, 'one') as [string, string];
  const [two1] = generations(store, 'two') as [string];

  const human = await runCli(['list', '--store', store]);
  assert.equal(human.code, 0, human.stderr);
  const lines = human.stdout.trimEnd().split('\n');
  assert.match(lines[0] as string, /^NAME\s+GENERATION\s+TIME \(UTC\)\s+DBS\s+RAW\s+STORED\s+METHOD\s+VERIFIED$/);
  assert.match(lines[1] as string, new RegExp(`^one\\s+${one1.replace('.', '\\.')}\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\s+1\\s+[\\d.]+ KiB\\s+[\\d.]+ KiB\\s+vacuum/vacuum-into\\s+yes \\(quick\\)$`));
  assert.match(lines[2] as string, new RegExp(`^one\\s+${one2.replace('.', '\\.')}\\s.*\\s1\\s.*backup/file-copy\\s+no$`));
  assert.match(lines[3] as string, new RegExp(`^two\\s+${two1.replace('.', '\\.')}\\s.*\\s2\\s.*backup/file-copy\\s+no$`));
  assert.match(lines[4] as string, /^3 generation\(s\) of 2 name\(s\), .* stored in /);

  const v = await runCli(['verify', '--store', store, '--name', 'one', '-q']);
  assert.equal(v.code, 0, v.stderr);
  const json = await runCli(['list', '--store', store, '--name', 'one', '--json']);
  assert.equal(json.code, 0, json.stderr);
  const gens = JSON.parse(json.stdout) as {
    name: string;
    generation: string;
    createdAt: string;
    rawSize: number;
    storedSize: number;
    databases: { name: string; method: string; copy: string; compression: string; integrity: boolean | null }[];
    verified: { ok: boolean; check: string; by: string } | null;
  }[];
  assert.deepEqual(gens.map((g) => g.generation), [one1, one2]);
  assert.equal(gens[0]?.verified?.by, 'snapshot');
  assert.equal(gens[1]?.verified?.by, 'verify');
  assert.equal(gens[1]?.verified?.check, 'full');
  assert.equal(gens[1]?.databases[0]?.compression, 'none');
  assert.equal(gens[1]?.storedSize, gens[1]?.rawSize, 'uncompressed: stored equals raw');
  assert.ok((gens[0]?.storedSize ?? 0) > 0 && Date.parse(gens[0]?.createdAt ?? '') > 0);
});

test('list: a damaged generation is shown, not fatal; empty and missing stores', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'a.db');
  makeBank(db);
  const store = path.join(dir, 'store');
  assert.equal((await runCli(['snapshot', db, '--store', store, '--name', 'n', '-q'])).code, 0);
  assert.equal((await runCli(['snapshot', db, '--store', store, '--name', 'n', '-q'])).code, 0);
  const [first] = generations(store, 'n') as [string];
  writeFileSync(path.join(store, 'n', first, 'manifest.json'), '{"format": "sqlite-snap');
  const r = await runCli(['list', '--store', store]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`${first.replace('.', '\\.')}.*DAMAGED manifest`));
  const j = JSON.parse((await runCli(['list', '--store', store, '--json'])).stdout) as { error?: string }[];
  assert.match(j[0]?.error ?? '', /not valid JSON/);
  assert.equal(j[1]?.error, undefined);

  const none = await runCli(['list', '--store', store, '--name', 'other']);
  assert.equal(none.code, 0);
  assert.match(none.stdout, /no generations of "other"/);
  const missing = await runCli(['list', '--store', path.join(dir, 'nope')]);
  assert.equal(missing.code, 5);
  assert.match(missing.stderr, /no such directory; check --store/);
});

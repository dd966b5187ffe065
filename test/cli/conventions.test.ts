// What users of a well-kept command-line tool expect of it, beyond its own commands.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { mock, test } from 'node:test';
import { ProgressLine } from '../../src/cli/progress.ts';
import { CLI, makeBank, runCli, tempDir } from '../helpers/db.ts';

/** What a ProgressLine writes to a terminal (stderr made a TTY) with TERM set as given. */
function drawn(term: string | undefined): string {
  const saved = { isTTY: process.stderr.isTTY, term: process.env.TERM, write: process.stderr.write };
  let out = '';
  mock.timers.enable({ apis: ['Date'] });
  try {
    process.stderr.isTTY = true;
    if (term === undefined) delete process.env.TERM;
    else process.env.TERM = term;
    process.stderr.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stderr.write;
    const p = new ProgressLine(true);
    mock.timers.tick(2000);
    p.update('snapshot', 50, 100);
    p.clear();
  } finally {
    process.stderr.write = saved.write;
    process.stderr.isTTY = saved.isTTY;
    if (saved.term === undefined) delete process.env.TERM;
    else process.env.TERM = saved.term;
    mock.timers.reset();
  }
  return out;
}

test('the progress line is drawn on a terminal, and not on one that cannot erase a line (TERM=dumb)', () => {
  assert.match(drawn('xterm-256color'), /snapshot: 50%/);
  assert.equal(drawn('dumb'), '');
});

test('a reader that stops early (`| head -1`) gets no stack trace, and the command exits 0', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'bank.db');
  makeBank(db, { journalMode: 'wal' });
  const store = path.join(dir, 'store');
  for (const name of ['a', 'b', 'c']) assert.equal((await runCli(['snapshot', db, '--store', store, '--name', name, '-q'])).code, 0);
  for (const args of [['list', '--store', store], ['--help']]) {
    const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the CLI has started: its first write to stdout fails with EPIPE.
    proc.stdout.destroy();
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
    assert.equal(stderr, '', args.join(' '));
    assert.equal(code, 0, args.join(' '));
  }
});

test('help <command> and -v, as git and npm take them', async () => {
  const help = await runCli(['help', 'verify']);
  assert.equal(help.code, 0);
  assert.equal(help.stdout, (await runCli(['verify', '--help'])).stdout);
  const unknown = await runCli(['help', 'backup']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^sqlite-snapshot: error: unknown command "backup"/);
  assert.equal((await runCli(['-v'])).stdout, (await runCli(['--version'])).stdout);
});

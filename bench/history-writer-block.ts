/**
 * How long does `watch` block a writer that commits as fast as it can? Runs the test writer
 * (test/helpers/writer.ts, one transfer per transaction) alone, then with `watch --every` taking
 * snapshots of the same database, and prints throughput, the longest single commit (busy waits
 * included) and how many commits took over 10 / 50 ms, for WAL and rollback-journal databases.
 * A third run snapshots a copy of the database instead, sharing only CPU and disk with the
 * writer: what remains there is contention, not locking. A fourth runs watch under
 * `nice -n 19 ionice -c 3`, which is how to leave the CPU and disk to the service.
 * Usage: npm run build && node bench/history-writer-block.ts [seconds=6] [fillerRows=20000] [every=500ms]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeBank, startWriter } from '../test/helpers/db.ts';
import { startCli } from '../test/helpers/history.ts';

const seconds = Number(process.argv[2] ?? 6);
const filler = Number(process.argv[3] ?? 20_000);
const every = process.argv[4] ?? '500ms';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

for (const mode of ['wal', 'delete'] as const) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'history-bench-'));
  try {
    const db = path.join(dir, 'bank.db');
    makeBank(db, { journalMode: mode, fillerRows: filler });
    const alone = await startWriter(db);
    await sleep(seconds * 1000);
    const a = await alone.stop();
    const withWatch = async (target: string, label: string, wrapper: string[] = []): Promise<void> => {
      const writer = await startWriter(db);
      const watch = startCli(['watch', target, '--store', path.join(dir, 'store'), '--name', label, '--every', every, '--keep', '2', '--json'], wrapper);
      await sleep(seconds * 1000);
      const w = await writer.stop();
      watch.proc.kill('SIGTERM');
      await watch.exited;
      const snaps = watch
        .stdout()
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { event: string; ms?: number; copy?: string[] })
        .filter((e) => e.event === 'snapshot');
      console.log(
        row(label, w) +
          `  (${snaps.length} snapshots, ${snaps.length ? Math.round(snaps.reduce((s, e) => s + (e.ms ?? 0), 0) / snaps.length) : 0} ms each, ${[...new Set(snaps.flatMap((e) => e.copy ?? []))].join('/')})`,
      );
    };
    const row = (label: string, r: typeof a): string =>
      `${mode.padEnd(6)} ${label.padEnd(16)} ${String(Math.round((r.transactions * 1000) / r.ms)).padStart(7)} tx/s  longest commit ${r.maxCommitMs.toFixed(1).padStart(7)} ms  >10ms ${String(r.over10).padStart(4)}  >50ms ${String(r.over50).padStart(4)}`;
    console.log(row('writer alone', a));
    await withWatch(db, 'watch-same-db');
    await withWatch(db, 'nice-same-db', ['nice', '-n', '19', 'ionice', '-c', '3']);
    const copy = path.join(dir, 'copy.db');
    makeBank(copy, { journalMode: mode, fillerRows: filler });
    await withWatch(copy, 'watch-other-db');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

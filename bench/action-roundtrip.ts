/**
 * Times the Action end to end on a large database, as the runner runs it: dist/snapshot (snapshot +
 * upload) in one job, dist/restore (download + verify + restore) in another, against the local
 * artifact service and Azurite. Prints figures; asserts nothing about time.
 *   node bench/action-roundtrip.ts [MiB=256]
 */
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import path from 'node:path';
import { startAzurite } from '../test/e2e/helpers/azurite.ts';
import { ArtifactService } from '../test/e2e/helpers/artifact-service.ts';
import { failure, newJob, removeJob, runStep } from '../test/e2e/helpers/runner.ts';

const mib = Number(process.argv[2] ?? 256);
const azurite = await startAzurite();
const svc = new ArtifactService(azurite);
await svc.start();
const run = svc.newRun();
const a = await newJob(run);
const b = await newJob(run);
try {
  const file = path.join(a.workspace, 'big.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE events(id INTEGER PRIMARY KEY, kind TEXT, payload TEXT, blob BLOB)');
  const ins = db.prepare("INSERT INTO events(kind, payload, blob) VALUES (?, printf('%.*c', 600, 'x') || ?, randomblob(300))");
  // About half compressible text, half random bytes: between a log table and stored files.
  const rows = Math.ceil((mib * 1048576) / 1000);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`kind-${i % 17}`, String(i));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const size = statSync(file).size;
  for (const [label, compression] of [['zstd', 'zstd'], ['none', 'none']] as const) {
    const name = `big-${label}`;
    const s = await runStep(svc, a, 'snapshot', { path: 'big.db', name, compression });
    if (s.code !== 0) throw new Error(failure(s));
    const r = await runStep(svc, b, 'restore', { name, path: `out-${label}.db` });
    if (r.code !== 0) throw new Error(failure(r));
    const uploaded = Number(s.outputs['size']);
    console.log(
      `${(size / 1048576).toFixed(0)} MiB database, compression ${label}: snapshot+upload ${(s.ms / 1000).toFixed(2)} s ` +
        `(artifact ${(uploaded / 1048576).toFixed(1)} MiB), download+restore ${(r.ms / 1000).toFixed(2)} s (verify quick)`,
    );
  }
} finally {
  await removeJob(a);
  await removeJob(b);
  await svc.stop();
  await azurite.stop();
}

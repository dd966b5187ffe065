/**
 * The benchmark suite: our snapshot and restore against what a user would otherwise run, every
 * case measured in the same run, several repetitions, median and min–max, ratio to the baseline,
 * CPU time, and the peak memory of each process tree: anonymous memory (RssAnon, sampled every
 * 20 ms from /proc) and GNU time's peak RSS, which also counts file pages mapped from the
 * database (our read-only connections mmap it). Not part of `npm test`: it takes minutes.
 *
 *   npm run bench                              # both databases, 1 GiB cases + growth 64 MiB, 256 MiB, 1 GiB; 3 reps
 *   npm run bench -- --quick                   # 256 MiB cases, growth 64/256 MiB, 2 reps
 *   npm run bench -- --size 1GiB --growth 64MiB,256MiB --reps 5 --only idle,compressed
 *   npm run bench -- --db text --only load     # one database (mixed: half blobs; text: mostly text)
 *   npm run bench -- --big                     # adds the 4 GiB growth case
 *
 * Every timed command ends with the output durable (fsync), ours included. Sources are read from a
 * warm page cache in all cases (each source is read once before its first measurement), and
 * `sync` runs untimed between measurements so one case's writeback does not land in the next.
 */
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { BENCH_DIR, DATA_DIR, VARIANTS, formatSize, generate, parseSize, type Variant } from './generate.ts';
import { processTree, sampleAnon } from './memory.ts';

const ROOT = path.dirname(BENCH_DIR);
const human = (bytes: number): string => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
const NODE = process.execPath;
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
const CASES = ['idle', 'compressed', 'wal', 'load', 'restore', 'growth'] as const;
type CaseName = (typeof CASES)[number];

interface Opts {
  /** Another build's CLI (e.g. main's lib/cli/main.js) measured alongside ours, labelled "before:". */
  before?: string;
  size: number;
  growth: number[];
  reps: number;
  seed: number;
  only: Set<CaseName>;
  dbs: Variant[];
}

function parseArgs(argv: string[]): Opts {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = ['--quick', '--big', '--size', '--growth', '--reps', '--seed', '--only', '--before', '--db'];
  for (const a of argv) {
    if (a.startsWith('--') && !known.includes(a)) throw new Error(`${a}: unknown flag; use ${known.join(', ')}`);
  }
  const quick = argv.includes('--quick');
  const growth = (get('growth') ?? (quick ? '64MiB,256MiB' : '64MiB,256MiB,1GiB')).split(',').map(parseSize);
  if (argv.includes('--big')) growth.push(4 * 2 ** 30);
  const only = new Set((get('only') ?? CASES.join(',')).split(',') as CaseName[]);
  for (const c of only) if (!CASES.includes(c)) throw new Error(`--only: unknown case "${c}"; use ${CASES.join(', ')}`);
  const dbs = (get('db') ?? VARIANTS.join(',')).split(',') as Variant[];
  for (const d of dbs) if (!VARIANTS.includes(d)) throw new Error(`--db: unknown database "${d}"; use ${VARIANTS.join(', ')}`);
  const before = get('before');
  return {
    ...(before ? { before: path.resolve(before) } : {}),
    size: parseSize(get('size') ?? (quick ? '256MiB' : '1GiB')),
    growth,
    reps: Number(get('reps') ?? (quick ? 2 : 3)),
    seed: Number(get('seed') ?? 1),
    only,
    dbs,
  };
}

interface Sample {
  ms: number;
  /** user + system CPU time of the process tree: steadier than wall time on a shared machine. */
  cpuMs: number;
  /** Peak RSS (GNU time %M): includes file pages mapped from the database. */
  rssKiB: number;
  /** Peak anonymous memory of the process tree (RssAnon summed, sampled): the process's own memory. */
  anonKiB: number;
  /** Size of what the command wrote, when the method says where. */
  bytes?: number;
}

interface Row {
  group: string;
  label: string;
  samples: Sample[];
  baseline?: string;
  note?: string;
}

const rows: Row[] = [];
let scratch = '';

/** Bytes in a file, or in all files under a directory. */
function sizeOf(p: string): number {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((a, f) => a + sizeOf(path.join(p, f)), 0);
}

/**
 * Our commands run as on a developer's machine or a server, not in CI: without the CI variable
 * (which makes --priority default to normal), whatever the environment of the bench itself.
 */
function benchEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { CI: _ci, ...rest } = process.env;
  return { ...rest, ...env };
}

/** Runs argv under GNU time; returns wall time measured here, CPU time and peak memory. */
function timed(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  const rssFile = path.join(scratch, 'rss.txt');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], env: benchEnv(env) });
    const anon = sampleAnon(p.pid as number);
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = performance.now() - t0;
      const anonKiB = anon();
      if (code !== 0) {
        reject(new Error(`${argv.join(' ')} exited with ${code}: ${err.trim()}`));
        return;
      }
      const [rss, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
      resolve({ ms, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, rssKiB: rss ?? 0, anonKiB });
    });
  });
}

const sh = (script: string): string[] => ['sh', '-c', script];
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function syncAll(): void {
  execFileSync('sync');
}

function clean(...paths: string[]): void {
  for (const p of paths) rmSync(p, { recursive: true, force: true });
}

/** One warm read, so every method starts from the same page-cache state. */
async function warm(file: string): Promise<void> {
  await pipeline(createReadStream(file, { highWaterMark: 8 << 20 }), new Writable({ write: (_c, _e, cb) => cb() }));
}

interface Method {
  label: string;
  argv: (out: string) => string[];
  env?: NodeJS.ProcessEnv;
  /** What to count as the stored size, from the output path (default: the output itself). */
  stored?: (out: string) => string;
}

/** Measures each method `reps` times, interleaved (a, b, c, b, c, a, …) so drift hits all alike. */
async function measure(group: string, methods: Method[], reps: number, baseline?: string): Promise<Row[]> {
  const out = path.join(scratch, 'out');
  const result = methods.map((m) => ({ group, label: m.label, samples: [] as Sample[], ...(baseline ? { baseline } : {}) }));
  for (let r = 0; r < reps; r++) {
    // Each round starts one method later: whatever runs right after a big write and delete pays
    // for it (seen here: 2-3 s of system time for the next 1 GiB writer), so no method always does.
    const order = methods.map((_, k) => (k + r) % methods.length);
    for (const i of order) {
      const m = methods[i] as Method;
      clean(out, `${out}.zip`, `${out}-wal`, `${out}-shm`);
      syncAll();
      const s = await timed(m.argv(out), m.env);
      s.bytes = sizeOf(m.stored ? m.stored(out) : out);
      result[i]?.samples.push(s);
      process.stderr.write(`  ${group} | ${m.label}: ${(s.ms / 1000).toFixed(2)} s, cpu ${(s.cpuMs / 1000).toFixed(2)} s, anon ${(s.anonKiB / 1024).toFixed(0)} MiB, rss ${(s.rssKiB / 1024).toFixed(0)} MiB\n`);
    }
  }
  clean(out, `${out}.zip`);
  rows.push(...result);
  return result;
}

let BEFORE: string | undefined;

function ours(src: string, args: string[], cli = CLI): (out: string) => string[] {
  return (out) => [NODE, cli, 'snapshot', src, '--store', out, '--name', 'bench', '-q', ...args];
}

/** Our command, and the same command of the --before build when one is given. */
function oursAndBefore(label: string, src: string, args: string[]): Method[] {
  const m: Method[] = [{ label, argv: ours(src, args) }];
  if (BEFORE) m.push({ label: `before: ${label}`, argv: ours(src, args, BEFORE) });
  return m;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function machine(): string[] {
  const cli = (cmd: string, args: string[]): string => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]?.trim() ?? '?';
    } catch {
      return 'not installed';
    }
  };
  const mem = new Database(':memory:');
  const sqliteLib = String(mem.prepare('SELECT sqlite_version()').pluck().get());
  mem.close();
  const cpus = os.cpus();
  let fs = '?';
  try {
    fs = execFileSync('df', ['-T', os.tmpdir()], { encoding: 'utf8' }).split('\n')[1]?.split(/\s+/)[1] ?? '?';
  } catch {
    /* informational only */
  }
  return [
    `cores: ${cpus.length} × ${cpus[0]?.model ?? '?'}; memory ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}; scratch ${os.tmpdir()} (${fs})`,
    `node ${process.version}; zstd in node ${process.versions.zstd ?? '?'}; SQLite in better-sqlite3 ${sqliteLib}`,
    `sqlite3 CLI ${cli('sqlite3', ['--version']).split(' ')[0]}; ${cli('zstd', ['--version'])}; ${cli('zip', ['-v']).replace(/^Copyright.*/, '') || cli('sh', ['-c', 'zip -v | sed -n 2p'])}`,
  ];
}

// ---- cases ----------------------------------------------------------------------------------

/** How a database is named in the groups: size and kind. */
const dbLabel = (db: string, kind: Variant): string => `${human(statSync(db).size)} ${kind}`;

async function idleCase(db: string, kind: Variant, reps: number): Promise<void> {
  const cp = 'cp + fsync';
  await measure(
    `idle ${dbLabel(db, kind)}, uncompressed`,
    [
      { label: cp, argv: (o) => sh(`cp ${q(db)} ${q(o)} && sync ${q(o)}`) },
      ...oursAndBefore('ours --compression none', db, ['--compression', 'none']),
      ...oursAndBefore('ours --compression none --check off', db, ['--compression', 'none', '--check', 'off']),
      { label: 'ours --method vacuum --compression none', argv: ours(db, ['--method', 'vacuum', '--compression', 'none']) },
      { label: 'sqlite3 .backup + fsync', argv: (o) => sh(`sqlite3 ${q(db)} ".backup ${o}" && sync ${q(o)}`) },
      { label: 'VACUUM INTO + fsync', argv: (o) => [NODE, path.join(BENCH_DIR, 'baseline.ts'), 'vacuum', db, o] },
      { label: 'better-sqlite3 db.backup() + fsync', argv: (o) => [NODE, path.join(BENCH_DIR, 'baseline.ts'), 'backup', db, o] },
    ],
    reps,
    cp,
  );
}

async function compressedCase(db: string, kind: Variant, reps: number): Promise<void> {
  const z = 'zstd -3 + fsync';
  const rs = await measure(
    `idle ${dbLabel(db, kind)}, compressed`,
    [
      { label: z, argv: (o) => sh(`zstd -q -3 ${q(db)} -o ${q(o)} && sync ${q(o)}`) },
      { label: 'zstd -3 -T0 + fsync', argv: (o) => sh(`zstd -q -3 -T0 ${q(db)} -o ${q(o)} && sync ${q(o)}`) },
      ...oursAndBefore('ours (zstd 3, default)', db, []),
      ...oursAndBefore('ours (zstd 3) --check off', db, ['--check', 'off']),
      { label: 'ours --compression gzip', argv: ours(db, ['--compression', 'gzip']) },
      { label: 'cp + zip -6 + fsync', argv: (o) => sh(`cp ${q(db)} ${q(o)} && zip -q -6 -j ${q(o)}.zip ${q(o)} && sync ${q(o)}.zip`), stored: (o) => `${o}.zip` },
    ],
    reps,
    z,
  );
  const zip = rs.find((r) => r.label.startsWith('cp + zip'));
  if (zip) zip.note = 'the baseline of the ≥3× target for ours (zstd 3, default)';
}

async function walCase(walDb: string, reps: number): Promise<void> {
  // Work on a copy: a read-write open by the baseline would checkpoint the cached -wal away.
  const src = path.join(scratch, 'wal-src.db');
  const fresh = (): string => {
    clean(src, `${src}-wal`, `${src}-shm`);
    cpSync(walDb, src);
    cpSync(`${walDb}-wal`, `${src}-wal`);
    return src;
  };
  fresh();
  const cp = 'cp db + -wal + fsync (not consistent)';
  await measure(
    `idle ${human(statSync(src).size)} + ${(statSync(`${src}-wal`).size / 2 ** 20).toFixed(0)} MiB un-checkpointed -wal`,
    [
      { label: cp, argv: (o) => sh(`cp ${q(src)} ${q(o)} && cp ${q(src)}-wal ${q(o)}-wal && sync ${q(o)} ${q(o)}-wal`) },
      ...oursAndBefore('ours --compression none', src, ['--compression', 'none']),
      ...oursAndBefore('ours (zstd 3, default)', src, []),
      { label: 'better-sqlite3 db.backup() + fsync', argv: (o) => [NODE, path.join(BENCH_DIR, 'baseline.ts'), 'backup', src, o] },
    ],
    reps,
    cp,
  );
  clean(src, `${src}-wal`, `${src}-shm`);
}

interface Tick {
  t: number;
  n: number;
}

function rateBetween(ticks: Tick[], from: number, to: number): number {
  const at = (t: number): Tick => ticks.reduce((best, x) => (Math.abs(x.t - t) < Math.abs(best.t - t) ? x : best), ticks[0] as Tick);
  const a = at(from);
  const b = at(to);
  return b.t > a.t ? ((b.n - a.n) * 1000) / (b.t - a.t) : 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** bench/writer.ts on `work`, committing as fast as it can; its progress lines become ticks. */
function startWriter(work: string): { ticks: Tick[]; stop: () => Promise<void> } {
  const writer = spawn(NODE, [path.join(BENCH_DIR, 'writer.ts'), work], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ticks: Tick[] = [];
  let buf = '';
  writer.stdout.setEncoding('utf8');
  writer.stdout.on('data', (d: string) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const l of lines) {
      const [t, n] = l.split(' ').map(Number);
      ticks.push({ t: t as number, n: n as number });
    }
  });
  return {
    ticks,
    stop: async () => {
      writer.kill('SIGTERM');
      if (writer.exitCode === null) await new Promise((r) => writer.once('close', r));
    },
  };
}

/**
 * Every window starts from the same state: the WAL that grew while the last one pinned it is
 * checkpointed by this process, not the writer (else the writer spends the next window copying
 * hundreds of MiB of WAL into the database, and a snapshot taken then also reads them from the
 * WAL), then a second for the writer to restart its WAL from the beginning.
 */
async function settle(db: string): Promise<void> {
  const conn = new Database(db, { timeout: 10_000 });
  try {
    // busy: the writer is checkpointing it itself; wait for it rather than work beside it.
    for (let i = 0; i < 600; i++) {
      const r = (conn.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[])[0];
      if (r && r.busy === 0 && r.log === r.checkpointed) break;
      await sleep(100);
    }
  } finally {
    conn.close();
  }
  await sleep(1000);
}

/** Holds a read transaction on `db` for `ms` from another process (bench/pin-reader.ts); returns when it held it. */
async function pinFor(db: string, ms: number): Promise<{ t0: number; t1: number }> {
  const p = spawn(NODE, [path.join(BENCH_DIR, 'pin-reader.ts'), db, String(Math.round(ms))], { stdio: ['ignore', 'pipe', 'inherit'] });
  let t0 = 0;
  p.stdout.on('data', () => (t0 ||= Date.now()));
  await new Promise((r) => p.once('close', r));
  return { t0, t1: Date.now() };
}

/**
 * `watch` until its first snapshot is published (taken and verified, as every watch tick is),
 * then SIGTERM. Timed from its start to the line that reports the snapshot.
 */
function timedWatch(db: string, out: string, args: string[]): Promise<{ sample: Sample; t0: number; t1: number }> {
  const rssFile = path.join(scratch, 'rss.txt');
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const start = performance.now();
    const argv = [NODE, CLI, 'watch', db, '--store', out, '--name', 'bench', '--every', '1h', '--json', ...args];
    const p = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: benchEnv() });
    const anon = sampleAnon(p.pid as number);
    let text = '';
    let t1 = 0;
    let ms = 0;
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d: string) => {
      text += d;
      if (t1 === 0 && text.includes('"event":"snapshot"')) {
        t1 = Date.now();
        ms = performance.now() - start;
        // GNU time does not pass signals on: stop its child, the CLI.
        for (const pid of processTree(p.pid as number).slice(1)) process.kill(pid, 'SIGTERM');
      }
    });
    p.stderr.on('data', (d: Buffer) => (text += d.toString()));
    p.on('error', reject);
    p.on('close', () => {
      const anonKiB = anon();
      if (t1 === 0) {
        reject(new Error(`watch ended before its first snapshot: ${text.trim()}`));
        return;
      }
      const [rss, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
      resolve({ sample: { ms, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, rssKiB: rss ?? 0, anonKiB }, t0, t1 });
    });
  });
}

/**
 * A WAL writer commits as fast as it can while our snapshot or watch runs beside it, at the
 * default priority (low outside CI: nice 10) and at --priority normal. The writer's share: its
 * rate during ours, over its rate beside a reader that only pins the WAL for as long (its
 * checkpoints stop either way, which alone makes it commit 2-3x faster than with no reader).
 * The reference is measured on both sides of each run, each pin as long as the run it is compared
 * with, and the two averaged: on a VM whose speed drifts within seconds, one window measured
 * only before (or only after) tilts every ratio the same way, and a pin shorter than the run
 * (the first run's length is unknown) compares a small WAL with a large one.
 */
async function loadCase(db: string, kind: Variant, reps: number, idleMs: Map<string, number>): Promise<void> {
  const work = path.join(scratch, 'load.db');
  const out = path.join(scratch, 'out');
  clean(work, `${work}-wal`, `${work}-shm`);
  cpSync(db, work);
  const writer = startWriter(work);
  const group = `under load ${dbLabel(db, kind)}: a writer process commits small transactions as fast as it can`;
  const configs: { label: string; watch: boolean; args: string[]; cli: string; idle?: string }[] = [
    { label: 'snapshot (zstd 3, default: --priority low)', watch: false, args: [], cli: CLI, idle: 'ours (zstd 3, default)' },
    { label: 'snapshot --priority normal', watch: false, args: ['--priority', 'normal'], cli: CLI, idle: 'ours (zstd 3, default)' },
    { label: 'watch (zstd 3, default: --priority low), until its first snapshot is verified', watch: true, args: [], cli: CLI },
    { label: 'watch --priority normal, until its first snapshot is verified', watch: true, args: ['--priority', 'normal'], cli: CLI },
    ...(BEFORE ? [{ label: 'before: snapshot (zstd 3, default)', watch: false, args: [], cli: BEFORE, idle: 'before: ours (zstd 3, default)' }] : []),
  ];
  const pinnedRate = async (ms: number): Promise<number> => {
    await settle(work);
    const pin = await pinFor(work, ms);
    return rateBetween(writer.ticks, pin.t0, pin.t1);
  };
  try {
    // The writer's rate climbs for its first seconds (its caches and JIT warm up).
    await sleep(10_000);
    for (const c of configs) {
      const row: Row = { group, label: `${c.label} under load`, samples: [] };
      const rates: { pinned: number; during: number }[] = [];
      let lastMs: number | undefined;
      for (let r = 0; r < reps; r++) {
        clean(out);
        const before = lastMs === undefined ? undefined : await pinnedRate(lastMs);
        await settle(work);
        let run: { sample: Sample; t0: number; t1: number };
        if (c.watch) {
          run = await timedWatch(work, out, c.args);
        } else {
          const t0 = Date.now();
          const sample = await timed(ours(work, c.args, c.cli)(out));
          run = { sample, t0, t1: Date.now() };
        }
        lastMs = run.t1 - run.t0;
        const during = rateBetween(writer.ticks, run.t0, run.t1);
        const after = await pinnedRate(lastMs);
        const pinned = before === undefined ? after : (before + after) / 2;
        rates.push({ pinned, during });
        row.samples.push(run.sample);
        process.stderr.write(
          `  load ${kind} | ${c.label}: ${(run.sample.ms / 1000).toFixed(2)} s, cpu ${(run.sample.cpuMs / 1000).toFixed(2)} s, anon ${(run.sample.anonKiB / 1024).toFixed(0)} MiB; ` +
            `writer ${during.toFixed(0)} tx/s during vs ${pinned.toFixed(0)} tx/s beside a pinning reader (${before === undefined ? '' : `${before.toFixed(0)} before, `}${after.toFixed(0)} after): ${((during / pinned) * 100).toFixed(0)}%\n`,
        );
      }
      const idle = c.idle ? idleMs.get(c.idle) : undefined;
      const share = rates.map((x) => x.during / x.pinned);
      row.note =
        `writer's share ${(median(share) * 100).toFixed(0)}% (min ${(Math.min(...share) * 100).toFixed(0)}%): ` +
        `${median(rates.map((x) => x.during)).toFixed(0)} tx/s during vs ${median(rates.map((x) => x.pinned)).toFixed(0)} tx/s beside a reader pinning the WAL as long` +
        (idle ? `; time ${(median(row.samples.map((x) => x.ms)) / idle).toFixed(2)}× the same snapshot idle` : '');
      rows.push(row);
    }
  } finally {
    await writer.stop();
    clean(work, `${work}-wal`, `${work}-shm`, out);
  }
}

async function restoreCase(db: string, kind: Variant, reps: number): Promise<void> {
  const store = path.join(scratch, 'restore-store');
  clean(store);
  execFileSync(NODE, [CLI, 'snapshot', db, '--store', store, '--name', 'bench', '-q', '--priority', 'normal']);
  const gen = readdirSync(path.join(store, 'bench'))[0] as string;
  const zst = path.join(store, 'bench', gen, `${path.basename(db)}.zst`);
  await warm(zst);
  const z = 'zstd -d + fsync';
  await measure(
    `restore ${dbLabel(db, kind)} from zstd (${(statSync(zst).size / 2 ** 20).toFixed(0)} MiB stored)`,
    [
      { label: z, argv: (o) => sh(`zstd -q -d ${q(zst)} -o ${q(o)} && sync ${q(o)}`) },
      { label: 'ours restore (default --check auto: checksums; the snapshot passed quick_check)', argv: (o) => [NODE, CLI, 'restore', '--store', store, '--name', 'bench', '--to', o, '-q'] },
      { label: 'ours restore --check quick (checksums + quick_check again)', argv: (o) => [NODE, CLI, 'restore', '--store', store, '--name', 'bench', '--to', o, '--check', 'quick', '-q'] },
      ...(BEFORE
        ? [{ label: 'before: ours restore (default)', argv: (o: string) => [NODE, BEFORE as string, 'restore', '--store', store, '--name', 'bench', '--to', o, '-q'] }]
        : []),
    ],
    reps,
    z,
  );
  clean(store);
}

async function growthCase(sizes: number[], seed: number, reps: number): Promise<void> {
  for (const size of sizes) {
    const g = generate(size, seed, { log: (s) => process.stderr.write(`${s}\n`) });
    await warm(g.db);
    const store = path.join(scratch, 'growth-store');
    await measure(
      `growth ${formatSize(size)}`,
      [
        { label: 'cp + fsync', argv: (o) => sh(`cp ${q(g.db)} ${q(o)} && sync ${q(o)}`) },
        { label: 'ours (zstd 3, default)', argv: ours(g.db, []) },
        // What CI jobs and the Action run: a lane per core and one more, so the most memory.
        { label: 'ours (zstd 3) --priority normal', argv: ours(g.db, ['--priority', 'normal']) },
        { label: 'ours --compression none --check off', argv: ours(g.db, ['--compression', 'none', '--check', 'off']) },
      ],
      reps,
      'cp + fsync',
    );
    clean(store);
    execFileSync(NODE, [CLI, 'snapshot', g.db, '--store', store, '--name', 'bench', '-q']);
    await measure(
      `growth ${formatSize(size)}`,
      [{ label: 'ours restore (default)', argv: (o) => [NODE, CLI, 'restore', '--store', store, '--name', 'bench', '--to', o, '-q'] }],
      reps,
    );
    clean(store);
  }
}

// ---- report ---------------------------------------------------------------------------------

function report(header: string[]): string {
  const fmt = (ms: number): string => (ms / 1000).toFixed(2);
  const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
  const lines: string[] = [...header, ''];
  let group = '';
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      lines.push(
        '',
        `### ${group}`,
        '',
        '| method | median s | min–max s | ratio to baseline: medians (mins) | CPU s (median) | CPU ratio | peak anon MiB | peak RSS MiB | stored MiB (ratio) |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      );
    }
    const ms = r.samples.map((s) => s.ms);
    const cpu = median(r.samples.map((s) => s.cpuMs));
    const base = r.baseline ? rows.find((b) => b.group === r.group && b.label === r.baseline) : undefined;
    const bms = base?.samples.map((s) => s.ms) ?? [];
    const isBase = base === r;
    const wall = base && !isBase ? `${ratio(median(ms), median(bms))} (${ratio(Math.min(...ms), Math.min(...bms))})` : isBase ? 'baseline' : '';
    const cpuRatio = base && !isBase ? ratio(cpu, median(base.samples.map((s) => s.cpuMs))) : '';
    const bytes = r.samples[0]?.bytes;
    const baseBytes = base?.samples[0]?.bytes;
    const stored = bytes && r.group.includes('compressed') ? `${(bytes / 2 ** 20).toFixed(1)}${baseBytes && !isBase ? ` (${ratio(bytes, baseBytes)})` : ''}` : '';
    const rss = Math.max(...r.samples.map((s) => s.rssKiB)) / 1024;
    const anon = Math.max(...r.samples.map((s) => s.anonKiB)) / 1024;
    lines.push(`| ${r.label} | ${fmt(median(ms))} | ${fmt(Math.min(...ms))}–${fmt(Math.max(...ms))} | ${wall} | ${fmt(cpu)} | ${cpuRatio} | ${anon.toFixed(0)} | ${rss.toFixed(0)} | ${stored} |`);
    if (r.note) lines.push(`| ↳ ${r.note} | | | | | | | | |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  BEFORE = opts.before;
  scratch = mkdtempSync(path.join(os.tmpdir(), 'sqlite-snapshot-bench-'));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      clean(scratch);
      process.exit(130);
    });
  }
  const started = new Date();
  const header = [
    `## sqlite-snapshot benchmark, ${started.toISOString()}`,
    '',
    `command: node bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    `repetitions: ${opts.reps}; seed ${opts.seed}; databases: ${opts.dbs.join(', ')}; every output fsynced; sources in the page cache; ours run without CI set (default --priority low)`,
    ...machine(),
  ];
  process.stderr.write(header.join('\n') + '\n');
  try {
    const log = (s: string): boolean => process.stderr.write(`${s}\n`);
    for (const kind of opts.dbs) {
      const main = generate(opts.size, opts.seed, { variant: kind, log });
      await warm(main.db);
      const first = rows.length;
      if (opts.only.has('idle')) await idleCase(main.db, kind, opts.reps);
      if (opts.only.has('compressed')) await compressedCase(main.db, kind, opts.reps);
      // The WAL variant exists for the mixed database only (its writer updates that schema).
      if (opts.only.has('wal') && kind === 'mixed') {
        const w = generate(opts.size, opts.seed, { wal: true, log });
        await walCase(w.db, opts.reps);
      }
      if (opts.only.has('load')) {
        const idleMs = new Map<string, number>();
        for (const r of rows.slice(first)) {
          if (r.group.startsWith('idle') && !r.group.includes('-wal')) idleMs.set(r.label, median(r.samples.map((s) => s.ms)));
        }
        await loadCase(main.db, kind, opts.reps, idleMs);
      }
      if (opts.only.has('restore')) await restoreCase(main.db, kind, opts.reps);
    }
    if (opts.only.has('growth')) await growthCase(opts.growth, opts.seed, opts.reps);
  } finally {
    clean(scratch);
  }
  const text = report(header);
  console.log(text);
  const file = path.join(DATA_DIR, `results-${started.toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, text + '\n');
  process.stderr.write(`\nsaved to ${file}\n`);
}

await main();

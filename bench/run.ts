/**
 * The benchmark suite: our snapshot and restore against what a user would otherwise run, every
 * case measured in the same run, several repetitions, median and min–max, ratio to the baseline,
 * and the peak RSS of each process (GNU time's %M). Not part of `npm test`: it takes minutes.
 *
 *   npm run bench                              # 1 GiB cases + growth 64 MiB, 256 MiB, 1 GiB; 3 reps
 *   npm run bench -- --quick                   # 256 MiB cases, growth 64/256 MiB, 2 reps
 *   npm run bench -- --size 1GiB --growth 64MiB,256MiB --reps 5 --only idle,compressed
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
import { BENCH_DIR, DATA_DIR, formatSize, generate, parseSize } from './generate.ts';

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
}

function parseArgs(argv: string[]): Opts {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = ['--quick', '--big', '--size', '--growth', '--reps', '--seed', '--only', '--before'];
  for (const a of argv) {
    if (a.startsWith('--') && !known.includes(a)) throw new Error(`${a}: unknown flag; use ${known.join(', ')}`);
  }
  const quick = argv.includes('--quick');
  const growth = (get('growth') ?? (quick ? '64MiB,256MiB' : '64MiB,256MiB,1GiB')).split(',').map(parseSize);
  if (argv.includes('--big')) growth.push(4 * 2 ** 30);
  const only = new Set((get('only') ?? CASES.join(',')).split(',') as CaseName[]);
  for (const c of only) if (!CASES.includes(c)) throw new Error(`--only: unknown case "${c}"; use ${CASES.join(', ')}`);
  const before = get('before');
  return {
    ...(before ? { before: path.resolve(before) } : {}),
    size: parseSize(get('size') ?? (quick ? '256MiB' : '1GiB')),
    growth,
    reps: Number(get('reps') ?? (quick ? 2 : 3)),
    seed: Number(get('seed') ?? 1),
    only,
  };
}

interface Sample {
  ms: number;
  /** user + system CPU time of the process tree: steadier than wall time on a shared machine. */
  cpuMs: number;
  rssKiB: number;
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

/** Runs argv under GNU time; returns wall time measured here and the child's peak RSS. */
function timed(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  const rssFile = path.join(scratch, 'rss.txt');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) {
        reject(new Error(`${argv.join(' ')} exited with ${code}: ${err.trim()}`));
        return;
      }
      const [rss, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
      resolve({ ms, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, rssKiB: rss ?? 0 });
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
      result[i]?.samples.push(s);
      process.stderr.write(`  ${group} | ${m.label}: ${(s.ms / 1000).toFixed(2)} s, cpu ${(s.cpuMs / 1000).toFixed(2)} s, ${(s.rssKiB / 1024).toFixed(0)} MiB\n`);
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

async function idleCase(db: string, reps: number): Promise<void> {
  const cp = 'cp + fsync';
  await measure(
    `idle ${human(statSync(db).size)}, uncompressed`,
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

async function compressedCase(db: string, reps: number): Promise<void> {
  const z = 'zstd -3 + fsync';
  const rs = await measure(
    `idle ${human(statSync(db).size)}, compressed`,
    [
      { label: z, argv: (o) => sh(`zstd -q -3 ${q(db)} -o ${q(o)} && sync ${q(o)}`) },
      { label: 'zstd -3 -T0 + fsync', argv: (o) => sh(`zstd -q -3 -T0 ${q(db)} -o ${q(o)} && sync ${q(o)}`) },
      ...oursAndBefore('ours (zstd 3, default)', db, []),
      ...oursAndBefore('ours (zstd 3) --check off', db, ['--check', 'off']),
      { label: 'ours --compression gzip', argv: ours(db, ['--compression', 'gzip']) },
      { label: 'cp + zip -6 + fsync', argv: (o) => sh(`cp ${q(db)} ${q(o)} && zip -q -6 -j ${q(o)}.zip ${q(o)} && sync ${q(o)}.zip`) },
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

async function loadCase(db: string, reps: number, idleMs: Map<string, number>): Promise<void> {
  const work = path.join(scratch, 'load.db');
  clean(work, `${work}-wal`, `${work}-shm`);
  cpSync(db, work);
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
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  const group = `under load ${human(statSync(db).size)}: a writer process commits small transactions as fast as it can`;
  const configs: { label: string; args: string[]; cli: string }[] = [
    { label: 'ours (zstd 3, default)', args: [], cli: CLI },
    { label: 'ours --compression none', args: ['--compression', 'none'], cli: CLI },
    ...(BEFORE ? [{ label: 'before: ours (zstd 3, default)', args: [], cli: BEFORE }] : []),
  ];
  let lastMs = 3000;
  try {
    await sleep(1500);
    for (const c of configs) {
      const row: Row = { group, label: `${c.label} under load`, samples: [] };
      const rates: { idle: number; during: number }[] = [];
      for (let r = 0; r < reps; r++) {
        clean(path.join(scratch, 'out'));
        // The writer's own rate without a snapshot, over a window as long as the last one took,
        // measured before it: right after a snapshot the writer first checkpoints the WAL that
        // grew meanwhile, which would make "without" look slow.
        const window = Math.max(1000, lastMs);
        const w0 = Date.now();
        await sleep(window);
        const idle = rateBetween(ticks, w0, Date.now());
        const t0 = Date.now();
        const s = await timed(ours(work, c.args, c.cli)(path.join(scratch, 'out')));
        const t1 = Date.now();
        lastMs = t1 - t0;
        const during = rateBetween(ticks, t0, t1);
        // Let the writer catch up (checkpoint) before the next quiet window.
        await sleep(3000);
        rates.push({ idle, during });
        row.samples.push(s);
        process.stderr.write(`  load | ${c.label}: ${(s.ms / 1000).toFixed(2)} s, writer ${during.toFixed(0)} tx/s during vs ${idle.toFixed(0)} tx/s without\n`);
      }
      const idle = idleMs.get(c.label);
      const ratio = rates.map((x) => x.during / x.idle);
      row.note =
        `writer ${median(rates.map((x) => x.during)).toFixed(0)} tx/s during vs ${median(rates.map((x) => x.idle)).toFixed(0)} tx/s without ` +
        `(${(median(ratio) * 100).toFixed(0)}%, min ${(Math.min(...ratio) * 100).toFixed(0)}%)` +
        (idle ? `; snapshot time ${(median(row.samples.map((x) => x.ms)) / idle).toFixed(2)}× the same command idle` : '');
      rows.push(row);
    }
  } finally {
    writer.kill('SIGTERM');
    await new Promise((r) => writer.once('close', r));
    clean(work, `${work}-wal`, `${work}-shm`, path.join(scratch, 'out'));
  }
}

async function restoreCase(db: string, reps: number): Promise<void> {
  const store = path.join(scratch, 'restore-store');
  clean(store);
  execFileSync(NODE, [CLI, 'snapshot', db, '--store', store, '--name', 'bench', '-q']);
  const gen = readdirSync(path.join(store, 'bench'))[0] as string;
  const zst = path.join(store, 'bench', gen, `${path.basename(db)}.zst`);
  await warm(zst);
  const z = 'zstd -d + fsync';
  await measure(
    `restore ${human(statSync(db).size)} from zstd (${(statSync(zst).size / 2 ** 20).toFixed(0)} MiB stored)`,
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
  const lines: string[] = [...header, ''];
  let group = '';
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      lines.push('', `### ${group}`, '', '| method | median s | min–max s | ratio to baseline: medians (mins) | CPU s (median) | peak RSS MiB |', '|---|---:|---:|---:|---:|---:|');
    }
    const ms = r.samples.map((s) => s.ms);
    const base = r.baseline ? rows.find((b) => b.group === r.group && b.label === r.baseline) : undefined;
    const bms = base?.samples.map((s) => s.ms) ?? [];
    const ratio = base && base !== r ? `${(median(ms) / median(bms)).toFixed(2)}× (${(Math.min(...ms) / Math.min(...bms)).toFixed(2)}×)` : base === r ? 'baseline' : '';
    const rss = Math.max(...r.samples.map((s) => s.rssKiB)) / 1024;
    lines.push(`| ${r.label} | ${fmt(median(ms))} | ${fmt(Math.min(...ms))}–${fmt(Math.max(...ms))} | ${ratio} | ${fmt(median(r.samples.map((s) => s.cpuMs)))} | ${rss.toFixed(0)} |`);
    if (r.note) lines.push(`| ↳ ${r.note} | | | | | |`);
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
    `repetitions: ${opts.reps}; seed ${opts.seed}; every output fsynced; sources in the page cache`,
    ...machine(),
  ];
  process.stderr.write(header.join('\n') + '\n');
  try {
    const main = generate(opts.size, opts.seed, { log: (s) => process.stderr.write(`${s}\n`) });
    await warm(main.db);
    if (opts.only.has('idle')) await idleCase(main.db, opts.reps);
    if (opts.only.has('compressed')) await compressedCase(main.db, opts.reps);
    if (opts.only.has('wal')) {
      const w = generate(opts.size, opts.seed, { wal: true, log: (s) => process.stderr.write(`${s}\n`) });
      await walCase(w.db, opts.reps);
    }
    if (opts.only.has('load')) {
      const idleMs = new Map<string, number>();
      for (const r of rows) {
        if (r.group.startsWith('idle') && !r.group.includes('-wal')) idleMs.set(r.label, median(r.samples.map((s) => s.ms)));
      }
      await loadCase(main.db, opts.reps, idleMs);
    }
    if (opts.only.has('restore')) await restoreCase(main.db, opts.reps);
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

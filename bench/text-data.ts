/**
 * The text-heavy benchmark database (`node bench/generate.ts <size> --text`): what many test and
 * application databases look like, and what compresses 8× or more with `zstd -3`:
 *  - packages: registry metadata (name, version, description, keywords and dependencies as JSON,
 *              a README), unique index on (name, version);
 *  - logs:     many small rows, one JSON log line each, index on (service, at): a text index;
 *  - articles: documentation-like prose, index on title.
 * Prose is drawn from a pool of sentences with a skewed (Zipf-like) choice, as real documents
 * repeat boilerplate; words inside sentences are skewed the same way. The only incompressible
 * bytes are what such data really holds: integrity hashes, request and trace ids.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Rng } from './rng.ts';

export const TEXT_TABLES = ['packages', 'logs', 'articles'] as const;
export const TEXT_INDEXES = ['articles_title', 'logs_service_at', 'packages_name_version'] as const;

export const TEXT_SCHEMA = `
  CREATE TABLE packages(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL, description TEXT NOT NULL, license TEXT NOT NULL,
    homepage TEXT NOT NULL, keywords TEXT NOT NULL, dependencies TEXT NOT NULL, shasum TEXT NOT NULL,
    published_at TEXT NOT NULL, downloads INTEGER NOT NULL, readme TEXT NOT NULL);
  CREATE UNIQUE INDEX packages_name_version ON packages(name, version);
  CREATE TABLE logs(
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, service TEXT NOT NULL, level TEXT NOT NULL, line TEXT NOT NULL);
  CREATE INDEX logs_service_at ON logs(service, at);
  CREATE TABLE articles(
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL, updated_at TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX articles_title ON articles(title);
`;

const VOCABULARY = (
  'the of and to a in is it you that for on with as are this be by or from an can your will not use when ' +
  'data file value function option default return set new run build install package module version ' +
  'configuration error request response server client user test example support command line output ' +
  'input type string number list object array key name path directory project library api method ' +
  'call event handler stream buffer cache database query table index record field schema migration ' +
  'release update change fix feature issue bug documentation guide section note warning instead ' +
  'however also only each all any more most other some such than then there these those which ' +
  'after before during while until because since although if unless whether both either ' +
  'create read write delete open close start stop load save parse format convert check validate ' +
  'simple fast small large new old first last next previous current same different local remote ' +
  'node browser plugin extension component service endpoint token session account permission ' +
  'dependency script task job worker thread process memory disk network timeout retry limit size'
).split(' ');
const LICENSES = ['MIT', 'MIT', 'MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause', 'MPL-2.0'];
const SCOPES = ['', '', '', '@acme/', '@types/', '@internal/', '@tools/', '@ui/'];
const SERVICES = ['api', 'auth', 'billing', 'search', 'worker', 'gateway', 'scheduler', 'mailer'];
const LEVELS = ['info', 'info', 'info', 'info', 'debug', 'debug', 'warn', 'error'];
const ROUTES = ['/v1/users', '/v1/orders', '/v1/search', '/v1/sessions', '/v1/items', '/health', '/v1/invoices', '/v1/files'];
const MESSAGES = [
  'request completed',
  'request started',
  'cache miss, loading from database',
  'cache hit',
  'retrying after timeout',
  'user signed in',
  'token refreshed',
  'job finished',
  'job queued',
  'connection pool exhausted, waiting',
  'slow query',
  'validation failed',
];
const BASE_TIME = Date.UTC(2025, 0, 1);

/** Index in [0, n) with small values far more likely (1/x-like), as words and phrases are in text. */
function skewed(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(rng.next() * Math.log(n + 1)) - 1));
}

function words(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(VOCABULARY[skewed(rng, VOCABULARY.length)] as string);
  return out.join(' ');
}

function makeSentence(rng: Rng): string {
  const s = words(rng, 5 + rng.int(16));
  return s.charAt(0).toUpperCase() + s.slice(1) + (rng.int(8) === 0 ? ':' : '.');
}

function hex(rng: Rng, n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(rng.next() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, n);
}

class Prose {
  private readonly pool: string[];
  private readonly rng: Rng;
  constructor(rng: Rng) {
    this.rng = rng;
    this.pool = Array.from({ length: 2000 }, () => makeSentence(rng));
  }
  sentence(): string {
    // Mostly boilerplate from the pool, sometimes a sentence of its own.
    return this.rng.int(24) === 0 ? makeSentence(this.rng) : (this.pool[skewed(this.rng, this.pool.length)] as string);
  }
  paragraph(bytes: number): string {
    let s = '';
    while (s.length < bytes) s += this.sentence() + ' ';
    return s.trimEnd();
  }
  document(bytes: number): string {
    const parts: string[] = [];
    let n = 0;
    while (n < bytes) {
      const p = parts.length % 3 === 0 ? `## ${words(this.rng, 2 + this.rng.int(3))}\n\n` : this.paragraph(200 + this.rng.int(600)) + '\n\n';
      parts.push(p);
      n += p.length;
    }
    return parts.join('');
  }
}

interface LogTemplate {
  service: string;
  level: string;
  msg: string;
  route: string;
  status: number;
}

/** Writes rows round-robin into the three tables until the file reaches `bytes`. */
export function fillText(db: Database.Database, bytes: number, rng: Rng, pageSize: number): void {
  const prose = new Prose(rng);
  const insPackage = db.prepare(
    'INSERT INTO packages(name, version, description, license, homepage, keywords, dependencies, shasum, published_at, downloads, readme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insLog = db.prepare('INSERT INTO logs(at, service, level, line) VALUES (?, ?, ?, ?)');
  const insArticle = db.prepare('INSERT INTO articles(title, author, updated_at, body) VALUES (?, ?, ?, ?)');
  const pageCount = db.prepare('PRAGMA page_count').pluck();
  const templates: LogTemplate[] = Array.from({ length: 60 }, () => ({
    service: SERVICES[skewed(rng, SERVICES.length)] as string,
    level: LEVELS[rng.int(LEVELS.length)] as string,
    msg: MESSAGES[rng.int(MESSAGES.length)] as string,
    route: ROUTES[rng.int(ROUTES.length)] as string,
    status: [200, 200, 200, 200, 200, 200, 201, 304, 404, 500][rng.int(10)] as number,
  }));
  const names: string[] = [];
  let clock = BASE_TIME;
  let packages = 0;
  const round = db.transaction(() => {
    for (let i = 0; i < 4; i++) {
      // A package: a new name, or a new version of one seen before.
      const fresh = names.length < 50 || rng.int(3) === 0;
      const name = fresh ? `${SCOPES[rng.int(SCOPES.length)] ?? ''}${words(rng, 1 + rng.int(2)).replace(/ /g, '-')}-${packages}` : (names[rng.int(names.length)] as string);
      if (fresh) names.push(name);
      packages++;
      const deps: Record<string, string> = {};
      for (let d = rng.int(8); d > 0 && names.length > 0; d--) deps[names[skewed(rng, names.length)] as string] = `^${rng.int(5)}.${rng.int(20)}.0`;
      insPackage.run(
        name,
        `${rng.int(5)}.${rng.int(30)}.${packages}`,
        prose.sentence(),
        LICENSES[rng.int(LICENSES.length)] ?? 'MIT',
        `https://github.com/example/${name.replace(/^@/, '').replace('/', '-')}#readme`,
        JSON.stringify(Array.from({ length: 1 + rng.int(5) }, () => VOCABULARY[skewed(rng, VOCABULARY.length)])),
        JSON.stringify(deps),
        createHash('sha1').update(`${name}@${packages}`).digest('hex'),
        new Date(clock).toISOString(),
        rng.int(1_000_000),
        prose.document(400 + rng.int(3000)),
      );
      // Log lines: the rows that are many and small. A line comes from one of a few templates (an
      // application logs the same message with the same level and route again and again).
      for (let l = 0; l < 10; l++) {
        clock += skewed(rng, 1000);
        const at = new Date(clock).toISOString();
        const t = templates[skewed(rng, templates.length)] as LogTemplate;
        insLog.run(
          at,
          t.service,
          t.level,
          JSON.stringify({
            ts: at,
            level: t.level,
            service: t.service,
            msg: t.msg,
            route: t.route,
            status: t.status,
            duration_ms: skewed(rng, 2000),
            ...(t.msg.startsWith('request') ? { request_id: hex(rng, 8) } : {}),
            ...(rng.int(4) === 0 ? { user_id: 1 + rng.int(50000) } : {}),
          }),
        );
      }
      if (rng.int(3) !== 0) insArticle.run(words(rng, 3 + rng.int(5)), `author${rng.int(200)}`, new Date(clock).toISOString(), prose.document(1000 + rng.int(5000)));
    }
  });
  while (Number(pageCount.get()) * pageSize < bytes) round();
}

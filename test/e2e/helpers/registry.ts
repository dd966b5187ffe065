import { execFileSync, spawn } from 'node:child_process';
import { createPrivateKey, randomBytes, randomUUID, sign, X509Certificate } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './azurite.ts';
import { closeServers, serve } from './blob-host.ts';

/**
 * The CNCF distribution registry (Debian's docker-registry, what Docker Hub runs), started on a
 * loopback port with its storage and config in a temp directory. With `users`, it takes token
 * auth as GHCR and Docker Hub do: its config names a token service that runs here, which checks
 * basic credentials and signs a JWT with a key made for the run (openssl), whose self-signed
 * certificate is the registry's root bundle. The registry itself is real; only the token service,
 * the part each hosted registry implements its own way, is ours.
 */
export interface Registry {
  /** host:port, for oci:// URLs and docker's config. */
  host: string;
  /** http://host:port */
  url: string;
  /** Where its blobs live, to look at or damage. */
  storage: string;
  /** Token requests answered so far, by outcome. */
  tokens: { granted: number; refused: number };
  /** Runs the registry's own garbage collector (stops and restarts it, as it requires). */
  garbageCollect(): Promise<string>;
  stop(): Promise<void>;
}

export const REGISTRY_BIN = '/usr/bin/docker-registry';
const SERVICE = 'sqlite-snapshot-test-registry';
const ISSUER = 'sqlite-snapshot-test-token-service';

export async function startRegistry(opts: { users?: Record<string, string> } = {}): Promise<Registry> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'oci-registry-'));
  const storage = path.join(dir, 'storage');
  const port = await freePort();
  const tokens = { granted: 0, refused: 0 };
  let tokenServer: http.Server | undefined;
  let authConfig = '';
  if (opts.users) {
    const issuer = await makeIssuer(dir);
    const t = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
      const known = !!user && pass !== undefined && opts.users?.[user] === pass;
      if (req.headers.authorization && !known) {
        tokens.refused++;
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}');
        return;
      }
      // Known users get what they ask for; anonymous callers get nothing (a private repository).
      const access = known ? url.searchParams.getAll('scope').map(parseScope).filter((a) => a !== undefined) : [];
      tokens.granted++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: issuer.token(user ?? '', access), expires_in: 300 }));
    });
    tokenServer = t.server;
    authConfig = `auth:
  token:
    realm: ${t.url}/token
    service: ${SERVICE}
    issuer: ${ISSUER}
    rootcertbundle: ${issuer.certFile}
`;
  }
  const configFile = path.join(dir, 'config.yml');
  await fsp.writeFile(
    configFile,
    `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${storage}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:${port}
  secret: ${randomBytes(16).toString('hex')}
  # Upload locations relative to the request, so that a proxy in front keeps them.
  relativeurls: true
${authConfig}`,
  );
  let child = await launch(configFile, port);
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    storage,
    tokens,
    garbageCollect: async () => {
      await stopChild(child);
      const out = execFileSync(REGISTRY_BIN, ['garbage-collect', '--delete-untagged', configFile], { encoding: 'utf8' });
      child = await launch(configFile, port);
      return out;
    },
    stop: async () => {
      await stopChild(child);
      if (tokenServer) await closeServers(tokenServer);
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

type Child = ReturnType<typeof spawn>;

async function launch(configFile: string, port: number): Promise<Child> {
  const child = spawn(REGISTRY_BIN, ['serve', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}: ${stderr}`);
    const up = await fetch(`http://127.0.0.1:${port}/v2/`).then(() => true, () => false);
    if (up) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`docker-registry did not answer on ${port} within 20 s: ${stderr}`);
}

async function stopChild(child: Child): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

function parseScope(scope: string): Access | undefined {
  const m = /^([a-z]+):(.+):([a-z*,]+)$/.exec(scope);
  return m ? { type: m[1] as string, name: m[2] as string, actions: (m[3] as string).split(',') } : undefined;
}

/** A signing key and its self-signed certificate (the registry's rootcertbundle), and a JWT maker. */
async function makeIssuer(dir: string): Promise<{ certFile: string; token: (sub: string, access: Access[]) => string }> {
  const keyFile = path.join(dir, 'token.key');
  const certFile = path.join(dir, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=sqlite-snapshot test token issuer'], { stdio: 'ignore' });
  const key = createPrivateKey(await fsp.readFile(keyFile));
  const der = new X509Certificate(await fsp.readFile(certFile)).raw.toString('base64');
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  return {
    certFile,
    token: (sub, access) => {
      const now = Math.floor(Date.now() / 1000);
      // The registry finds the verifying key through the x5c chain, which must end at the root bundle.
      const head = b64({ alg: 'ES256', typ: 'JWT', x5c: [der] });
      const claims = b64({ iss: ISSUER, sub, aud: SERVICE, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access });
      const sig = sign('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
      return `${head}.${claims}.${sig}`;
    },
  };
}

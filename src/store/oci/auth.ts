import { SnapshotError, badInput, oneLine } from '../../engine/common/errors.ts';
import { type Credentials, type Found, PASSWORD_ENV, USERNAME_ENV, findCredentials } from './credentials.ts';
import { discard, readAll, send } from './http.ts';
import type { RegistryRef } from './reference.ts';

/** A `WWW-Authenticate` header: its scheme and parameters. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of (m[2] as string).matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params[(p[1] as string).toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme: (m[1] as string).toLowerCase(), params };
}

/**
 * Registry authorization as docker and oras do it: send anonymously; on a 401 read the
 * `WWW-Authenticate` challenge, and either answer it with basic credentials (`Basic`) or fetch a
 * token from its realm for its service and scope (`Bearer`), with the credentials as basic auth
 * when there are any (anonymous otherwise, which is enough to pull public repositories). Tokens
 * are kept and reused until the registry challenges again, for a scope they do not cover.
 */
export class Authorizer {
  private found: Found | undefined;
  private current: string | undefined;
  /** Every scope asked for so far, by resource: a new token covers them all, so calls do not flip-flop. */
  private readonly scopes = new Map<string, Set<string>>();

  private readonly ref: RegistryRef;
  private readonly env: NodeJS.ProcessEnv;

  constructor(ref: RegistryRef, env: NodeJS.ProcessEnv = process.env) {
    this.ref = ref;
    this.env = env;
  }

  /** The Authorization header to send, if any yet. */
  header(): string | undefined {
    return this.current;
  }

  /**
   * Answers a 401: afterwards header() holds new authorization. Throws when there is nothing better
   * to send. `again`: this request was already answered once; on its first 401 a token for the same
   * scopes is fetched anew, since tokens expire (after minutes) while a `watch` runs for days.
   */
  async answer(wwwAuthenticate: string | undefined, refusedStatus: number, again: boolean): Promise<void> {
    const challenge = wwwAuthenticate ? parseChallenge(wwwAuthenticate) : undefined;
    const creds = this.credentials();
    if (challenge?.scheme === 'basic') {
      if (!creds) throw this.needCredentials(refusedStatus);
      const next = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      if (next === this.current) throw this.refused(creds, `${refusedStatus}`);
      this.current = next;
      return;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params['realm']) {
      throw new SnapshotError('failed', `${this.ref.display}: the registry answered ${refusedStatus} without a usable WWW-Authenticate challenge; check that ${this.ref.host} is an OCI registry`);
    }
    const before = this.scopeText();
    for (const s of (challenge.params['scope'] ?? '').split(' ').filter(Boolean)) this.addScope(s);
    // A fresh token for exactly these scopes was refused already: asking again would get the same one.
    if (again && this.current?.startsWith('Bearer ') && before === this.scopeText()) {
      throw creds ? this.refused(creds, `${refusedStatus} with a token for ${before}`) : this.needCredentials(refusedStatus);
    }
    this.current = `Bearer ${await this.fetchToken(challenge.params['realm'], challenge.params['service'], creds)}`;
  }

  private addScope(scope: string): void {
    const at = scope.lastIndexOf(':');
    if (at <= 0) return;
    const resource = scope.slice(0, at);
    const set = this.scopes.get(resource) ?? new Set<string>();
    for (const a of scope.slice(at + 1).split(',')) if (a) set.add(a);
    this.scopes.set(resource, set);
  }

  private scopeText(): string {
    return [...this.scopes].map(([r, a]) => `${r}:${[...a].sort().join(',')}`).join(' ');
  }

  private async fetchToken(realm: string, service: string | undefined, creds: Credentials | undefined): Promise<string> {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new SnapshotError('failed', `${this.ref.display}: the registry's token realm "${realm}" is not a URL`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.ref.origin.startsWith('http:'))) {
      // Credentials go to the realm: never in clear over a network the registry itself would not use.
      throw new SnapshotError('failed', `${this.ref.display}: the registry sends for tokens to ${url.origin} over plain HTTP; refused, so that no credentials cross the network unencrypted`);
    }
    if (service) url.searchParams.set('service', service);
    for (const s of this.scopeText().split(' ').filter(Boolean)) url.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    if (creds) {
      headers['authorization'] = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      url.searchParams.set('account', creds.username);
    }
    let res;
    try {
      res = await send({ method: 'GET', url, headers });
    } catch (err) {
      throw new SnapshotError('failed', `${this.ref.display}: cannot reach the registry's token service at ${url.origin} (${oneLine(err)}); check the network`);
    }
    const status = res.statusCode ?? 0;
    if (status === 401 || status === 403) {
      discard(res);
      throw creds ? this.refused(creds, `${status} from the token service`) : this.needCredentials(status);
    }
    const text = (await readAll(res, 1 << 20)).toString('utf8');
    if (status !== 200) throw new SnapshotError('failed', `${this.ref.display}: the registry's token service answered ${status}; retry later`);
    let token: unknown;
    try {
      const reply = JSON.parse(text) as { token?: unknown; access_token?: unknown };
      token = reply.token ?? reply.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') throw new SnapshotError('failed', `${this.ref.display}: the registry's token service sent no token`);
    return token;
  }

  private credentials(): Credentials | undefined {
    this.found ??= findCredentials(this.ref.host, this.env);
    return this.found.credentials;
  }

  private needCredentials(status: number): SnapshotError {
    const note = this.found?.helperNote;
    const ghcr = this.ref.host === 'ghcr.io' ? ', or GITHUB_TOKEN' : '';
    return badInput(
      note
        ? `${this.ref.display}: the registry asks for credentials (${status}); ${note}`
        : `${this.ref.display}: the registry asks for credentials (${status}) and none were found; set ${USERNAME_ENV} and ${PASSWORD_ENV}${ghcr}, or run "docker login ${this.ref.host}"`,
    );
  }

  private refused(creds: Credentials, what: string): SnapshotError {
    return badInput(`${this.ref.display}: the registry refused the credentials from ${creds.source} (${what}); check the user name and password or token, and that it may read and write ${this.ref.repository}`);
  }
}

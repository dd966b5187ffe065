import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { badInput } from '../../engine/common/errors.ts';

export const USERNAME_ENV = 'SQLITE_SNAPSHOT_OCI_USERNAME';
export const PASSWORD_ENV = 'SQLITE_SNAPSHOT_OCI_PASSWORD';

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from, for messages ("SQLITE_SNAPSHOT_OCI_USERNAME", "~/.docker/config.json"…); never the secret. */
  source: string;
}

/** What was found for a registry: credentials, or why there are none (a credential helper we do not run). */
export interface Found {
  credentials?: Credentials;
  /** Set when docker's config files the host under a credential helper and holds nothing we can use. */
  helperNote?: string;
}

/**
 * Credentials for a registry, first found wins: our own variables (explicit, for this tool), then
 * docker's config (`docker login` and docker/login-action write it), then `GITHUB_TOKEN` for
 * ghcr.io (what a workflow has). Credential helpers are programs we do not run: a host filed only
 * under one is reported, so the user learns which variables to set instead.
 */
export function findCredentials(host: string, env: NodeJS.ProcessEnv = process.env): Found {
  const user = env[USERNAME_ENV];
  const pass = env[PASSWORD_ENV];
  if (user !== undefined || pass !== undefined) {
    if (!user || !pass) throw badInput(`${USERNAME_ENV} and ${PASSWORD_ENV}: set both (the password may be a token), or neither`);
    return { credentials: { username: user, password: pass, source: USERNAME_ENV } };
  }
  const docker = fromDockerConfig(host, env);
  if (docker.credentials) return docker;
  const token = env['GITHUB_TOKEN'];
  if (host === 'ghcr.io' && token) {
    // GHCR takes any user name with a token; the actor's is what GitHub's own docs use.
    return { credentials: { username: env['GITHUB_ACTOR'] || 'sqlite-snapshot', password: token, source: 'GITHUB_TOKEN' } };
  }
  return docker;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

function fromDockerConfig(host: string, env: NodeJS.ProcessEnv): Found {
  const dir = env['DOCKER_CONFIG'] || path.join(env['HOME'] || os.homedir(), '.docker');
  const file = path.join(dir, 'config.json');
  const shown = env['DOCKER_CONFIG'] ? file : '~/.docker/config.json';
  let config: DockerConfig;
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as DockerConfig;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw badInput(`${shown}: cannot be read as JSON (${(err as Error).name}); fix or remove it, or set ${USERNAME_ENV} and ${PASSWORD_ENV}`);
  }
  const keys = Object.keys(config.auths ?? {});
  const key = keys.find((k) => authKeyHost(k) === host) ?? (isDockerHub(host) ? keys.find((k) => isDockerHub(authKeyHost(k))) : undefined);
  const entry = key ? config.auths?.[key] : undefined;
  if (entry) {
    if (entry.auth) {
      const text = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = text.indexOf(':');
      if (colon > 0) return { credentials: { username: text.slice(0, colon), password: text.slice(colon + 1), source: shown } };
    }
    if (entry.username && entry.password) return { credentials: { username: entry.username, password: entry.password, source: shown } };
  }
  const helper = config.credHelpers?.[host] ?? config.credsStore;
  if (helper) {
    return { helperNote: `${shown} keeps the credentials for ${host} in the credential helper "docker-credential-${helper}", which sqlite-snapshot does not run; set ${USERNAME_ENV} and ${PASSWORD_ENV} instead` };
  }
  return {};
}

/** `auths` keys are host names, host:port, or URLs (`https://index.docker.io/v1/`). */
function authKeyHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}

function isDockerHub(host: string): boolean {
  return host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io';
}

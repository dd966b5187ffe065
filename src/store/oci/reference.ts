import { isIP } from 'node:net';
import { badInput } from '../../engine/common/errors.ts';

/** The environment variable that allows plain HTTP to a registry that is not on a loopback address. */
export const PLAIN_HTTP_ENV = 'SQLITE_SNAPSHOT_OCI_PLAIN_HTTP';

/** Where an `oci://host[:port]/repository` store lives. */
export interface RegistryRef {
  /** host[:port] as the user wrote it (lower-cased): what credentials are filed under. */
  host: string;
  /** The origin the distribution API is served from (`https://…`, or `http://…` when allowed). */
  origin: string;
  repository: string;
  /** The URL as a user would recognise it, for messages: never holds credentials. */
  display: string;
}

/** Docker Hub's names: its API is served from another host than the one people write. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The distribution spec's repository name grammar: lower-case path components. */
const REPOSITORY_RE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

export function parseRegistryRef(url: URL, inputName = '--store', env: NodeJS.ProcessEnv = process.env): RegistryRef {
  const example = `${inputName} oci://ghcr.io/owner/snapshots`;
  if (url.username || url.password) {
    throw badInput(`${inputName}: an oci:// URL must not hold credentials; remove them and set SQLITE_SNAPSHOT_OCI_USERNAME and SQLITE_SNAPSHOT_OCI_PASSWORD, or run "docker login ${url.host}"`);
  }
  if (url.search || url.hash) throw badInput(`${inputName}: an oci:// URL takes no "?" or "#" part; give oci://host[:port]/repository, for example ${example}`);
  if (!url.host) throw badInput(`${inputName}: the oci:// URL names no registry; give oci://host[:port]/repository, for example ${example}`);
  const repository = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  if (repository === '') throw badInput(`${inputName}: the oci:// URL names no repository; give oci://host[:port]/repository, for example ${example}`);
  if (repository.length > 255 || !REPOSITORY_RE.test(repository)) {
    throw badInput(`${inputName}: "${repository}" is not a valid repository name; use lower-case letters, digits, ".", "_", "-" and "/" (for example owner/snapshots)`);
  }
  const host = url.host.toLowerCase();
  const apiHost = DOCKER_HUB.has(url.hostname.toLowerCase()) ? 'registry-1.docker.io' : host;
  const plain = isLoopback(url.hostname) || /^(1|true|yes)$/i.test(env[PLAIN_HTTP_ENV] ?? '');
  return { host, origin: `${plain ? 'http' : 'https'}://${apiHost}`, repository, display: `oci://${host}/${repository}` };
}

/** Plain HTTP is safe only where no network is crossed. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1';
}
